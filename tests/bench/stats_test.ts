// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { median, percentile, Samples, summarizeLatency } from "../../lib/bench/stats.ts";

Deno.test("summarizeLatency() gives nearest-rank percentiles of 1..2000", () => {
  const s = new Samples();
  for (let i = 1000; i >= 1; i--) s.push(i);
  for (let i = 1001; i <= 2000; i++) s.push(i);
  assert.equal(s.length, 2000);
  const l = summarizeLatency(s);
  assert.equal(l.mean, 1000.5);
  assert.equal(l.p50, 1000);
  assert.equal(l.p90, 1800);
  assert.equal(l.p99, 1980);
  assert.equal(l.p999, 1998);
});

Deno.test("percentile() and median() handle empty and small inputs", () => {
  assert.equal(percentile(new Float64Array(0), 50), 0);
  assert.equal(percentile(Float64Array.from([7]), 99.9), 7);
  assert.equal(median([]), 0);
  assert.equal(median([5, 1]), 3);
  assert.deepEqual(summarizeLatency(new Samples()), { mean: 0, p50: 0, p90: 0, p99: 0, p999: 0 });
});
