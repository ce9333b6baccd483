// Copyright 2026 the sectorkit authors. MIT license.
// CD-TEXT decoding as redumper's TOC::updateCDTEXT: hand-built pack sequences (valid CRCs) and a
// generated disc with an MS-JIS (DBCS) block through split.
import assert from "node:assert/strict";
import { createPlatform } from "../../ffi/mod.ts";
import { crc16Gsm } from "../../lib/cd/crc16.ts";
import { cdTextDisplay, parseCdText } from "../../lib/cd/toc/cdtext.ts";
import { runSplit } from "../../lib/cd/split/run_split.ts";
import { buildCue, cueFileBytes } from "../../lib/cd/split/cue.ts";
import { runHash } from "../../lib/cd/hash/run_hash.ts";
import { writeDumpSet } from "../helpers/dump_set.ts";

/** One pack: type, track field, block (+ DBCS flag), character position, 12 text bytes. */
interface Pack {
  type: number;
  track?: number;
  block?: number;
  dbcs?: boolean;
  pos?: number;
  text: number[] | string;
  extension?: boolean;
}

/** A READ TOC format 5 response of the packs, each with its CRC-16/GSM. */
function response(packs: Pack[]): Uint8Array {
  const out = new Uint8Array(4 + packs.length * 18);
  const len = out.length - 2;
  out[0] = len >> 8, out[1] = len & 0xff;
  packs.forEach((p, i) => {
    const k = out.subarray(4 + i * 18, 4 + i * 18 + 18);
    k[0] = p.type;
    k[1] = (p.track ?? 0) | (p.extension ? 0x80 : 0);
    k[2] = i;
    k[3] = (p.pos ?? 0) | ((p.block ?? 0) << 4) | (p.dbcs ? 0x80 : 0);
    const t = typeof p.text === "string" ? [...p.text].map((c) => c.charCodeAt(0)) : p.text;
    assert.ok(t.length <= 12);
    k.set(t, 4);
    const crc = crc16Gsm(k, 0, 16);
    k[16] = crc >> 8, k[17] = crc & 0xff;
  });
  return out;
}

/** Size information packs (3 × 0x8F) of `block`: character code, first/last track, languages. */
function sizeInfo(
  block: number,
  code: number,
  first: number,
  last: number,
  langs: number[],
): Pack[] {
  const info = new Array(36).fill(0);
  info[0] = code, info[1] = first, info[2] = last;
  langs.forEach((l, b) => info[28 + b] = l);
  return [0, 1, 2].map((i) => ({
    type: 0x8f,
    track: i,
    block,
    text: info.slice(i * 12, i * 12 + 12),
  }));
}

Deno.test("parseCdText() assigns strings by position from the size information's first track, ignoring track fields", () => {
  const t = parseCdText(response([
    // Track fields all 0 and character positions wrong: redumper only counts strings.
    { type: 0x80, track: 0, text: "ALBUM\0THIRD\0" },
    { type: 0x80, track: 0, pos: 9, text: "FOURTH\0" },
    ...sizeInfo(0, 0, 3, 4, [0x09]),
  ]));
  const b = t.blocks[0];
  assert.equal(b.title[0], "ALBUM");
  assert.equal(b.title[3], "THIRD");
  assert.equal(b.title[4], "FOURTH");
  assert.equal(b.title[1], undefined);
});

Deno.test("parseCdText() joins a string across packs and repeats a previous one for TAB", () => {
  const t = parseCdText(response([
    { type: 0x81, track: 0, text: "A VERY LONG " },
    { type: 0x81, track: 0, pos: 12, text: "PERFORMER\0\t\0" },
    { type: 0x81, track: 2, text: "SOLO\0" },
    ...sizeInfo(0, 0, 1, 3, [0x09]),
  ]));
  assert.deepEqual(t.blocks[0].performer, [
    "A VERY LONG PERFORMER",
    "A VERY LONG PERFORMER",
    "SOLO",
    "",
  ]);
});

Deno.test("parseCdText() keeps at most track count + 1 strings; without size information counts from the TOC", () => {
  const packs: Pack[] = [{ type: 0x80, text: "AL\0T1\0T2\0T3\0" }];
  const limited = parseCdText(response([...packs, ...sizeInfo(0, 0, 1, 2, [0x09])]));
  assert.deepEqual(limited.blocks[0].title, ["AL", "T1", "T2"]);
  // No 0x8F packs: first track and count from the TOC (redumper: its entries, lead-outs too).
  const fromToc = parseCdText(response(packs), { first: 5, count: 2 });
  assert.deepEqual(fromToc.blocks[0].language, 0xf7);
  assert.deepEqual(
    Object.entries(fromToc.blocks[0].title),
    [["0", "AL"], ["5", "T1"], ["6", "T2"]],
  );
});

Deno.test("parseCdText() skips extension packs and other pack types between text runs", () => {
  const t = parseCdText(response([
    { type: 0x80, text: "ALBUM\0ONE\0" },
    { type: 0x87, text: [0, 1, 2] }, // genre
    { type: 0x80, extension: true, text: "IGNORED\0" },
    { type: 0x82, text: "\0WRITER\0" },
    ...sizeInfo(0, 0, 1, 1, [0x09]),
  ]));
  assert.deepEqual(t.blocks[0].title, ["ALBUM", "ONE"]);
  assert.deepEqual(t.blocks[0].songwriter, ["", "WRITER"]);
});

// "あいう" and "かき" in MS-JIS (Shift JIS) double bytes.
const AIU = [0x82, 0xa0, 0x82, 0xa2, 0x82, 0xa4];
const KAKI = [0x82, 0xa9, 0x82, 0xab];
const bin = (b: number[]): string => String.fromCharCode(...b);

Deno.test("parseCdText() keeps DBCS (MS-JIS) strings as raw double bytes ended by a 16-bit NUL", () => {
  const t = parseCdText(response([
    { type: 0x80, block: 0, text: "ALBUM\0ONE\0TWO\0".slice(0, 12) },
    { type: 0x80, block: 0, pos: 1, text: "O\0" },
    ...sizeInfo(0, 0, 1, 2, [0x09, 0x69]),
    // Block 1, DBCS: album あいう, track 1 かき, track 2 repeats (\t\t).
    { type: 0x80, block: 1, dbcs: true, text: [...AIU, 0, 0, ...KAKI] },
    { type: 0x80, block: 1, dbcs: true, pos: 2, text: [0, 0, 9, 9, 0, 0] },
    ...sizeInfo(1, 0x80, 1, 2, [0x09, 0x69]),
  ]));
  assert.deepEqual(t.blocks.map((b) => [b.block, b.language, b.dbcs ?? false]), [
    [0, 0x09, false],
    [1, 0x69, true],
  ]);
  assert.deepEqual(t.blocks[0].title, ["ALBUM", "ONE", "TWO"]);
  assert.deepEqual(t.blocks[1].title, [bin(AIU), bin(KAKI), bin(KAKI)]);
  assert.equal(cdTextDisplay(t.blocks[1].title[0], true), "あいう");
});

const platform = createPlatform();

Deno.test("runSplit() writes a DBCS CD-TEXT block's raw MS-JIS bytes into NAME_69.cue, as redumper", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sectorkit-split-cdtext-" });
  try {
    await writeDumpSet(
      {
        seed: 63,
        title: "Caf\xe9",
        performer: "ARTIST",
        cdTextMore: [{ language: 0x69, title: bin(AIU), trackTitles: [bin(KAKI)], dbcs: true }],
        tracks: [{ type: "audio", length: 150, title: "ONE" }, { type: "audio", length: 150 }],
      },
      dir,
      "disc",
    );
    const r = await runSplit({ imagePath: dir, imageName: "disc", writeLog: false }, platform);
    assert.deepEqual(r.cueSheets.map((c) => c.name), ["disc.cue", "disc_69.cue"]);
    const ja = await Deno.readFile(`${dir}/disc_69.cue`);
    const head = [...new TextEncoder().encode('TITLE "'), ...AIU, 0x22, 0x0a];
    assert.deepEqual([...ja.subarray(0, head.length)], head);
    const track1 = [...new TextEncoder().encode('    TITLE "'), ...KAKI, 0x22, 0x0a];
    const at = ja.indexOf(0x0a, ja.indexOf(0x0a, head.length + 1) + 1) + 1; // after FILE, TRACK
    assert.deepEqual([...ja.subarray(at, at + track1.length)], track1);
    // ISO 8859-1 stays one byte (é = 0xE9), not UTF-8.
    const en = await Deno.readFile(`${dir}/disc.cue`);
    assert.deepEqual([...en.subarray(0, 13)], [
      ...new TextEncoder().encode('TITLE "Caf'),
      0xe9,
      0x22,
      0x0a,
    ]);
    // The JSON / log copy shows the text decoded.
    assert.match(r.cueSheets[1].cue, /^TITLE "あいう"\n/);
    assert.match(r.cueSheets[1].cue, /\n {4}TITLE "かき"\n/);
    assert.match(r.cue, /^TITLE "Café"\n/);
    // hash reads the FILE lines of a CUE holding non-UTF-8 CD-TEXT bytes.
    const h = await runHash({ imagePath: dir, imageName: "disc", writeLog: false }, platform);
    assert.deepEqual(h.datLines, r.datLines);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("cueFileBytes() writes file names as UTF-8 and CD-TEXT bytes verbatim", () => {
  const block = {
    block: 0,
    language: 0x09,
    title: ["\xe9", "T"],
    performer: [],
    songwriter: [],
    mcnIsrc: [],
  };
  const file = {
    name: "ü.bin",
    track: 1,
    session: 1,
    type: "AUDIO",
    control: 0,
    isrc: null,
    indices: [[1, 0]] as [number, number][],
  };
  const b = cueFileBytes([file], { cdText: block });
  const want = 'TITLE "\xe9"\nFILE "\xc3\xbc.bin" BINARY\n  TRACK 01 AUDIO\n    TITLE "T"\n' +
    "    INDEX 01 00:00:00\n";
  assert.deepEqual([...b], [...want].map((c) => c.charCodeAt(0)));
  assert.equal(buildCue([file], { cdText: block }), want.replace("\xc3\xbc", "ü"));
});
