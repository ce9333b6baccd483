// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import { FormatError } from "../../errors.ts";
import { msfToLba } from "../msf.ts";

/** A track entry of a parsed TOC. */
export interface TocEntry {
  /** Track number. */
  number: number;
  /** Control nibble. */
  control: number;
  /** Index 1 LBA. */
  start: number;
  /** Session (1 when only format 0 is known). */
  session: number;
}

/** A parsed TOC: tracks, and per session its lead-out. */
export interface ParsedToc {
  /** Tracks in order. */
  tracks: TocEntry[];
  /** Lead-out LBA per session (index 0 = session 1). */
  leadOuts: number[];
  /** FULL TOC A0 disc type (0 when unknown). */
  discType: number;
}

/**
 * Parses a raw READ TOC format 0 response (LBA addressing, 4-byte header).
 *
 * @example Usage
 * ```ts
 * import { parseToc0 } from "./toc_parse.ts";
 * const toc = new Uint8Array([0, 18, 1, 1, 0, 0x14, 1, 0, 0, 0, 0, 0, 0, 0x14, 0xaa, 0, 0, 0, 3, 0xe8]);
 * const t = parseToc0(toc);
 * if (t.tracks[0].control !== 4 || t.leadOuts[0] !== 1000) throw new Error();
 * ```
 */
export function parseToc0(raw: Uint8Array): ParsedToc {
  if (raw.length < 4) throw new FormatError("TOC: shorter than its header");
  const len = Math.min(raw.length, ((raw[0] << 8) | raw[1]) + 2);
  const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const tracks: TocEntry[] = [];
  let leadOut = NaN;
  for (let o = 4; o + 8 <= len; o += 8) {
    const start = dv.getInt32(o + 4);
    if (raw[o + 2] === 0xaa) leadOut = start;
    else tracks.push({ number: raw[o + 2], control: raw[o + 1] & 0xf, start, session: 1 });
  }
  if (tracks.length === 0 || Number.isNaN(leadOut)) {
    throw new FormatError("TOC: no tracks or no lead-out");
  }
  return { tracks, leadOuts: [leadOut], discType: 0 };
}

/** Parses a raw FULL TOC (format 2, MSF) response into sessions and tracks. */
export function parseFullToc(raw: Uint8Array): ParsedToc {
  const len = Math.min(raw.length, ((raw[0] << 8) | raw[1]) + 2);
  const tracks: TocEntry[] = [];
  const leadOuts: number[] = [];
  let discType = 0;
  for (let o = 4; o + 11 <= len; o += 11) {
    const session = raw[o], adr = raw[o + 1] >> 4, control = raw[o + 1] & 0xf, point = raw[o + 3];
    if (adr !== 1) continue;
    const lba = msfToLba({ m: raw[o + 8], s: raw[o + 9], f: raw[o + 10] });
    if (point === 0xa0 && session === 1) discType = raw[o + 9];
    else if (point === 0xa2) leadOuts[session - 1] = lba;
    else if (point >= 1 && point <= 99) {
      tracks.push({ number: point, control, start: lba, session });
    }
  }
  if (tracks.length === 0 || leadOuts.length === 0) {
    throw new FormatError("FULL TOC: no tracks or no lead-out");
  }
  tracks.sort((a, b) => a.number - b.number);
  return { tracks, leadOuts, discType };
}
