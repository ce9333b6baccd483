// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Latency samples and their summary (mean and percentiles), and medians of runs.
 *
 * @module
 */

/** Mean and percentiles of latency, in microseconds. */
export interface LatencySummary {
  /** Arithmetic mean. */
  mean: number;
  /** Median. */
  p50: number;
  /** 90th percentile. */
  p90: number;
  /** 99th percentile. */
  p99: number;
  /** 99.9th percentile. */
  p999: number;
}

/** A growable list of samples (latencies in µs). */
export class Samples {
  #data = new Float64Array(1024);
  #n = 0;

  /** Number of samples. */
  get length(): number {
    return this.#n;
  }

  /** Adds one sample. */
  push(v: number): void {
    if (this.#n === this.#data.length) {
      const next = new Float64Array(this.#data.length * 2);
      next.set(this.#data);
      this.#data = next;
    }
    this.#data[this.#n++] = v;
  }

  /** Adds all samples of another list. */
  append(other: Samples): void {
    const v = other.values();
    for (let i = 0; i < v.length; i++) this.push(v[i]);
  }

  /** The samples (a view; do not keep it across pushes). */
  values(): Float64Array {
    return this.#data.subarray(0, this.#n);
  }
}

/**
 * The nearest-rank percentile `p` (0–100) of sorted values; 0 for none.
 *
 * @example Usage
 * ```ts
 * import { percentile } from "./stats.ts";
 * const v = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
 * if (percentile(v, 50) !== 5 || percentile(v, 90) !== 9 || percentile(v, 99.9) !== 10) {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p * sorted.length) / 100 - 1e-9);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/**
 * Mean and p50/p90/p99/p99.9 of latency samples.
 *
 * @example Usage
 * ```ts
 * import { Samples, summarizeLatency } from "./stats.ts";
 * const s = new Samples();
 * for (const v of [10, 20, 30, 40]) s.push(v);
 * const l = summarizeLatency(s);
 * if (l.mean !== 25 || l.p50 !== 20 || l.p999 !== 40) throw new Error("unexpected");
 * ```
 */
export function summarizeLatency(samples: Samples): LatencySummary {
  const sorted = Float64Array.from(samples.values()).sort();
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i];
  return {
    mean: sorted.length ? sum / sorted.length : 0,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    p999: percentile(sorted, 99.9),
  };
}

/**
 * The median of numbers (mean of the middle two for an even count); 0 for none.
 *
 * @example Usage
 * ```ts
 * import { median } from "./stats.ts";
 * if (median([3, 1, 2]) !== 2 || median([4, 1, 3, 2]) !== 2.5) throw new Error("unexpected");
 * ```
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
