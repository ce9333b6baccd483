// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Raw READ TOC/PMA/ATIP responses (formats 0–5, MMC) of a disc, header included, as a drive
 * returns them and as redumper stores them in `.toc`, `.fulltoc` and `.cdtext`.
 *
 * @module
 */
import { lbaToMsf } from "../msf.ts";
import type { Disc } from "./disc.ts";

type TocDisc = Pick<Disc, "sessions" | "tracks" | "discType" | "cdText">;

function finish(body: number[], first: number, last: number): Uint8Array {
  const out = new Uint8Array(4 + body.length);
  const len = body.length + 2;
  out[0] = len >> 8;
  out[1] = len & 0xff;
  out[2] = first;
  out[3] = last;
  out.set(body, 4);
  return out;
}

function address(lba: number, msf: boolean): number[] {
  if (msf) {
    const m = lbaToMsf(lba);
    return [0, m.m, m.s, m.f];
  }
  const v = lba >>> 0;
  return [v >>> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
}

/**
 * Format 0 (TOC): one 8-byte descriptor per track from `startTrack` (0 = 1), then the lead-out
 * (0xAA). Returns null when `startTrack` is beyond the last track (the drive answers 05/24/00).
 *
 * @example A data track and the lead-out
 * ```ts
 * import { readTocFormat0 } from "./toc_response.ts";
 * const disc = { discType: 0, sessions: [{ number: 1, firstTrack: 1, lastTrack: 1, leadOut: 1000,
 *   leadInStart: -45150 }], tracks: [{ number: 1, session: 1, type: "mode1" as const,
 *   control: 4, pregapStart: -150, start: 0, indices: [], end: 1000 }] };
 * const toc = readTocFormat0(disc, false, 0)!;
 * if (toc[1] !== 0x12 || toc[5] !== 0x14 || toc[14] !== 0xaa) throw new Error();
 * ```
 */
export function readTocFormat0(disc: TocDisc, msf: boolean, startTrack: number): Uint8Array | null {
  const tracks = disc.tracks;
  const first = tracks[0].number, last = tracks[tracks.length - 1].number;
  if (startTrack > last && startTrack !== 0xaa) return null;
  const body: number[] = [];
  for (const t of tracks) {
    if (startTrack === 0xaa || t.number < startTrack) continue;
    body.push(0, 0x10 | t.control, t.number, 0, ...address(t.start, msf));
  }
  const lastT = tracks[tracks.length - 1];
  const leadOut = disc.sessions[disc.sessions.length - 1].leadOut;
  body.push(0, 0x10 | lastT.control, 0xaa, 0, ...address(leadOut, msf));
  return finish(body, first, last);
}

/** Format 1 (session information): first/last session and the first track of the last session. */
export function readTocFormat1(disc: TocDisc, msf: boolean): Uint8Array {
  const s = disc.sessions[disc.sessions.length - 1];
  const t = disc.tracks.find((x) => x.number === s.firstTrack)!;
  return finish(
    [0, 0x10 | t.control, t.number, 0, ...address(t.start, msf)],
    1,
    disc.sessions.length,
  );
}

/**
 * Format 2 (FULL TOC, always MSF): per session A0/A1/A2, the tracks, and for every session but
 * the last B0 (next program area) plus C0 in session 1. `startSession` 0 or 1 = all.
 */
export function readTocFormat2(disc: TocDisc, startSession: number): Uint8Array {
  const body: number[] = [];
  const multi = disc.sessions.length > 1;
  for (const s of disc.sessions) {
    if (s.number < startSession) continue;
    const tr = disc.tracks.filter((t) => t.session === s.number);
    const f = tr[0], l = tr[tr.length - 1];
    const lo = lbaToMsf(s.leadOut);
    const d = (
      ctl: number,
      point: number,
      p: number[],
      adr = 1,
      msf = [0, 0, 0],
      zero = 0,
    ): void => {
      body.push(s.number, (adr << 4) | ctl, 0, point, ...msf, zero, ...p);
    };
    d(f.control, 0xa0, [f.number, disc.discType, 0]);
    d(l.control, 0xa1, [l.number, 0, 0]);
    d(l.control, 0xa2, [lo.m, lo.s, lo.f]);
    for (const t of tr) {
      const m = lbaToMsf(t.start);
      d(t.control, t.number, [m.m, m.s, m.f]);
    }
    const next = disc.sessions[s.number];
    if (multi && next) {
      const nt = disc.tracks.find((t) => t.number === next.firstTrack)!;
      const n = lbaToMsf(nt.pregapStart);
      d(0, 0xb0, [79, 59, 74], 5, [n.m, n.s, n.f], s.number === 1 ? 2 : 1);
      if (s.number === 1) d(0, 0xc0, [97, 26, 66], 5);
    }
  }
  return finish(body, 1, disc.sessions.length);
}

/** Format 3 (PMA) and 4 (ATIP): empty on a pressed disc (header only). */
export function readTocEmpty(): Uint8Array {
  return finish([], 0, 0);
}

/** Format 5 (CD-TEXT): the packs after a 4-byte header; header only when there is none. */
export function readTocFormat5(disc: TocDisc): Uint8Array {
  return finish(Array.from(disc.cdText ?? []), 0, 0);
}
