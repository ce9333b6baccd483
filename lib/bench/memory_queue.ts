// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * An in-memory {@linkcode BenchQueue} with a simulated clock and injected latency and errors, for
 * tests of the benchmark logic and for demos without hardware.
 *
 * @module
 */
import type { BenchCompletions, BenchQueue } from "../platform/mod.ts";

/** Options of {@linkcode MemoryBenchQueue}. */
export interface MemoryQueueOptions {
  /** Number of slots. */
  depth: number;
  /** Buffer size per slot. */
  bufferSize: number;
  /** Logical sector size (default 512). */
  sectorSize?: number;
  /** Simulated latency of a request in ms (default 0.1 ms). */
  latencyMs?: (offset: number, length: number, write: boolean) => number;
  /** Byte ranges that fail with EIO. */
  bad?: { offset: number; length: number }[];
}

interface Pending {
  slot: number;
  at: number;
  result: number;
}

/**
 * A target in memory. Requests in flight complete independently after their latency; `clock`
 * (ms) advances only as completions are reaped, so tests are deterministic.
 *
 * @example Usage
 * ```ts
 * import { MemoryBenchQueue } from "./memory_queue.ts";
 * const q = new MemoryBenchQueue(new Uint8Array(4096), { depth: 2, bufferSize: 512,
 *   latencyMs: () => 2 });
 * q.submit(0, 0, 512, false);
 * q.submit(1, 512, 512, false);
 * const n = await q.reap(1);
 * if (n !== 2 || q.clock !== 2) throw new Error("unexpected");
 * ```
 */
export class MemoryBenchQueue implements BenchQueue {
  readonly path = "memory:";
  readonly size: number;
  readonly logicalSectorSize: number;
  readonly kind = "block" as const;
  readonly engine = "memory";
  readonly depth: number;
  readonly direct = true;
  readonly done: BenchCompletions;
  /** The simulated time in ms. */
  clock = 0;
  #data: Uint8Array;
  #buffers: Uint8Array[];
  #pending: Pending[] = [];
  #o: MemoryQueueOptions;

  /** Creates a queue over `data`. */
  constructor(data: Uint8Array, options: MemoryQueueOptions) {
    this.#data = data;
    this.#o = options;
    this.size = data.length;
    this.logicalSectorSize = options.sectorSize ?? 512;
    this.depth = options.depth;
    this.#buffers = Array.from({ length: options.depth }, () => new Uint8Array(options.bufferSize));
    this.done = {
      slot: new Int32Array(options.depth),
      result: new Int32Array(options.depth),
      time: new Float64Array(options.depth),
    };
  }

  buffer(slot: number): Uint8Array {
    return this.#buffers[slot];
  }

  submit(slot: number, offset: number, length: number, write: boolean): void {
    const bad = (this.#o.bad ?? []).some((b) =>
      offset < b.offset + b.length && b.offset < offset + length
    );
    const n = Math.max(0, Math.min(length, this.size - offset));
    if (!bad) {
      if (write) this.#data.set(this.#buffers[slot].subarray(0, n), offset);
      else this.#buffers[slot].set(this.#data.subarray(offset, offset + n));
    }
    const lat = this.#o.latencyMs ? this.#o.latencyMs(offset, length, write) : 0.1;
    this.#pending.push({ slot, at: this.clock + lat, result: bad ? -5 : n });
  }

  reap(min: number): Promise<number> {
    this.#pending.sort((a, b) => a.at - b.at);
    const want = Math.min(Math.max(min, 1), this.#pending.length);
    if (want > 0) this.clock = Math.max(this.clock, this.#pending[want - 1].at);
    let n = 0;
    while (n < this.#pending.length && this.#pending[n].at <= this.clock && n < this.depth) n++;
    for (let i = 0; i < n; i++) {
      const p = this.#pending[i];
      this.done.slot[i] = p.slot;
      this.done.result[i] = p.result;
      this.done.time[i] = p.at;
    }
    this.#pending.splice(0, n);
    return Promise.resolve(n);
  }

  dropCache(): void {}

  sync(): Promise<void> {
    return Promise.resolve();
  }

  close(): void {}
}
