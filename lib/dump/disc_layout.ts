// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * What a dump needs from the TOC: track starts, sessions and their lead-outs, from the raw READ
 * TOC format 0 and format 2 replies stored as `.toc` / `.fulltoc`.
 *
 * @module
 */
import { FormatError } from "../errors.ts";
import { parseFullToc, parseToc } from "../scsi/toc.ts";

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
  const tracks: LayoutTrack[] = [];
  let leadout = -1;
  for (const t of parseToc(toc).tracks) {
    if (t.track === 0xaa) leadout = t.lba;
    else tracks.push({ number: t.track, lba: t.lba, control: t.control, session: 1 });
  }
  if (tracks.length === 0 || leadout < 0) {
    throw new FormatError("TOC has no tracks or no lead-out");
  }
  let sessions: LayoutSession[] = [{ number: 1, firstTrackLba: tracks[0].lba, leadout }];
  if (fullToc && fullToc.length > 4) {
    const bySession = new Map<number, { leadout?: number; tracks: number[] }>();
    for (const e of parseFullToc(fullToc).entries) {
      if (e.adr !== 1) continue;
      const entry = bySession.get(e.session) ?? { tracks: [] };
      if (e.point === 0xa2) entry.leadout = e.lba;
      else if (e.point >= 1 && e.point <= 99) entry.tracks.push(e.point);
      bySession.set(e.session, entry);
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
