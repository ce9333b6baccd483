// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The TOC built from subchannel Q alone (redumper's QTOC), its comparison with the drive's TOC
 * refined by Q, and `--force-qtoc`, which splits by it.
 *
 * QTOC rules (as redumper builds it): valid ADR-1 frames with a track number open a new session
 * after a lead-out, a new track when the number is the next one or the lead-out (AA); a track
 * starts at its first frame (index 0 included); index n is recorded at the first frame of index n
 * when indices 1..n−1 are known; a track extends to the last frame before a lead-in frame (TNO 0)
 * or another ADR. The first track of every session is then moved back by however far the disc's
 * first frame is after LBA −150.
 *
 * @module
 */
import { fromBcd } from "../msf.ts";
import type { RunLog } from "../run_log.ts";
import type { Layout, LayoutSession, LayoutTrack } from "./layout.ts";
import { formatLayout } from "./split_report.ts";
import type { QChannel } from "./subq.ts";

interface QTrack {
  number: number;
  control: number;
  start: number;
  end: number;
  indices: number[];
}

/**
 * Builds the QTOC from corrected Q, in the layout shape split works on (ISRCs and MCN taken from
 * `base`).
 *
 * @example Usage
 * ```ts ignore
 * const qtoc = buildQtoc(q, layout);
 * ```
 */
export function buildQtoc(q: QChannel, base: Layout): Layout {
  const sessions: QTrack[][] = [];
  let active = false;
  for (let r = 0; r < q.count; r++) {
    const lba = q.firstLba + r;
    if (q.valid[r]) {
      const o = r * 12;
      const adr = q.q[o] & 0xf;
      if (adr === 1 && q.q[o + 1] !== 0) {
        const tno = q.q[o + 1] === 0xaa ? 0xaa : fromBcd(q.q[o + 1]);
        let s = sessions[sessions.length - 1];
        const lastTrack = s?.[s.length - 1];
        if (!s || (lastTrack && lastTrack.number === 0xaa && tno !== 0xaa)) {
          sessions.push(s = []);
        }
        const prev = s[s.length - 1];
        if (!prev || (prev.number !== tno && (prev.number + 1 === tno || tno === 0xaa))) {
          if (prev) prev.end = lba;
          s.push({ number: tno, control: q.q[o] >> 4, start: lba, end: lba, indices: [] });
        }
        const t = s[s.length - 1];
        const index = fromBcd(q.q[o + 2]);
        if (index === t.indices.length + 1) t.indices.push(lba);
        active = true;
      } else active = false;
    }
    if (active) {
      const s = sessions[sessions.length - 1];
      s[s.length - 1].end = lba + 1;
    }
  }
  if (sessions.length > 0) {
    const shift = sessions[0][0].start + 150;
    for (const s of sessions) s[0].start -= shift;
  }
  const isrc = new Map(base.sessions.flatMap((s) => s.tracks).map((t) => [t.number, t.isrc]));
  const out: LayoutSession[] = sessions.map((s, i) => {
    const lo = s.find((t) => t.number === 0xaa);
    const tracks: LayoutTrack[] = s.filter((t) => t.number !== 0xaa).map((t) => ({
      number: t.number,
      session: i + 1,
      control: t.control,
      start: t.start,
      indices: t.indices.length ? t.indices : [t.start],
      end: t.end,
      isrc: isrc.get(t.number) ?? null,
    }));
    const last = tracks[tracks.length - 1];
    return {
      number: i + 1,
      tracks,
      leadOutStart: lo?.start ?? last?.end ?? 0,
      leadOutEnd: lo?.end ?? last?.end ?? 0,
      leadOutControl: lo?.control ?? last?.control ?? 0,
    };
  }).filter((s) => s.tracks.length > 0);
  return { sessions: out, mcn: base.mcn };
}

interface Cmp {
  control: number;
  start: number;
  end: number;
  indices: number[];
}

function byTrackString(l: Layout, width: number): Map<string, Cmp> {
  const m = new Map<string, Cmp>();
  for (const s of l.sessions) {
    for (const t of s.tracks) m.set(String(t.number).padStart(width, "0"), t);
    m.set("A".repeat(width), {
      control: s.leadOutControl,
      start: s.leadOutStart,
      end: s.leadOutEnd,
      indices: [s.leadOutStart],
    });
  }
  return m;
}

/**
 * redumper's TOC / QTOC comparison lines (`warning: TOC / QTOC mismatch, track index 01 (track:
 * 2, LBA: 255 <=> 250)`), by track string in sorted order.
 *
 * @example Usage
 * ```ts
 * import { qtocMismatches } from "./qtoc.ts";
 * const l = (i1: number) => ({ mcn: null, sessions: [{ number: 1, leadOutStart: 300, leadOutEnd: 400, leadOutControl: 0, tracks: [{ number: 1, session: 1, control: 0, start: -150, indices: [i1], end: 300, isrc: null }] }] });
 * const lines = qtocMismatches(l(0), l(5));
 * if (lines[0] !== "warning: TOC / QTOC mismatch, track index 01 (track: 1, LBA: 0 <=> 5)") throw new Error();
 * ```
 */
export function qtocMismatches(toc: Layout, qtoc: Layout): string[] {
  const max = Math.max(0, ...toc.sessions.flatMap((s) => s.tracks.map((t) => t.number)));
  const width = String(max).length;
  const a = byTrackString(toc, width), b = byTrackString(qtoc, width);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  const out: string[] = [];
  const w = "warning: TOC / QTOC mismatch,";
  for (const k of keys) {
    const t = a.get(k), u = b.get(k);
    if (t && u) {
      if (t.control !== u.control) {
        const bin = (c: number): string => c.toString(2).padStart(4, "0");
        out.push(`${w} control (track: ${k}, control: ${bin(t.control)} <=> ${bin(u.control)})`);
      }
      if (t.start !== u.start) {
        out.push(`${w} track index 00 (track: ${k}, LBA: ${t.start} <=> ${u.start})`);
      }
      if (t.indices.length === u.indices.length) {
        if (t.indices.length && t.indices[0] !== u.indices[0]) {
          out.push(`${w} track index 01 (track: ${k}, LBA: ${t.indices[0]} <=> ${u.indices[0]})`);
        }
      } else out.push(`${w} track index size (track: ${k})`);
      if (t.end !== u.end) {
        out.push(`${w} track length (track: ${k}, LBA: ${t.end} <=> ${u.end})`);
      }
    } else {
      if (!t) out.push(`${w} nonexistent track in TOC (track: ${k})`);
      if (!u) out.push(`${w} nonexistent track in QTOC (track: ${k})`);
    }
  }
  return out;
}

/**
 * Logs the TOC / QTOC comparison as redumper does (mismatch warnings, then the QTOC listing) and
 * returns the layout to split by: the QTOC with `force` (`warning: split is performed by QTOC`),
 * else `layout`.
 */
export function applyQtoc(
  layout: Layout,
  q: QChannel,
  force: boolean,
  log: RunLog,
  warn: (line: string) => void,
): Layout {
  const qtoc = buildQtoc(q, layout);
  const lines = qtocMismatches(layout, qtoc);
  for (const l of lines) warn(l);
  if (lines.length) log.add("", "final QTOC:", ...formatLayout(qtoc), "");
  if (!force) return layout;
  if (qtoc.sessions.length === 0) return layout;
  warn("warning: split is performed by QTOC");
  log.add("");
  return qtoc;
}
