// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import { createPlatform } from "../../ffi/mod.ts";
import type { DiscSpec } from "../../lib/cd/disc/disc_spec.ts";
import { runSplit, type SplitOptions, type SplitResult } from "../../lib/cd/split/run_split.ts";
import { authored, expectedRanges, writeDumpSet } from "../helpers/dump_set.ts";
import { CD_SYNC } from "../../lib/cd/constants.ts";
import { recordOffset } from "../../lib/cd/split/analyze.ts";
import {
  byteOffsetByMagic,
  JAGUAR_MAGIC,
  VIDEONOW_MAGIC,
} from "../../lib/cd/split/magic_offset.ts";
import {
  normalizeOffsetRecords,
  offsetAt,
  relocateImage,
} from "../../lib/cd/split/offset_shift.ts";
import { SCRAM_SAMPLE_BASE } from "../../lib/cd/split/scram_image.ts";
import { EXAMPLES_DIR, examplesAvailable, unpackExample } from "../helpers/cd_examples.ts";
import { runMain } from "../helpers/run_main.ts";

const platform = createPlatform();

interface Outcome {
  r: SplitResult;
  /** Per CUE track: whether the file equals the authored sectors. */
  exact: boolean[];
  /** Per CUE track: authored LBAs whose sector differs. */
  differing: number[][];
}

/** Generates the dump set, splits it and compares every CUE track with the authored sectors. */
async function split(spec: DiscSpec, extra: Partial<SplitOptions> = {}): Promise<Outcome> {
  const dir = await Deno.makeTempDir({ prefix: "sectorkit-split-offsets-" });
  try {
    const disc = await writeDumpSet(spec, dir, "disc");
    const r = await runSplit(
      { imagePath: dir, imageName: "disc", writeLog: false, ...extra },
      platform,
    );
    const inCue = r.tracks.filter((t) => t.inCue);
    const ranges = expectedRanges(disc);
    assert.equal(inCue.length, ranges.length);
    const exact: boolean[] = [], differing: number[][] = [];
    for (const [i, e] of ranges.entries()) {
      const got = await Deno.readFile(`${dir}/${inCue[i].name}`);
      const want = authored(disc, e.a, e.b);
      assert.equal(inCue[i].lbaStart, e.a, `track ${e.track} start`);
      assert.equal(got.length, want.length, `track ${e.track} size`);
      exact.push(Buffer.compare(got, want) === 0);
      const bad: number[] = [];
      for (let l = e.a; l < e.b; l++) {
        const o = (l - e.a) * 2352;
        if (Buffer.compare(got.subarray(o, o + 2352), want.subarray(o, o + 2352)) !== 0) {
          bad.push(l);
        }
      }
      differing.push(bad);
    }
    return { r, exact, differing };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Index of the first log line starting with `prefix` (asserting there is one). */
function lineAt(log: string[], prefix: string): number {
  const i = log.findIndex((l) => l.startsWith(prefix));
  assert.ok(i >= 0, `log has "${prefix}"`);
  return i;
}

function jaguar(writeOffset: number, header = true): DiscSpec {
  return {
    seed: 40,
    writeOffset,
    leadOutLength: 60,
    sessions: [
      // A non-silent pregap: no Perfect Audio Offset to fall back on.
      {
        tracks: [{ type: "audio", length: 120 }, { type: "audio", length: 100, pregapAudio: true }],
      },
      {
        tracks: [
          { type: "audio", length: 100, header: header ? "jaguar" : undefined },
          { type: "audio", length: 80, pregapAudio: true },
        ],
      },
    ],
  };
}

for (const offset of [-123, 489]) {
  Deno.test(`runSplit() finds an Atari Jaguar disc's write offset ${offset} from TAIRTAIR`, async () => {
    const { r, exact } = await split(jaguar(offset));
    assert.equal(r.offsetMethod, "jaguar");
    assert.equal(r.writeOffset, offset);
    assert.deepEqual(exact, [true, true, true, true]);
    const at = lineAt(r.log, "Atari Jaguar disc detected");
    assert.ok(at > lineAt(r.log, "non-zero data sample range"), "logged after the ranges");
    assert.equal(lineAt(r.log, "disc write offset: "), at + 1);
    assert.equal(r.log[at + 1], `disc write offset: ${offset > 0 ? "+" : ""}${offset}`);
    assert.ok(r.cue.includes("REM SESSION 02"));
  });
}

Deno.test("runSplit() without the Jaguar header does not find that offset (control)", async () => {
  const { r, exact } = await split(jaguar(-123, false));
  assert.notEqual(r.offsetMethod, "jaguar");
  assert.notEqual(r.writeOffset, -123);
  assert.ok(!r.log.includes("Atari Jaguar disc detected"));
  assert.ok(exact.includes(false));
});

Deno.test("runSplit() --force-offset wins over the Jaguar header", async () => {
  const { r } = await split(jaguar(-123), { forceOffset: 7 });
  assert.equal(r.offsetMethod, "forced");
  assert.equal(r.writeOffset, 7);
  assert.ok(!r.log.includes("Atari Jaguar disc detected"));
});

function videoNow(writeOffset: number, header: "videonow" | "videonow-color"): DiscSpec {
  return {
    seed: 41,
    writeOffset,
    leadOutLength: 60,
    tracks: [
      { type: "audio", length: 150, header },
      { type: "audio", length: 100, pregapAudio: true },
    ],
  };
}

Deno.test("runSplit() finds a VideoNow disc's write offset +345 from its magic", async () => {
  const { r, exact } = await split(videoNow(345, "videonow"));
  assert.equal(r.offsetMethod, "videonow");
  assert.equal(r.writeOffset, 345);
  assert.deepEqual(exact, [true, true]);
  const at = lineAt(r.log, "VideoNow disc detected");
  assert.equal(r.log[at + 1], "disc write offset: +345");
});

Deno.test("runSplit() finds a VideoNow Color disc's write offset -701 from its magic", async () => {
  const { r, exact } = await split(videoNow(-701, "videonow-color"));
  assert.equal(r.offsetMethod, "videonow-color");
  assert.equal(r.writeOffset, -701);
  assert.deepEqual(exact, [true, true]);
  assert.ok(r.log.includes("VideoNow Color (Color / Jr. / XP / Color FX) disc detected"));
});

/** Mode 1 + audio; from LBA 200 the write offset changes from +12 to `to`. */
function shifting(to: number): DiscSpec {
  return {
    seed: 42,
    writeOffset: 12,
    writeOffsetShifts: [{ lba: 200, offset: to }],
    leadOutLength: 60,
    tracks: [{ type: "mode1", length: 350, volumeId: "SHIFT" }, { type: "audio", length: 100 }],
  };
}

const SHIFT_WARNING = "warning: offset shift detected, to apply correction please use an option";

Deno.test("runSplit() warns about an offset shift and uses the offset at LBA 0 by default", async () => {
  const { r, exact, differing } = await split(shifting(300));
  assert.equal(r.writeOffset, 12);
  assert.deepEqual(r.writeOffsets, [[0, 12]]);
  assert.equal(r.log[lineAt(r.log, SHIFT_WARNING) + 1], "disc write offset: +12");
  assert.ok(!r.log.some((l) => l.startsWith("offset shift correction applied")));
  assert.deepEqual(exact, [false, false]);
  assert.equal(differing[0][0], 200, "track 1 is right up to the shift");
});

Deno.test("runSplit() --correct-offset-shift reads each range with its own offset", async () => {
  const { r, exact } = await split(shifting(300), { correctOffsetShift: true });
  assert.deepEqual(exact, [true, true]);
  assert.equal(r.writeOffset, 12);
  assert.deepEqual(r.writeOffsets, [[-150, 12], [200, 300]]);
  assert.ok(!r.log.includes(SHIFT_WARNING));
  const at = lineAt(r.log, "disc write offset: +12");
  assert.deepEqual(r.log.slice(at + 1, at + 6), [
    "",
    "offset shift correction applied: ",
    "  LBA:   -150, offset: +12",
    "  LBA:    200, offset: +300",
    "",
  ]);
  assert.deepEqual(r.tracks[0].edcErrors, []);
});

Deno.test("runSplit() --correct-offset-shift with a smaller later offset loses only the overwritten sector", async () => {
  const { r, differing } = await split(shifting(-40), { correctOffsetShift: true });
  assert.deepEqual(r.writeOffsets, [[-150, 12], [200, -40]]);
  assert.deepEqual(differing, [[199], []]);
});

Deno.test("runSplit() --offset-shift-relocate keeps offsets whole sectors apart separate", async () => {
  // +12 → +1188: the same sample alignment, LBAs two sectors later (relocated data).
  const merged = await split(shifting(1188));
  assert.deepEqual(merged.r.writeOffsets, [[-150, 12]]);
  assert.ok(!merged.r.log.includes(SHIFT_WARNING), "merged by default: no shift seen");
  assert.equal(merged.differing[0][0], 200);
  const warned = await split(shifting(1188), { offsetShiftRelocate: true });
  assert.ok(warned.r.log.includes(SHIFT_WARNING));
  const fixed = await split(shifting(1188), {
    offsetShiftRelocate: true,
    correctOffsetShift: true,
  });
  assert.deepEqual(fixed.r.writeOffsets, [[-150, 12], [200, 1188]]);
  assert.deepEqual(fixed.exact, [true, true]);
});

Deno.test("byteOffsetByMagic() finds the first match and refuses ranges with C2 or missing samples", () => {
  const n = 4 * 588;
  const data = new Uint8Array(n * 4);
  const l0 = SCRAM_SAMPLE_BASE / 588; // the file's first LBA
  data.set(JAGUAR_MAGIC, 2352 + 4 * 10 + 2);
  data.set(JAGUAR_MAGIC, 2352 + 4 * 100 + 2);
  const state = new Uint8Array(n).fill(4);
  const img = { data, state, samples: n };
  assert.equal(byteOffsetByMagic(img, l0, l0 + 2, JAGUAR_MAGIC), 2352 + 42);
  assert.equal(byteOffsetByMagic(img, l0 + 1, l0 + 2, JAGUAR_MAGIC), 42);
  assert.equal(byteOffsetByMagic(img, l0 + 2, l0 + 2, JAGUAR_MAGIC), null, "empty range");
  assert.equal(byteOffsetByMagic(img, l0, l0 + 2, VIDEONOW_MAGIC), null);
  assert.equal(byteOffsetByMagic(img, l0 + 3, l0 + 5, JAGUAR_MAGIC), null, "beyond the file");
  const c2 = { data, state: state.slice(), samples: n };
  c2.state[1000] = 1; // C2 anywhere in the range
  assert.equal(byteOffsetByMagic(c2, l0, l0 + 2, JAGUAR_MAGIC), null);
});

Deno.test("normalizeOffsetRecords() joins gaps, drops false syncs, merges by rule and takes transitional sectors", () => {
  const img = { data: new Uint8Array(0), state: new Uint8Array(0), samples: 0 };
  // A damaged sector (LBA 50) splits the first run; a false sync; then +12 → +1188.
  const recs = [
    { lba: 0, count: 50, sample: 12 },
    { lba: 51, count: 49, sample: 51 * 588 + 12 },
    { lba: 7, count: 1, sample: 123456 },
    { lba: 100, count: 50, sample: 100 * 588 + 1188 },
  ];
  assert.deepEqual(normalizeOffsetRecords(img, recs).map((r) => [r.lba, recordOffset(r)]), [
    [0, 12],
  ]);
  assert.deepEqual(
    normalizeOffsetRecords(img, recs, { relocate: true }).map((r) => [r.lba, recordOffset(r)]),
    [[0, 12], [100, 1188]],
  );
  // Transitional sectors: the two sectors before the +300 run whose syncs (read at +300) differ
  // by ≤ 2 bytes join it; the third (3 bytes off) stops the search. LBAs near the file start keep
  // the image small.
  const l0 = -45100;
  const n = 200 * 588;
  const data = new Uint8Array(n * 4), state = new Uint8Array(n).fill(4);
  const pos = (lba: number): number => (lba * 588 + 300 - SCRAM_SAMPLE_BASE) * 4;
  for (const [k, broken] of [[99, 1], [98, 2], [97, 3]]) {
    const s = CD_SYNC.slice();
    for (let i = 0; i < broken; i++) s[i + 1] ^= 0x10;
    data.set(s, pos(l0 + k));
  }
  const out = normalizeOffsetRecords({ data, state, samples: n }, [
    { lba: l0, count: 40, sample: l0 * 588 + 12 },
    { lba: l0 + 100, count: 50, sample: (l0 + 100) * 588 + 300 },
  ]);
  assert.deepEqual(out.map((r) => [r.lba - l0, recordOffset(r)]), [[0, 12], [98, 300]]);
});

Deno.test("relocateImage() moves each range to the base offset and marks uncovered samples missing", () => {
  const n = 10 * 588;
  const data = new Uint8Array(n * 4), state = new Uint8Array(n).fill(4);
  for (let i = 0; i < n; i++) data[i * 4] = i & 0xff, data[i * 4 + 1] = i >> 8;
  const img = { data, state, samples: n };
  const lba0 = SCRAM_SAMPLE_BASE / 588; // the file's first LBA
  const out = relocateImage(img, [[lba0, 0], [lba0 + 5, 7]], 0);
  const sampleAt = (o: ScramImageLike, i: number): number =>
    o.data[i * 4] | (o.data[i * 4 + 1] << 8);
  assert.equal(sampleAt(out, 5 * 588 - 1), 5 * 588 - 1, "first range unchanged");
  assert.equal(sampleAt(out, 5 * 588), 5 * 588 + 7, "second range taken 7 samples later");
  assert.equal(out.state[n - 1], 0, "past the file: missing");
  assert.equal(out.state[n - 8], 4);
  assert.equal(offsetAt([[lba0, 0], [lba0 + 5, 7]], lba0 + 4), 0);
});

interface ScramImageLike {
  data: Uint8Array;
}

const cli = runMain;

function sha1(b: Uint8Array): string {
  return createHash("sha1").update(b).digest("hex");
}

Deno.test("sectorkit split and disc (virtual drive) pass --correct-offset-shift / --offset-shift-relocate", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sectorkit-split-offsets-cli-" });
  try {
    const spec = shifting(1188);
    const disc = await writeDumpSet(spec, dir, "gen");
    const want = expectedRanges(disc).map((e) => sha1(authored(disc, e.a, e.b)));
    const s = await cli([
      "split",
      "--image-path",
      dir,
      "--image-name",
      "gen",
      "--correct-offset-shift",
      "--offset-shift-relocate",
      "--json",
    ]);
    assert.equal(s.code, 0, s.err);
    const sr = JSON.parse(s.out);
    assert.deepEqual(sr.writeOffsets, [[-150, 12], [200, 1188]]);
    assert.deepEqual(sr.tracks.map((t: { sha1: string }) => t.sha1), want);
    // The same disc dumped through the virtual drive by `disc`, which hands the options to split.
    await Deno.writeTextFile(`${dir}/shift.json`, JSON.stringify(spec));
    const d = await cli([
      "disc",
      "--drive",
      `virtual:${dir}/shift.json`,
      "--image-path",
      dir,
      "--image-name",
      "dumped",
      "--correct-offset-shift",
      "--offset-shift-relocate",
      "--json",
    ]);
    assert.equal(d.code, 0, d.err);
    const dr = JSON.parse(d.out);
    assert.equal(dr.split.writeOffset, 12);
    assert.deepEqual(dr.split.tracks.map((t: { sha1: string }) => t.sha1), want);
    const log = await Deno.readTextFile(`${dir}/dumped.log`);
    // (The virtual PLEXTOR reads from LBA −75.)
    assert.match(
      log,
      /offset shift correction applied: \n {2}LBA: {4}-75, offset: \+12\n {2}LBA: {4}200, offset: \+1188\n/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "runSplit() logs the data-disc offset block of example_damaged as redumper does",
  ignore: !examplesAvailable(),
  async fn() {
    // A C2-damaged sector inside the data run: redumper's record spans it (count 949).
    const name = "example_damaged";
    const dir = await unpackExample(name);
    try {
      const lines: string[] = [];
      await assert.rejects(() =>
        runSplit(
          { imagePath: dir, imageName: name, writeLog: false, onLog: (l) => lines.push(l) },
          platform,
        )
      );
      const redumper = Deno.readTextFileSync(new URL(`${name}/redumper.log`, EXAMPLES_DIR))
        .split("\n");
      const block = (l: string[]): string[] => {
        const a = lineAt(l, "data disc detected");
        return l.slice(a, l.indexOf("", a) + 1);
      };
      assert.deepEqual(block(lines), block(redumper));
      assert.equal(block(lines).length, 3);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("runSplit() logs the fallback offset as redumper does", async () => {
  // Non-silent pregap, no data, no magic: nothing finds an offset.
  const { r } = await split({
    seed: 43,
    leadOutLength: 0,
    tracks: [{ type: "audio", length: 100 }, { type: "audio", length: 100, pregapAudio: true }],
  });
  assert.equal(r.offsetMethod, "fallback");
  assert.equal(r.log[lineAt(r.log, "fallback offset 0 applied") + 1], "disc write offset: +0");
});
