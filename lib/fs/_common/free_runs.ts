// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.

/**
 * Calls `scan(first, count)` for every run of free clusters in `from … last`, cut into pieces of
 * at most `batch` clusters, in address order. `inUse(first, count)` gives one value per cluster,
 * non-zero when it is allocated; it is asked a window of 64 Ki clusters at a time, so a scan over
 * every cluster of a volume costs one await per window rather than one per cluster.
 *
 * @example Usage
 * ```ts
 * import { scanFreeRuns } from "./free_runs.ts";
 * const used = new Set([4, 5]);
 * const runs: [number, number][] = [];
 * await scanFreeRuns(2, 9, 3, (f, n) => Promise.resolve(Array.from({ length: n }, (_, i) => used.has(f + i) ? 1 : 0)), (f, n) => {
 *   runs.push([f, n]);
 *   return Promise.resolve();
 * });
 * if (JSON.stringify(runs) !== "[[2,2],[6,3],[9,1]]") throw new Error(JSON.stringify(runs));
 * ```
 */
export async function scanFreeRuns(
  from: number,
  last: number,
  batch: number,
  inUse: (first: number, count: number) => Promise<ArrayLike<number>>,
  scan: (first: number, count: number) => Promise<void>,
): Promise<void> {
  const WINDOW = 1 << 16;
  let runStart = -1;
  // One past `last` closes the final run.
  for (let w = from; w <= last + 1; w += WINDOW) {
    const n = Math.min(WINDOW, last + 2 - w);
    const flags = await inUse(w, Math.max(0, Math.min(n, last + 1 - w)));
    for (let i = 0; i < n; i++) {
      const c = w + i;
      const free = c <= last && flags[i] === 0;
      if (free && runStart < 0) runStart = c;
      if (runStart >= 0 && (!free || c - runStart === batch)) {
        await scan(runStart, c - runStart);
        runStart = free ? c : -1;
      }
    }
  }
}
