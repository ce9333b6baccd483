// Copyright 2026 the sectorkit authors. MIT license.
// `sectorkit bench` run as users run it (deno run main.ts). Loop-device cases need root on Linux
// and are skipped otherwise (said in their names). Short runs: 200 ms per test.
import assert from "node:assert/strict";
import { isLinuxRoot, sh, withLoopDevice } from "../helpers/loop.ts";
import { randomBytes } from "../helpers/random.ts";
import { runMain } from "../helpers/run_main.ts";

const QUICK = ["--runs", "1", "--duration", "200ms", "--warmup", "50ms", "--interval", "0", "-q"];

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await runMain(["bench", ...args]);
  return { code: r.code, stdout: r.out, stderr: r.err };
}

Deno.test({
  name: "bench --json on a loop device has the stable shape, with every engine (root only)",
  ignore: !isLinuxRoot(),
  async fn() {
    await withLoopDevice(randomBytes(16 << 20, 3), {}, async (dev) => {
      for (const engine of ["auto", "psync", "device"]) {
        const r = await cli([
          dev,
          "--test",
          "RND4K Q4T1",
          "--test",
          "SEQ64K Q2T1",
          "--engine",
          engine,
          "--json",
          ...QUICK,
        ]);
        assert.equal(r.code, 0, r.stderr);
        const j = JSON.parse(r.stdout);
        assert.deepEqual(Object.keys(j), ["target", "engine", "direct", "sizeBytes", "results"]);
        assert.equal(j.target, dev);
        assert.equal(j.direct, true);
        assert.equal(j.sizeBytes, 16 << 20);
        assert.match(
          j.engine,
          engine === "psync"
            ? /^psync \(thread pool/
            : engine === "device"
            ? /^device \(thread pool\)$/
            : /^(io_uring|psync)/,
        );
        assert.equal(j.results.length, 2);
        const [rnd, seq] = j.results;
        assert.deepEqual(Object.keys(rnd).slice(0, 8), [
          "name",
          "rw",
          "bs",
          "qd",
          "threads",
          "mbps",
          "iops",
          "latencyUs",
        ]);
        assert.deepEqual(Object.keys(rnd.latencyUs), ["mean", "p50", "p90", "p99", "p999"]);
        assert.deepEqual([rnd.name, rnd.rw, rnd.bs, rnd.qd, rnd.threads], [
          "RND4K Q4T1",
          "randread",
          4096,
          4,
          1,
        ]);
        assert.deepEqual([seq.name, seq.rw, seq.bs, seq.qd], ["SEQ64K Q2T1", "read", 65536, 2]);
        for (const t of j.results) {
          assert.ok(t.mbps > 0 && t.iops > 0);
          assert.ok(Math.abs(t.mbps - (t.iops * t.bs) / 1e6) / t.mbps < 0.01);
          assert.ok(t.latencyUs.p50 <= t.latencyUs.p99 && t.latencyUs.p99 <= t.latencyUs.p999);
          assert.equal(t.runs.length, 1);
        }
      }
      const csv = await cli([dev, "--test", "RND4K Q1T1", "--csv", ...QUICK]);
      assert.equal(csv.code, 0, csv.stderr);
      const lines = csv.stdout.trim().split("\n");
      assert.equal(lines.length, 3);
      assert.match(lines[2], /^RND4K Q1T1,randread,4096,1,1,all,/);
    });
  },
});

function pngSize(png: Uint8Array): [number, number] {
  const v = new DataView(png.buffer, png.byteOffset);
  assert.equal(String.fromCharCode(...png.subarray(12, 16)), "IHDR");
  return [v.getUint32(16), v.getUint32(20)];
}

Deno.test({
  name:
    "bench --surface on a loop device draws a chart rsvg-convert renders at 900×640 (root only)",
  ignore: !isLinuxRoot(),
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      await withLoopDevice(randomBytes(8 << 20, 5), {}, async (dev) => {
        const svg = `${dir}/chart.svg`;
        const r = await cli([dev, "--surface", "8", "--access", "5", "--svg", svg, "--json", "-q"]);
        assert.equal(r.code, 0, r.stderr);
        const j = JSON.parse(r.stdout);
        assert.deepEqual(j.results, []);
        assert.equal(j.zones.length, 8);
        assert.equal(j.zones[7].end, 8 << 20);
        assert.ok(j.zones.every((z: { mbps: number }) => z.mbps > 0));
        const blocks = j.surface.histogram.reduce(
          (a: number, b: { count: number }) => a + b.count,
          0,
        );
        assert.equal(blocks, 64); // 8 MiB in 128 KiB reads
        assert.equal(j.surface.accessTimeMs.samples.length, 5);
        const text = await Deno.readTextFile(svg);
        assert.equal(text.match(/class="transfer-curve"/g)?.length, 1);
        assert.equal(/points="([^"]*)"/.exec(text)![1].trim().split(" ").length, 8);
        assert.equal(text.match(/class="hist-bar"/g)?.length, 7);
        assert.ok(!/<script|href=/.test(text));
        await sh("rsvg-convert", ["-o", `${dir}/chart.png`, svg]);
        assert.deepEqual(pngSize(await Deno.readFile(`${dir}/chart.png`)), [900, 640]);
        // The SVG is not replaced without --overwrite.
        const again = await cli([dev, "--surface", "2", "--svg", svg, "-q"]);
        assert.equal(again.code, 2);
        assert.match(again.stderr, /exists: add --overwrite/);
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "bench refuses writes to a mounted loop device and writes an unmounted one (root only)",
  ignore: !isLinuxRoot(),
  async fn() {
    const mnt = await Deno.makeTempDir();
    try {
      await withLoopDevice(new Uint8Array(16 << 20), {}, async (dev, backing) => {
        const noConfirm = await cli([dev, "--write", "--test", "SEQ4K Q1T1", ...QUICK]);
        assert.equal(noConfirm.code, 2);
        assert.match(noConfirm.stderr, /add --yes-destroy-data/);
        await sh("mkfs.ext4", ["-q", "-F", dev]);
        await sh("mount", [dev, mnt]);
        try {
          const r = await cli([
            dev,
            "--write",
            "--yes-destroy-data",
            "--test",
            "SEQ4K Q1T1",
            ...QUICK,
          ]);
          assert.equal(r.code, 1);
          assert.match(
            r.stderr,
            new RegExp(`Refusing to write to ${dev}: it is mounted at ${mnt}`),
          );
          assert.equal(r.stderr.trim().split("\n").length, 1);
        } finally {
          await sh("umount", [mnt]);
        }
        const before = await Deno.readFile(backing);
        const w = await cli([
          dev,
          "--write",
          "--yes-destroy-data",
          "--test",
          "RND4K Q4T1",
          "--json",
          ...QUICK,
        ]);
        assert.equal(w.code, 0, w.stderr);
        assert.deepEqual(JSON.parse(w.stdout).results.map((t: { rw: string }) => t.rw), [
          "randread",
          "randwrite",
        ]);
        const after = await Deno.readFile(backing);
        assert.notDeepEqual(after, before);
      });
    } finally {
      await Deno.remove(mnt, { recursive: true });
    }
  },
});

Deno.test("bench on a directory writes a scratch file and removes it afterwards", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const r = await cli([
      dir,
      "--write",
      "--size",
      "4M",
      "--test",
      "SEQ64K Q2T1",
      "--json",
      ...QUICK,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.deepEqual(j.results.map((t: { rw: string }) => t.rw), ["read", "write"]);
    assert.equal(j.sizeBytes, 4 << 20);
    assert.deepEqual(await Array.fromAsync(Deno.readDir(dir)), []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("bench rejects bad arguments and an existing file as a write target with one line", async () => {
  const file = await Deno.makeTempFile();
  try {
    await Deno.writeFile(file, new Uint8Array(65536));
    const cases: [string[], number, RegExp][] = [
      [[file, "--write", "--test", "SEQ4K Q1T1"], 2, /Refusing to overwrite the file/],
      [[file, "--test", "SEQ1M"], 2, /Cannot parse test "SEQ1M"/],
      [[file, "--runs", "x"], 2, /Cannot parse --runs/],
      [["/nonexistent/disk"], 1, /No such file or directory/],
      [[], 2, /Missing TARGET/],
    ];
    for (const [args, code, re] of cases) {
      const r = await cli(args);
      assert.equal(r.code, code, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, re);
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
      assert.equal(r.stdout, "");
    }
    const help = await cli(["--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /sectorkit bench \/dev\/sdb --preset default/);
  } finally {
    await Deno.remove(file);
  }
});

Deno.test({
  name: "bench --threads runs one engine per OS thread, each writing its own part (root only)",
  ignore: !isLinuxRoot(),
  async fn() {
    await withLoopDevice(new Uint8Array(12 << 20), {}, async (dev, backing) => {
      const r = await cli([
        dev,
        "--write",
        "--yes-destroy-data",
        "--rw",
        "write",
        "--bs",
        "64k",
        "--qd",
        "2",
        "--threads",
        "3",
        "--json",
        ...QUICK,
      ]);
      assert.equal(r.code, 0, r.stderr);
      const j = JSON.parse(r.stdout);
      assert.match(j.engine, /^(io_uring|psync)/);
      const t = j.results.find((x: { rw: string }) => x.rw === "write");
      assert.equal(t.name, "SEQ64K Q2T3");
      assert.equal(t.threads, 3);
      assert.equal(t.runs[0].threads.length, 3);
      assert.ok(t.runs[0].threads.every((x: { iops: number }) => x.iops > 0));
      // Each thread starts at its own third of the device (fio's offset_increment).
      const after = await Deno.readFile(backing);
      for (const part of [0, 4 << 20, 8 << 20]) {
        assert.ok(after.subarray(part, part + 65536).some((b) => b !== 0), `part at ${part}`);
      }
    });
  },
});

Deno.test("bench --threads on a scratch file reports every thread of each run", async () => {
  const dir = await Deno.makeTempDir({ dir: "/var/tmp" });
  try {
    const r = await cli([dir, "--size", "4M", "--test", "RND4K Q2T2", "--json", ...QUICK]);
    assert.equal(r.code, 0, r.stderr);
    const run = JSON.parse(r.stdout).results[0].runs[0];
    assert.equal(run.threads.length, 2);
    assert.ok(run.bytes > 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
