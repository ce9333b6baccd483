// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import type { BenchThreadResult, BenchThreadRun, BenchThreads } from "../../lib/platform/mod.ts";
import { parseTestName } from "../../lib/bench/presets.ts";
import { mergeThreadResults, runThreaded, threadRegions } from "../../lib/bench/run_threads.ts";

Deno.test("threadRegions() gives sequential threads consecutive parts and random ones all", () => {
  assert.deepEqual(threadRegions("read", 1024, 4096, 10 * 1024, 3), [
    { start: 4096, size: 3072 },
    { start: 7168, size: 3072 },
    { start: 10240, size: 3072 },
  ]);
  assert.deepEqual(threadRegions("randwrite", 1024, 0, 10 * 1024 + 5, 2), [
    { start: 0, size: 10240 },
    { start: 0, size: 10240 },
  ]);
  // Fewer blocks than threads: every thread walks the whole region.
  assert.deepEqual(threadRegions("write", 1024, 0, 2048, 4)[3], { start: 0, size: 2048 });
});

Deno.test("mergeThreadResults() adds bytes and requests over the longest thread's time", () => {
  const r = mergeThreadResults([
    { bytes: 8e6, ios: 2000, seconds: 2, latencies: new Float64Array([100, 300]) },
    { bytes: 2e6, ios: 500, seconds: 1.5, latencies: new Float64Array([200]) },
  ]);
  assert.equal(r.bytes, 10e6);
  assert.equal(r.ios, 2500);
  assert.equal(r.seconds, 2);
  assert.equal(r.mbps, 5);
  assert.equal(r.iops, 1250);
  assert.equal(r.latencyUs.mean, 200);
  assert.equal(r.latencyUs.p999, 300);
  assert.equal(r.samples.length, 3);
});

Deno.test("runThreaded() hands each thread its region and the seed, and merges the answers", async () => {
  const seen: BenchThreadRun[] = [];
  const group: BenchThreads = {
    threads: 2,
    engine: "fake",
    size: 1 << 20,
    run(run: BenchThreadRun): Promise<BenchThreadResult[]> {
      seen.push(run);
      return Promise.resolve(run.regions.map((g) => ({
        bytes: g.size,
        ios: g.size / run.bs,
        seconds: 1,
        latencies: new Float64Array([50]),
      })));
    },
    sync: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
  const r = await runThreaded(group, parseTestName("SEQ64K Q4T2", false), {
    regionStart: 0,
    regionSize: 1 << 20,
    warmupMs: 0,
    durationMs: 10,
    seed: 9,
  });
  assert.equal(seen.length, 1);
  assert.equal(seen[0].qd, 4);
  assert.equal(seen[0].seed, 9);
  assert.deepEqual(seen[0].regions, [{ start: 0, size: 1 << 19 }, {
    start: 1 << 19,
    size: 1 << 19,
  }]);
  assert.equal(r.bytes, 1 << 20);
  assert.equal(r.perThread.length, 2);
});
