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

/** A regenerated data sector: sync, BCD MSF header, mode, 2336 × fill. */
function regenerated(lba: number, mode: number, fill: number): Uint8Array {
  const s = new Uint8Array(2352).fill(fill);
  s.set([0, ...new Array(10).fill(0xff), 0]);
  const a = lba + 150, bcd = (v: number) => ((v / 10) | 0) * 16 + (v % 10);
  s.set([bcd(Math.floor(a / 4500)), bcd(Math.floor(a / 75) % 60), bcd(a % 75), mode], 12);
  return s;
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
    for (let l = 249; l <= 253; l++) want.set(regenerated(l, 1, 0x55), l * 2352);
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
