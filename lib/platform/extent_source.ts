// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Where a file's bytes lie on the device its filesystem is mounted from, as the OS reports it
 * (Linux FIEMAP, Windows FSCTL_GET_RETRIEVAL_POINTERS, macOS F_LOG2PHYS_EXT).
 *
 * @module
 */

/** One extent as the OS reports it. */
export interface OsFileExtent {
  /** Byte offset in the file. */
  logical: number;
  /** Byte offset on the filesystem's device (Linux: relative to the block device st_dev names). */
  physical: number;
  /** Length in bytes. */
  length: number;
  /** Flags: "last", "unknown", "delalloc", "encoded", "encrypted", "not_aligned", "inline",
   * "tail", "unwritten", "merged", "shared". */
  flags: string[];
  /** Set when `physical` is already on this whole disk (Windows: \\.\PhysicalDriveN). */
  device?: string;
}

/** Maps files to device extents. */
export interface ExtentSource {
  /** All extents of a file (holes are gaps). `sync` flushes dirty data first (FIEMAP_FLAG_SYNC). */
  fileExtents(path: string, options?: { sync?: boolean }): Promise<OsFileExtent[]>;
  /** Linux: `dmsetup table` text of a device-mapper device, or null when unavailable. */
  dmTable?(name: string): Promise<string | null>;
}
