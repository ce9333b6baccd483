// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * CD-TEXT from a READ TOC format 5 response: 18-byte packs (type, track, sequence, block/char
 * position, 12 text bytes, CRC-16/GSM big-endian). Text is kept verbatim (Latin-1 bytes).
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
}

/** Result of {@linkcode parseCdText}. */
export interface CdText {
  /** Blocks in order (first = default language). */
  blocks: CdTextBlock[];
  /** Packs whose CRC did not match (the last pack is not checked: drive quirk). */
  crcErrors: number;
}

const FIELDS: Record<
  number,
  keyof Pick<CdTextBlock, "title" | "performer" | "songwriter" | "mcnIsrc">
> = {
  0x80: "title",
  0x81: "performer",
  0x82: "songwriter",
  0x8e: "mcnIsrc",
};

/**
 * Parses CD-TEXT packs.
 *
 * @example Usage
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
export function parseCdText(raw: Uint8Array): CdText {
  const len = raw.length >= 2 ? Math.min(((raw[0] << 8) | raw[1]) + 2, raw.length) : 0;
  const blocks = new Map<number, CdTextBlock>();
  const pending = new Map<string, number[]>();
  let crcErrors = 0;
  // The first complete block size information (3 packs of type 0x8F, 36 bytes) gives the
  // language code of every block (bytes 28..35).
  const bsi = new Uint8Array(36);
  let bsiFound = false;
  const packCount = Math.floor((len - 4) / 18);
  for (let p = 0; p < packCount; p++) {
    const o = 4 + p * 18;
    const type = raw[o];
    const crc = crc16Gsm(raw, o, o + 16);
    if (p !== packCount - 1 && ((raw[o + 16] << 8) | raw[o + 17]) !== crc) {
      crcErrors++;
      continue;
    }
    if (raw[o + 1] & 0x80) continue; // extension packs
    const blockNo = (raw[o + 3] >> 4) & 7;
    if (type === 0x8f) {
      const part = raw[o + 1];
      if (!bsiFound && part <= 2) {
        bsi.set(raw.subarray(o + 4, o + 16), part * 12);
        if (part === 2) bsiFound = true;
      }
      continue;
    }
    let block = blocks.get(blockNo);
    if (!block) {
      blocks.set(
        blockNo,
        block = {
          block: blockNo,
          language: null,
          title: [],
          performer: [],
          songwriter: [],
          mcnIsrc: [],
        },
      );
    }
    const field = FIELDS[type];
    if (!field) continue;
    let track = raw[o + 1] & 0x7f;
    const key = `${blockNo}:${type}`;
    let buf = pending.get(key) ?? [];
    for (let i = 0; i < 12; i++) {
      const c = raw[o + 4 + i];
      if (c !== 0) {
        buf.push(c);
        continue;
      }
      let text = String.fromCharCode(...buf);
      if (text === "\t") text = block[field][track - 1] ?? "";
      block[field][track] = text;
      buf = [];
      track++;
    }
    pending.set(key, buf);
  }
  const sorted = [...blocks.values()].sort((a, b) => a.block - b.block);
  // Without size information redumper numbers the languages 0xF7 + block.
  for (const b of sorted) b.language = bsiFound ? bsi[28 + b.block] : 0xf7 + b.block;
  return { blocks: sorted, crcErrors };
}
