// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import { crc16Gsm } from "../crc16.ts";

/** Texts per pack type: index 0 is the album, 1… the tracks. */
export interface CdTextInput {
  /** Album (index 0) and track titles. */
  titles: string[];
  /** Album and track performers. */
  performers: string[];
  /** Album and track songwriters (pack type 0x82). */
  songwriters?: string[];
  /** First track number. */
  firstTrack: number;
  /** Further language blocks (block 1, 2, …), each with its language code (block 0: 0x09);
   * `dbcs`: texts are MS-JIS double bytes, one char per byte (character code 0x80, DBCS flag). */
  more?: {
    language: number;
    titles: string[];
    performers: string[];
    songwriters?: string[];
    dbcs?: boolean;
  }[];
  /** Block 0 in double bytes (as `more[].dbcs`). */
  dbcs?: boolean;
}

/**
 * Builds CD-TEXT packs (block 0, English, ISO 8859-1): TITLE (0x80), PERFORMER (0x81),
 * SONGWRITER (0x82) and the size information packs (0x8F), each 18 bytes with its CRC-16/GSM.
 * Returns an empty array when there is no text.
 *
 * @example Two packs plus size info
 * ```ts
 * import { buildCdTextPacks } from "./cd_text.ts";
 * const packs = buildCdTextPacks({ titles: ["Album", "One"], performers: [], firstTrack: 1 });
 * if (packs.length % 18 !== 0 || packs[0] !== 0x80) throw new Error();
 * ```
 */
export function buildCdTextPacks(input: CdTextInput): Uint8Array {
  const blocks = [
    {
      language: 0x09,
      titles: input.titles,
      performers: input.performers,
      songwriters: input.songwriters ?? [],
      dbcs: input.dbcs,
    },
    ...(input.more ?? []).map((b) => ({
      ...b,
      songwriters: b.songwriters ?? [],
      dbcs: b.dbcs ?? false,
    })),
  ];
  const languages = blocks.map((b) => b.language);
  const out: Uint8Array[] = [];
  blocks.forEach((b, i) => out.push(buildBlock({ ...input, ...b }, i, languages)));
  const all = new Uint8Array(out.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of out) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

function buildBlock(input: CdTextInput, blockNo: number, languages: number[]): Uint8Array {
  const packs: Uint8Array[] = [];
  const counts = new Array(16).fill(0);
  const songwriters = input.songwriters ?? [];
  const items = Math.max(input.titles.length, input.performers.length, songwriters.length);
  const lastTrack = input.firstTrack + items - 2;
  const types = [[0x80, input.titles], [0x81, input.performers], [0x82, songwriters]] as const;
  for (const [type, texts] of types) {
    if (!texts.some((t) => t)) continue;
    // The text stream: each item NUL-terminated, items for album then tracks.
    const bytes: number[] = [];
    const itemOf: number[] = [];
    const dbcs = input.dbcs === true;
    texts.forEach((t, i) => {
      for (const ch of t ?? "") {
        bytes.push(ch.charCodeAt(0) & 0xff);
        itemOf.push(i);
      }
      // DBCS strings end with a double-byte NUL.
      for (let z = 0; z < (dbcs ? 2 : 1); z++) {
        bytes.push(0);
        itemOf.push(i);
      }
    });
    for (let pos = 0; pos < bytes.length; pos += 12) {
      const p = new Uint8Array(18);
      const item = itemOf[pos];
      // Character position: chars of this item before this pack (max 15).
      let charPos = 0;
      for (let k = pos - 1; k >= 0 && itemOf[k] === item; k--) charPos++;
      p[0] = type;
      p[1] = item === 0 ? 0 : input.firstTrack + item - 1;
      p[2] = packs.length;
      p[3] = Math.min(dbcs ? charPos >> 1 : charPos, 15) | (blockNo << 4) | (dbcs ? 0x80 : 0);
      for (let k = 0; k < 12; k++) p[4 + k] = bytes[pos + k] ?? 0;
      packs.push(p);
      counts[type & 0xf]++;
    }
  }
  if (packs.length === 0) return new Uint8Array(0);
  // Size information: 3 packs (0x8F) carrying 36 bytes.
  const info = new Uint8Array(36);
  info[0] = input.dbcs ? 0x80 : 0; // character code: MS-JIS or ISO 8859-1
  info[1] = input.firstTrack;
  info[2] = lastTrack;
  info[3] = 0;
  counts[0xf] = 3;
  for (let i = 0; i < 16; i++) info[4 + i] = counts[i];
  info[20] = packs.length + 3; // last sequence number of block 0
  // Language codes of all blocks (0x09 English, 0x69 Japanese, …).
  languages.forEach((l, b) => info[28 + b] = l);
  for (let i = 0; i < 3; i++) {
    const p = new Uint8Array(18);
    p[0] = 0x8f;
    p[1] = i;
    p[2] = packs.length;
    p[3] = blockNo << 4;
    p.set(info.subarray(i * 12, i * 12 + 12), 4);
    packs.push(p);
  }
  info[20] = packs.length - 1;
  packs[packs.length - 2][4 + 8] = packs.length - 1;
  const out = new Uint8Array(packs.length * 18);
  packs.forEach((p, i) => {
    const crc = crc16Gsm(p, 0, 16);
    p[16] = crc >> 8;
    p[17] = crc & 0xff;
    out.set(p, i * 18);
  });
  return out;
}
