// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The result of `sectorkit bench` and its three text forms: a table, CSV, and the stable JSON
 * shape `{target, engine, results: [...], zones?: [...]}` documented in docs/bench.md.
 *
 * @module
 */
import type { Rw } from "./presets.ts";
import type { LatencySummary } from "./stats.ts";
import type { SurfaceReport } from "./surface.ts";

/** One run of one test. */
export interface RunSummary {
  /** Throughput in MB/s (10^6 B/s). */
  mbps: number;
  /** Requests per second. */
  iops: number;
  /** Latency in µs. */
  latencyUs: LatencySummary;
  /** Measured seconds. */
  seconds: number;
  /** Bytes transferred. */
  bytes: number;
  /** With T > 1 on OS threads: what each thread measured (MB/s and IOPS over its own time). */
  threads?: { mbps: number; iops: number }[];
}

/** One test, summarised over its runs (median MB/s and IOPS, pooled latency). */
export interface TestResult {
  /** "SEQ1M Q8T1". */
  name: string;
  /** "read", "write", "randread", "randwrite". */
  rw: Rw;
  /** Request size in bytes. */
  bs: number;
  /** Requests in flight per thread. */
  qd: number;
  /** Threads. */
  threads: number;
  /** Median MB/s of the runs. */
  mbps: number;
  /** Median IOPS of the runs. */
  iops: number;
  /** Latency over all runs' requests, µs. */
  latencyUs: LatencySummary;
  /** Every run. */
  runs: RunSummary[];
}

/** Everything `sectorkit bench` measured. */
export interface BenchReport {
  /** The target as given. */
  target: string;
  /** The I/O engine that ran ("io_uring", "psync (…)", "scsi"). */
  engine: string;
  /** Whether the OS cache was bypassed. */
  direct: boolean;
  /** Bytes of the tested region. */
  sizeBytes: number;
  /** One entry per test. */
  results: TestResult[];
  /** Surface-scan zones, when a scan ran. */
  zones?: SurfaceReport["zones"];
  /** Surface-scan summary (histogram, access times, slow and unreadable zones). */
  surface?: Omit<SurfaceReport, "zones">;
}

function fixed(v: number, digits: number): string {
  return v.toFixed(digits);
}

/**
 * The terminal table of test results.
 *
 * @example Usage
 * ```ts
 * import { formatTable } from "./report.ts";
 * const text = formatTable([]);
 * if (!text.startsWith("Test")) throw new Error("unexpected");
 * ```
 */
export function formatTable(results: readonly TestResult[]): string {
  const head = ["Test", "R/W", "MB/s", "IOPS", "mean µs", "p50 µs", "p90 µs", "p99 µs", "p99.9 µs"];
  const rows = results.map((r) => [
    r.name,
    r.rw,
    fixed(r.mbps, 2),
    fixed(r.iops, 1),
    fixed(r.latencyUs.mean, 1),
    fixed(r.latencyUs.p50, 1),
    fixed(r.latencyUs.p90, 1),
    fixed(r.latencyUs.p99, 1),
    fixed(r.latencyUs.p999, 1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(head), ...rows.map(line)].join("\n") + "\n";
}

/**
 * CSV: one row per run and one summary row (`run` = "all") per test.
 *
 * @example Usage
 * ```ts
 * import { formatCsv } from "./report.ts";
 * const lat = { mean: 1, p50: 1, p90: 1, p99: 1, p999: 1 };
 * const csv = formatCsv([{ name: "RND4K Q1T1", rw: "randread", bs: 4096, qd: 1, threads: 1,
 *   mbps: 2, iops: 500, latencyUs: lat, runs: [] }]);
 * if (csv.split("\n")[1] !== "RND4K Q1T1,randread,4096,1,1,all,2.000,500.0,1.0,1.0,1.0,1.0,1.0") {
 *   throw new Error(csv);
 * }
 * ```
 */
export function formatCsv(results: readonly TestResult[]): string {
  const lines = [
    "name,rw,bs,qd,threads,run,mbps,iops,lat_mean_us,lat_p50_us,lat_p90_us,lat_p99_us,lat_p999_us",
  ];
  const row = (r: TestResult, run: string, v: RunSummary | TestResult): string =>
    [
      r.name,
      r.rw,
      r.bs,
      r.qd,
      r.threads,
      run,
      fixed(v.mbps, 3),
      fixed(v.iops, 1),
      fixed(v.latencyUs.mean, 1),
      fixed(v.latencyUs.p50, 1),
      fixed(v.latencyUs.p90, 1),
      fixed(v.latencyUs.p99, 1),
      fixed(v.latencyUs.p999, 1),
    ].join(",");
  for (const r of results) {
    r.runs.forEach((run, i) => lines.push(row(r, String(i + 1), run)));
    lines.push(row(r, "all", r));
  }
  return lines.join("\n") + "\n";
}

/**
 * CSV of surface-scan zones: `zone,start,end,mbps,latency_ms_mean,latency_ms_max,
 * unreadable_sectors,slow`.
 *
 * @example Usage
 * ```ts
 * import { formatZonesCsv } from "./report.ts";
 * const csv = formatZonesCsv([{ index: 0, start: 0, end: 1000000, mbps: 100, latencyMsMean: 1,
 *   latencyMsMax: 2, unreadableSectors: 0, slow: false }]);
 * if (csv.split("\n")[1] !== "0,0,1000000,100.000,1.000,2.000,0,false") throw new Error(csv);
 * ```
 */
export function formatZonesCsv(zones: NonNullable<BenchReport["zones"]>): string {
  const lines = ["zone,start,end,mbps,latency_ms_mean,latency_ms_max,unreadable_sectors,slow"];
  for (const z of zones) {
    lines.push(
      [
        z.index,
        z.start,
        z.end,
        fixed(z.mbps, 3),
        fixed(z.latencyMsMean, 3),
        fixed(z.latencyMsMax, 3),
        z.unreadableSectors,
        z.slow,
      ].join(","),
    );
  }
  return lines.join("\n") + "\n";
}

/** Rounds numbers for JSON (3 decimals) without changing the shape. */
function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

function roundLatency(l: LatencySummary): LatencySummary {
  return {
    mean: round3(l.mean),
    p50: round3(l.p50),
    p90: round3(l.p90),
    p99: round3(l.p99),
    p999: round3(l.p999),
  };
}

/**
 * The stable JSON object: `{target, engine, direct, sizeBytes, results: [{name, rw, bs, qd,
 * threads, mbps, iops, latencyUs: {mean, p50, p90, p99, p999}, runs}], zones?, surface?}`.
 *
 * @example Usage
 * ```ts
 * import { toJson } from "./report.ts";
 * const j = toJson({ target: "/dev/sdb", engine: "io_uring", direct: true, sizeBytes: 0,
 *   results: [] });
 * if (Object.keys(j).join() !== "target,engine,direct,sizeBytes,results") throw new Error("unexpected");
 * ```
 */
export function toJson(report: BenchReport): Record<string, unknown> {
  const out: Record<string, unknown> = {
    target: report.target,
    engine: report.engine,
    direct: report.direct,
    sizeBytes: report.sizeBytes,
    results: report.results.map((r) => ({
      name: r.name,
      rw: r.rw,
      bs: r.bs,
      qd: r.qd,
      threads: r.threads,
      mbps: round3(r.mbps),
      iops: round3(r.iops),
      latencyUs: roundLatency(r.latencyUs),
      runs: r.runs.map((x) => ({
        mbps: round3(x.mbps),
        iops: round3(x.iops),
        latencyUs: roundLatency(x.latencyUs),
        seconds: round3(x.seconds),
        bytes: x.bytes,
        ...(x.threads
          ? { threads: x.threads.map((t) => ({ mbps: round3(t.mbps), iops: round3(t.iops) })) }
          : {}),
      })),
    })),
  };
  if (report.zones) out.zones = report.zones;
  if (report.surface) out.surface = report.surface;
  return out;
}
