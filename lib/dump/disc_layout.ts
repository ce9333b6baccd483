// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * What a dump needs from the TOC: track starts, sessions and their lead-outs, from the raw READ
 * TOC format 0 and format 2 replies stored as `.toc` / `.fulltoc`.
 *
 * @module
 */
import { FormatError } from "../errors.ts";

/** One track of the disc. */
export interface LayoutTrack {
  /** Track number. */
  number: number;
  /** Start LBA (index 1). */
  lba: number;
  /** CONTROL nibble (0x4 = data). */
  control: number;
  /** Session number (1 when unknown). */
  session: number;
}

/** One session. */
export interface LayoutSession {
  /** Session number. */
  number: number;
  /** Start LBA of its first track. */
  firstTrackLba: number;
  /** Lead-out LBA. */
  leadout: number;
}

/** Tracks and sessions. */
export interface DiscLayout {
  /** Tracks in order. */
  tracks: LayoutTrack[];
  /** Sessions in order (at least one). */
  sessions: LayoutSession[];
  /** Final lead-out LBA. */
  leadout: number;
}

/**
 * Builds the layout from a format-0 TOC (LBA addressing) and, when it has more than one
 * session, a format-2 full TOC.
 *
 * @example A one-track disc
 * ```ts
 * import { parseDiscLayout } from "./disc_layout.ts";
 * const toc = new Uint8Array([0, 18, 1, 1, 0, 0x14, 1, 0, 0, 0, 0, 0, 0, 0x14, 0xaa, 0, 0, 0, 3, 0xe8]);
 * const l = parseDiscLayout(toc);
 * if (l.leadout !== 1000 || l.tracks[0].control !== 4) throw new Error();
 * ```
 */
export function parseDiscLayout(toc: Uint8Array, fullToc?: Uint8Array | null): DiscLayout {
  if (toc.length < 4) throw new FormatError("TOC reply is too short");
  const len = Math.min(toc.length, ((toc[0] << 8) | toc[1]) + 2);
  const tracks: LayoutTrack[] = [];
  let leadout = -1;
  for (let o = 4; o + 8 <= len; o += 8) {
    const lba = ((toc[o + 4] << 24) | (toc[o + 5] << 16) | (toc[o + 6] << 8) | toc[o + 7]) | 0;
    const control = toc[o + 1] & 0x0f;
    if (toc[o + 2] === 0xaa) leadout = lba;
    else tracks.push({ number: toc[o + 2], lba, control, session: 1 });
  }
  if (tracks.length === 0 || leadout < 0) {
    throw new FormatError("TOC has no tracks or no lead-out");
  }
  let sessions: LayoutSession[] = [{ number: 1, firstTrackLba: tracks[0].lba, leadout }];
  if (fullToc && fullToc.length > 4) {
    const flen = Math.min(fullToc.length, ((fullToc[0] << 8) | fullToc[1]) + 2);
    const bySession = new Map<number, { leadout?: number; tracks: number[] }>();
    for (let o = 4; o + 11 <= flen; o += 11) {
      const s = fullToc[o];
      const point = fullToc[o + 3];
      const adr = fullToc[o + 1] >> 4;
      if (adr !== 1) continue;
      const pl = 75 * (60 * fullToc[o + 8] + fullToc[o + 9]) + fullToc[o + 10] - 150;
      const e = bySession.get(s) ?? { tracks: [] };
      if (point === 0xa2) e.leadout = pl;
      else if (point >= 1 && point <= 99) e.tracks.push(point);
      bySession.set(s, e);
    }
    if (bySession.size > 1) {
      sessions = [];
      for (const [number, e] of [...bySession].sort((a, b) => a[0] - b[0])) {
        for (const t of tracks) if (e.tracks.includes(t.number)) t.session = number;
        const first = tracks.find((t) => t.session === number);
        if (!first || e.leadout === undefined) continue;
        sessions.push({ number, firstTrackLba: first.lba, leadout: e.leadout });
      }
      if (sessions.length === 0) sessions = [{ number: 1, firstTrackLba: tracks[0].lba, leadout }];
    }
  }
  return { tracks, sessions, leadout };
}
