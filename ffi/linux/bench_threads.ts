// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Multi-threaded benchmark tests on Linux: one Web Worker (an OS thread) per thread, each opening
 * the target with its own engine (ffi/linux/bench_worker.ts), all started together for each run —
 * what fio does with `numjobs`.
 *
 * @module
 */
import { errorFromErrno } from "../../lib/errno.ts";
import type {
  BenchQueueOptions,
  BenchThreadResult,
  BenchThreadRun,
  BenchThreads,
} from "../../lib/platform/mod.ts";

interface Reply {
  op: string;
  [key: string]: unknown;
}

/** One worker and the replies it has not consumed yet. */
class Thread {
  readonly worker: Worker;
  #waiting: ((m: Reply) => void) | null = null;
  #queue: Reply[] = [];
  onProgress: ((bytes: number, ms: number) => void) | null = null;

  constructor() {
    this.worker = new Worker(new URL("./bench_worker.ts", import.meta.url), { type: "module" });
    this.worker.onmessage = (e: MessageEvent) => {
      const m = e.data as Reply;
      if (m.op === "progress") {
        this.onProgress?.(m.bytes as number, m.ms as number);
        return;
      }
      const w = this.#waiting;
      this.#waiting = null;
      if (w) w(m);
      else this.#queue.push(m);
    };
    this.worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      const m = { op: "error", message: e.message || "benchmark thread failed" };
      const w = this.#waiting;
      this.#waiting = null;
      if (w) w(m);
      else this.#queue.push(m);
    };
  }

  /** Sends `message` and waits for the next reply; rejects on an `error` reply. */
  async ask(message: Record<string, unknown>): Promise<Reply> {
    this.worker.postMessage(message);
    const m = this.#queue.shift() ??
      await new Promise<Reply>((resolve) => (this.#waiting = resolve));
    if (m.op === "error") throw toError(m);
    return m;
  }
}

function toError(m: Reply): Error {
  if (typeof m.errno === "number") {
    const e = errorFromErrno(m.errno, "x", {
      path: m.path as string | undefined,
      offset: m.offset as number | undefined,
    });
    e.message = m.message as string;
    return e;
  }
  return new Error(m.message as string);
}

class LinuxThreads implements BenchThreads {
  readonly threads: number;
  engine = "";
  size = 0;
  #threads: Thread[];
  #closed = false;

  constructor(threads: number) {
    this.threads = threads;
    this.#threads = Array.from({ length: threads }, () => new Thread());
  }

  async open(path: string, options: BenchQueueOptions, fillSeed: number): Promise<void> {
    const replies = await Promise.all(
      this.#threads.map((t, i) => t.ask({ op: "open", path, options, fillSeed: fillSeed + i })),
    );
    this.engine = replies[0].engine as string;
    this.size = replies[0].size as number;
  }

  async run(
    run: BenchThreadRun,
    progress?: (bytes: number, elapsedMs: number) => void,
    shouldStop?: () => boolean,
  ): Promise<BenchThreadResult[]> {
    const bytes = new Float64Array(this.threads);
    const ms = new Float64Array(this.threads);
    this.#threads.forEach((t, i) => {
      t.onProgress = (b, m) => {
        bytes[i] = b;
        ms[i] = m;
        progress?.(bytes.reduce((a, x) => a + x, 0), Math.max(...ms));
      };
    });
    let stopped = false;
    const poll = setInterval(() => {
      if (!stopped && shouldStop?.()) {
        stopped = true;
        for (const t of this.#threads) t.worker.postMessage({ op: "stop" });
      }
    }, 100);
    try {
      const settled = await Promise.allSettled(
        this.#threads.map((t, thread) => t.ask({ op: "run", run, thread })),
      );
      const failed = settled.find((s) => s.status === "rejected");
      if (failed) throw (failed as PromiseRejectedResult).reason;
      return settled.map((s) => {
        const m = (s as PromiseFulfilledResult<Reply>).value;
        return {
          bytes: m.bytes as number,
          ios: m.ios as number,
          seconds: m.seconds as number,
          latencies: m.latencies as Float64Array,
        };
      });
    } finally {
      clearInterval(poll);
      for (const t of this.#threads) t.onProgress = null;
    }
  }

  async sync(): Promise<void> {
    await Promise.all(this.#threads.map((t) => t.ask({ op: "sync" })));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.allSettled(this.#threads.map((t) => t.ask({ op: "close" })));
    for (const t of this.#threads) t.worker.terminate();
  }
}

/** Opens `path` on `threads` worker threads, each with its own queue of `options.depth` slots. */
export async function openLinuxBenchThreads(
  path: string,
  options: BenchQueueOptions,
  threads: number,
  fillSeed: number,
): Promise<BenchThreads> {
  const t = new LinuxThreads(threads);
  try {
    await t.open(path, options, fillSeed);
  } catch (e) {
    await t.close();
    throw e;
  }
  return t;
}
