// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { parseTestName, presetTests, testName } from "../../lib/bench/presets.ts";
import { parseBenchOptions, parseDuration } from "../../lib/bench/bench_options.ts";
import { UsageError } from "../../lib/errors.ts";

Deno.test("presetTests() gives CrystalDiskMark 8's default and NVMe sets", () => {
  assert.deepEqual(presetTests("default", false).map((t) => `${t.name} ${t.rw}`), [
    "SEQ1M Q8T1 read",
    "SEQ1M Q1T1 read",
    "RND4K Q32T1 randread",
    "RND4K Q1T1 randread",
  ]);
  const nvme = presetTests("nvme", true);
  assert.equal(nvme.length, 8);
  assert.deepEqual(nvme[2], {
    name: "RND4K Q32T16",
    rw: "randread",
    bs: 4096,
    qd: 32,
    threads: 16,
  });
  assert.equal(nvme[5].name, "SEQ128K Q32T1");
  assert.equal(nvme[5].rw, "write");
  assert.equal(nvme[5].bs, 128 * 1024);
  assert.throws(() => presetTests("fast", false), UsageError);
});

Deno.test("parseTestName() round-trips names and rejects nonsense", () => {
  assert.equal(parseTestName("rnd4k q32t1", false).name, "RND4K Q32T1");
  assert.equal(testName("write", 512, 2, 3), "SEQ512B Q2T3");
  assert.throws(() => parseTestName("SEQ1M", false), /Cannot parse test "SEQ1M"/);
  assert.throws(() => parseTestName("SEQ1M Q0T1", false), /out of range/);
  assert.throws(() => parseTestName("SEQ1M Q1T99", false), /out of range/);
});

Deno.test("parseBenchOptions() checks arguments with one-line usage errors", () => {
  const o = parseBenchOptions(["/dev/sdb"]);
  assert.equal(o.tests.length, 4);
  assert.equal(o.runs, 3);
  assert.equal(o.durationMs, 5000);
  const custom = parseBenchOptions(["f", "--rw", "randread", "--qd", "16", "--bs", "8k"]);
  assert.equal(custom.tests[0].name, "RND8K Q16T1");
  const surface = parseBenchOptions(["/dev/sdb", "--surface", "50", "--bs", "64k"]);
  assert.equal(surface.tests.length, 0);
  assert.equal(surface.surfaceBlock, 65536);
  const bad: [string[], RegExp][] = [
    [[], /Missing TARGET/],
    [["a", "b"], /one target/],
    [["a", "--yes-destroy-data"], /only makes sense with --write/],
    [["a", "--rw", "write"], /add --write/],
    [["a", "--rw", "sideways"], /Unknown --rw/],
    [["a", "--preset", "default", "--qd", "4"], /either --preset/],
    [["a", "--runs", "0"], /--runs must be between/],
    [["a", "--duration", "soon"], /Cannot parse --duration/],
    [["a", "--engine", "aio"], /Unknown --engine/],
    [["a", "--json", "--csv"], /either --json or --csv/],
    [["a", "--bogus"], /bogus/],
  ];
  for (const [args, re] of bad) {
    assert.throws(() => parseBenchOptions(args), (e: unknown) => {
      assert.ok(e instanceof UsageError, String(e));
      assert.match(e.message, re);
      assert.ok(!e.message.includes("\n"));
      return true;
    });
  }
  assert.equal(parseDuration("1.5s", "--warmup"), 1500);
  assert.equal(parseDuration("2m", "--warmup"), 120000);
});
