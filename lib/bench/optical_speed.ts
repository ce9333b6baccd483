// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Optical read speeds in "X" and the drive's reading strategy (CLV, CAV, P-CAV, Z-CLV) inferred
 * from the shape of a read-speed curve, as Nero CD-DVD Speed and Opti Drive Control report them.
 *
 * @module
 */

/** Disc families with their own 1× rate. */
export type OpticalMedia = "cd" | "dvd" | "bd";

/**
 * Bytes per second at 1×: CD 75 sectors/s × 2352 B = 176,400 B/s (raw; 153,600 B/s of 2048-byte
 * user data), DVD 1,385,000 B/s, BD 4,500,000 B/s (36 Mbit/s).
 */
export const ONE_X_BYTES_PER_SECOND: Readonly<Record<OpticalMedia, number>> = {
  cd: 176400,
  dvd: 1385000,
  bd: 4500000,
};

/** Bytes of one sector as the 1× rate counts it: 2352 for CD, 2048 for DVD and BD. */
export const RATE_SECTOR_BYTES: Readonly<Record<OpticalMedia, number>> = {
  cd: 2352,
  dvd: 2048,
  bd: 2048,
};

/**
 * The X speed of reading `sectors` sectors in `ms` milliseconds (CD: 75 sectors/s = 1×).
 *
 * @example Usage
 * ```ts
 * import { speedX } from "./optical_speed.ts";
 * if (speedX("cd", 750, 1000) !== 10) throw new Error("unexpected");
 * if (Math.round(speedX("dvd", 6763, 1000)) !== 10) throw new Error("unexpected");
 * ```
 */
export function speedX(media: OpticalMedia, sectors: number, ms: number): number {
  const bytesPerSecond = (sectors * RATE_SECTOR_BYTES[media]) / (ms / 1000);
  return bytesPerSecond / ONE_X_BYTES_PER_SECOND[media];
}

/** The media family of an MMC current profile (GET CONFIGURATION), or null. */
export function mediaOfProfile(profile: number): OpticalMedia | null {
  if (profile >= 0x08 && profile <= 0x0a) return "cd";
  if (profile >= 0x10 && profile <= 0x2b) return "dvd";
  if (profile >= 0x40 && profile <= 0x43) return "bd";
  return null;
}

/** How a drive spins the disc while reading. */
export type ReadStrategy = "CLV" | "CAV" | "P-CAV" | "Z-CLV" | "unknown";

/** One point of a read-speed curve: position (fraction 0–1 of the disc's LBAs) and speed. */
export interface CurvePoint {
  /** Position as a fraction of the readable LBAs (zone middle). */
  position: number;
  /** Speed (X or MB/s; only ratios matter). */
  speed: number;
}

/** R² of a least-squares line through (x, y). */
function linearFit(x: number[], y: number[]): { slope: number; r2: number } {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return { slope: 0, r2: syy === 0 ? 1 : 0 };
  return { slope: sxy / sxx, r2: (sxy * sxy) / (sxx * syy) };
}

function medianSmooth(v: number[]): number[] {
  return v.map((_, i) => {
    const w = v.slice(Math.max(0, i - 1), i + 2).sort((a, b) => a - b);
    return w[Math.floor(w.length / 2)];
  });
}

/** Splits a curve into plateaus where neighbours differ by less than `jump` (relative). */
function plateaus(v: number[], jump: number): number[][] {
  const out: number[][] = [[v[0]]];
  for (let i = 1; i < v.length; i++) {
    if (Math.abs(v[i] - v[i - 1]) / v[i - 1] > jump) out.push([v[i]]);
    else out[out.length - 1].push(v[i]);
  }
  return out;
}

const spread = (p: number[]): number => Math.max(...p) / Math.min(...p) - 1;

/**
 * Classifies a read-speed curve:
 * - CLV: flat (fastest/slowest below 1.12).
 * - Z-CLV: flat steps: 2–12 plateaus, each flat within 3 %, covering most points.
 * - CAV: speed ∝ radius, and radius² grows linearly with the LBA, so speed² is a straight line
 *   in position (R² ≥ 0.97).
 * - P-CAV: CAV rising to a cap that stays flat over the last ≥ 15 % of the disc.
 *
 * @example Usage
 * ```ts
 * import { classifyCurve } from "./optical_speed.ts";
 * const cav = Array.from({ length: 40 }, (_, i) => {
 *   const position = (i + 0.5) / 40;
 *   return { position, speed: 48 * Math.sqrt(0.18 + 0.82 * position) };
 * });
 * if (classifyCurve(cav) !== "CAV") throw new Error("unexpected");
 * ```
 */
export function classifyCurve(points: readonly CurvePoint[]): ReadStrategy {
  const pts = points.filter((p) => p.speed > 0 && Number.isFinite(p.speed));
  if (pts.length < 4) return "unknown";
  const speeds = medianSmooth(pts.map((p) => p.speed));
  const pos = pts.map((p) => p.position);
  if (Math.max(...speeds) / Math.min(...speeds) < 1.12) return "CLV";
  const steps = plateaus(speeds, 0.04);
  const flatPoints = steps.filter((s) => s.length >= 2 && spread(s) <= 0.03)
    .reduce((a, s) => a + s.length, 0);
  if (steps.length >= 2 && steps.length <= 12 && flatPoints >= 0.75 * speeds.length) {
    return "Z-CLV";
  }
  const squared = speeds.map((s) => s * s);
  const whole = linearFit(pos, squared);
  if (whole.slope > 0 && whole.r2 >= 0.97) return "CAV";
  // P-CAV: a flat cap at the end, CAV before it.
  const top = Math.max(...speeds);
  let k = speeds.length;
  while (k > 0 && speeds[k - 1] >= top * 0.97) k--;
  if (speeds.length - k >= 0.15 * speeds.length && k >= 3) {
    const head = linearFit(pos.slice(0, k), squared.slice(0, k));
    if (head.slope > 0 && head.r2 >= 0.95) return "P-CAV";
  }
  return "unknown";
}
