// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Runs one benchmark test for one run: keeps `qd × threads` requests in flight on a
 * {@linkcode BenchQueue} for a warm-up and a measured time, and measures every completion.
 *
 * @module
 */
import { errorFromErrno } from "../errno.ts";
import type { BenchQueue } from "../platform/mod.ts";
import type { TestSpec } from "./presets.ts";
import { type LatencySummary, Samples, summarizeLatency } from "./stats.ts";

/** Where and how long a run goes. */
export interface RunOptions {
  /** First byte of the tested region. */
  regionStart: number;
  /** Bytes in the tested region. */
  regionSize: number;
  /** Warm-up in ms: requests submitted before it ends are not counted. */
  warmupMs: number;
  /** Measured time in ms. */
  durationMs: number;
  /** Monotonic clock in ms (the same timebase as the queue's completion times). */
  now: () => number;
  /** Lets the event loop run (progress, Ctrl-C); called about every 250 ms. */
  yieldNow: () => Promise<void>;
  /** Called about every 250 ms with the bytes and requests measured so far. */
  onProgress?: (bytes: number, ios: number, elapsedMs: number) => void;
  /** Set to stop early (Ctrl-C): the run drains and reports what it measured. */
  shouldStop?: () => boolean;
  /** Seed of the random offsets. */
  seed?: number;
}

/** The measurement of one run. */
export interface RunResult {
  /** Bytes transferred in the measured time. */
  bytes: number;
  /** Requests completed in the measured time. */
  ios: number;
  /** Measured seconds (from the end of the warm-up to the last completion). */
  seconds: number;
  /** Throughput in MB/s (10^6 B/s). */
  mbps: number;
  /** Requests per second. */
  iops: number;
  /** Latency summary (µs). */
  latencyUs: LatencySummary;
  /** Every measured latency (µs), for pooled summaries. */
  samples: Samples;
}

/** A small fast PRNG (xorshift32) giving floats in [0, 1). */
export function xorshift(seed: number): () => number {
  let x = (seed >>> 0) || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

/**
 * Fills the buffers of the first `slots` slots of `queue` with pseudo-random (incompressible)
 * bytes, for write tests.
 *
 * @example Usage
 * ```ts
 * import { MemoryBenchQueue } from "./memory_queue.ts";
 * import { fillRandom } from "./run_job.ts";
 * const q = new MemoryBenchQueue(new Uint8Array(4096), { depth: 1, bufferSize: 512 });
 * fillRandom(q, 1, 7);
 * if (q.buffer(0).every((b) => b === 0)) throw new Error("unexpected");
 * ```
 */
export function fillRandom(q: BenchQueue, slots: number, seed: number): void {
  const rand = xorshift(seed);
  for (let s = 0; s < slots; s++) {
    const b = q.buffer(s);
    const words = new Uint32Array(b.buffer, b.byteOffset, b.length >> 2);
    for (let i = 0; i < words.length; i++) words[i] = rand() * 0x100000000;
  }
}

/**
 * Runs `spec` once on `queue`. Rejects with an `IoError` naming the offset if a request fails.
 *
 * @example Usage
 * ```ts ignore
 * const r = await runTest(queue, parseTestName("RND4K Q32T1", false), {
 *   regionStart: 0, regionSize: queue.size, warmupMs: 1000, durationMs: 5000,
 *   now: () => performance.now(), yieldNow: () => new Promise((r) => setTimeout(r, 0)),
 * });
 * ```
 */
export async function runTest(
  queue: BenchQueue,
  spec: TestSpec,
  o: RunOptions,
): Promise<RunResult> {
  const { bs, qd, threads } = spec;
  const inflight = qd * threads;
  if (inflight > queue.depth) {
    throw new RangeError(`queue has ${queue.depth} slots, not ${inflight}`);
  }
  const write = spec.rw === "write" || spec.rw === "randwrite";
  const random = spec.rw === "randread" || spec.rw === "randwrite";
  const blocks = Math.floor(o.regionSize / bs);
  if (blocks < 1) throw new RangeError(`region of ${o.regionSize} bytes is smaller than ${bs}`);
  const rand = xorshift(o.seed ?? Math.floor(o.now() * 1000));
  // Sequential: each thread walks its own part of the region (like fio's offset_increment).
  const perThread = Math.max(1, Math.floor(blocks / threads));
  const next = new Float64Array(threads);
  for (let t = 0; t < threads; t++) next[t] = (t * perThread) % blocks;
  const offsetFor = (slot: number): number => {
    if (random) return o.regionStart + Math.floor(rand() * blocks) * bs;
    const t = Math.floor(slot / qd);
    const base = (t * perThread) % blocks;
    const b = next[t];
    let n = b + 1;
    if (n >= base + perThread || n >= blocks) n = base;
    next[t] = n;
    return o.regionStart + b * bs;
  };
  const submitted = new Float64Array(inflight);
  const offsets = new Float64Array(inflight);
  const samples = new Samples();
  const start = o.now();
  const warmEnd = start + o.warmupMs;
  const end = warmEnd + o.durationMs;
  let bytes = 0;
  let ios = 0;
  let last = warmEnd;
  // Requests resubmitted after one reap share its clock reading (a clock read costs ~0.4 µs, as
  // much as the rest of a request's JavaScript).
  const issue = (slot: number, at: number): void => {
    const off = offsetFor(slot);
    offsets[slot] = off;
    submitted[slot] = at;
    queue.submit(slot, off, bs, write);
  };
  for (let s = 0; s < inflight; s++) issue(s, o.now());
  let active = inflight;
  let lastYield = start;
  let stopping = false;
  let failure: Error | null = null;
  while (active > 0) {
    const reaped = queue.reap(1);
    const n = typeof reaped === "number" ? reaped : await reaped;
    const now = o.now();
    if (!stopping && (now >= end || o.shouldStop?.())) stopping = true;
    const d = queue.done;
    for (let i = 0; i < n; i++) {
      const slot = d.slot[i];
      const res = d.result[i];
      const t = d.time[i];
      if (res < 0 && !failure) {
        failure = errorFromErrno(
          -res,
          `${write ? "write" : "read"} ${bs} bytes at offset ${offsets[slot]} of ${queue.path}`,
          { path: queue.path, offset: offsets[slot], syscall: write ? "pwrite" : "pread" },
        );
      }
      if (submitted[slot] >= warmEnd && res > 0) {
        samples.push((t - submitted[slot]) * 1000);
        bytes += res;
        ios++;
        if (t > last) last = t;
      }
      if (stopping || failure) active--;
      else issue(slot, now);
    }
    if (now - lastYield >= 250) {
      lastYield = now;
      o.onProgress?.(bytes, ios, Math.max(0, now - warmEnd));
      await o.yieldNow();
    }
  }
  if (failure) throw failure;
  const seconds = Math.max(1e-9, (last - warmEnd) / 1000);
  return {
    bytes,
    ios,
    seconds,
    mbps: bytes / seconds / 1e6,
    iops: ios / seconds,
    latencyUs: summarizeLatency(samples),
    samples,
  };
}
