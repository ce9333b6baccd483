// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { MemoryBenchQueue } from "../../lib/bench/memory_queue.ts";
import { parseTestName } from "../../lib/bench/presets.ts";
import { runTest } from "../../lib/bench/run_job.ts";
import { IoError } from "../../lib/errors.ts";

function opts(q: MemoryBenchQueue, durationMs = 1000) {
  return {
    regionStart: 0,
    regionSize: q.size,
    warmupMs: 10,
    durationMs,
    now: () => q.clock,
    yieldNow: () => Promise.resolve(),
    seed: 1,
  };
}

Deno.test("runTest() keeps QD requests in flight: 1 ms latency gives 1000 × QD IOPS", async () => {
  for (const qd of [1, 8, 32]) {
    const q = new MemoryBenchQueue(new Uint8Array(1 << 20), {
      depth: qd,
      bufferSize: 4096,
      latencyMs: () => 1,
    });
    const r = await runTest(q, parseTestName(`RND4K Q${qd}T1`, false), opts(q));
    assert.ok(Math.abs(r.iops / (1000 * qd) - 1) < 0.01, `QD${qd}: ${r.iops}`);
    assert.equal(r.latencyUs.p50, 1000);
    assert.equal(r.latencyUs.p999, 1000);
    assert.ok(Math.abs(r.mbps - (r.iops * 4096) / 1e6) < 1e-6);
  }
});

Deno.test("runTest() sequential threads walk their own regions and latency tracks the device", async () => {
  const seen = new Set<number>();
  const q = new MemoryBenchQueue(new Uint8Array(1 << 20), {
    depth: 4,
    bufferSize: 65536,
    latencyMs: (offset) => {
      seen.add(offset);
      return offset < 512 * 1024 ? 1 : 3;
    },
  });
  const r = await runTest(q, parseTestName("SEQ64K Q2T2", false), opts(q, 200));
  assert.equal(seen.size, 16); // every 64 KiB block of the 1 MiB region was read
  assert.ok(r.latencyUs.p50 >= 1000 && r.latencyUs.p99 === 3000);
  assert.ok(r.ios > 100);
});

Deno.test("runTest() writes the queue's buffers and reports a failing offset as IoError", async () => {
  const data = new Uint8Array(65536);
  const q = new MemoryBenchQueue(data, { depth: 1, bufferSize: 4096 });
  q.buffer(0).fill(0xab);
  await runTest(q, parseTestName("SEQ4K Q1T1", true), opts(q, 5));
  assert.equal(data[0], 0xab);
  assert.equal(data[65535], 0xab);
  const bad = new MemoryBenchQueue(new Uint8Array(65536), {
    depth: 4,
    bufferSize: 4096,
    bad: [{ offset: 8192, length: 512 }],
  });
  await assert.rejects(
    () => runTest(bad, parseTestName("SEQ4K Q4T1", false), opts(bad, 50)),
    (e: unknown) => {
      assert.ok(e instanceof IoError);
      assert.equal(e.offset, 8192);
      assert.match(e.message, /read 4096 bytes at offset 8192 of memory:.*EIO/);
      return true;
    },
  );
});
