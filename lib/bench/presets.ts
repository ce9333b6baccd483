// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Benchmark tests named as CrystalDiskMark / KDiskMark name them ("SEQ1M Q8T1", "RND4K Q32T16")
 * and the presets built from them.
 *
 * @module
 */
import { UsageError } from "../errors.ts";

/** The direction and pattern of a test, as fio names them. */
export type Rw = "read" | "write" | "randread" | "randwrite";

/** One benchmark test. */
export interface TestSpec {
  /** CrystalDiskMark-style name: "SEQ1M Q8T1", "RND4K Q32T1". */
  name: string;
  /** Pattern and direction. */
  rw: Rw;
  /** Request size in bytes. */
  bs: number;
  /** Requests in flight per thread. */
  qd: number;
  /** Threads (jobs), each with `qd` requests in flight. */
  threads: number;
}

/** The four tests of CrystalDiskMark 8's default set. */
export const DEFAULT_PRESET: readonly string[] = [
  "SEQ1M Q8T1",
  "SEQ1M Q1T1",
  "RND4K Q32T1",
  "RND4K Q1T1",
];
/** CrystalDiskMark 8's "NVMe SSD" set. */
export const NVME_PRESET: readonly string[] = [
  "SEQ1M Q8T1",
  "SEQ128K Q32T1",
  "RND4K Q32T16",
  "RND4K Q1T1",
];

/** Formats a block size as in test names: 1M, 128K, 4K, 512B. */
export function sizeLabel(bs: number): string {
  if (bs % (1024 * 1024) === 0) return `${bs / (1024 * 1024)}M`;
  if (bs % 1024 === 0) return `${bs / 1024}K`;
  return `${bs}B`;
}

/**
 * The name of a test: `SEQ` or `RND`, the block size, then `Q<depth>T<threads>`.
 *
 * @example Usage
 * ```ts
 * import { testName } from "./presets.ts";
 * if (testName("randread", 4096, 32, 1) !== "RND4K Q32T1") throw new Error("unexpected");
 * ```
 */
export function testName(rw: Rw, bs: number, qd: number, threads: number): string {
  return `${rw.startsWith("rand") ? "RND" : "SEQ"}${sizeLabel(bs)} Q${qd}T${threads}`;
}

/**
 * Parses a CrystalDiskMark-style test name; `write` picks the write direction.
 *
 * @example Usage
 * ```ts
 * import { parseTestName } from "./presets.ts";
 * const t = parseTestName("SEQ128K Q32T1", false);
 * if (t.bs !== 131072 || t.qd !== 32 || t.rw !== "read") throw new Error("unexpected");
 * ```
 */
export function parseTestName(text: string, write: boolean): TestSpec {
  const m = /^(SEQ|RND)\s*(\d+)([KMB]?)\s*Q(\d+)\s*T(\d+)$/i.exec(text.trim());
  if (!m) {
    throw new UsageError(
      `Cannot parse test "${text}": expected a name like "SEQ1M Q8T1" or "RND4K Q32T1"`,
    );
  }
  const unit = m[3].toUpperCase();
  const bs = Number(m[2]) * (unit === "M" ? 1024 * 1024 : unit === "K" ? 1024 : 1);
  const qd = Number(m[4]);
  const threads = Number(m[5]);
  if (bs < 512 || bs > 64 * 1024 * 1024 || qd < 1 || qd > 1024 || threads < 1 || threads > 64) {
    throw new UsageError(
      `Test "${text}" is out of range: block size 512 B to 64 MiB, Q 1 to 1024, T 1 to 64`,
    );
  }
  const random = m[1].toUpperCase() === "RND";
  const rw: Rw = random ? (write ? "randwrite" : "randread") : (write ? "write" : "read");
  return { name: testName(rw, bs, qd, threads), rw, bs, qd, threads };
}

/**
 * The tests of a preset ("default" or "nvme"): all reads, then (with `write`) all writes, as
 * CrystalDiskMark runs them.
 *
 * @example Usage
 * ```ts
 * import { presetTests } from "./presets.ts";
 * const tests = presetTests("default", false);
 * if (tests.length !== 4 || tests[0].name !== "SEQ1M Q8T1") throw new Error("unexpected");
 * ```
 */
export function presetTests(preset: string, write: boolean): TestSpec[] {
  const names = preset === "default" ? DEFAULT_PRESET : preset === "nvme" ? NVME_PRESET : null;
  if (!names) throw new UsageError(`Unknown preset "${preset}": use default or nvme`);
  const reads = names.map((n) => parseTestName(n, false));
  return write ? [...reads, ...names.map((n) => parseTestName(n, true))] : reads;
}
