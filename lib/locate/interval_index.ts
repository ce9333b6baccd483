// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * A static interval index: build once from [start, end) ranges, then answer point queries in
 * O(log n) with sorted typed arrays and binary search. Overlaps are allowed (the first-added range
 * covering the point wins).
 *
 * @module
 */

/** A static set of half-open ranges, each carrying a value. */
export class IntervalIndex<T> {
  #starts: Float64Array;
  #ends: Float64Array;
  #maxEnd: Float64Array;
  #order: Int32Array;
  #values: T[];

  /**
   * Builds the index.
   *
   * @example Usage
   * ```ts
   * import { IntervalIndex } from "./interval_index.ts";
   * const ix = new IntervalIndex([{ start: 0, end: 10, value: "a" }, { start: 20, end: 30, value: "b" }]);
   * if (ix.find(25)?.value !== "b" || ix.find(15) !== null) throw new Error("unexpected");
   * ```
   */
  constructor(ranges: { start: number; end: number; value: T }[]) {
    const n = ranges.length;
    const idx = Array.from({ length: n }, (_, i) => i);
    idx.sort((a, b) => ranges[a].start - ranges[b].start || a - b);
    this.#starts = new Float64Array(n);
    this.#ends = new Float64Array(n);
    this.#maxEnd = new Float64Array(n);
    this.#order = new Int32Array(n);
    this.#values = ranges.map((r) => r.value);
    let m = -Infinity;
    idx.forEach((i, k) => {
      this.#starts[k] = ranges[i].start;
      this.#ends[k] = ranges[i].end;
      m = Math.max(m, ranges[i].end);
      this.#maxEnd[k] = m;
      this.#order[k] = i;
    });
  }

  /** Number of ranges. */
  get size(): number {
    return this.#starts.length;
  }

  /** The range containing `x` (and its start), or null. */
  find(x: number): { start: number; end: number; value: T } | null {
    let lo = 0, hi = this.#starts.length - 1, k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.#starts[mid] <= x) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    let best = -1;
    for (; k >= 0 && this.#maxEnd[k] > x; k--) {
      if (this.#ends[k] > x && (best < 0 || this.#order[k] < this.#order[best])) best = k;
    }
    if (best < 0) return null;
    return {
      start: this.#starts[best],
      end: this.#ends[best],
      value: this.#values[this.#order[best]],
    };
  }
}
