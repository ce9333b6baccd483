// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Opening what a `sectorkit bench` test runs on: one queue, or one engine per OS thread, and the
 * page-cache priming of `--cached`.
 *
 * @module
 */
import { formatBytes, type Progress } from "../cli/progress.ts";
import type { BenchQueue, BenchQueueOptions, BenchThreads, Platform } from "../platform/mod.ts";
import type { TestSpec } from "./presets.ts";
import { fillRandom } from "./run_job.ts";

/**
 * Reads `size` bytes once through the page cache so --cached measures memory, like hdparm -T.
 *
 * @example Usage
 * ```ts ignore
 * await primeCache(platform, "/dev/sdb", null, undefined, progress, () => false);
 * ```
 */
export async function primeCache(
  platform: Platform,
  path: string,
  size: number | null,
  engine: string | undefined,
  progress: Progress,
  shouldStop: () => boolean,
): Promise<void> {
  const q = await platform.bench!.open(path, {
    write: false,
    direct: false,
    exclusive: false,
    depth: 1,
    bufferSize: 1024 * 1024,
    engine,
  });
  try {
    const end = Math.min(size ?? q.size, q.size);
    for (let off = 0; off < end && !shouldStop(); off += 1024 * 1024) {
      q.submit(0, off, Math.min(1024 * 1024, end - off), false);
      await q.reap(1);
      progress.update(() => `caching: ${formatBytes(off)} of ${formatBytes(end)}`);
    }
  } finally {
    q.close();
  }
}

/** A test's target: one queue, or (T > 1 where the platform has threads) one per OS thread. */
export interface TestTarget {
  /** The engine that runs the test. */
  engine: string;
  /** Size of the target in bytes. */
  size: number;
  /** The queue (one thread). */
  queue?: BenchQueue;
  /** The per-thread engines (T > 1). */
  threads?: BenchThreads;
  /** Flushes written data. */
  sync(): Promise<void>;
  /** Releases the target. */
  close(): Promise<void>;
}

/**
 * Opens what `spec` runs on: one engine per OS thread when it has more than one thread and the
 * platform can, else one queue of `qd × threads` (filled with random data for write tests).
 *
 * @example Usage
 * ```ts ignore
 * const target = await openTest(platform, "/dev/sdb", parseTestName("RND4K Q32T1", false), options, 1);
 * try { console.log(target.engine); } finally { await target.close(); }
 * ```
 */
export async function openTest(
  platform: Platform,
  path: string,
  spec: TestSpec,
  options: BenchQueueOptions,
  seed: number,
): Promise<TestTarget> {
  const bench = platform.bench!;
  if (spec.threads > 1 && bench.openThreads) {
    // O_EXCL admits one opener: hold it here while the threads open the device without it.
    const guard = options.exclusive
      ? await bench.open(path, { ...options, depth: 1, bufferSize: 4096 })
      : null;
    try {
      const threads = await bench.openThreads(
        path,
        { ...options, exclusive: false, depth: spec.qd },
        spec.threads,
        seed * 1000,
      );
      return {
        engine: threads.engine,
        size: threads.size,
        threads,
        sync: () => threads.sync(),
        close: async () => {
          await threads.close();
          guard?.close();
        },
      };
    } catch (e) {
      guard?.close();
      throw e;
    }
  }
  const queue = await bench.open(path, options);
  if (options.write) fillRandom(queue, queue.depth, seed);
  return {
    engine: queue.engine,
    size: queue.size,
    queue,
    sync: () => queue.sync(),
    close: () => Promise.resolve(queue.close()),
  };
}
