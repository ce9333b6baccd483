// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * READ TOC/PMA/ATIP responses: format 0 (TOC), 1 (session info), 2 (full TOC), 3 (PMA), 4 (ATIP),
 * 5 (CD-TEXT packs).
 *
 * @module
 */
import { be16, be32s } from "./bytes.ts";
import { msfToLba } from "./read_cd.ts";

/** The 4-byte header of every READ TOC response. */
export interface TocHeader {
  /** Total response length (data length field + 2). */
  length: number;
  /** First track (format 0), first session (1, 2) or reserved. */
  first: number;
  /** Last track / session. */
  last: number;
}

/** Reads the header; `length` is how many bytes the full response has. */
export function parseTocHeader(b: Uint8Array): TocHeader {
  return { length: be16(b, 0) + 2, first: b[2] ?? 0, last: b[3] ?? 0 };
}

/** One format-0 track descriptor. */
export interface TocTrack {
  /** Track number (0xAA = lead-out). */
  track: number;
  /** ADR (high nibble of byte 1). */
  adr: number;
  /** CONTROL (low nibble of byte 1): 0x4 data, 0x8 four-channel, 0x2 copy, 0x1 pre-emphasis. */
  control: number;
  /** Start address as an LBA (converted when the response used MSF). */
  lba: number;
  /** Whether it is a data track. */
  data: boolean;
}

/** A format-0 TOC. */
export interface Toc {
  /** First track number. */
  firstTrack: number;
  /** Last track number. */
  lastTrack: number;
  /** Tracks in order, lead-out (0xAA) last. */
  tracks: TocTrack[];
}

/**
 * Decodes a format-0 TOC (`msf` says how the request asked for addresses).
 *
 * @example QEMU's one-track disc of 1000 sectors
 * ```ts
 * import { parseToc } from "./toc.ts";
 * const b = new Uint8Array([0, 18, 1, 1, 0, 0x14, 1, 0, 0, 0, 0, 0, 0, 0x16, 0xaa, 0, 0, 0, 3, 0xe8]);
 * const t = parseToc(b);
 * if (t.tracks.length !== 2 || t.tracks[1].lba !== 1000 || !t.tracks[0].data) throw new Error();
 * ```
 */
export function parseToc(b: Uint8Array, msf = false): Toc {
  const h = parseTocHeader(b);
  const end = Math.min(b.length, h.length);
  const tracks: TocTrack[] = [];
  for (let o = 4; o + 8 <= end; o += 8) {
    const lba = msf ? msfToLba({ m: b[o + 5], s: b[o + 6], f: b[o + 7] }) : be32s(b, o + 4);
    tracks.push({
      track: b[o + 2],
      adr: b[o + 1] >> 4,
      control: b[o + 1] & 0x0f,
      lba,
      data: (b[o + 1] & 0x04) !== 0,
    });
  }
  return { firstTrack: h.first, lastTrack: h.last, tracks };
}

/** Format 1: first and last complete session, and the first track of the last session. */
export interface SessionInfo {
  /** First complete session number. */
  firstSession: number;
  /** Last complete session number. */
  lastSession: number;
  /** First track number in the last session (QEMU reports 0 here; real drives report ≥ 1). */
  firstTrackInLastSession: number;
  /** Start LBA of that track. */
  lba: number;
}

/** Decodes format 1 (session information). */
export function parseSessionInfo(b: Uint8Array, msf = false): SessionInfo {
  const h = parseTocHeader(b);
  const lba = msf ? msfToLba({ m: b[9], s: b[10], f: b[11] }) : be32s(b, 8);
  return { firstSession: h.first, lastSession: h.last, firstTrackInLastSession: b[6] ?? 0, lba };
}

/** One 11-byte FULL TOC descriptor (raw Q of the lead-in). */
export interface FullTocEntry {
  /** Session number. */
  session: number;
  /** ADR. */
  adr: number;
  /** CONTROL. */
  control: number;
  /** TNO (0 in the lead-in). */
  tno: number;
  /** POINT: 01–99 tracks, A0 first track, A1 last track, A2 lead-out, B0/C0… multisession. */
  point: number;
  /** MIN/SEC/FRAME (binary). */
  min: number;
  /** Seconds. */
  sec: number;
  /** Frames. */
  frame: number;
  /** ZERO byte. */
  zero: number;
  /** PMIN (A0: first track, A1: last track). */
  pmin: number;
  /** PSEC (A0: disc type 0x00 CD-DA/CD-ROM, 0x10 CD-I, 0x20 CD-ROM XA). */
  psec: number;
  /** PFRAME. */
  pframe: number;
  /** PMIN:PSEC:PFRAME as an LBA (meaningful for track points and A2). */
  lba: number;
}

/** Decodes format 2 (full TOC, MSF addressing). */
export function parseFullToc(
  b: Uint8Array,
): { firstSession: number; lastSession: number; entries: FullTocEntry[] } {
  const h = parseTocHeader(b);
  const end = Math.min(b.length, h.length);
  const entries: FullTocEntry[] = [];
  for (let o = 4; o + 11 <= end; o += 11) {
    entries.push({
      session: b[o],
      adr: b[o + 1] >> 4,
      control: b[o + 1] & 0x0f,
      tno: b[o + 2],
      point: b[o + 3],
      min: b[o + 4],
      sec: b[o + 5],
      frame: b[o + 6],
      zero: b[o + 7],
      pmin: b[o + 8],
      psec: b[o + 9],
      pframe: b[o + 10],
      lba: msfToLba({ m: b[o + 8], s: b[o + 9], f: b[o + 10] }),
    });
  }
  return { firstSession: h.first, lastSession: h.last, entries };
}

/** Format 3 (PMA) has the same 11-byte descriptors as the full TOC. */
export function parsePma(b: Uint8Array): FullTocEntry[] {
  return parseFullToc(b).entries;
}

/** Format 4: ATIP of a recordable disc. */
export interface Atip {
  /** Indicative target writing power (bits 6–4 of byte 4). */
  writingPower: number;
  /** Disc type: false = CD-R, true = CD-RW (byte 6 bit 6). */
  rewritable: boolean;
  /** Disc sub-type (byte 6 bits 5–3). */
  subType: number;
  /** Start of the lead-in as an LBA (negative), from bytes 8–10 (M:S:F). */
  leadInStart: number;
  /** Last possible start of the lead-out as an LBA, from bytes 12–14. */
  leadOutLimit: number;
  /** Lead-in start as `MM:SS:FF` (the frame digit identifies the disc manufacturer). */
  leadInMsf: string;
}

/**
 * Decodes format 4 (ATIP); null when the drive returned only the header (pressed disc) or
 * something that is not ATIP (bytes 2–3 are reserved and bit 7 of bytes 4 and 6 is always 1 —
 * drives that ignore the format field answer with the format-0 TOC instead).
 */
export function parseAtip(b: Uint8Array): Atip | null {
  const h = parseTocHeader(b);
  if (h.length < 4 + 12 || b.length < 16) return null;
  if (b[2] !== 0 || b[3] !== 0 || !(b[4] & 0x80) || !(b[6] & 0x80)) return null;
  const m = (o: number) => ({ m: b[o], s: b[o + 1], f: b[o + 2] });
  const p = (n: number) => String(n).padStart(2, "0");
  return {
    writingPower: (b[4] >> 4) & 0x07,
    rewritable: (b[6] & 0x40) !== 0,
    subType: (b[6] >> 3) & 0x07,
    leadInStart: msfToLba(m(8)),
    leadOutLimit: msfToLba(m(12)),
    leadInMsf: `${p(b[8])}:${p(b[9])}:${p(b[10])}`,
  };
}

/** One 18-byte CD-TEXT pack. */
export interface CdTextPack {
  /** Pack type: 0x80 title, 0x81 performer, 0x82 songwriter, 0x83 composer, 0x84 arranger,
   * 0x85 message, 0x86 disc id, 0x87 genre, 0x88 TOC, 0x89 TOC2, 0x8D closed, 0x8E UPC/ISRC,
   * 0x8F size info. */
  type: number;
  /** Track number (0 = disc), bit 7 = extension flag removed. */
  track: number;
  /** Sequence number. */
  sequence: number;
  /** Block number (language block, 0–7). */
  block: number;
  /** Double-byte characters. */
  dbcs: boolean;
  /** Character position of the first character. */
  charPosition: number;
  /** The 12 text bytes. */
  text: Uint8Array;
  /** Stored CRC (big-endian). */
  crc: number;
}

/**
 * Decodes format 5 into its packs (CRC checking and text assembly belong to lib/cd). Stops at the
 * first block that is not a CD-TEXT pack (pack types are 0x80–0x8F).
 */
export function parseCdTextPacks(b: Uint8Array): CdTextPack[] {
  const h = parseTocHeader(b);
  const end = Math.min(b.length, h.length);
  const packs: CdTextPack[] = [];
  for (let o = 4; o + 18 <= end; o += 18) {
    if (b[o] < 0x80 || b[o] > 0x8f) break;
    packs.push({
      type: b[o],
      track: b[o + 1] & 0x7f,
      sequence: b[o + 2],
      block: (b[o + 3] >> 4) & 0x07,
      dbcs: (b[o + 3] & 0x80) !== 0,
      charPosition: b[o + 3] & 0x0f,
      text: b.slice(o + 4, o + 16),
      crc: be16(b, o + 16),
    });
  }
  return packs;
}
