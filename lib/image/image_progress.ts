// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The state an imaging job shows while it runs: the progress line, and the hash mode it uses.
 *
 * @module
 */
import { type Domain, domainSize, domainTotals } from "./domain.ts";
import { formatBytes, formatDuration } from "../cli/progress.ts";
import type { HashMode } from "../hash/multi_hasher.ts";
import type { BlockDevice } from "../platform/mod.ts";
import type { RescueMap } from "./rescue_map.ts";

/**
 * `SECTORKIT_HASH_MODE` (native, native-workers, inline, one, per-hash), for measuring; "native"
 * otherwise.
 *
 * @example Usage
 * ```ts
 * import { imageHashMode } from "./image_progress.ts";
 * if (imageHashMode("inline") !== "inline" || imageHashMode(undefined) !== "native") throw new Error();
 * ```
 */
export function imageHashMode(env: string | undefined): HashMode {
  const modes = ["native", "native-workers", "inline", "one", "per-hash"];
  return modes.includes(env ?? "") ? env as HashMode : "native";
}

/** A running imaging job: the source, its rescue map and range, and when it started. */
export interface ImageState {
  /** The source device. */
  device: BlockDevice;
  /** The rescue map. */
  map: RescueMap;
  /** First device byte. */
  start: number;
  /** End device byte (exclusive). */
  end: number;
  /** Start time, for the mapfile. */
  startTime: Date;
  /** The rescue domain when it is not all of `[start, end)` (`--domain-mapfile`, `--domain-used`). */
  domain?: Domain | null;
}

/**
 * The progress line: rescued of total, share tried, rate since `t0` (ms), ETA, bad sectors and
 * the phase.
 *
 * @example Usage
 * ```ts ignore
 * progress.update(() => renderImageProgress(state, "copy", 1, t0, runtime.now(), before));
 * ```
 */
export function renderImageProgress(
  s: ImageState,
  phase: string,
  pass: number,
  t0: number,
  now: number,
  before: Record<string, number>,
): string {
  const t = s.domain ? domainTotals(s.map, s.domain) : s.map.totals(s.start, s.end);
  const size = s.domain ? domainSize(s.domain) : s.end - s.start;
  const tried = size - t["?"];
  const secs = (now - t0) / 1000;
  const rate = secs > 0 ? (t["+"] - before["+"]) / secs : 0;
  const eta = rate > 0 ? t["?"] / rate : NaN;
  const bad = Math.ceil((t["-"] + t["*"] + t["/"]) / s.device.logicalSectorSize);
  return `${formatBytes(t["+"])} / ${formatBytes(size)} (${(tried / size * 100).toFixed(1)}%)  ${
    formatBytes(rate)
  }/s  ETA ${formatDuration(eta)}  bad ${bad}  ${phase} ${pass}`;
}
