// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * File extents of an image's filesystem, as `locate --json` prints them: byte offsets on the whole
 * disk/image and LBAs in its sector size.
 *
 * @module
 */
import type { Filesystem, FsExtent, FsNode } from "../fs/filesystem.ts";
import type { OpenedVolume } from "../fs/open_filesystem.ts";

/** One extent in `locate`/`ls` output. */
export interface LocatedExtent {
  /** Byte offset in the file. */
  fileOffset: number;
  /** Length in bytes. */
  length: number;
  /** Byte offset on the whole disk or image; null for holes. */
  physicalOffset: number | null;
  /** First LBA (sectorSize units); null for holes. */
  lba: number | null;
  /** The disk or image. */
  device: string;
  /** Flags ("hole", "unwritten", "inline", "encoded", …). */
  flags: string[];
}

/** `locate --json` result. */
export interface LocateResult {
  /** The file. */
  path: string;
  /** Its size in bytes. */
  size: number;
  /** The disk's logical sector size. */
  sectorSize: number;
  /** Extents in file order. */
  extents: LocatedExtent[];
}

/**
 * Converts volume-relative extents to whole-disk extents.
 *
 * @example Usage
 * ```ts
 * import { toDiskExtents } from "./disk_extents.ts";
 * const e = toDiskExtents([{ fileOffset: 0, length: 4096, volumeOffset: 8192, flags: [] }], 1048576, 512, "d.img");
 * if (e[0].lba !== 2064) throw new Error("unexpected");
 * ```
 */
export function toDiskExtents(
  extents: FsExtent[],
  volumeOffset: number,
  sectorSize: number,
  device: string,
): LocatedExtent[] {
  return extents.map((e) => {
    const phys = e.volumeOffset === null ? null : volumeOffset + e.volumeOffset;
    return {
      fileOffset: e.fileOffset,
      length: e.length,
      physicalOffset: phys,
      lba: phys === null ? null : Math.floor(phys / sectorSize),
      device,
      flags: [...e.flags],
    };
  });
}

/** Keeps the extents that overlap `[offset, offset+length)` (what `locate FILE OFFSET LENGTH` shows). */
export function coveringExtents<T extends { fileOffset: number; length: number }>(
  extents: T[],
  offset: number,
  length: number,
): T[] {
  const end = offset + Math.max(length, 1);
  return extents.filter((e) => e.fileOffset < end && e.fileOffset + e.length > offset);
}

/** Finds `path` on the given volumes (a `partition` number narrows it). */
export async function findOnVolumes(
  volumes: OpenedVolume[],
  path: string,
  partition?: number,
): Promise<{ volume: OpenedVolume; fs: Filesystem; node: FsNode } | null> {
  for (const v of volumes) {
    if (partition !== undefined && v.volume.number !== partition) continue;
    if (v.error && partition !== undefined) throw v.error;
    if (!v.filesystem) continue;
    const node = await v.filesystem.lookup(path);
    if (node) return { volume: v, fs: v.filesystem, node };
  }
  // Not found: if a volume could not be opened, that is the better explanation.
  const broken = volumes.find((v) =>
    v.error && (partition === undefined || v.volume.number === partition)
  );
  if (broken?.error) throw broken.error;
  return null;
}
