// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { normalizeSectors, sectorOrderSize } from "../../lib/dump/sector_order.ts";
import { alignedC2, c2ExtraSectors, c2ToStates, mergeStates } from "../../lib/dump/c2_states.ts";
import { extractQ, QTracker, shouldReplaceSubcode } from "../../lib/dump/subcode_rule.ts";
import {
  defaultImageName,
  dumpPaths,
  sampleIndex,
  scramByteOffset,
} from "../../lib/dump/dump_paths.ts";
import { parseDiscLayout } from "../../lib/dump/disc_layout.ts";
import { parseSkipRanges, planZones } from "../../lib/dump/read_plan.ts";
import { applyDriveOverrides, GENERIC_DRIVE } from "../../lib/dump/drive_config.ts";
import { dumpReadCdCdb } from "../../lib/dump/cd_drive.ts";
import { plextorReadCddaCdb } from "../../lib/scsi/read_cd.ts";
import { buildQPosition, interleave } from "../../lib/cd/subchannel.ts";
import { examplesDir } from "./helpers/examples.ts";

Deno.test("normalizeSectors() rearranges every sector order into DATA_C2_SUB", () => {
  const data = new Uint8Array(2352).fill(1);
  const c2 = new Uint8Array(294).fill(2);
  const sub = new Uint8Array(96).fill(3);
  const cat = (...p: Uint8Array[]): Uint8Array => {
    const o = new Uint8Array(p.reduce((n, x) => n + x.length, 0));
    let k = 0;
    for (const x of p) {
      o.set(x, k);
      k += x.length;
    }
    return o;
  };
  const expect = cat(data, c2, sub);
  const cases = {
    DATA_C2_SUB: cat(data, c2, sub),
    DATA_SUB_C2: cat(data, sub, c2),
    DATA_SUB: cat(data, sub),
    DATA_C2: cat(data, c2),
  } as const;
  for (const [order, raw] of Object.entries(cases)) {
    const o = order as keyof typeof cases;
    assert.equal(raw.length, sectorOrderSize(o));
    const two = cat(raw, raw);
    const out = normalizeSectors(two, 2, o);
    for (const rec of [out.subarray(0, 2742), out.subarray(2742)]) {
      assert.equal(rec[0], 1, order);
      assert.equal(rec[2352], o === "DATA_SUB" ? 0 : 2, order);
      assert.equal(rec[2352 + 294], o === "DATA_C2" ? 0 : 3, order);
      if (o === "DATA_C2_SUB" || o === "DATA_SUB_C2") assert.deepEqual(rec, expect);
    }
  }
});

Deno.test("c2ToStates() maps nibbles to samples, alignedC2() applies the C2 shift", () => {
  const rec = new Uint8Array(3 * 2742);
  // C2 of sector 1 as a PLEXTOR with shift 295 returns it: 295 bytes later in the C2 stream.
  const streamPos = 1 * 294 + 295; // byte 0 of sector 1's real C2
  const recIdx = Math.floor(streamPos / 294), within = streamPos % 294;
  rec[recIdx * 2742 + 2352 + within] = 0x80; // sample 0 of sector 1
  rec[recIdx * 2742 + 2352 + within + 10] = 0x01; // sample 21
  const c2 = alignedC2(rec, 3, 1, 295);
  const st = new Uint8Array(588);
  assert.equal(c2ToStates(c2, st), 2);
  assert.equal(st[0], 1);
  assert.equal(st[1], 4);
  assert.equal(st[21], 1);
  assert.equal(st[20], 4);
  assert.equal(c2ExtraSectors(294), 1);
  assert.equal(c2ExtraSectors(295), 2);
  assert.equal(c2ExtraSectors(0), 0);
  // Past the records: zero (treated as clean).
  assert.equal(alignedC2(rec, 1, 0, 294).every((b) => b === 0), true);
});

Deno.test("mergeStates() keeps the per-sample maximum", () => {
  const cur = new Uint8Array([0, 1, 2, 3, 4, 4]);
  const won = mergeStates(cur, new Uint8Array([4, 4, 1, 4, 0, 4]));
  assert.deepEqual([...cur], [4, 4, 2, 4, 4, 4]);
  assert.deepEqual([...won], [1, 1, 0, 1, 0, 0]);
});

Deno.test("shouldReplaceSubcode() follows redumper's rule", () => {
  const good = interleave({
    q: buildQPosition({ control: 0, track: 1, index: 1, relLba: 5, absLba: 5 }),
  });
  const bad = good.slice();
  bad[40] ^= 0x40;
  const zero = new Uint8Array(96);
  const zeroQ = new Uint8Array(96).fill(0x80); // P set, Q zero
  assert.equal(shouldReplaceSubcode(zero, bad), true);
  assert.equal(shouldReplaceSubcode(zeroQ, bad), true);
  assert.equal(shouldReplaceSubcode(bad, good), true);
  assert.equal(shouldReplaceSubcode(bad, bad), false);
  assert.equal(shouldReplaceSubcode(good, bad), false);
  assert.equal(shouldReplaceSubcode(good, good), false);
  assert.equal(extractQ(good)[0], 0x01);
});

Deno.test("QTracker counts Q errors, desync, and asks for a flush after 5 bad Qs", () => {
  const t = new QTracker();
  const at = (_lba: number, claimed: number): Uint8Array =>
    interleave({
      q: buildQPosition({ control: 0, track: 1, index: 1, relLba: 0, absLba: claimed }),
    });
  assert.deepEqual(t.observe(at(10, 10), 0, 10), { valid: true, desync: false, flush: false });
  assert.equal(t.observe(at(11, 12), 0, 11).desync, true);
  const bad = new Uint8Array(96).fill(0x40);
  const flushes = [];
  for (let i = 0; i < 12; i++) flushes.push(t.observe(bad, 0, 20 + i).flush);
  assert.deepEqual(flushes.map(Number).join(""), "000001000001");
  assert.equal(t.errors, 12);
  assert.equal(t.desyncs, 1);
  assert.equal(t.flushes, 2);
});

Deno.test("dump positions: LBA 0 at byte 0x6545FA0, read offset moves data left", () => {
  assert.equal(scramByteOffset(0, 0), 0x6545fa0);
  assert.equal(scramByteOffset(-45150, 0), 0);
  assert.equal(sampleIndex(10, 6), (10 + 45150) * 588 - 6);
  assert.equal(sampleIndex(10, -30), (10 + 45150) * 588 + 30);
  const p = dumpPaths("/a/b/", "x");
  assert.equal(p.state, "/a/b/x.state");
  assert.equal(p.fulltoc, "/a/b/x.fulltoc");
  const d = new Date(Date.UTC(2026, 10, 22, 1, 2, 3));
  assert.equal(defaultImageName(d, "virtual:demo", true), "dump_261122_010203_virtualdemo");
  assert.equal(defaultImageName(d, "E:", true), "dump_261122_010203_E");
});

Deno.test("parseDiscLayout() reads sessions from the example CD-Extra TOCs", async () => {
  const dir = await examplesDir();
  let toc: Uint8Array, full: Uint8Array;
  try {
    toc = await Deno.readFile(`${dir}/example_extra/example_extra.toc`);
    full = await Deno.readFile(`${dir}/example_extra/example_extra.fulltoc`);
  } catch {
    console.log("examples absent: skipped");
    return;
  }
  const l = parseDiscLayout(toc, full);
  assert.equal(l.leadout, 12750);
  assert.deepEqual(l.sessions.map((s) => [s.number, s.firstTrackLba, s.leadout]), [
    [1, 0, 750],
    [2, 12150, 12750],
  ]);
  assert.deepEqual(l.tracks.map((t) => [t.number, t.session, t.control]), [
    [1, 1, 0],
    [2, 1, 0],
    [3, 2, 4],
  ]);
  const z = planZones(l, { start: -75 });
  assert.deepEqual(z.map((x) => [x.kind, x.start, x.end]), [
    ["program", -75, 750],
    ["gap", 750, 12000],
    ["program", 12000, 12750],
    ["leadout", 12750, 12850],
  ]);
  const clipped = planZones(l, { start: 0, end: 500 });
  assert.deepEqual(clipped.map((x) => [x.kind, x.start, x.end]), [["program", 0, 500]]);
});

Deno.test("parseSkipRanges() rejects bad and empty ranges", () => {
  // END is inclusive, as redumper's --skip
  assert.deepEqual(parseSkipRanges("300-400:100-199"), [
    { start: 100, end: 200 },
    { start: 300, end: 401 },
  ]);
  assert.deepEqual(parseSkipRanges("5-5"), [{ start: 5, end: 6 }]);
  assert.throws(() => parseSkipRanges("5-4"), /empty/);
  assert.throws(() => parseSkipRanges("abc"), /START-END/);
});

Deno.test("applyDriveOverrides() validates values", () => {
  const c = applyDriveOverrides(GENERIC_DRIVE, {
    type: "plextor",
    readOffset: "-30",
    c2Shift: "294",
    pregapStart: "-75",
    readMethod: "d8",
  });
  assert.deepEqual(c, {
    type: "PLEXTOR",
    readOffset: -30,
    c2Shift: 294,
    pregapStart: -75,
    readMethod: "D8",
    sectorOrder: "DATA_C2_SUB",
  });
  assert.throws(() => applyDriveOverrides(GENERIC_DRIVE, { type: "SONY" }), /drive-type/);
  assert.throws(() => applyDriveOverrides(GENERIC_DRIVE, { readOffset: "x" }), /integer/);
});

Deno.test("READ CD / READ CDDA CDBs match redumper's requests", () => {
  assert.deepEqual([...dumpReadCdCdb(-135, 2, { cdda: true, c2: true, sub: true })], [
    0xbe,
    0x04,
    0xff,
    0xff,
    0xff,
    0x79,
    0,
    0,
    2,
    0x12,
    0x01,
    0,
  ]);
  assert.deepEqual([...dumpReadCdCdb(5, 1, { cdda: false, c2: false, sub: false })], [
    0xbe,
    0,
    0,
    0,
    0,
    5,
    0,
    0,
    1,
    0xf8,
    0,
    0,
  ]);
  assert.deepEqual([...plextorReadCddaCdb(-75, 1, 8)], [
    0xd8,
    0,
    0xff,
    0xff,
    0xff,
    0xb5,
    0,
    0,
    0,
    1,
    8,
    0,
  ]);
});
