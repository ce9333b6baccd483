// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * READ TOC responses as redumper stores them: `.toc` (format 0, LBA addressing) and `.fulltoc`
 * (format 2, raw Q entries of the lead-in, binary MSF). The FULL TOC is only chosen when it
 * describes more than one session.
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import { msfToLba } from "../msf.ts";

/** One track as the TOC lists it. */
export interface TocTrack {
  /** Track number 1–99. */
  number: number;
  /** Control nibble (0x4 data, 0x2 copy permitted, 0x1 pre-emphasis, 0x8 four channel). */
  control: number;
  /** Session number (1 for a plain TOC). */
  session: number;
  /** LBA of index 1. */
  lba: number;
}

/** One session: its tracks and where its lead-out starts. */
export interface TocSession {
  /** Session number from 1. */
  number: number;
  /** Tracks in order. */
  tracks: TocTrack[];
  /** LBA of the lead-out. */
  leadOut: number;
  /** Control nibble of the lead-out entry. */
  leadOutControl: number;
}

/** A disc table of contents. */
export interface Toc {
  /** Sessions in order (one for format 0). */
  sessions: TocSession[];
  /** FULL TOC only: the disc type from session 1's A0 entry (PSEC: 0x00 CD-DA/ROM, 0x10 CD-i, 0x20 XA). */
  discType?: number;
}

/**
 * Parses a READ TOC format 0 response (4-byte header, 8-byte descriptors, LBA addressing).
 *
 * @example Usage
 * ```ts
 * import { parseToc } from "./toc.ts";
 * const raw = new Uint8Array([0, 18, 1, 1, 0, 0x14, 1, 0, 0, 0, 0, 0, 0, 0x14, 0xaa, 0, 0, 0, 3, 0x84]);
 * const toc = parseToc(raw);
 * if (toc.sessions[0].leadOut !== 900) throw new Error("unexpected");
 * ```
 */
export function parseToc(raw: Uint8Array): Toc {
  if (raw.length < 4) throw new FormatError(`TOC is too short (${raw.length} bytes)`);
  const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const len = Math.min(dv.getUint16(0) + 2, raw.length);
  if ((len - 4) % 8 !== 0 || len < 12) {
    throw new FormatError(`TOC length ${len} is not a header plus 8-byte descriptors`);
  }
  const tracks: TocTrack[] = [];
  let leadOut = -1, leadOutControl = 0;
  for (let o = 4; o + 8 <= len; o += 8) {
    const control = raw[o + 1] & 0xf;
    const number = raw[o + 2];
    const lba = dv.getInt32(o + 4);
    if (number === 0xaa) {
      leadOut = lba;
      leadOutControl = control;
    } else if (number >= 1 && number <= 99) tracks.push({ number, control, session: 1, lba });
    else throw new FormatError(`TOC descriptor at byte ${o} has track number ${number}`);
  }
  if (leadOut < 0 || tracks.length === 0) throw new FormatError("TOC has no tracks or no lead-out");
  return { sessions: [{ number: 1, tracks, leadOut, leadOutControl }] };
}

/**
 * Parses a READ TOC format 2 (FULL TOC) response: 11-byte descriptors with POINT A0/A1/A2 per
 * session and 01–99 for track starts (PMSF binary).
 *
 * @example Usage
 * ```ts
 * import { parseFullToc } from "./toc.ts";
 * const d = (s: number, ctl: number, p: number, pm: number, ps: number, pf: number) => [s, 0x10 | ctl, 0, p, 0, 0, 0, 0, pm, ps, pf];
 * const body = [...d(1, 4, 0xa0, 1, 0, 0), ...d(1, 4, 0xa1, 1, 0, 0), ...d(1, 4, 0xa2, 0, 14, 0), ...d(1, 4, 1, 0, 2, 0)];
 * const raw = new Uint8Array([0, body.length + 2, 1, 1, ...body]);
 * if (parseFullToc(raw).sessions[0].leadOut !== 900) throw new Error("unexpected");
 * ```
 */
export function parseFullToc(raw: Uint8Array): Toc {
  if (raw.length < 4) throw new FormatError(`FULL TOC is too short (${raw.length} bytes)`);
  const len = Math.min(((raw[0] << 8) | raw[1]) + 2, raw.length);
  const bySession = new Map<number, TocSession>();
  let discType = 0;
  const get = (n: number): TocSession => {
    let s = bySession.get(n);
    if (!s) bySession.set(n, s = { number: n, tracks: [], leadOut: -1, leadOutControl: 0 });
    return s;
  };
  for (let o = 4; o + 11 <= len; o += 11) {
    const session = raw[o];
    const adr = raw[o + 1] >> 4, control = raw[o + 1] & 0xf;
    const point = raw[o + 3];
    if (adr !== 1) continue;
    const lba = msfToLba({ m: raw[o + 8], s: raw[o + 9], f: raw[o + 10] });
    if (point === 0xa0 && session === 1) discType = raw[o + 9];
    else if (point === 0xa2) {
      const s = get(session);
      s.leadOut = lba;
      s.leadOutControl = control;
    } else if (point >= 1 && point <= 99) {
      get(session).tracks.push({ number: point, control, session, lba });
    }
  }
  const sessions = [...bySession.values()].filter((s) => s.tracks.length > 0)
    .sort((a, b) => a.number - b.number);
  for (const s of sessions) {
    if (s.leadOut < 0) throw new FormatError(`FULL TOC session ${s.number} has no lead-out`);
    s.tracks.sort((a, b) => a.number - b.number);
  }
  if (sessions.length === 0) throw new FormatError("FULL TOC has no tracks");
  return { sessions, discType };
}

/**
 * redumper's choice: the FULL TOC when it has more than one session, else the plain TOC.
 *
 * @example Usage
 * ```ts
 * import { chooseToc, parseToc } from "./toc.ts";
 * const raw = new Uint8Array([0, 18, 1, 1, 0, 0x14, 1, 0, 0, 0, 0, 0, 0, 0x14, 0xaa, 0, 0, 0, 3, 0x84]);
 * if (chooseToc(parseToc(raw), null).sessions.length !== 1) throw new Error("unexpected");
 * ```
 */
export function chooseToc(toc: Toc, fullToc: Toc | null): Toc {
  if (fullToc && fullToc.sessions.length > 1) return fullToc;
  return toc;
}

/** All tracks of all sessions in order. */
export function allTracks(toc: Toc): TocTrack[] {
  return toc.sessions.flatMap((s) => s.tracks);
}
