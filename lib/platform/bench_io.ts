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

/** Opens benchmark targets (block devices and files). */
export interface BenchOpener {
  /** Opens `path` (a block device or an existing regular file). */
  open(path: string, options: BenchQueueOptions): Promise<BenchQueue>;
}
