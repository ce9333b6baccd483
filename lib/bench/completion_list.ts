// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Completions of requests that finish on other threads (promise-based engines), handed to
 * `BenchQueue.reap` in finishing order.
 *
 * @module
 */
import type { BenchCompletions } from "../platform/mod.ts";

/**
 * A first-in first-out list of finished requests with a wake-up for the reaper.
 *
 * @example Usage
 * ```ts
 * import { CompletionList } from "./completion_list.ts";
 * const list = new CompletionList();
 * const woke = list.wait();
 * list.push(3, 4096, 1.5);
 * await woke;
 * const done = { slot: new Int32Array(4), result: new Int32Array(4), time: new Float64Array(4) };
 * if (list.take(done, 4) !== 1 || done.slot[0] !== 3 || list.length !== 0) throw new Error();
 * ```
 */
export class CompletionList {
  #slots: number[] = [];
  #results: number[] = [];
  #times: number[] = [];
  #wake: (() => void) | null = null;

  /** Finished requests not yet taken. */
  get length(): number {
    return this.#slots.length;
  }

  /** Records a finished request (bytes or `-errno`, completion time in ms) and wakes the reaper. */
  push(slot: number, result: number, time: number): void {
    this.#slots.push(slot);
    this.#results.push(result);
    this.#times.push(time);
    const w = this.#wake;
    this.#wake = null;
    w?.();
  }

  /** Resolves at the next {@linkcode CompletionList.push}. */
  wait(): Promise<void> {
    return new Promise<void>((r) => (this.#wake = r));
  }

  /** Moves up to `max` of the oldest completions into `done`; returns how many. */
  take(done: BenchCompletions, max: number): number {
    const n = Math.min(this.#slots.length, max);
    for (let i = 0; i < n; i++) {
      done.slot[i] = this.#slots[i];
      done.result[i] = this.#results[i];
      done.time[i] = this.#times[i];
    }
    this.#slots.splice(0, n);
    this.#results.splice(0, n);
    this.#times.splice(0, n);
    return n;
  }
}
