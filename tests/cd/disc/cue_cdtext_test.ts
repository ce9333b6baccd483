// Copyright 2026 the sectorkit authors. MIT license.
// The virtual drive's CUE reader keeps CD-TEXT bytes: a split set (ISO 8859-1 block 0, an MS-JIS
// block in NAME_69.cue, a UTF-8 image name) → virtual drive → dump → split gives the same CUE
// bytes, and the drive serves the original CD-TEXT packs.
import assert from "node:assert/strict";
import { createPlatform } from "../../../ffi/mod.ts";
import { crc16Gsm } from "../../../lib/cd/crc16.ts";
import { cueCdText, isDoubleByteText } from "../../../lib/cd/disc/cue_cd_text.ts";
import { loadDisc } from "../../../lib/cd/disc/load_disc.ts";
import { synthesizeDisc } from "../../../lib/cd/disc/synthesize.ts";
import { readTocFormat5 } from "../../../lib/cd/disc/toc_response.ts";
import { writeDumpSet } from "../../../lib/cd/disc/write_dump_set.ts";
import { cueLines } from "../../../lib/cd/cue_text.ts";
import { runSplit } from "../../../lib/cd/split/run_split.ts";
import { parseCdText } from "../../../lib/cd/toc/cdtext.ts";
import { readTocCdb } from "../../../lib/scsi/cdb_mmc.ts";
import { runCdDump } from "../../../lib/dump/run_cd_dump.ts";
import { PLEXTOR } from "../../../lib/drive/virtual/profile.ts";
import { VirtualDrive } from "../../../lib/drive/virtual/virtual_drive.ts";
import type { DiscSpec } from "../../../lib/cd/disc/disc_spec.ts";

const platform = createPlatform();
// "あいう", "かき", "さ" in MS-JIS double bytes, one char per byte.
const AIU = "\x82\xa0\x82\xa2\x82\xa4", KAKI = "\x82\xa9\x82\xab", SA = "\x82\xb3";
const NAME = "dïsc";

const SPEC: DiscSpec = {
  seed: 71,
  writeOffset: 6,
  title: "Caf\xe9 \xa0M\xfcsik",
  performer: "Bj\xf6rk",
  cdTextMore: [{ language: 0x69, title: AIU, trackTitles: [KAKI, SA], dbcs: true }],
  tracks: [
    { type: "mode1", length: 200, title: "Donn\xe9es" },
    { type: "audio", length: 150, title: "Chanson", performer: "\xc9dith" },
  ],
};

const bytesOf = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** The READ TOC format 5 response the drive sends. */
async function servedCdText(drive: VirtualDrive): Promise<Uint8Array> {
  const buf = new Uint8Array(4096);
  const r = await drive.execute(readTocCdb(5, { allocation: buf.length }), "in", buf);
  assert.equal(r.status, 0);
  return buf.slice(0, r.transferred);
}

Deno.test("cueCdText() reads TITLE/PERFORMER/SONGWRITER bytes by TRACK position", () => {
  const cue = 'TITLE "\x82\xa0"\r\nFILE "a.bin" BINARY\r\n  TRACK 01 AUDIO\r\n' +
    '    SONGWRITER "W\xe9"\r\nFILE "b.bin" BINARY\r\n  TRACK 02 AUDIO\r\n    PERFORMER "P"\r\n';
  const t = cueCdText(cueLines(Uint8Array.from(bytesOf(cue))));
  assert.deepEqual(t, {
    titles: ["\x82\xa0", "", ""],
    performers: ["", "", "P"],
    songwriters: ["", "W\xe9", ""],
  });
  assert.equal(isDoubleByteText(t.titles), true);
  assert.equal(isDoubleByteText(["\xe9\xe9", "A"]), false);
  assert.equal(isDoubleByteText(["", ""]), false);
});

Deno.test("a split CUE with Latin-1 and MS-JIS CD-TEXT → virtual drive → dump → split gives the same CUE bytes and CD-TEXT packs", async () => {
  const root = await Deno.makeTempDir({ prefix: "sk-cue-cdtext-" });
  try {
    const original = synthesizeDisc(SPEC);
    await Deno.mkdir(`${root}/a`), await Deno.mkdir(`${root}/b`);
    await writeDumpSet(original, `${root}/a`, NAME, { fs: platform.fs });
    const a = await runSplit(
      { imagePath: `${root}/a`, imageName: NAME, writeLog: false },
      platform,
    );
    assert.deepEqual(a.cueSheets.map((c) => c.name), [`${NAME}.cue`, `${NAME}_69.cue`]);
    const cueA = await Deno.readFile(`${root}/a/${NAME}.cue`);
    const jaA = await Deno.readFile(`${root}/a/${NAME}_69.cue`);
    // Verbatim: é is 0xE9, the file name UTF-8 (ï = C3 AF).
    assert.deepEqual([...cueA.subarray(0, 11)], bytesOf('TITLE "Caf\xe9'));
    assert.ok(cueA.includes(0xaf) && cueA.includes(0xc3));

    const disc = await loadDisc(`virtual:${root}/a/${NAME}.cue`, platform.fs);
    const drive = new VirtualDrive(disc, PLEXTOR, { path: "virtual:cue" });
    const served = await servedCdText(drive);
    assert.deepEqual(served, readTocFormat5(original));
    // Every pack's CRC-16/GSM is valid, the last one's included.
    for (let o = 4; o + 18 <= served.length; o += 18) {
      assert.equal((served[o + 16] << 8) | served[o + 17], crc16Gsm(served, o, o + 16));
    }
    const text = parseCdText(served);
    assert.equal(text.crcErrors, 0);
    assert.deepEqual(text.blocks[1].title, [AIU, KAKI, SA]);
    assert.equal(text.blocks[1].dbcs, true);

    const r = await runCdDump({
      transport: drive,
      config: {
        type: "PLEXTOR",
        readOffset: PLEXTOR.readOffset,
        c2Shift: PLEXTOR.c2Shift,
        pregapStart: PLEXTOR.pregapStart,
        readMethod: "D8",
        sectorOrder: PLEXTOR.sectorOrder,
      },
      imagePath: `${root}/b`,
      imageName: NAME,
    }, platform);
    assert.equal(r.counters.scsiErrors, 0);
    const b = await runSplit(
      { imagePath: `${root}/b`, imageName: NAME, writeLog: false },
      platform,
    );
    assert.deepEqual(await Deno.readFile(`${root}/b/${NAME}.cue`), cueA);
    assert.deepEqual(await Deno.readFile(`${root}/b/${NAME}_69.cue`), jaA);
    assert.deepEqual(b.datLines, a.datLines);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("the CUE reader decodes FILE names as UTF-8, or ISO 8859-1 when not UTF-8", async () => {
  const root = await Deno.makeTempDir({ prefix: "sk-cue-names-" });
  try {
    await Deno.writeFile(`${root}/ü.bin`, new Uint8Array(2352 * 10));
    await Deno.writeFile(`${root}/é.bin`, new Uint8Array(2352 * 5));
    const cue = 'FILE "\xc3\xbc.bin" BINARY\n  TRACK 01 AUDIO\n    TITLE "\xa0\xe9"\n' +
      "    INDEX 01 00:00:00\n" +
      'FILE "\xe9.bin" BINARY\n  TRACK 02 AUDIO\n    INDEX 01 00:00:00\n';
    await Deno.writeFile(`${root}/x.cue`, Uint8Array.from(bytesOf(cue)));
    const disc = await loadDisc(`${root}/x.cue`, platform.fs);
    assert.deepEqual(disc.tracks.map((t) => [t.start, t.end]), [[0, 10], [10, 15]]);
    const t = parseCdText(readTocFormat5(disc));
    assert.deepEqual(t.blocks[0].title, ["", "\xa0\xe9", ""]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
