// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { MemoryBenchQueue } from "../../lib/bench/memory_queue.ts";
import { bucketOf, scanSurface } from "../../lib/bench/surface.ts";

const MiB = 1024 * 1024;

Deno.test("scanSurface() finds a slow region and an unreadable one, with MHDD buckets", async () => {
  // 8 MiB in 16 zones of 512 KiB; 64 KiB reads take 1 ms, except 4 ms in 3..3.5 MiB (zone 6),
  // and four sectors at 6 MiB + 4096 (zone 12) fail.
  const q = new MemoryBenchQueue(new Uint8Array(8 * MiB), {
    depth: 1,
    bufferSize: 65536,
    latencyMs: (offset, length) =>
      offset >= 3 * MiB && offset < 3.5 * MiB ? 4 * length / 65536 : length / 65536,
    bad: [{ offset: 6 * MiB + 4096, length: 2048 }],
  });
  const r = await scanSurface(q, {
    zones: 16,
    blockSize: 65536,
    accessSamples: 5,
    slowFactor: 0.5,
    now: () => q.clock,
    yieldNow: () => Promise.resolve(),
  });
  assert.equal(r.zones.length, 16);
  assert.deepEqual(r.slowZones, [6]);
  assert.deepEqual(r.unreadableZones, [12]);
  assert.equal(r.zones[12].unreadableSectors, 4);
  assert.deepEqual(r.unreadable, [{ offset: 6 * MiB + 4096, length: 2048 }]);
  assert.ok(Math.abs(r.rateMbps.median - 65.536) < 0.01, String(r.rateMbps.median));
  assert.ok(Math.abs(r.zones[6].mbps - 16.384) < 0.01);
  const h = Object.fromEntries(r.histogram.map((b) => [b.label, b.count]));
  assert.equal(h["<3ms"], 127 - 8);
  assert.equal(h["<10ms"], 8);
  assert.equal(h["error"], 1);
  assert.equal(r.accessTimeMs.samples.length, 5);
  assert.ok(r.complete);
});

Deno.test("bucketOf() puts latencies into MHDD's buckets", () => {
  assert.deepEqual([0.5, 3, 9.9, 49, 149, 499, 500, 9000].map(bucketOf), [0, 1, 1, 2, 3, 4, 5, 5]);
});

Deno.test("scanSurface() times ⅓- and full-stroke seeks from the distance between reads", async () => {
  // A disk whose request time grows with the distance from the previous request: 0.5 ms plus
  // 9 ms for a full stroke (reads within the scan are sequential, so they stay at ~0.5 ms).
  const size = 8 * MiB;
  let last = 0;
  const q = new MemoryBenchQueue(new Uint8Array(size), {
    depth: 1,
    bufferSize: 65536,
    latencyMs: (offset) => {
      const ms = 0.5 + (9 * Math.abs(offset - last)) / size;
      last = offset;
      return ms;
    },
  });
  const r = await scanSurface(q, {
    zones: 4,
    blockSize: 65536,
    accessSamples: 6,
    slowFactor: 0.5,
    now: () => q.clock,
    yieldNow: () => Promise.resolve(),
  });
  assert.ok(Math.abs(r.strokeMs.third - (0.5 + 3)) < 0.01, String(r.strokeMs.third));
  assert.ok(Math.abs(r.strokeMs.full - (0.5 + 9)) < 0.01, String(r.strokeMs.full));
  // Random accesses land in between on average.
  assert.ok(r.accessTimeMs.mean > 0.5 && r.accessTimeMs.mean < 9.5);
});
