// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Disc write offset detection in redumper's order: data-sector sync vs position, forced offset,
 * Atari Jaguar / VideoNow magic, perfect audio offset from silence in the index-0 ranges, moving
 * data out of lead-in/lead-out, zero. Every step logs the lines redumper logs.
 *
 * @module
 */
import { CD_SECTOR_SAMPLES } from "../constants.ts";
import { formatMsf, lbaToMsf } from "../msf.ts";
import { recordOffset, type ScramAnalysis } from "./analyze.ts";
import { SCRAM_SAMPLE_BASE, type ScramImage } from "./scram_image.ts";
import type { MagicOffset } from "./magic_offset.ts";
import {
  joinSyncRecords,
  normalizeOffsetRecords,
  offsetAt,
  type OffsetEntry,
} from "./offset_shift.ts";

/** A sync run this long (one pregap) makes a data disc. */
const DATA_DISC_MIN_SECTORS = 150;

/** How the offset was found. */
export type OffsetMethod =
  | "data"
  | "forced"
  | "jaguar"
  | "videonow"
  | "videonow-color"
  | "perfect-audio"
  | "move-data"
  | "fallback";

/** Result of {@linkcode detectWriteOffset}. */
export interface WriteOffsetResult {
  /** Disc write offset in samples. */
  offset: number;
  /** The step that decided it. */
  method: OffsetMethod;
  /** Whether data sectors were found by sync. */
  dataDisc: boolean;
  /** Per-range offsets `(first LBA, offset)` when an offset shift is corrected (more than one
   * entry); otherwise one entry. */
  offsets?: OffsetEntry[];
  /** Lines logged after the non-zero ranges (magic, Perfect Audio Offset, shift warning). */
  lateLog?: string[];
}

/** Inputs besides the image. */
export interface WriteOffsetInput {
  /** `--force-offset`, if given. */
  forceOffset?: number;
  /** Index-0 ranges `[startLba, endLba)` of all tracks. */
  pregaps: [number, number][];
  /** TOC sample range `[first track start, last lead-out)` in samples. */
  tocRange: [number, number];
  /** Aligned non-zero data range, or null. */
  dataRange: [number, number] | null;
  /** Silence threshold (default 32). */
  silenceThreshold?: number;
  /** Magic-pattern detectors (Jaguar, VideoNow), tried in order after `forceOffset`. */
  magic?: (() => MagicOffset | null)[];
  /** `--correct-offset-shift`: keep every offset of a shifting data disc. */
  correctOffsetShift?: boolean;
  /** `--offset-shift-relocate`: merge sync records only when their offsets are equal. */
  offsetShiftRelocate?: boolean;
}

const pad = (n: number, w: number): string => String(n).padStart(w);
/** `%+d` */
export const signed = (n: number): string => (n >= 0 ? `+${n}` : `${n}`);

/**
 * Detects the write offset; appends the data-disc block to `log` (logged before the non-zero
 * ranges) and returns the later lines in `lateLog`.
 */
export function detectWriteOffset(
  img: ScramImage,
  analysis: ScramAnalysis,
  input: WriteOffsetInput,
  log: string[],
): WriteOffsetResult {
  const late: string[] = [];
  const r = detect(img, analysis, input, log, late);
  let offsets = r.offsets ?? [[0, r.offset]];
  let offset = r.offset;
  if (offsets.length > 1) {
    offset = offsetAt(offsets, 0);
    if (!input.correctOffsetShift) {
      late.push("warning: offset shift detected, to apply correction please use an option");
      offsets = [[0, offset]];
    }
  }
  return { ...r, offset, offsets, lateLog: late };
}

function detect(
  img: ScramImage,
  analysis: ScramAnalysis,
  input: WriteOffsetInput,
  log: string[],
  late: string[],
): WriteOffsetResult {
  // redumper's sync records (sectors missing inside a run do not split it); a data disc has a
  // run of at least a pregap's length.
  const raw = joinSyncRecords(analysis.records);
  let result: WriteOffsetResult | null = null;
  if (raw.some((r) => r.count >= DATA_DISC_MIN_SECTORS)) {
    log.push("data disc detected, offset configuration: ");
    for (const r of raw) {
      const pos = Math.trunc(r.sample / CD_SECTOR_SAMPLES);
      log.push(
        `  LBA: ${pad(pos, 6)} -> ${pad(r.lba, 6)}, MSF: ${formatMsf(lbaToMsf(r.lba))}, count: ${
          pad(r.count, 6)
        }, offset: ${signed(recordOffset(r))}`,
      );
    }
    log.push("");
    const recs = normalizeOffsetRecords(img, analysis.records, {
      relocate: input.offsetShiftRelocate,
    });
    const offsets: OffsetEntry[] = recs.map((r) => [r.lba, recordOffset(r)]);
    result = { offset: offsetAt(offsets, 0), method: "data", dataDisc: true, offsets };
  }
  if (input.forceOffset !== undefined) {
    return { offset: input.forceOffset, method: "forced", dataDisc: result !== null };
  }
  if (result) return result;
  for (const detector of input.magic ?? []) {
    const m = detector();
    if (!m) continue;
    late.push(m.line);
    return { offset: m.offset, method: m.kind, dataDisc: false };
  }
  const pregaps = input.pregaps.filter(([a, b]) => b > a);
  if (pregaps.length > 0) {
    const threshold = input.silenceThreshold ?? 32;
    for (let level = 0; level <= threshold; level++) {
      const found = perfectAudioOffsets(img, pregaps, level);
      if (found.length === 0) continue;
      late.push(`Perfect Audio Offset (silence level: ${level}): ${formatRanges(found)}`);
      if (level === 0 && found.length === 1 && found[0][0] === found[0][1]) {
        late.push("Perfect Audio Offset applied");
        return { offset: found[0][0], method: "perfect-audio", dataDisc: false };
      }
      break;
    }
  }
  if (input.dataRange) {
    const [ds, de] = input.dataRange;
    const [ts, te] = input.tocRange;
    if (de - ds <= te - ts) {
      if (de > te) {
        late.push(`moving data out of lead-out (difference: ${signed(de - te)})`);
        return { offset: de - te, method: "move-data", dataDisc: false };
      }
      if (ds < ts) {
        late.push(`moving data out of TOC (difference: ${signed(ds - ts)})`);
        return { offset: ds - ts, method: "move-data", dataDisc: false };
      }
    }
  }
  late.push("fallback offset 0 applied");
  return { offset: 0, method: "fallback", dataDisc: false };
}

function formatRanges(r: [number, number][]): string {
  return r.map(([a, b]) => a === b ? signed(a) : `[${signed(a)} .. ${signed(b)}]`).join(", ");
}

const MAX_SHIFT = 150 * CD_SECTOR_SAMPLES;

/** Offsets (inclusive ranges) for which every pregap lies in silence at `level`. */
export function perfectAudioOffsets(
  img: ScramImage,
  pregaps: [number, number][],
  level: number,
): [number, number][] {
  let acc: [number, number][] = [[-MAX_SHIFT, MAX_SHIFT]];
  for (const [la, lb] of pregaps) {
    const a = la * CD_SECTOR_SAMPLES, b = lb * CD_SECTOR_SAMPLES;
    const len = b - a;
    const cands: [number, number][] = [];
    for (const [s, e] of silenceRuns(img, a - MAX_SHIFT, b + MAX_SHIFT, level)) {
      if (e - s >= len) cands.push([Math.max(s - a, -MAX_SHIFT), Math.min(e - b, MAX_SHIFT)]);
    }
    acc = intersect(acc, cands);
    if (acc.length === 0) break;
  }
  return acc;
}

function intersect(a: [number, number][], b: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [x0, x1] of a) {
    for (const [y0, y1] of b) {
      const lo = Math.max(x0, y0), hi = Math.min(x1, y1);
      if (lo <= hi) out.push([lo, hi]);
    }
  }
  return out.sort((p, q) => p[0] - q[0]);
}

/** Maximal runs `[s, e)` of samples in `[from, to)` with |L| and |R| ≤ level. */
export function silenceRuns(
  img: ScramImage,
  from: number,
  to: number,
  level: number,
): [number, number][] {
  const runs: [number, number][] = [];
  const dv = new DataView(img.data.buffer, img.data.byteOffset, img.data.byteLength);
  let runStart: number | null = null;
  for (let s = from; s < to; s++) {
    const i = s - SCRAM_SAMPLE_BASE;
    let silent = true;
    if (i >= 0 && i < img.samples) {
      const l = dv.getInt16(i * 4, true), r = dv.getInt16(i * 4 + 2, true);
      silent = l <= level && l >= -level && r <= level && r >= -level;
    }
    if (silent) {
      if (runStart === null) runStart = s;
    } else if (runStart !== null) {
      runs.push([runStart, s]);
      runStart = null;
    }
  }
  if (runStart !== null) runs.push([runStart, to]);
  return runs;
}
