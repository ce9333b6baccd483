// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The public API of file ⇄ sector location, re-exported from the package root.
 *
 * @module
 */
export {
  buildOwnerIndex,
  type LbaOwner,
  OwnerIndex,
  type OwnerIndexOptions,
} from "./owner_index.ts";
export { type LbaListKind, parseLbaList, type ParseLbaListOptions } from "./lba_list.ts";
export type { LocatedExtent, LocateResult } from "./disk_extents.ts";
export { openDisk, type OpenedDisk, type OpenedVolume } from "../fs/open_filesystem.ts";
export { probeExt } from "../fs/ext/probe_ext.ts";
export { type PartitionLayout, readPartitions, type Volume } from "../fs/partition/volumes.ts";
