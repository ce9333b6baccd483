// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Which LBAs a dump reads and how it treats failures there: the program area of each session
 * (errors count), session gaps (read while fast, jumped when slow or unreadable) and the lead-out
 * overread (read while reads succeed and are fast, at most 100 sectors).
 *
 * @module
 */
import { UsageError } from "../errors.ts";
import type { DiscLayout } from "./disc_layout.ts";

/** Sectors read past the last lead-out when nothing else is asked. */
export const OVERREAD_COUNT = 100;
/** A read inside a session gap or the lead-out slower than this ends that zone (ms). */
export const SLOW_SECTOR_MS = 4000;

/** A half-open LBA range `[start, end)`. */
export interface LbaRange {
  /** First LBA. */
  start: number;
  /** One past the last LBA. */
  end: number;
}

/** How failures in a zone are treated. */
export type ZoneKind = "program" | "gap" | "leadout";

/** A contiguous part of the read plan. */
export interface Zone extends LbaRange {
  /** program: failures are errors; gap/leadout: a failure or slow read ends the zone. */
  kind: ZoneKind;
}

/** Range and limits for {@linkcode planZones}. */
export interface PlanOptions {
  /** First LBA to read (the drive's pregap start unless `--lba-start`). */
  start: number;
  /** One past the last LBA when given by `--lba-end` (then everything is program area). */
  end?: number;
  /** Lead-out overread limit (default 100). */
  overread?: number;
}

/**
 * Splits the dump range into zones.
 *
 * @example Two sessions
 * ```ts
 * import { planZones } from "./read_plan.ts";
 * const layout = { tracks: [], leadout: 12750, sessions: [
 *   { number: 1, firstTrackLba: 0, leadout: 750 },
 *   { number: 2, firstTrackLba: 12150, leadout: 12750 }] };
 * const z = planZones(layout, { start: -150 });
 * if (z.map((x) => `${x.kind}:${x.start}-${x.end}`).join(" ") !==
 *   "program:-150-750 gap:750-12000 program:12000-12750 leadout:12750-12850") throw new Error();
 * ```
 */
export function planZones(layout: DiscLayout, options: PlanOptions): Zone[] {
  const zones: Zone[] = [];
  const s = layout.sessions;
  const overread = options.overread ?? OVERREAD_COUNT;
  let pos = options.start;
  for (let k = 0; k < s.length; k++) {
    const programStart = k === 0 ? options.start : s[k].firstTrackLba - 150;
    if (k > 0 && programStart > pos) {
      zones.push({ kind: "gap", start: pos, end: programStart });
      pos = programStart;
    }
    if (s[k].leadout > pos) {
      zones.push({ kind: "program", start: pos, end: s[k].leadout });
      pos = s[k].leadout;
    }
  }
  if (options.end === undefined) {
    zones.push({ kind: "leadout", start: pos, end: pos + overread });
    return zones.filter((z) => z.end > z.start);
  }
  const end = options.end;
  if (end > pos) zones.push({ kind: "program", start: pos, end });
  return zones
    .map((z) => ({ ...z, kind: z.kind, end: Math.min(z.end, end) }))
    .filter((z) => z.end > z.start);
}

/**
 * Parses `--skip` ranges as redumper does: `START-END` pairs with END **inclusive** (negative
 * LBAs allowed), separated by `:` (or `,`). The result's `end` is exclusive.
 *
 * @example Usage
 * ```ts
 * import { parseSkipRanges } from "./read_plan.ts";
 * const r = parseSkipRanges("100-199:-75--11");
 * if (r.length !== 2 || r[0].start !== -75 || r[0].end !== -10 || r[1].end !== 200) throw new Error();
 * ```
 */
export function parseSkipRanges(text: string): LbaRange[] {
  const out: LbaRange[] = [];
  for (const part of text.split(/[,:]/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^([+-]?\d+)-([+-]?\d+)$/.exec(part);
    if (!m) throw new UsageError(`Cannot parse --skip range "${part}": expected START-END`);
    const start = Number(m[1]);
    const end = Number(m[2]) + 1;
    if (end <= start) throw new UsageError(`--skip range "${part}" is empty (END before START)`);
    out.push({ start, end });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The skip range containing `lba`, or the first one starting after it (null when none). */
export function nextSkip(ranges: LbaRange[], lba: number): LbaRange | null {
  for (const r of ranges) if (r.end > lba) return r;
  return null;
}
