// Copyright 2026 the sectorkit authors. MIT license.
// Offset shift correction together with protected ranges and track mode detection: generated
// dump sets whose write offset changes part way through the data track.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { createPlatform } from "../../ffi/mod.ts";
import type { DiscSpec } from "../../lib/cd/disc/disc_spec.ts";
import type { SynthesizedDisc } from "../../lib/cd/disc/synthesize.ts";
import { runSplit, type SplitOptions, type SplitResult } from "../../lib/cd/split/run_split.ts";
import { authored, writeDumpSet } from "../helpers/dump_set.ts";
import type { Layout } from "../../lib/cd/split/layout.ts";
import { planFiles, type PlannedFile } from "../../lib/cd/split/track_plan.ts";
import { patchPvdToCdi, regeneratedSector } from "../helpers/scram_patch.ts";

const platform = createPlatform();

type Split = (extra?: Partial<SplitOptions>) => Promise<SplitResult>;

/** Writes the dump set and hands a function running split on it (replacing earlier output). */
async function withDump(
  spec: DiscSpec,
  fn: (split: Split, dir: string, disc: SynthesizedDisc) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "sectorkit-split-shift-prot-" });
  try {
    const disc = await writeDumpSet(spec, dir, "disc");
    const split: Split = (extra = {}) =>
      runSplit(
        { imagePath: dir, imageName: "disc", writeLog: false, overwrite: true, ...extra },
        platform,
      );
    await fn(split, dir, disc);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Indices of the 2352-byte sectors that differ. */
function differingSectors(a: Uint8Array, b: Uint8Array): number[] {
  assert.equal(a.length, b.length);
  const out: number[] = [];
  for (let o = 0; o < a.length; o += 2352) {
    if (Buffer.compare(a.subarray(o, o + 2352), b.subarray(o, o + 2352)) !== 0) out.push(o / 2352);
  }
  return out;
}

/**
 * SafeDisc (00000001.TMP, gap 40-319) with C2 damage on LBA 250-252, written after the offset
 * changed from +12 to +1500 at LBA 200. Protection is found at track 1's offset (+12) on the
 * original image: the damaged samples there are LBA 252-255 (C2: 4).
 */
const shiftedSafeDisc: DiscSpec = {
  seed: 61,
  writeOffset: 12,
  writeOffsetShifts: [{ lba: 200, offset: 1500 }],
  leadOutLength: 60,
  tracks: [{
    type: "mode1",
    length: 400,
    volumeId: "SAFESHIFT",
    isoFiles: [{ name: "00000001.TMP", lba: 30, size: 10 * 2048 }, {
      name: "GAME.EXE",
      lba: 320,
      size: 20 * 2048,
    }],
  }, { type: "audio", length: 100 }],
  damage: { c2: [250, 251, 252] },
};

Deno.test("runSplit() --correct-offset-shift tests SafeDisc's protected samples at each sector's own offset", async () => {
  await withDump(shiftedSafeDisc, async (split, dir, disc) => {
    const r = await split({ correctOffsetShift: true });
    assert.deepEqual(r.writeOffsets, [[-150, 12], [200, 1500]]);
    assert.deepEqual(r.protection, ["SafeDisc 00000001.TMP, C2: 4, gap range: 40-319"]);
    assert.ok(!r.log.some((l) => l.startsWith("errors detected")));
    // redumper's sector_is_protected: LBA 249 and 253 at +1500 overlap the range found at +12.
    assert.deepEqual(r.tracks[0].generatedSectors, [249, 250, 251, 252, 253]);
    const t1 = await Deno.readFile(`${dir}/disc (Track 1).bin`);
    const want = authored(disc, 0, 400);
    for (let l = 249; l <= 253; l++) want.set(regeneratedSector(l, 1, 0x55), l * 2352);
    assert.deepEqual(differingSectors(t1, want), [], "Track 1 = authored + regenerated 249-253");
    // Kept as read: only the damaged sectors differ from the authored ones.
    const u = await split({ correctOffsetShift: true, leaveUnchanged: true });
    assert.deepEqual(u.tracks[0].generatedSectors, []);
    const kept = await Deno.readFile(`${dir}/disc (Track 1).bin`);
    assert.deepEqual(differingSectors(kept, authored(disc, 0, 400)), [250, 251, 252]);
  });
});

Deno.test("runSplit() without --correct-offset-shift keeps protected sectors at the single offset", async () => {
  await withDump(shiftedSafeDisc, async (split) => {
    const r = await split();
    assert.deepEqual(r.writeOffsets, [[0, 12]]);
    // One offset (+12): the protected sectors are the ones detected, LBA 252-255.
    assert.deepEqual(r.tracks[0].generatedSectors, [252, 253, 254, 255]);
  });
});

/** Mode 1 + Mode 1 + audio; with `shift`, the write offset changes from +12 to +300 at LBA 350,
 * track 2's index 1. */
function twoDataTracks(shift: boolean): DiscSpec {
  return {
    seed: 62,
    writeOffset: 12,
    writeOffsetShifts: shift ? [{ lba: 350, offset: 300 }] : undefined,
    leadOutLength: 60,
    tracks: [
      { type: "mode1", length: 200, volumeId: "MODES" },
      { type: "mode1", length: 150 },
      { type: "audio", length: 50 },
    ],
  };
}

/**
 * Makes LBA 350 (read at `offset`) a transitional sector: two sync bytes and the header minute
 * wrong, and the mode byte turned from 1 into 2 (XOR keeps it scrambled).
 */
async function damageSector350(dir: string, offset: number): Promise<void> {
  const f = await Deno.open(`${dir}/disc.scram`, { read: true, write: true });
  try {
    const at = (350 + 45150) * 2352 + offset * 4;
    const b = new Uint8Array(16);
    await f.seek(at, Deno.SeekMode.Start);
    await f.read(b);
    b[1] = 0, b[2] = 0, b[12] ^= 0x40, b[15] ^= 3;
    await f.seek(at, Deno.SeekMode.Start);
    await f.write(b);
  } finally {
    f.close();
  }
}

Deno.test("runSplit() --correct-offset-shift takes track modes by plain XOR, like its data sectors", async () => {
  await withDump(twoDataTracks(true), async (split, dir) => {
    await damageSector350(dir, 300);
    const r = await split({ correctOffsetShift: true });
    // The transitional sector (sync off by 2 bytes) belongs to the later offset.
    assert.deepEqual(r.writeOffsets, [[-150, 12], [350, 300]]);
    // redumper's fill_track_modes with a variable offset: no acceptance test, the first sector
    // from index 1 on decides (mode byte 2).
    assert.match(r.cue, /TRACK 01 MODE1\/2352\n/);
    assert.match(r.cue, /TRACK 02 MODE2\/2352\n/);
    assert.ok(!r.warnings.some((w) => w.startsWith("warning: descramble failed")));
  });
});

Deno.test("runSplit() with one offset skips a sector failing the acceptance rule when taking the mode (control)", async () => {
  await withDump(twoDataTracks(false), async (split, dir) => {
    await damageSector350(dir, 12);
    const r = await split();
    assert.deepEqual(r.writeOffsets, [[-150, 12]]);
    assert.match(r.cue, /TRACK 02 MODE1\/2352\n/);
    assert.ok(r.warnings.includes("warning: descramble failed (LBA: 350)"));
  });
});

Deno.test("runSplit() types a data track with no decodable sector MODE0/2352 (redumper's initial mode)", async () => {
  const spec = twoDataTracks(false);
  const unreadable: number[] = [];
  for (let l = 200; l < 350 + 150; l++) unreadable.push(l);
  await withDump({ ...spec, damage: { unreadable } }, async (split, dir) => {
    await assert.rejects(() => split(), /track 2 LBA 200-499/);
    const r = await split({ forceSplit: true });
    assert.match(r.cue, /TRACK 02 MODE0\/2352\n/);
    // Regenerated with mode 0 in the header.
    const t2 = await Deno.readFile(`${dir}/disc (Track 2).bin`);
    assert.deepEqual([t2[15], t2[16], t2[2351]], [0, 0x55, 0x55]);
    assert.equal(r.tracks[1].generatedSectors.length, 300);
  });
});

Deno.test("runSplit() --correct-offset-shift looks for the CD-i label at index 1's offset, as redumper's reader", async () => {
  const spec: DiscSpec = {
    seed: 64,
    writeOffset: 12,
    writeOffsetShifts: [{ lba: 10, offset: 300 }],
    leadOutLength: 60,
    tracks: [{ type: "mode2form1", length: 200, volumeId: "CDI" }],
  };
  await withDump(spec, async (split, dir) => {
    // "CD001" → "CD-I " in the PVD where it lies (LBA 16, after the shift: offset +300).
    await patchPvdToCdi(`${dir}/disc.scram`, 300);
    const r = await split({ correctOffsetShift: true });
    assert.deepEqual(r.writeOffsets, [[-150, 12], [10, 300]]);
    // redumper reads the descriptors at index 1's offset (+12) for the whole track: no sync there
    // at LBA 16, so no CD-i; the mode comes from the sectors (Mode 2).
    assert.match(r.cue, /TRACK 01 MODE2\/2352\n/);
  });
});

Deno.test("planFiles() starts Track 0 at the first non-zero sample read at the lead-in's own offset", () => {
  const layout: Layout = {
    mcn: null,
    sessions: [{
      number: 1,
      tracks: [{
        number: 1,
        session: 1,
        control: 4,
        start: -150,
        indices: [0],
        end: 300,
        isrc: null,
      }],
      leadOutStart: 300,
      leadOutEnd: 360,
      leadOutControl: 4,
    }],
  };
  // Non-zero data from LBA −160 written at +12; the offset at LBA 0 is +300.
  const range: [number, number] = [-160 * 588 + 12, 300 * 588 + 300];
  const t0 = (files: PlannedFile[]): [number, number] => {
    const f = files.find((f) => f.track === 0)!;
    return [f.start, f.end];
  };
  assert.deepEqual(t0(planFiles(layout, "x", 300, range, 12)), [-160, 0]);
  assert.deepEqual(t0(planFiles(layout, "x", 300, range)), [-161, 0]);
});
