// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Raw CD dumping as redumper does it: `runCdDump` / `runCdRefine` over any SCSI transport (a real
 * drive or the virtual one), writing and merging redumper-format dump sets.
 *
 * @example Dump the virtual demo disc
 * ```ts ignore
 * import { openDrive, runCdDump } from "@sectorkit/sectorkit";
 * const transport = await openDrive("virtual:demo", platform);
 * const r = await runCdDump({ transport, config: { type: "PLEXTOR", readOffset: 30, c2Shift: 295,
 *   pregapStart: -75, readMethod: "D8", sectorOrder: "DATA_C2_SUB" }, imagePath: "/tmp/d",
 *   imageName: "demo" }, platform);
 * ```
 *
 * @module
 */
export { runCdDump, runCdRefine } from "./run_cd_dump.ts";
export type { CdDumpOptions, CdPassOptions, CdPassResult, CdRefineOptions } from "./run_cd_dump.ts";
export { applyDriveOverrides, GENERIC_DRIVE } from "./drive_config.ts";
export type { DumpDriveConfig } from "./drive_config.ts";
export { defaultImageName, dumpPaths, sampleIndex } from "./dump_paths.ts";
export type { DumpPaths } from "./dump_paths.ts";
export { c2ToStates, mergeStates } from "./c2_states.ts";
export { normalizeSectors } from "./sector_order.ts";
export { shouldReplaceSubcode } from "./subcode_rule.ts";
export { parseSkipRanges, planZones } from "./read_plan.ts";
export type { DumpCounters } from "./dump_engine.ts";
export { runDvdPass } from "./run_dvd_dump.ts";
export type { DvdPassOptions, DvdPassResult } from "./run_dvd_dump.ts";
export { runDvdSplit } from "./dvd_split.ts";
export { detectMedium } from "./dvd_command.ts";
