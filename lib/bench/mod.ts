// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Drive benchmarks: CrystalDiskMark-style tests with real queue depth, the full-surface scan, and
 * the optical read-speed curve, over the {@linkcode BenchQueue} and `ScsiTransport` interfaces.
 *
 * @module
 */
export { MemoryBenchQueue, type MemoryQueueOptions } from "./memory_queue.ts";
export { type MountEntry, mountsOf, parseMountInfo } from "./mount_check.ts";
export {
  type OpticalBenchOptions,
  type OpticalReport,
  type OpticalZone,
  runOpticalBench,
} from "./optical_bench.ts";
export {
  classifyCurve,
  type CurvePoint,
  type OpticalMedia,
  type ReadStrategy,
  speedX,
} from "./optical_speed.ts";
export {
  DEFAULT_PRESET,
  NVME_PRESET,
  parseTestName,
  presetTests,
  type Rw,
  type TestSpec,
} from "./presets.ts";
export {
  type BenchReport,
  formatCsv,
  formatTable,
  type RunSummary,
  type TestResult,
  toJson,
} from "./report.ts";
export { fillRandom, type RunOptions, type RunResult, runTest } from "./run_job.ts";
export {
  mergeThreadResults,
  runThreaded,
  type ThreadedRunOptions,
  threadRegions,
} from "./run_threads.ts";
export { type LatencySummary, Samples, summarizeLatency } from "./stats.ts";
export {
  type Bucket,
  scanSurface,
  type SurfaceOptions,
  type SurfaceReport,
  type Zone,
} from "./surface.ts";
export type { DataDirection, ScsiResult, ScsiTransport } from "../platform/scsi_transport.ts";
export { renderSvg } from "./svg.ts";
