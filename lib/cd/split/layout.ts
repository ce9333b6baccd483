// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The disc layout split works on: the TOC refined by subchannel Q (pregaps, indices, lead-out
 * lengths), MCN and ISRC, and the Q-only TOC (QTOC) with its disagreements.
 *
 * @module
 */
import { parseQIsrc, parseQMcn } from "../subchannel.ts";
import { fromBcd } from "../msf.ts";
import type { Toc } from "../toc/toc.ts";
import type { QChannel } from "./subq.ts";

/** A track as split writes it. */
export interface LayoutTrack {
  /** Track number. */
  number: number;
  /** Session number. */
  session: number;
  /** Control nibble. */
  control: number;
  /** First LBA of the track including its index-0 pregap. */
  start: number;
  /** LBAs of index 1, 2, … (`indices[0]` is index 1). */
  indices: number[];
  /** LBA after the last sector (next track start or lead-out). */
  end: number;
  /** ISRC from Q ADR 3, if any. */
  isrc: string | null;
}

/** A session of the layout. */
export interface LayoutSession {
  /** Session number. */
  number: number;
  /** Tracks in order. */
  tracks: LayoutTrack[];
  /** Lead-out start LBA. */
  leadOutStart: number;
  /** LBA after the last lead-out sector seen in Q (or the next session start). */
  leadOutEnd: number;
  /** Control nibble of the lead-out. */
  leadOutControl: number;
}

/** The result of {@linkcode buildLayout}. */
export interface Layout {
  /** Sessions. */
  sessions: LayoutSession[];
  /** Media catalog number from Q ADR 2, if any. */
  mcn: string | null;
}

/** Whether a track is a data track. */
export function isData(control: number): boolean {
  return (control & 4) !== 0;
}

/**
 * Builds the layout. Without subchannel (`q` null) every index 0 is index 1 − 150.
 *
 * @example Usage
 * ```ts
 * import { buildLayout } from "./layout.ts";
 * const toc = { sessions: [{ number: 1, leadOut: 900, leadOutControl: 4, tracks: [{ number: 1, control: 4, session: 1, lba: 0 }] }] };
 * const l = buildLayout(toc, null);
 * if (l.sessions[0].tracks[0].start !== -150) throw new Error("unexpected");
 * ```
 */
export function buildLayout(toc: Toc, q: QChannel | null): Layout {
  // First LBA per (track, index) and last lead-out LBA per session range, from valid ADR-1 Q.
  const firstSeen = new Map<number, number>(); // track*100+index -> lba
  const isrcs = new Map<number, string>();
  let mcn: string | null = null;
  const aa: number[] = [];
  if (q) {
    let curTrack = 0;
    for (let r = 0; r < q.count; r++) {
      if (!q.valid[r]) continue;
      const o = r * 12, lba = q.firstLba + r;
      const adr = q.q[o] & 0xf;
      if (adr === 1) {
        if (q.q[o + 1] === 0xaa) {
          aa.push(lba);
          continue;
        }
        const t = fromBcd(q.q[o + 1]), i = fromBcd(q.q[o + 2]);
        if (!(t >= 1 && t <= 99) || Number.isNaN(i)) continue;
        curTrack = t;
        const key = t * 100 + i;
        if (!firstSeen.has(key)) firstSeen.set(key, lba);
      } else if (adr === 2) {
        mcn ??= parseQMcn(q.q.subarray(o, o + 12));
      } else if (adr === 3 && curTrack > 0 && !isrcs.has(curTrack)) {
        isrcs.set(curTrack, parseQIsrc(q.q.subarray(o, o + 12)));
      }
    }
  }
  if (mcn !== null && /^0+$/.test(mcn)) mcn = null;
  const sessions: LayoutSession[] = toc.sessions.map((s, si) => {
    const tracks: LayoutTrack[] = s.tracks.map((t, ti) => {
      const index1 = t.lba;
      const q0 = firstSeen.get(t.number * 100);
      let start: number;
      if (!q) start = index1 - 150;
      else if (ti === 0) start = q0 !== undefined && q0 < index1 - 150 ? q0 : index1 - 150;
      else if (q0 !== undefined && q0 < index1) start = q0;
      else start = index1;
      const prevIndex1 = ti > 0 ? s.tracks[ti - 1].lba : -Infinity;
      if (start <= prevIndex1) start = index1;
      const indices = [index1];
      for (let i = 2; i <= 99; i++) {
        const l = firstSeen.get(t.number * 100 + i);
        if (l === undefined) break;
        if (l > indices[indices.length - 1]) indices.push(l);
      }
      return {
        number: t.number,
        session: s.number,
        control: t.control,
        start,
        indices,
        end: 0,
        isrc: isrcs.get(t.number) ?? null,
      };
    });
    const next = toc.sessions[si + 1];
    let leadOutEnd: number;
    if (next) leadOutEnd = next.tracks[0].lba - 150;
    else {
      // The last lead-out runs to the end of the subcode (redumper finds no lead-in after it).
      const inSession = aa.filter((l) => l >= s.leadOut);
      if (q) leadOutEnd = Math.max(q.firstLba + q.count, s.leadOut);
      else leadOutEnd = inSession.length ? inSession[inSession.length - 1] + 1 : s.leadOut + 100;
    }
    return {
      number: s.number,
      tracks,
      leadOutStart: s.leadOut,
      leadOutEnd,
      leadOutControl: s.leadOutControl,
    };
  });
  for (const s of sessions) {
    s.tracks.forEach((t, i) => {
      t.end = i + 1 < s.tracks.length ? s.tracks[i + 1].start : s.leadOutStart;
      t.indices = t.indices.filter((l) => l < t.end);
    });
  }
  // A lead-out before another session ends at the first lead-in Q frame (TNO 0) of the next
  // session, if Q has one before the next session's first track (redumper's rule).
  if (q) {
    for (let i = 0; i + 1 < sessions.length; i++) {
      const s = sessions[i];
      const bound = Math.min(s.leadOutEnd, sessions[i + 1].tracks[0].start);
      for (let lba = s.leadOutStart; lba < bound; lba++) {
        const r = lba - q.firstLba;
        if (r < 0 || r >= q.count || !q.valid[r]) continue;
        const o = r * 12;
        if ((q.q[o] & 0xf) === 1 && q.q[o + 1] === 0) {
          s.leadOutEnd = lba;
          break;
        }
      }
    }
  }
  // Next session's first track pregap starts where the previous lead-out ends.
  for (let i = 1; i < sessions.length; i++) {
    const t = sessions[i].tracks[0];
    if (t.start < sessions[i - 1].leadOutEnd) t.start = sessions[i - 1].leadOutEnd;
  }
  return { sessions, mcn };
}
