// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * CD-TEXT from a READ TOC format 5 response: 18-byte packs (type, track, sequence, DBCS flag +
 * block + character position, 12 text bytes, CRC-16/GSM big-endian), decoded as redumper's
 * `TOC::updateCDTEXT` (cd/toc.ixx) does:
 *
 * - Every pack's CRC is checked except the last one's (a drive quirk); one mismatch drops all.
 *   Extension packs are skipped.
 * - The first complete block size information (3 packs of type 0x8F) gives the first track, the
 *   track count and each block's language code; without it languages are numbered 0xF7 + block
 *   and tracks counted from the TOC.
 * - Text is assigned **by position**, not by the packs' track field: the 12-byte texts of
 *   consecutive packs of one type are joined (a string continues across packs whatever their
 *   character position field says) and split at NULs; string 0 is the album, string j the track
 *   `first track + j − 1`, for at most track count + 1 strings. A string `\t` repeats the previous
 *   one. The block (and DBCS flag) is the first pack's of the run.
 * - DBCS packs (flag bit 7 of byte 3, character code 0x80 MS-JIS): strings end at a 16-bit NUL
 *   (`\t\t` repeats), and each is kept as its raw bytes up to its first zero byte, not decoded,
 *   as redumper copies them verbatim into the CUE.
 *
 * Texts are kept verbatim as binary strings (one char per byte, i.e. ISO 8859-1 read as
 * Unicode); {@linkcode cdTextDisplay} decodes DBCS blocks for display.
 *
 * @module
 */
import { crc16Gsm } from "../crc16.ts";

/** Text of one block (language) by pack type name, for the disc (index 0) and tracks. */
export interface CdTextBlock {
  /** Block number 0–7. */
  block: number;
  /** Language code of the block from the first size information (0xF7 + block without it). */
  language: number | null;
  /** `title[0]` is the album, `title[n]` track n; same for the others. */
  title: string[];
  /** Performers. */
  performer: string[];
  /** Songwriters. */
  songwriter: string[];
  /** MCN (index 0) and ISRCs from pack type 0x8E. */
  mcnIsrc: string[];
  /** Some text of the block came from DBCS (MS-JIS) packs: its strings are raw double bytes. */
  dbcs?: boolean;
}

/** Result of {@linkcode parseCdText}. */
export interface CdText {
  /** Blocks in order (first = default language). */
  blocks: CdTextBlock[];
  /** Packs whose CRC did not match (the last pack is not checked: drive quirk). */
  crcErrors: number;
}

/** Tracks to number text by when the packs carry no block size information. */
export interface CdTextTracks {
  /** First track number of the disc (redumper: the first TOC track). */
  first: number;
  /** Track count (redumper: the TOC entries of all sessions, lead-outs included). */
  count: number;
}

const FIELDS: Record<
  number,
  keyof Pick<CdTextBlock, "title" | "performer" | "songwriter" | "mcnIsrc"> | null
> = {
  0x80: "title",
  0x81: "performer",
  0x82: "songwriter",
  0x83: null, // composer
  0x84: null, // arranger
  0x85: null, // message
  0x8d: null, // closed information
  0x8e: "mcnIsrc",
};

/** The strings of a joined text run, each up to its first zero byte. */
function runStrings(text: Uint8Array, dbcs: boolean): string[] {
  const out: string[] = [];
  const cString = (at: number): string => {
    let end = at;
    while (end < text.length && text[end] !== 0) end++;
    return String.fromCharCode(...text.subarray(at, end));
  };
  const step = dbcs ? 2 : 1;
  const repeat = dbcs ? "\t\t" : "\t";
  for (let j = 0; j + step <= text.length; j += step) {
    const prevZero = dbcs ? text[j - 2] === 0 && text[j - 1] === 0 : text[j - 1] === 0;
    if (j !== 0 && !prevZero) continue;
    const s = cString(j);
    out.push(s === repeat && out.length ? out[out.length - 1] : s);
  }
  return out;
}

/**
 * Parses CD-TEXT packs; `tracks` numbers the text when there is no size information (default:
 * first track 1, 99 tracks).
 *
 * @example Strings are assigned by position
 * ```ts
 * import { parseCdText } from "./cdtext.ts";
 * import { crc16Gsm } from "../crc16.ts";
 * const pack = new Uint8Array(18);
 * pack.set([0x80, 0, 0, 0]);
 * pack.set(new TextEncoder().encode("ALBUM\0TRK1\0"), 4);
 * const crc = crc16Gsm(pack, 0, 16);
 * pack[16] = crc >> 8; pack[17] = crc & 0xff;
 * const t = parseCdText(new Uint8Array([0, 20, 0, 0, ...pack]));
 * if (t.blocks[0].title[1] !== "TRK1") throw new Error("unexpected");
 * ```
 */
export function parseCdText(
  raw: Uint8Array,
  tracks: CdTextTracks = { first: 1, count: 99 },
): CdText {
  const len = raw.length >= 2 ? Math.min(((raw[0] << 8) | raw[1]) + 2, raw.length) : 0;
  const packCount = Math.max(0, Math.floor((len - 4) / 18));
  const pack = (p: number): Uint8Array => raw.subarray(4 + p * 18, 4 + p * 18 + 18);
  let crcErrors = 0;
  // The first complete block size information (3 packs of type 0x8F, 36 bytes): character code,
  // first and last track, …, language code of every block (bytes 28..35).
  const bsi = new Uint8Array(36);
  let bsiFound = false;
  const numbers = new Set<number>();
  for (let p = 0; p < packCount; p++) {
    const k = pack(p);
    const crc = crc16Gsm(k, 0, 16);
    if (p !== packCount - 1 && ((k[16] << 8) | k[17]) !== crc) {
      crcErrors++;
      continue;
    }
    if (k[1] & 0x80) continue; // extension packs
    if (k[0] === 0x8f) {
      if (!bsiFound && k[1] <= 2) {
        bsi.set(k.subarray(4, 16), k[1] * 12);
        if (k[1] === 2) bsiFound = true;
      }
    } else numbers.add((k[3] >> 4) & 7);
  }
  const blocks = new Map<number, CdTextBlock>();
  for (const b of [...numbers].sort((x, y) => x - y)) {
    blocks.set(b, {
      block: b,
      language: bsiFound ? bsi[28 + b] : 0xf7 + b,
      title: [],
      performer: [],
      songwriter: [],
      mcnIsrc: [],
    });
  }
  if (crcErrors) return { blocks: [...blocks.values()], crcErrors };
  const first = bsiFound ? bsi[1] : tracks.first;
  const count = (bsiFound ? bsi[2] - bsi[1] + 1 : tracks.count) & 0xff;
  for (let p = 0; p < packCount;) {
    const k = pack(p);
    const type = k[0];
    if ((k[1] & 0x80) || !(type in FIELDS)) {
      p++;
      continue;
    }
    const block = blocks.get((k[3] >> 4) & 7)!;
    const dbcs = (k[3] & 0x80) !== 0;
    const start = p;
    while (p < packCount && pack(p)[0] === type) p++;
    const text = new Uint8Array((p - start) * 12);
    for (let q = start; q < p; q++) text.set(pack(q).subarray(4, 16), (q - start) * 12);
    const field = FIELDS[type];
    if (dbcs) block.dbcs = true;
    if (!field) continue;
    const strings = runStrings(text, dbcs);
    for (let j = 0; j < Math.min(count + 1, strings.length); j++) {
      block[field][j ? (first + j - 1) & 0xff : 0] = strings[j];
    }
  }
  return { blocks: [...blocks.values()], crcErrors };
}

/**
 * A CD-TEXT string for display: DBCS blocks decoded from MS-JIS (Shift JIS), others read as
 * ISO 8859-1 (the binary string itself).
 *
 * @example Usage
 * ```ts
 * import { cdTextDisplay } from "./cdtext.ts";
 * if (cdTextDisplay("\x82\xa0", true) !== "あ") throw new Error();
 * if (cdTextDisplay("caf\xe9", false) !== "café") throw new Error();
 * ```
 */
export function cdTextDisplay(text: string, dbcs: boolean | undefined): string {
  if (!dbcs) return text;
  return new TextDecoder("shift_jis").decode(Uint8Array.from(text, (c) => c.charCodeAt(0)));
}

/**
 * A block with its text fields for display ({@linkcode cdTextDisplay}): a DBCS block's strings
 * decoded from MS-JIS, ISO 8859-1 ones as they are. `dbcs` stays set; MCN/ISRC are unchanged.
 *
 * @example Usage
 * ```ts
 * import { cdTextBlockDisplay } from "./cdtext.ts";
 * const b = { block: 1, language: 0x69, title: ["\x82\xa0"], performer: [], songwriter: [], mcnIsrc: [], dbcs: true };
 * if (cdTextBlockDisplay(b).title[0] !== "あ") throw new Error();
 * ```
 */
export function cdTextBlockDisplay(b: CdTextBlock): CdTextBlock {
  if (!b.dbcs) return b;
  const d = (a: string[]): string[] => a.map((s) => cdTextDisplay(s, true));
  return { ...b, title: d(b.title), performer: d(b.performer), songwriter: d(b.songwriter) };
}
