// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { edc } from "../../lib/cd/edc.ts";
import { edcWords } from "../../lib/cd/split/sector_verify.ts";
import { buildCue, trackFileName } from "../../lib/cd/split/cue.ts";
import { parseCueSheet } from "../../lib/cd/hash/cue_sheet.ts";
import { accurateRipDiscId, AccurateRipSummer } from "../../lib/cd/info/accuraterip.ts";
import { parseSystemCnf } from "../../lib/cd/info/track_info.ts";
import { formatLbaRuns } from "../../lib/cd/split/run_split.ts";
import { RunLog } from "../../lib/cd/run_log.ts";
import { extractQ } from "../../lib/cd/split/subq.ts";
import { descrambleCopy, descrambleWords } from "../../lib/cd/split/scram_image.ts";
import { buildDataSector } from "../../lib/cd/sector.ts";
import { scramble } from "../../lib/cd/scrambler.ts";

Deno.test("edcWords() equals the byte-wise EDC over a whole Mode 1 range", () => {
  const b = new Uint8Array(2352).map((_, i) => (i * 131 + 7) & 0xff);
  assert.equal(edcWords(new Uint32Array(b.buffer), 0, 516), edc(b, 0, 2064));
});

Deno.test("trackFileName() pads to the highest track number and names Track 0/AA", () => {
  assert.equal(trackFileName("x", 1, 9), "x (Track 1).bin");
  assert.equal(trackFileName("x", 1, 10), "x (Track 01).bin");
  assert.equal(trackFileName("x", 0, 10), "x (Track 00).bin");
  assert.equal(trackFileName("x", 0xaa, 12, 12, 2), "x (Track AA.2).bin");
  assert.equal(trackFileName("x", 1, 1, 1), "x.bin");
});

Deno.test("buildCue() output parses back with parseCueSheet()", () => {
  const cue = buildCue([
    {
      name: "a (Track 1).bin",
      track: 1,
      session: 1,
      type: "AUDIO",
      control: 0,
      isrc: null,
      indices: [[1, 0]],
    },
    {
      name: "a (Track 2).bin",
      track: 2,
      session: 2,
      type: "MODE2/2352",
      control: 4,
      isrc: null,
      indices: [[0, 0], [1, 150]],
    },
  ], { multisession: true });
  const files = parseCueSheet(cue);
  assert.equal(files.length, 2);
  assert.equal(files[1].tracks[0].session, 2);
  assert.equal(files[1].tracks[0].indices.get(1), 150);
});

Deno.test("AccurateRipSummer v1/v2 match a BigInt reference", () => {
  const n = 588 * 12;
  const data = new Uint8Array(n * 4).map((_, i) => (i * 2654435761) >>> 24);
  const s = new AccurateRipSummer(n, true, true);
  s.update(data.subarray(0, 1000 * 4));
  s.update(data.subarray(1000 * 4));
  const dv = new DataView(data.buffer);
  let v1 = 0n, v2 = 0n;
  for (let m = 1; m <= n; m++) {
    if (m < 2940 || m > n - 2940) continue;
    const p = BigInt(dv.getUint32((m - 1) * 4, true)) * BigInt(m);
    v1 = (v1 + p) & 0xffffffffn;
    v2 = (v2 + (p & 0xffffffffn) + (p >> 32n)) & 0xffffffffn;
  }
  assert.deepEqual(s.digest(), { v1: Number(v1), v2: Number(v2) });
});

Deno.test("accurateRipDiscId() builds the dBAR file name", () => {
  const id = accurateRipDiscId([0, 350], 1780);
  assert.equal(id.id1, 2130);
  assert.equal(id.id2, 1 + 700 + 1780 * 3);
  assert.match(id.url, /\/2\/5\/8\/dBAR-002-00000852-00001799-[0-9a-f]{8}\.bin$/);
});

Deno.test("parseSystemCnf() finds PSX and PS2 serials", () => {
  assert.deepEqual(parseSystemCnf("BOOT = cdrom:\\SLUS_005.94;1\r\nTCB = 4\r\n"), {
    system: "PSX",
    exe: "SLUS_005.94",
    serial: "SLUS-00594",
  });
  assert.equal(parseSystemCnf("BOOT2 = cdrom0:\\SLES_523.21;1\n")?.system, "PS2");
});

Deno.test("formatLbaRuns() folds consecutive LBAs", () => {
  assert.equal(formatLbaRuns([1, 2, 3, 7, 9, 10]), "1-3,7,9-10");
});

Deno.test("RunLog echoes in order around a reserved line", () => {
  const seen: string[] = [];
  const log = new RunLog((l) => seen.push(l));
  log.add("a");
  const i = log.reserve();
  log.add("c");
  assert.deepEqual(seen, ["a"]);
  log.fill(i, "b");
  assert.deepEqual(seen, ["a", "b", "c"]);
  const quiet = new RunLog();
  quiet.add("x");
  quiet.fill(quiet.reserve(), null);
  assert.deepEqual(quiet.lines, ["x"]);
});

Deno.test("rangeClean() agrees with a per-sample scan over random states", async () => {
  const { rangeClean, SCRAM_SAMPLE_BASE } = await import("../../lib/cd/split/scram_image.ts");
  const n = 5000;
  const state = new Uint8Array(n).fill(4);
  let x = 12345;
  for (let k = 0; k < 40; k++) {
    x = (x * 1103515245 + 12345) >>> 0;
    const at = x % n, len = 1 + (x >>> 20) % 30;
    state.fill((x >>> 8) & 1, at, Math.min(n, at + len));
  }
  const img = { data: new Uint8Array(n * 4), state, samples: n };
  for (let a = 0; a < n; a += 7) {
    for (const len of [1, 3, 50, 588]) {
      let clean = a + len <= n;
      for (let i = a; clean && i < a + len; i++) if (state[i] < 2) clean = false;
      assert.equal(rangeClean(img, a + SCRAM_SAMPLE_BASE, len), clean, `at ${a} len ${len}`);
    }
  }
});

Deno.test("extractQ() reads the same Q from aligned (32-bit path) and unaligned subcode", () => {
  const n = 40;
  const raw = new Uint8Array(n * 96).map((_, i) => Math.imul(i + 1, 2654435761) >>> 24);
  raw.fill(0, 5 * 96, 6 * 96); // one never-read record
  const unaligned = new Uint8Array(raw.length + 1).subarray(1);
  unaligned.set(raw);
  const a = extractQ(raw), b = extractQ(unaligned);
  assert.deepEqual(a.q, b.q);
  assert.deepEqual(a.empty, b.empty);
  assert.equal(a.empty[5], 1);
  assert.equal(a.empty[4], 0);
  // Record 0, byte 0: bit 6 of subcode bytes 0..7, MSB first.
  let v = 0;
  for (let k = 0; k < 8; k++) v = (v << 1) | ((raw[k] >> 6) & 1);
  assert.equal(a.q[0], v);
});

Deno.test("descrambleCopy() matches copy + descrambleWords() for good, foreign and zero sectors", () => {
  const src = new Uint8Array(4 * 2352);
  const good = buildDataSector(1000, "mode1", new Uint8Array(2048).fill(0x5a));
  src.set(good, 0);
  src.set(good, 2352); // header says LBA 1000, asked as 1001: kept (sync + mode 1)
  src.set(new Uint8Array(2352).map((_, i) => i * 7), 2 * 2352); // no sync: stays scrambled
  for (let k = 0; k < 3; k++) scramble(src, k * 2352);
  // Sector 3 all zero: does not descramble (no sync).
  const src32 = new Uint32Array(src.buffer);
  for (let k = 0; k < 4; k++) {
    const a = new Uint8Array(2352), b = src.slice(k * 2352, (k + 1) * 2352);
    const okA = descrambleCopy(src32, k * 588, a, new Uint32Array(a.buffer), 0, 1000 + k);
    const okB = descrambleWords(b, new Uint32Array(b.buffer), 0, 1000 + k);
    assert.equal(okA, okB, `sector ${k}`);
    assert.deepEqual(a, b, `sector ${k}`);
    assert.equal(okA, k < 2);
  }
});
