// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.

/** Options for {@linkcode BenchOpener.open}. */
export interface BenchQueueOptions {
  /** Open read-write (destructive benchmarks). */
  write: boolean;
  /** Bypass the OS cache (O_DIRECT / FILE_FLAG_NO_BUFFERING / F_NOCACHE). */
  direct: boolean;
  /** Exclusive open of a block device (O_EXCL: fails with EBUSY when mounted or in use). */
  exclusive: boolean;
  /** Most requests in flight at once (queue depth × threads). */
  depth: number;
  /** Size of each request buffer in bytes. */
  bufferSize: number;
  /** Force an engine ("io_uring" or "psync"); default: the best the kernel allows. */
  engine?: string;
}

/** Completions filled by {@linkcode BenchQueue.reap}: `count` entries of each array are valid. */
export interface BenchCompletions {
  /** Slot of each completed request. */
  slot: Int32Array;
  /** Bytes transferred, or `-errno`. */
  result: Int32Array;
  /** Completion time, in the {@linkcode Runtime.now} timebase (ms), when the engine knows it. */
  time: Float64Array;
}

/**
 * A benchmark target with real queue depth: `depth` request slots, each with its own aligned
 * buffer, submitted and reaped by an engine (io_uring, or concurrent preads on a thread pool).
 */
export interface BenchQueue {
  /** The target path. */
  readonly path: string;
  /** Size in bytes. */
  readonly size: number;
  /** Logical sector size in bytes. */
  readonly logicalSectorSize: number;
  /** "block" for block devices, "file" for regular files. */
  readonly kind: "block" | "file";
  /** What issues the I/O: "io_uring", "psync (N threads)", "memory". */
  readonly engine: string;
  /** Number of slots. */
  readonly depth: number;
  /** Whether the OS cache is bypassed. */
  readonly direct: boolean;
  /** The buffer of `slot` (`bufferSize` bytes, aligned for direct I/O). */
  buffer(slot: number): Uint8Array;
  /** Queues a request on a free `slot`: read or write `length` bytes at byte `offset`. */
  submit(slot: number, offset: number, length: number, write: boolean): void;
  /**
   * Sends queued requests and waits until at least `min` complete; gives the count. Engines that
   * wait synchronously (io_uring) return a number, which saves a promise per completion batch.
   */
  reap(min: number): number | Promise<number>;
  /** The completions of the last {@linkcode BenchQueue.reap}. */
  readonly done: BenchCompletions;
  /** Drops the OS's cached pages of the target (best effort). */
  dropCache(): void;
  /** Flushes written data to the device. */
  sync(): Promise<void>;
  /** Releases the target. Idempotent. */
  close(): void;
}

/** One run of a test on every thread of a {@linkcode BenchThreads}. */
export interface BenchThreadRun {
  /** Test name, e.g. "RND4K Q32T16". */
  name: string;
  /** "read", "write", "randread" or "randwrite". */
  rw: "read" | "write" | "randread" | "randwrite";
  /** Request size in bytes. */
  bs: number;
  /** Requests in flight on each thread. */
  qd: number;
  /** The region of each thread (thread `t` uses `regions[t]`). */
  regions: { start: number; size: number }[];
  /** Unmeasured warm-up in ms. */
  warmupMs: number;
  /** Measured time in ms. */
  durationMs: number;
  /** Seed of the random offsets (thread `t` uses `seed + t`). */
  seed: number;
}

/** What one thread measured in one run. */
export interface BenchThreadResult {
  /** Bytes transferred in the measured time. */
  bytes: number;
  /** Requests completed in the measured time. */
  ios: number;
  /** Measured seconds. */
  seconds: number;
  /** Every measured latency, µs. */
  latencies: Float64Array;
}

/**
 * Threads of a multi-threaded test, like fio's `numjobs`: each an OS thread with its own open
 * target and engine (its own ring), started together for each run.
 */
export interface BenchThreads {
  /** Number of threads. */
  readonly threads: number;
  /** The engine each thread runs ("io_uring", "psync (…)"). */
  readonly engine: string;
  /** Size of the target in bytes. */
  readonly size: number;
  /**
   * Runs one test on every thread at once; `progress` gets the bytes measured so far by all
   * threads; `shouldStop` is polled (Ctrl-C). Rejects with the first thread's error.
   */
  run(
    run: BenchThreadRun,
    progress?: (bytes: number, elapsedMs: number) => void,
    shouldStop?: () => boolean,
  ): Promise<BenchThreadResult[]>;
  /** Flushes written data to the device. */
  sync(): Promise<void>;
  /** Closes every thread's target and ends the threads. Idempotent. */
  close(): Promise<void>;
}

/** Opens benchmark targets (block devices and files). */
export interface BenchOpener {
  /** Opens `path` (a block device or an existing regular file). */
  open(path: string, options: BenchQueueOptions): Promise<BenchQueue>;
  /**
   * Opens `path` on `threads` OS threads, each with `options.depth` slots (absent where the
   * platform has no threads: then one queue carries every thread's requests).
   * `fillSeed` fills write buffers with incompressible data.
   */
  openThreads?(
    path: string,
    options: BenchQueueOptions,
    threads: number,
    fillSeed: number,
  ): Promise<BenchThreads>;
}
