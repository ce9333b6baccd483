// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Runs a multi-threaded test (`T` > 1) on {@linkcode BenchThreads} — one OS thread per `T`, each
 * with its own engine, like fio's `numjobs` — and merges what the threads measured.
 *
 * @module
 */
import type { BenchThreadResult, BenchThreads } from "../platform/mod.ts";
import type { TestSpec } from "./presets.ts";
import type { RunResult } from "./run_job.ts";
import { Samples, summarizeLatency } from "./stats.ts";

/** Where and how long a threaded run goes. */
export interface ThreadedRunOptions {
  /** First byte of the tested region. */
  regionStart: number;
  /** Bytes in the tested region. */
  regionSize: number;
  /** Unmeasured warm-up in ms. */
  warmupMs: number;
  /** Measured time in ms. */
  durationMs: number;
  /** Seed of the random offsets. */
  seed: number;
  /** Called with the bytes measured so far by all threads. */
  onProgress?: (bytes: number, elapsedMs: number) => void;
  /** Polled; true stops the run early (Ctrl-C). */
  shouldStop?: () => boolean;
}

/**
 * The region of each thread: random tests use the whole region on every thread (each with its own
 * seed); sequential tests give thread `t` its own consecutive part, like fio's `offset_increment`.
 *
 * @example Usage
 * ```ts
 * import { threadRegions } from "./run_threads.ts";
 * const r = threadRegions("read", 4096, 0, 4096 * 10, 2);
 * if (r[1].start !== 4096 * 5 || r[1].size !== 4096 * 5) throw new Error("unexpected");
 * ```
 */
export function threadRegions(
  rw: TestSpec["rw"],
  bs: number,
  start: number,
  size: number,
  threads: number,
): { start: number; size: number }[] {
  const blocks = Math.floor(size / bs);
  const random = rw === "randread" || rw === "randwrite";
  const per = Math.max(1, Math.floor(blocks / threads));
  return Array.from(
    { length: threads },
    (_, t) =>
      random || blocks < threads
        ? { start, size: blocks * bs }
        : { start: start + t * per * bs, size: per * bs },
  );
}

/**
 * Merges the threads' results as fio's group reporting does: bytes and requests add up over the
 * longest thread's measured time; latency percentiles are over every thread's requests.
 *
 * @example Usage
 * ```ts
 * import { mergeThreadResults } from "./run_threads.ts";
 * const r = mergeThreadResults([
 *   { bytes: 4e6, ios: 1000, seconds: 1, latencies: new Float64Array([10, 20]) },
 *   { bytes: 6e6, ios: 1500, seconds: 2, latencies: new Float64Array([30]) },
 * ]);
 * if (r.mbps !== 5 || r.iops !== 1250 || r.latencyUs.mean !== 20) throw new Error("unexpected");
 * ```
 */
export function mergeThreadResults(results: readonly BenchThreadResult[]): RunResult {
  const samples = new Samples();
  let bytes = 0;
  let ios = 0;
  let seconds = 1e-9;
  for (const r of results) {
    bytes += r.bytes;
    ios += r.ios;
    seconds = Math.max(seconds, r.seconds);
    for (let i = 0; i < r.latencies.length; i++) samples.push(r.latencies[i]);
  }
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

/**
 * Runs `spec` once on every thread of `group` at the same time and merges the results.
 *
 * @example Usage
 * ```ts ignore
 * const group = await platform.bench!.openThreads!(path, options, 16, 1);
 * const r = await runThreaded(group, parseTestName("RND4K Q32T16", false), {
 *   regionStart: 0, regionSize: group.size, warmupMs: 1000, durationMs: 5000, seed: 1,
 * });
 * ```
 */
export async function runThreaded(
  group: BenchThreads,
  spec: TestSpec,
  o: ThreadedRunOptions,
): Promise<RunResult & { perThread: BenchThreadResult[] }> {
  const perThread = await group.run(
    {
      name: spec.name,
      rw: spec.rw,
      bs: spec.bs,
      qd: spec.qd,
      regions: threadRegions(spec.rw, spec.bs, o.regionStart, o.regionSize, group.threads),
      warmupMs: o.warmupMs,
      durationMs: o.durationMs,
      seed: o.seed,
    },
    o.onProgress,
    o.shouldStop,
  );
  return { ...mergeThreadResults(perThread), perThread };
}
