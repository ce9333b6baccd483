// Copyright 2026 the sectorkit authors. MIT license.
/**
 * sectorkit as a library: the portable parts (formats, algorithms, pipelines). Nothing here touches
 * the OS; pass a {@linkcode Platform} built from fakes or from sectorkit's ffi/ backends.
 *
 * @example Errors carry data
 * ```ts
 * import { errorFromErrno, IoError } from "./mod.ts";
 * const e = errorFromErrno(5, "read sector 12 of /dev/sdb", { offset: 6144 });
 * if (!(e instanceof IoError) || e.offset !== 6144) throw new Error("unexpected");
 * ```
 *
 * @module
 */
export * from "./lib/errors.ts";
export { errnoInfo, errorFromErrno } from "./lib/errno.ts";
export type * from "./lib/platform/mod.ts";
export { formatBytes, formatDuration, Progress } from "./lib/cli/progress.ts";
export { parseInteger, parseOptions, parseSize } from "./lib/cli/parse_options.ts";
export * from "./lib/scsi/mod.ts";
export * from "./lib/drive/virtual/mod.ts";
export * from "./lib/dump/mod.ts";
export type { OptionSpecs, ParsedOptions } from "./lib/cli/parse_options.ts";
export { formatMapfile, parseMapfile } from "./lib/image/mapfile.ts";
export { RescueMap } from "./lib/image/rescue_map.ts";
export { Rescuer } from "./lib/image/rescue.ts";
export { clipDomain, type Domain, domainFromMapfile } from "./lib/image/domain.ts";
export { MemoryBlockDevice } from "./lib/platform/memory_block_device.ts";
export { createHasher, InlineHasher, WorkerHasher } from "./lib/hash/multi_hasher.ts";
export { parseHashList } from "./lib/hash/hash_names.ts";
export { resolveDevicePath } from "./lib/os/device_path.ts";
export * from "./lib/locate/public.ts";
export * from "./lib/fs/probes.ts";
export { runSplit, type SplitOptions, type SplitResult } from "./lib/cd/split/run_split.ts";
export { type HashOptions, type HashResult, runHash } from "./lib/cd/hash/run_hash.ts";
export { type InfoOptions, type InfoResult, runInfo } from "./lib/cd/info/run_info.ts";
export * from "./lib/bench/mod.ts";
export * from "./lib/cd/constants.ts";
export { formatMsf, fromBcd, lbaToMsf, type Msf, msfToLba, toBcd } from "./lib/cd/msf.ts";
export { scramble, SCRAMBLE_TABLE } from "./lib/cd/scrambler.ts";
export { edc, edcWords } from "./lib/cd/edc.ts";
export { checkEcc, computeEcc, writeEcc } from "./lib/cd/ecc.ts";
export { crc16Gsm } from "./lib/cd/crc16.ts";
export * from "./lib/cd/sector.ts";
export * from "./lib/cd/subchannel.ts";
