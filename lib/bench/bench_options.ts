// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Command-line options of `sectorkit bench`, validated into {@linkcode BenchOptions}.
 *
 * @module
 */
import { UsageError } from "../errors.ts";
import { parseInteger, parseOptions, parseSize } from "../cli/parse_options.ts";
import { parseTestName, presetTests, type Rw, testName, type TestSpec } from "./presets.ts";

/** Validated options. */
export interface BenchOptions {
  /** The device, file or directory. */
  target: string;
  /** Tests to run (empty for a surface scan alone). */
  tests: TestSpec[];
  /** Write tests requested. */
  write: boolean;
  /** Destructive writes to a device confirmed. */
  yesDestroyData: boolean;
  /** Tested region / scratch file size in bytes, or null for the default. */
  size: number | null;
  /** Runs per test. */
  runs: number;
  /** Measured time per run, ms. */
  durationMs: number;
  /** Warm-up per run, ms. */
  warmupMs: number;
  /** Pause between runs and tests, ms. */
  intervalMs: number;
  /** Measure through the OS cache. */
  cached: boolean;
  /** "auto", "io_uring" or "psync". */
  engine: string;
  /** Surface zones, or 0 for no scan. */
  surface: number;
  /** Surface read size. */
  surfaceBlock: number;
  /** Access-time samples of the surface scan. */
  accessSamples: number;
  /** Slow-zone threshold (fraction of the median zone rate). */
  slowFactor: number;
  /** Output forms. */
  json: boolean;
  /** CSV on stdout. */
  csv: boolean;
  /** SVG chart path. */
  svg: string | null;
  /** Replace an existing SVG file. */
  overwrite: boolean;
  /** No progress. */
  quiet: boolean;
  /** Optical benchmark through SCSI (`--optical`, or a `virtual:` target). */
  optical: boolean;
  /** `--speed X` for SET CD SPEED (0 = maximum), or null. */
  speed: number | null;
  /** `--media cd|dvd|bd` when the drive cannot tell, or null. */
  media: string | null;
  /** `--virtual-drive PROFILE` for `virtual:` targets, or null. */
  virtualDrive: string | null;
  /** Seek samples per kind (optical). */
  seeks: number;
}

/**
 * Parses a duration: `5` or `5s` (seconds), `500ms`, `2m`.
 *
 * @example Usage
 * ```ts
 * import { parseDuration } from "./bench_options.ts";
 * if (parseDuration("500ms", "--duration") !== 500 || parseDuration("2", "--duration") !== 2000) {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function parseDuration(text: string, option: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/i.exec(text.trim());
  if (!m) {
    throw new UsageError(`Cannot parse ${option} "${text}": expected a time like 5s or 500ms`);
  }
  const unit = (m[2] ?? "s").toLowerCase();
  return Number(m[1]) * (unit === "ms" ? 1 : unit === "m" ? 60000 : 1000);
}

const SPECS = {
  preset: { type: "string" },
  test: { type: "string", multiple: true },
  rw: { type: "string" },
  bs: { type: "string" },
  qd: { type: "string" },
  threads: { type: "string" },
  write: { type: "boolean" },
  "yes-destroy-data": { type: "boolean" },
  size: { type: "string" },
  runs: { type: "string" },
  duration: { type: "string" },
  warmup: { type: "string" },
  interval: { type: "string" },
  cached: { type: "boolean" },
  engine: { type: "string" },
  surface: { type: "string" },
  access: { type: "string" },
  "slow-factor": { type: "string" },
  csv: { type: "boolean" },
  svg: { type: "string" },
  overwrite: { type: "boolean" },
  quiet: { type: "boolean", short: "q" },
  optical: { type: "boolean" },
  speed: { type: "string" },
  media: { type: "string" },
  "virtual-drive": { type: "string" },
  seeks: { type: "string" },
} as const;

/**
 * Parses and checks `sectorkit bench` arguments; every problem is a one-line `UsageError`.
 *
 * @example Usage
 * ```ts
 * import { parseBenchOptions } from "./bench_options.ts";
 * const o = parseBenchOptions(["/dev/sdb", "--preset", "default"]);
 * if (o.tests.length !== 4 || o.write) throw new Error("unexpected");
 * ```
 */
export function parseBenchOptions(args: string[]): BenchOptions {
  const { values: v, positionals } = parseOptions(args, SPECS);
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length ? `Expected one target, got ${positionals.length}` : "Missing TARGET",
    );
  }
  const str = (k: string): string | undefined => v[k] as string | undefined;
  const write = v.write === true;
  if (v["yes-destroy-data"] && !write) {
    throw new UsageError("--yes-destroy-data only makes sense with --write");
  }
  const posInt = (k: string, def: number, max: number): number => {
    const s = str(k);
    if (s === undefined) return def;
    const n = parseInteger(s, `--${k}`);
    if (n < 1 || n > max) throw new UsageError(`--${k} must be between 1 and ${max}, not ${s}`);
    return n;
  };
  const surface = str("surface") === undefined ? 0 : posInt("surface", 100, 100000);
  const optical = v.optical === true || positionals[0].startsWith("virtual:");
  const media = str("media") ?? null;
  if (media !== null && !["cd", "dvd", "bd"].includes(media)) {
    throw new UsageError(`Unknown --media "${media}": use cd, dvd or bd`);
  }
  const speedText = str("speed");
  const speed = speedText === undefined ? null : Number(speedText);
  if (speed !== null && !(speed >= 0 && speed <= 100)) {
    throw new UsageError(`--speed must be a read speed in X from 0 (maximum) to 100`);
  }
  if (!optical && (speed !== null || media !== null || str("virtual-drive") || str("seeks"))) {
    throw new UsageError("--speed, --media, --seeks and --virtual-drive need --optical");
  }
  let tests: TestSpec[] = [];
  const custom = ["rw", "qd", "threads"].some((k) => str(k) !== undefined) ||
    (str("bs") !== undefined && surface === 0);
  if (str("preset") !== undefined && (custom || v.test)) {
    throw new UsageError("Use either --preset, --test or --rw/--bs/--qd/--threads");
  }
  if (v.test) {
    const names = v.test as string[];
    tests = names.map((t) => parseTestName(t, false));
    if (write) tests.push(...names.map((t) => parseTestName(t, true)));
  } else if (custom) {
    const rw = (str("rw") ?? (write ? "write" : "read")) as Rw;
    if (!["read", "write", "randread", "randwrite"].includes(rw)) {
      throw new UsageError(`Unknown --rw "${rw}": use read, write, randread or randwrite`);
    }
    if ((rw === "write" || rw === "randwrite") && !write) {
      throw new UsageError(`--rw ${rw} writes: add --write`);
    }
    const bs = parseSize(str("bs") ?? (rw.startsWith("rand") ? "4k" : "1M"), "--bs");
    const spec = parseTestName(
      testName(rw, bs, posInt("qd", 1, 1024), posInt("threads", 1, 64)),
      rw.includes("write"),
    );
    tests = [spec];
  } else if (!optical && (str("preset") !== undefined || surface === 0)) {
    tests = presetTests(str("preset") ?? "default", write);
  }
  const engine = str("engine") ?? "auto";
  if (!["auto", "io_uring", "psync", "device"].includes(engine)) {
    throw new UsageError(`Unknown --engine "${engine}": use auto, io_uring, psync or device`);
  }
  const slow = Number(str("slow-factor") ?? "0.5");
  if (!(slow > 0 && slow < 1)) throw new UsageError("--slow-factor must be between 0 and 1");
  if (v.json && v.csv) throw new UsageError("Use either --json or --csv");
  const durationMs = parseDuration(str("duration") ?? "5s", "--duration");
  if (durationMs <= 0) throw new UsageError("--duration must be more than 0");
  const size = str("size") === undefined ? null : parseSize(str("size")!, "--size");
  if (size !== null && size < 4096) throw new UsageError("--size must be at least 4 KiB");
  return {
    target: positionals[0],
    tests,
    write,
    yesDestroyData: v["yes-destroy-data"] === true,
    size,
    runs: posInt("runs", 3, 1000),
    durationMs,
    warmupMs: parseDuration(str("warmup") ?? "1s", "--warmup"),
    intervalMs: parseDuration(str("interval") ?? "1s", "--interval"),
    cached: v.cached === true,
    engine,
    surface,
    surfaceBlock: surface && str("bs") ? parseSize(str("bs")!, "--bs") : 128 * 1024,
    accessSamples: str("access") === undefined ? 50 : parseInteger(str("access")!, "--access"),
    slowFactor: slow,
    json: v.json === true,
    csv: v.csv === true,
    svg: str("svg") ?? null,
    overwrite: v.overwrite === true,
    quiet: v.quiet === true,
    optical,
    speed,
    media,
    virtualDrive: str("virtual-drive") ?? null,
    seeks: str("seeks") === undefined ? 10 : posInt("seeks", 10, 1000),
  };
}
