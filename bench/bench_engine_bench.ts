// Copyright 2026 the sectorkit authors. MIT license.
// What one request costs sectorkit's benchmark engines: a 4 KiB O_DIRECT read round trip (submit,
// wait, reap) through io_uring and through the thread-pool psync engine, on a file in /dev/shm
// (tmpfs: no device time, so this is the engine's own overhead). `deno bench -A bench/`.
import { openLinuxBenchQueue } from "../ffi/linux/bench_queue.ts";
import { MemoryBenchQueue } from "../lib/bench/memory_queue.ts";
import type { BenchQueue } from "../lib/platform/mod.ts";

const linux = Deno.build.os === "linux";
const path = linux ? await Deno.makeTempFile({ dir: "/dev/shm", suffix: ".bench" }) : "";
if (linux) await Deno.writeFile(path, new Uint8Array(16 << 20));

function open(engine: string): BenchQueue {
  return openLinuxBenchQueue(path, {
    write: false,
    direct: true,
    exclusive: false,
    depth: 32,
    bufferSize: 4096,
    engine,
  });
}

const uring = linux ? open("io_uring") : null;
const psync = linux ? open("psync") : null;
const memory = new MemoryBenchQueue(new Uint8Array(16 << 20), { depth: 32, bufferSize: 4096 });
let n = 0;

/** Submits `inflight` reads and reaps them all; synchronous while the engine reaps synchronously. */
function roundTrip(q: BenchQueue, inflight: number): void | Promise<void> {
  for (let s = 0; s < inflight; s++) q.submit(s, ((n++ * 7919) % 4096) * 4096, 4096, false);
  let done = 0;
  while (done < inflight) {
    const r = q.reap(1);
    if (typeof r !== "number") return r.then((k) => drain(q, inflight, done + k));
    done += r;
  }
}

async function drain(q: BenchQueue, inflight: number, done: number): Promise<void> {
  while (done < inflight) done += await q.reap(1);
}

Deno.bench({
  name: "io_uring: one 4 KiB read (QD1)",
  ignore: !linux,
  group: "qd1",
  baseline: true,
  fn: () => roundTrip(uring!, 1),
});
Deno.bench({
  name: "psync thread pool: one 4 KiB read (QD1)",
  ignore: !linux,
  group: "qd1",
  fn: () => roundTrip(psync!, 1),
});
Deno.bench({
  name: "memory queue: one request (QD1)",
  group: "qd1",
  fn: () => roundTrip(memory, 1),
});
Deno.bench({
  name: "io_uring: 32 × 4 KiB reads in flight",
  ignore: !linux,
  group: "qd32",
  baseline: true,
  fn: () => roundTrip(uring!, 32),
});
Deno.bench({
  name: "psync thread pool: 32 × 4 KiB reads in flight",
  ignore: !linux,
  group: "qd32",
  fn: () => roundTrip(psync!, 32),
});

globalThis.addEventListener("unload", () => {
  uring?.close();
  psync?.close();
  if (linux) Deno.removeSync(path);
});
