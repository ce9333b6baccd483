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
  /** Language code from the size-information pack, when present. */
  language: number | null;
  /** `title[0]` is the album, `title[n]` track n; same for the others. */
  title: string[];
  /** Performers. */
  performer: string[];
  /** Songwriters. */
  songwriter: string[];
}

/** Result of {@linkcode parseCdText}. */
export interface CdText {
  /** Blocks in order (first = default language). */
  blocks: CdTextBlock[];
  /** Packs whose CRC did not match (the last pack is not checked: drive quirk). */
  crcErrors: number;
}

const FIELDS: Record<number, keyof Pick<CdTextBlock, "title" | "performer" | "songwriter">> = {
  0x80: "title",
  0x81: "performer",
  0x82: "songwriter",
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
  const packCount = Math.floor((len - 4) / 18);
  for (let p = 0; p < packCount; p++) {
    const o = 4 + p * 18;
    const type = raw[o];
    const crc = crc16Gsm(raw, o, o + 16);
    if (p !== packCount - 1 && ((raw[o + 16] << 8) | raw[o + 17]) !== crc) {
      crcErrors++;
      continue;
    }
    const blockNo = (raw[o + 3] >> 4) & 7;
    let block = blocks.get(blockNo);
    if (!block) {
      blocks.set(
        blockNo,
        block = { block: blockNo, language: null, title: [], performer: [], songwriter: [] },
      );
    }
    if (type === 0x8f && raw[o + 1] === 2) {
      // size information, third pack: language codes for blocks 0..7 at bytes 4..11
      block.language = raw[o + 4 + blockNo];
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
  return { blocks: [...blocks.values()].sort((a, b) => a.block - b.block), crcErrors };
}
