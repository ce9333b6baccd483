// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Full-surface read scan (HD Tune / MHDD / h2testw style): reads the whole target at QD1 in N
 * zones, giving a transfer-rate curve, a per-block latency histogram with MHDD's buckets, random
 * access-time samples, and the slow and unreadable zones.
 *
 * @module
 */
import type { BenchQueue } from "../platform/mod.ts";
import { xorshift } from "./run_job.ts";
import { median } from "./stats.ts";

/** MHDD's latency buckets (upper bounds in ms); the last bucket is "500 ms or more". */
export const MHDD_BUCKETS_MS: readonly number[] = [3, 10, 50, 150, 500];

/** Options of {@linkcode scanSurface}. */
export interface SurfaceOptions {
  /** Number of zones. */
  zones: number;
  /** Bytes per read (MHDD reads 256 sectors = 128 KiB). */
  blockSize: number;
  /** Random single-sector reads for the access time (also the number of ⅓- and full-stroke
   * seek pairs). */
  accessSamples: number;
  /** A zone is slow below this fraction of the median zone rate (default 0.5). */
  slowFactor: number;
  /** Monotonic ms clock in the queue's completion timebase. */
  now: () => number;
  /** Lets the event loop run (progress, Ctrl-C). */
  yieldNow: () => Promise<void>;
  /** Progress: bytes scanned of total. */
  onProgress?: (done: number, total: number, zone: Zone | null) => void;
  /** Stop early (Ctrl-C): the zones so far are reported. */
  shouldStop?: () => boolean;
  /** Seed for the access-time positions. */
  seed?: number;
}

/** One zone of the surface. */
export interface Zone {
  /** Zone number from 0. */
  index: number;
  /** First byte. */
  start: number;
  /** Byte after the last. */
  end: number;
  /** Read rate in MB/s (10^6 B/s) of the readable bytes. */
  mbps: number;
  /** Mean block latency in ms. */
  latencyMsMean: number;
  /** Slowest block in ms. */
  latencyMsMax: number;
  /** Sectors that could not be read. */
  unreadableSectors: number;
  /** Below `slowFactor` × the median zone rate (zones with unreadable sectors are not "slow"). */
  slow: boolean;
}

/** One latency bucket of the histogram. */
export interface Bucket {
  /** "<3ms", "<10ms", …, ">=500ms", "error". */
  label: string;
  /** Blocks in the bucket. */
  count: number;
}

/** What a surface scan found. */
export interface SurfaceReport {
  /** Every zone in order. */
  zones: Zone[];
  /** Bytes per read. */
  blockSize: number;
  /** Logical sector size. */
  sectorSize: number;
  /** Slowest, fastest, median and overall zone rates, MB/s. */
  rateMbps: { min: number; max: number; median: number; average: number };
  /** Block latency histogram with MHDD's buckets. */
  histogram: Bucket[];
  /** Random single-sector read times, ms. */
  accessTimeMs: { mean: number; min: number; max: number; samples: number[] };
  /**
   * Mean times, ms, of a single-sector read a third of the device (`third`) or the whole device
   * (`full`) away from the previous one, as drive data sheets quote seek times; 0 without samples.
   */
  strokeMs: { third: number; full: number };
  /** Indexes of slow zones. */
  slowZones: number[];
  /** Indexes of zones with unreadable sectors. */
  unreadableZones: number[];
  /** Unreadable byte ranges (merged; at most 1000). */
  unreadable: { offset: number; length: number }[];
  /** Whether the scan was stopped before the end. */
  complete: boolean;
}

/** The histogram bucket index of a latency in ms. */
export function bucketOf(ms: number): number {
  for (let i = 0; i < MHDD_BUCKETS_MS.length; i++) if (ms < MHDD_BUCKETS_MS[i]) return i;
  return MHDD_BUCKETS_MS.length;
}

/** Empty MHDD histogram: "<3ms" … ">=500ms", "error". */
export function emptyHistogram(): Bucket[] {
  return [
    ...MHDD_BUCKETS_MS.map((b) => ({ label: `<${b}ms`, count: 0 })),
    { label: `>=${MHDD_BUCKETS_MS[MHDD_BUCKETS_MS.length - 1]}ms`, count: 0 },
    { label: "error", count: 0 },
  ];
}

async function readOnce(
  q: BenchQueue,
  offset: number,
  length: number,
  now: () => number,
): Promise<{ res: number; ms: number }> {
  const t0 = now();
  q.submit(0, offset, length, false);
  await q.reap(1);
  return { res: q.done.result[0], ms: q.done.time[0] - t0 };
}

/**
 * Scans the whole of `queue` (a queue with at least one slot of `blockSize` bytes).
 *
 * @example Usage
 * ```ts
 * import { MemoryBenchQueue } from "./memory_queue.ts";
 * import { scanSurface } from "./surface.ts";
 * const q = new MemoryBenchQueue(new Uint8Array(1 << 20), { depth: 1, bufferSize: 65536,
 *   latencyMs: (offset) => (offset >= 512 * 1024 && offset < 640 * 1024 ? 40 : 1) });
 * const r = await scanSurface(q, { zones: 8, blockSize: 65536, accessSamples: 4, slowFactor: 0.5,
 *   now: () => q.clock, yieldNow: () => Promise.resolve() });
 * if (r.slowZones.join() !== "4") throw new Error(JSON.stringify(r.slowZones));
 * ```
 */
export async function scanSurface(q: BenchQueue, o: SurfaceOptions): Promise<SurfaceReport> {
  const sector = q.logicalSectorSize;
  const size = q.size;
  const n = Math.max(1, Math.min(o.zones, Math.floor(size / sector)));
  const histogram = emptyHistogram();
  const zones: Zone[] = [];
  const unreadable: { offset: number; length: number }[] = [];
  const addBad = (offset: number, length: number): void => {
    const last = unreadable[unreadable.length - 1];
    if (last && last.offset + last.length === offset) last.length += length;
    else if (unreadable.length < 1000) unreadable.push({ offset, length });
  };
  let scanned = 0;
  let totalBytes = 0;
  let totalMs = 0;
  let lastYield = o.now();
  let complete = true;
  for (let z = 0; z < n; z++) {
    if (o.shouldStop?.()) {
      complete = false;
      break;
    }
    const start = Math.floor((z * size) / n / sector) * sector;
    const end = z === n - 1 ? size : Math.floor(((z + 1) * size) / n / sector) * sector;
    let bytes = 0;
    let ms = 0;
    let maxMs = 0;
    let blocks = 0;
    let bad = 0;
    for (let pos = start; pos < end;) {
      const want = Math.min(o.blockSize, end - pos);
      const len = Math.ceil(want / sector) * sector;
      const r = await readOnce(q, pos, len, o.now);
      if (r.res >= 0) {
        bytes += Math.min(r.res, want);
        ms += r.ms;
        histogram[bucketOf(r.ms)].count++;
      } else {
        histogram[histogram.length - 1].count++;
        // Narrow the failed block down to sectors.
        for (let s = pos; s < pos + want; s += sector) {
          const one = await readOnce(q, s, sector, o.now);
          if (one.res < 0) {
            bad++;
            addBad(s, sector);
          } else {
            bytes += Math.min(one.res, sector);
            ms += one.ms;
          }
        }
      }
      maxMs = Math.max(maxMs, r.ms);
      blocks++;
      pos += want;
      scanned += want;
      const t = o.now();
      if (t - lastYield >= 100) {
        lastYield = t;
        o.onProgress?.(scanned, size, null);
        await o.yieldNow();
      }
    }
    totalBytes += bytes;
    totalMs += ms;
    const zone: Zone = {
      index: z,
      start,
      end,
      mbps: ms > 0 ? bytes / (ms / 1000) / 1e6 : 0,
      latencyMsMean: blocks ? ms / blocks : 0,
      latencyMsMax: maxMs,
      unreadableSectors: bad,
      slow: false,
    };
    zones.push(zone);
    o.onProgress?.(scanned, size, zone);
  }
  const good = zones.filter((z) => z.unreadableSectors === 0).map((z) => z.mbps);
  const med = median(good);
  for (const z of zones) z.slow = z.unreadableSectors === 0 && z.mbps < o.slowFactor * med;
  const samples: number[] = [];
  const rand = xorshift(o.seed ?? 12345);
  const sectors = Math.floor(size / sector);
  for (let i = 0; complete && i < o.accessSamples && sectors > 0; i++) {
    const r = await readOnce(q, Math.floor(rand() * sectors) * sector, sector, o.now);
    if (r.res >= 0) samples.push(Math.round(r.ms * 1000) / 1000);
  }
  // Stroke seeks: an untimed read at one end, a timed one a third (or all) of the device away;
  // the pairs step through the device so that no drive cache serves a repeated sector.
  const stroke = async (span: number): Promise<number> => {
    let total = 0, n = 0;
    const room = Math.max(0, sectors - span - 1);
    for (let i = 0; complete && i < o.accessSamples && sectors > 1; i++) {
      const from = o.accessSamples > 1 ? Math.floor((room * i) / (o.accessSamples - 1)) : 0;
      const [a, b] = i % 2 ? [from + span, from] : [from, from + span];
      await readOnce(q, a * sector, sector, o.now);
      const r = await readOnce(q, b * sector, sector, o.now);
      if (r.res >= 0) {
        total += r.ms;
        n++;
      }
    }
    return n ? Math.round((total / n) * 1000) / 1000 : 0;
  };
  const strokeMs = {
    third: await stroke(Math.floor(sectors / 3)),
    full: await stroke(Math.max(0, sectors - 1)),
  };
  const rates = zones.map((z) => z.mbps);
  return {
    zones,
    blockSize: o.blockSize,
    sectorSize: sector,
    rateMbps: {
      min: rates.length ? Math.min(...rates) : 0,
      max: rates.length ? Math.max(...rates) : 0,
      median: med,
      average: totalMs > 0 ? totalBytes / (totalMs / 1000) / 1e6 : 0,
    },
    histogram,
    accessTimeMs: {
      mean: samples.length ? samples.reduce((a, b) => a + b, 0) / samples.length : 0,
      min: samples.length ? Math.min(...samples) : 0,
      max: samples.length ? Math.max(...samples) : 0,
      samples,
    },
    strokeMs,
    slowZones: zones.filter((z) => z.slow).map((z) => z.index),
    unreadableZones: zones.filter((z) => z.unreadableSectors > 0).map((z) => z.index),
    unreadable,
    complete,
  };
}
