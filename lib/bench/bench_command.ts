// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * `sectorkit bench TARGET`: CrystalDiskMark-style tests with real queue depth, and a full-surface
 * read scan, on a block device, a file, or a scratch file in a directory.
 *
 * @module
 */
import type { Command } from "../cli/command.ts";
import { formatBytes } from "../cli/progress.ts";
import { Progress } from "../cli/progress.ts";
import { BusyError, ExitCode, InterruptedError, NotFoundError, UsageError } from "../errors.ts";
import type { Platform } from "../platform/mod.ts";
import { type BenchOptions, parseBenchOptions } from "./bench_options.ts";
import { runOpticalCommand } from "./bench_optical.ts";
import { mountsOf, parseMountInfo } from "./mount_check.ts";
import {
  type BenchReport,
  formatCsv,
  formatTable,
  formatZonesCsv,
  type RunSummary,
  type TestResult,
  toJson,
} from "./report.ts";
import { type RunResult, runTest } from "./run_job.ts";
import { openTest, primeCache } from "./open_test.ts";
import { runThreaded } from "./run_threads.ts";
import { createScratchFile } from "./scratch_file.ts";
import { median, Samples, summarizeLatency } from "./stats.ts";
import { scanSurface, type SurfaceReport } from "./surface.ts";
import { createDeviceBenchOpener } from "./device_queue.ts";
import { renderSvg } from "./svg.ts";

const HELP = `Usage: sectorkit bench TARGET [options]

Measures a block device, a file, or (TARGET a directory) a scratch file created there and removed
afterwards. Tests are named as CrystalDiskMark names them: SEQ1M Q8T1 = sequential 1 MiB requests,
8 in flight, 1 thread. Unbuffered (O_DIRECT) unless --cached. MB/s = 10^6 bytes/s.

Tests:
  --preset NAME        default (SEQ1M Q8T1, SEQ1M Q1T1, RND4K Q32T1, RND4K Q1T1; the default)
                       or nvme (SEQ1M Q8T1, SEQ128K Q32T1, RND4K Q32T16, RND4K Q1T1)
  --test NAME          one test by name, e.g. --test "RND4K Q32T1" (repeatable)
  --rw RW --bs SIZE --qd N --threads N
                       a custom test: RW is read, write, randread or randwrite
  --write              also run the tests as writes (a device needs --yes-destroy-data and
                       must not be mounted; on a directory only the scratch file is written)
  --yes-destroy-data   confirm that writes destroy the data on the device
  --size SIZE          tested region (default: the whole device or file; scratch file 1G)
  --runs N             runs per test (default 3); the median is reported
  --duration TIME      measured time per run (default 5s)
  --warmup TIME        unmeasured warm-up per run (default 1s)
  --interval TIME      pause between runs (default 1s)
  --cached             measure through the page cache (like hdparm -T) instead of O_DIRECT
  --engine NAME        auto (io_uring where the kernel allows, else psync), io_uring, psync, or
                       device (portable: reads through the block-device layer on the thread pool;
                       the engine on Windows and macOS; read tests only)

Surface scan:
  --surface N          read the whole target in N zones at QD1: transfer-rate curve, latency
                       histogram (MHDD buckets), access time, slow and unreadable zones
  --bs SIZE            read size of the scan (default 128K)
  --access N           random single-sector reads for the access time (default 50)
  --slow-factor F      slow zone: below F × the median zone rate (default 0.5)

Optical drives (TARGET virtual:SOURCE, or a drive with --optical):
  --optical            read-speed curve by timed READ CD / READ(12) in --surface zones (20),
                       CAV/CLV/P-CAV/Z-CLV from its shape, random/⅓/full-stroke seeks, spin-up
  --speed X            SET CD SPEED first (0 = maximum)
  --media cd|dvd|bd    when the drive cannot tell
  --seeks N            seek samples per kind (10)
  --virtual-drive P    profile of a virtual: drive (plextor, mediatek, generic or a JSON file)

Output:
  --json               one JSON object on stdout (shape in docs/bench.md)
  --csv                CSV on stdout, one row per run plus a summary row per test
  --svg FILE           an SVG chart (transfer curve with zones, latency histogram / results)
  --overwrite          replace an existing --svg FILE
  -q, --quiet          no progress on stderr

Exit codes: 0 ok, 1 failure, 2 usage, 3 the surface scan found unreadable sectors, 130 interrupted.

Examples:
  sudo sectorkit bench /dev/sdb --preset default
  sectorkit bench /mnt/usb --preset nvme --write --runs 5
  sudo sectorkit bench /dev/sdb --surface 200 --svg sdb.svg
  sectorkit bench virtual:demo --virtual-drive generic --speed 8
  sudo sectorkit bench /dev/sr0 --optical --svg sr0.svg
`;

async function checkWritable(platform: Platform, target: string, rdev: number | null) {
  if (platform.runtime.os !== "linux") return;
  let text = "";
  try {
    text = await platform.fs.readTextFile("/proc/self/mountinfo");
  } catch {
    return;
  }
  const real = await platform.fs.realPath(target).catch(() => target);
  const mounts = mountsOf(real, rdev, parseMountInfo(text));
  if (mounts.length) {
    throw new BusyError(
      `Refusing to write to ${target}: it is mounted at ${mounts.join(", ")} (unmount it first)`,
      { path: target, code: "EBUSY" },
    );
  }
}

async function run(args: string[], platform: Platform): Promise<number> {
  const o = parseBenchOptions(args);
  const { console, runtime, fs } = platform;
  if (o.svg && !o.overwrite && await fs.stat(o.svg)) {
    throw new UsageError(`${o.svg} exists: add --overwrite to replace it`);
  }
  if (o.optical) return runOpticalCommand(o, platform);
  // The portable engine where the OS has no native one (Windows, macOS) or when asked for.
  if (o.engine === "device" || !platform.bench) {
    platform = {
      ...platform,
      bench: createDeviceBenchOpener(platform.devices, () => runtime.now()),
    };
  }
  const info = await fs.stat(o.target);
  if (!info) {
    throw new NotFoundError(`Cannot open ${o.target}: No such file or directory (ENOENT)`, {
      path: o.target,
      code: "ENOENT",
    });
  }
  const isDevice = info.isDevice;
  if (o.write && isDevice && !o.yesDestroyData) {
    throw new UsageError(
      `Write tests destroy the data on ${o.target}: add --yes-destroy-data to confirm`,
    );
  }
  if (o.write && info.isFile) {
    throw new UsageError(
      `Refusing to overwrite the file ${o.target}: give a directory to write a scratch file there`,
    );
  }
  if (o.write && isDevice) await checkWritable(platform, o.target, info.rdev);
  let stop = false;
  const removeInterrupt = runtime.onInterrupt(() => (stop = true));
  const progress = new Progress(console, runtime, { quiet: o.quiet });
  let scratch: string | null = null;
  try {
    let path = o.target;
    if (info.isDirectory) {
      const size = o.size ?? 1024 ** 3;
      scratch = await createScratchFile(platform, o.target, size, progress, () => stop);
      path = scratch;
    }
    const engineOption = o.engine === "auto" || o.engine === "device" ? undefined : o.engine;
    if (o.cached && o.tests.length) {
      await primeCache(platform, path, o.size, engineOption, progress, () => stop);
    }
    const now = (): number => runtime.now();
    const yieldNow = (): Promise<void> => runtime.sleep(0);
    const results: TestResult[] = [];
    let engine = "";
    let sizeBytes = 0;
    for (const [ti, spec] of o.tests.entries()) {
      const write = spec.rw.includes("write");
      const options = {
        write,
        direct: !o.cached,
        exclusive: write && isDevice,
        depth: spec.qd * spec.threads,
        bufferSize: spec.bs,
        engine: engineOption,
      };
      const target = await openTest(platform, path, spec, options, ti + 1);
      try {
        engine = target.engine;
        const region = Math.floor(Math.min(o.size ?? target.size, target.size) / spec.bs) * spec.bs;
        sizeBytes = Math.max(sizeBytes, region);
        const runs: TestResult["runs"] = [];
        const pooled = new Samples();
        for (let r = 0; r < o.runs && !stop; r++) {
          if ((ti > 0 || r > 0) && o.intervalMs > 0) await runtime.sleep(o.intervalMs);
          if (stop) break;
          const label = `${spec.name} ${spec.rw} run ${r + 1}/${o.runs}`;
          const onProgress = (bytes: number, _ios: number, ms: number): void =>
            progress.update(() =>
              ms <= 0
                ? `${label}: warming up`
                : `${label}: ${(bytes / ms / 1000).toFixed(1)} MB/s, ${(ms / 1000).toFixed(1)}/${
                  (o.durationMs / 1000).toFixed(0)
                } s`
            );
          const common = {
            regionStart: 0,
            regionSize: region,
            warmupMs: o.warmupMs,
            durationMs: o.durationMs,
            shouldStop: () => stop,
          };
          let res: RunResult;
          let threads: RunSummary["threads"];
          if (target.threads) {
            const t = await runThreaded(target.threads, spec, {
              ...common,
              seed: Math.floor(now() * 1000) + r,
              onProgress: (bytes, ms) => onProgress(bytes, 0, ms),
            });
            res = t;
            threads = t.perThread.map((p) => ({
              mbps: p.bytes / p.seconds / 1e6,
              iops: p.ios / p.seconds,
            }));
          } else {
            res = await runTest(target.queue!, spec, { ...common, now, yieldNow, onProgress });
          }
          pooled.append(res.samples);
          runs.push({
            mbps: res.mbps,
            iops: res.iops,
            latencyUs: res.latencyUs,
            seconds: res.seconds,
            bytes: res.bytes,
            ...(threads ? { threads } : {}),
          });
          progress.log(`${label}: ${res.mbps.toFixed(2)} MB/s, ${res.iops.toFixed(0)} IOPS`);
        }
        if (write) await target.sync();
        if (runs.length) {
          results.push({
            ...spec,
            mbps: median(runs.map((x) => x.mbps)),
            iops: median(runs.map((x) => x.iops)),
            latencyUs: summarizeLatency(pooled),
            runs,
          });
        }
      } finally {
        await target.close();
      }
    }
    let surface: SurfaceReport | undefined;
    if (o.surface > 0 && !stop) {
      const q = await platform.bench!.open(path, {
        write: false,
        direct: !o.cached,
        exclusive: false,
        depth: 1,
        bufferSize: o.surfaceBlock,
        engine: engineOption,
      });
      try {
        engine ||= q.engine;
        sizeBytes = Math.max(sizeBytes, q.size);
        surface = await scanSurface(q, {
          zones: o.surface,
          blockSize: o.surfaceBlock,
          accessSamples: o.accessSamples,
          slowFactor: o.slowFactor,
          now,
          yieldNow,
          shouldStop: () => stop,
          onProgress: (done, total) =>
            progress.update(() =>
              `surface: ${(100 * done / total).toFixed(1)}% of ${formatBytes(total)}`
            ),
        });
      } finally {
        q.close();
      }
    }
    progress.done();
    if (stop) throw new InterruptedError();
    const report: BenchReport = {
      target: o.target,
      engine,
      direct: !o.cached,
      sizeBytes,
      results,
    };
    if (surface) {
      const { zones, ...rest } = surface;
      report.zones = zones;
      report.surface = rest;
    }
    await output(platform, o, report);
    return surface && surface.unreadableZones.length ? ExitCode.Unreadable : ExitCode.Ok;
  } finally {
    removeInterrupt();
    if (scratch) await fs.remove(scratch).catch(() => {});
  }
}

async function output(platform: Platform, o: BenchOptions, report: BenchReport): Promise<void> {
  const { console, fs } = platform;
  if (o.svg) await fs.writeTextFile(o.svg, renderSvg(report));
  if (o.json) {
    console.out(JSON.stringify(toJson(report), null, 2) + "\n");
    return;
  }
  if (o.csv) {
    if (report.results.length || !report.zones) console.out(formatCsv(report.results));
    else console.out(formatZonesCsv(report.zones));
    return;
  }
  const mode = report.direct ? "O_DIRECT" : "page cache";
  console.out(
    `${report.target}: engine ${report.engine}, ${mode}, ${formatBytes(report.sizeBytes)}, ` +
      `${o.runs} run(s) × ${o.durationMs / 1000} s (median; MB/s = 10^6 B/s)\n`,
  );
  if (report.results.length) console.out(formatTable(report.results));
  const s = report.surface;
  if (s && report.zones) {
    const r = s.rateMbps;
    console.out(
      `Surface (${report.zones.length} zones, ${formatBytes(s.blockSize)} reads): ` +
        `min ${r.min.toFixed(1)}, median ${r.median.toFixed(1)}, max ${r.max.toFixed(1)}, ` +
        `average ${r.average.toFixed(1)} MB/s; access time ${
          s.accessTimeMs.mean.toFixed(3)
        } ms (⅓ stroke ${s.strokeMs.third.toFixed(3)} ms, full stroke ${
          s.strokeMs.full.toFixed(3)
        } ms)\n`,
    );
    console.out(`Latency: ${s.histogram.map((b) => `${b.label} ${b.count}`).join(", ")}\n`);
    console.out(
      `Slow zones: ${s.slowZones.length ? s.slowZones.join(", ") : "none"}; unreadable zones: ${
        s.unreadableZones.length ? s.unreadableZones.join(", ") : "none"
      }\n`,
    );
  }
}

/** The `bench` command. */
export const benchCommand: Command = {
  name: "bench",
  summary: "Benchmark a drive or file (CrystalDiskMark tests, surface scan)",
  help: HELP,
  run,
};
