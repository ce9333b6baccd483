// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { synthesizeDisc } from "../../../lib/cd/disc/synthesize.ts";
import {
  readTocEmpty,
  readTocFormat0,
  readTocFormat1,
  readTocFormat2,
  readTocFormat5,
} from "../../../lib/cd/disc/toc_response.ts";

import { findExamples } from "./examples.ts";

const EXAMPLES = findExamples() ?? "";
const haveExamples = EXAMPLES !== "";

// The same layouts as the shared example dumps (their content is different; their TOCs are not).
const MIXED = synthesizeDisc({
  tracks: [
    { type: "mode1", length: 900, postgap: 150 },
    { type: "audio", length: 300 },
    { type: "audio", length: 250 },
  ],
});
const AUDIO = synthesizeDisc({
  mcn: "4006381333931",
  tracks: [
    { type: "audio", length: 350 },
    { type: "audio", length: 400, isrc: "DEEXA2600001" },
    { type: "audio", length: 300, indices: [225] },
    { type: "audio", length: 280, copy: true },
  ],
});
const EXTRA = synthesizeDisc({
  sessions: [
    { tracks: [{ type: "audio", length: 320 }, { type: "audio", length: 280 }] },
    { tracks: [{ type: "mode2form1", length: 600 }] },
  ],
});

for (const [name, disc] of [["mixed", MIXED], ["audio", AUDIO], ["extra", EXTRA]] as const) {
  Deno.test({
    name: `readTocFormat0()/readTocFormat2() equal redumper's .toc/.fulltoc of example_${name}`,
    ignore: !haveExamples,
    fn: () => {
      const dir = `${EXAMPLES}example_${name}/example_${name}`;
      assert.deepEqual(readTocFormat0(disc, false, 1), Deno.readFileSync(`${dir}.toc`));
      assert.deepEqual(readTocFormat2(disc, 1), Deno.readFileSync(`${dir}.fulltoc`));
    },
  });
}

Deno.test("readTocFormat0() in MSF, from a later track, and for the lead-out only", () => {
  const msf = readTocFormat0(MIXED, true, 0)!;
  assert.deepEqual([...msf.subarray(8, 12)], [0, 0, 2, 0]); // track 1 at 00:02:00
  const from2 = readTocFormat0(MIXED, false, 2)!;
  assert.equal(from2[1], 2 + 3 * 8);
  assert.equal(from2[6], 2);
  const lo = readTocFormat0(MIXED, false, 0xaa)!;
  assert.equal(lo[1], 10);
  assert.equal(lo[6], 0xaa);
  assert.equal(readTocFormat0(MIXED, false, 4), null);
});

Deno.test("readTocFormat1() reports the first track of the last session", () => {
  const s = readTocFormat1(EXTRA, false);
  assert.deepEqual([...s], [0, 10, 1, 2, 0, 0x14, 3, 0, 0, 0, 0x2f, 0x76]);
  assert.deepEqual([...readTocFormat1(MIXED, false)].slice(0, 7), [0, 10, 1, 1, 0, 0x14, 1]);
});

Deno.test("readTocFormat5() carries CD-TEXT packs with valid CRCs; PMA/ATIP are empty", async () => {
  const { crc16Gsm } = await import("../../../lib/cd/crc16.ts");
  const d = synthesizeDisc({
    title: "Album",
    performer: "Band",
    tracks: [{ type: "audio", length: 100, title: "One" }, {
      type: "audio",
      length: 100,
      title: "Two",
    }],
  });
  const t = readTocFormat5(d);
  const len = (t[0] << 8) | t[1];
  assert.equal(len, t.length - 2);
  assert.equal((t.length - 4) % 18, 0);
  for (let p = 4; p < t.length; p += 18) {
    const crc = crc16Gsm(t, p, p + 16);
    assert.equal((t[p + 16] << 8) | t[p + 17], crc);
  }
  assert.equal(t[4], 0x80);
  assert.equal(new TextDecoder().decode(t.subarray(8, 13)), "Album");
  assert.deepEqual([...readTocEmpty()], [0, 2, 0, 0]);
  assert.deepEqual([...readTocFormat5(MIXED)], [0, 2, 0, 0]);
});
