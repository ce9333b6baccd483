// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The public face of the filesystem parsers: every probe, the probe list, and the block cache that
 * lets them run on an O_DIRECT device. The probe order lives in one place, `open_filesystem.ts`.
 *
 * @example Probe a volume
 * ```ts ignore
 * import { cachedSource, probeFilesystem } from "./probes.ts";
 * const fs = await probeFilesystem(cachedSource(device), partitionStart, partitionLength);
 * console.log(fs?.type, fs?.label);
 * ```
 *
 * @module
 */
export { probeExfat } from "./exfat/probe_exfat.ts";
export { probeExt } from "./ext/probe_ext.ts";
export { probeFat } from "./fat/probe_fat.ts";
export { probeIso9660 } from "./iso9660/probe_iso9660.ts";
export { probeNtfs } from "./ntfs/probe_ntfs.ts";
export {
  FILESYSTEM_PROBES,
  type FilesystemProbe,
  probeFilesystem,
  probeFilesystem as probeImageFilesystem,
} from "./open_filesystem.ts";
export { cachedSource, type CachedSourceOptions } from "./_common/cached_source.ts";
export type * from "./filesystem.ts";
