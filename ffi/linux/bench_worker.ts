// Copyright 2026 the sectorkit authors. MIT license.
/**
 * One benchmark thread (a Web Worker = an OS thread): opens its own target with its own engine
 * (its own io_uring) and runs lib/bench's runTest when told, like one fio job of `numjobs`.
 *
 * Protocol (see ffi/linux/bench_threads.ts): `{op: "open", path, options, fillSeed}` →
 * `{op: "opened", engine, size}`; `{op: "run", run, thread}` → `{op: "progress", bytes, ms}`… then
 * `{op: "result", bytes, ios, seconds, latencies}`; `{op: "stop"}` ends a run early; `{op: "sync"}`
 * → `{op: "synced"}`; `{op: "close"}` → `{op: "closed"}` and the worker ends (self.close()).
 * A failure answers `{op: "error", message, errno?, path?, offset?}`.
 *
 * @module
 */
import { SectorkitError } from "../../lib/errors.ts";
import type { BenchQueue, BenchQueueOptions, BenchThreadRun } from "../../lib/platform/mod.ts";
import { fillRandom, runTest } from "../../lib/bench/run_job.ts";
import { openLinuxBenchQueue } from "./bench_queue.ts";

interface Scope {
  onmessage: ((e: MessageEvent) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
  close(): void;
}

const scope = self as unknown as Scope;
let queue: BenchQueue | null = null;
let stop = false;

function fail(e: unknown): void {
  const err = e instanceof Error ? e : new Error(String(e));
  const se = err instanceof SectorkitError ? err : null;
  scope.postMessage({
    op: "error",
    message: err.message,
    errno: se?.errno,
    path: se?.path,
    offset: se?.offset,
  });
}

async function handle(m: Record<string, unknown>): Promise<void> {
  switch (m.op) {
    case "open": {
      const o = m.options as BenchQueueOptions;
      queue = openLinuxBenchQueue(m.path as string, o);
      if (o.write) fillRandom(queue, queue.depth, m.fillSeed as number);
      scope.postMessage({ op: "opened", engine: queue.engine, size: queue.size });
      return;
    }
    case "run": {
      const run = m.run as BenchThreadRun;
      const t = m.thread as number;
      stop = false;
      const r = await runTest(queue!, { ...run, threads: 1 }, {
        regionStart: run.regions[t].start,
        regionSize: run.regions[t].size,
        warmupMs: run.warmupMs,
        durationMs: run.durationMs,
        seed: run.seed + t,
        now: () => performance.now(),
        yieldNow: () => new Promise((r) => setTimeout(r, 0)),
        shouldStop: () => stop,
        onProgress: (bytes, _ios, ms) => scope.postMessage({ op: "progress", bytes, ms }),
      });
      const latencies = Float64Array.from(r.samples.values());
      scope.postMessage(
        { op: "result", bytes: r.bytes, ios: r.ios, seconds: r.seconds, latencies },
        [latencies.buffer],
      );
      return;
    }
    case "sync":
      await queue!.sync();
      scope.postMessage({ op: "synced" });
      return;
    case "close":
      queue?.close();
      queue = null;
      scope.postMessage({ op: "closed" });
      scope.close();
      return;
  }
}

scope.onmessage = (e: MessageEvent) => {
  const m = e.data as Record<string, unknown>;
  if (m.op === "stop") {
    stop = true;
    return;
  }
  handle(m).catch(fail);
};
