// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Disk → volumes → filesystem: reads the partition table and probes each volume with every
 * filesystem parser.
 *
 * @module
 */
import { SectorkitError } from "../errors.ts";
import { probeExt } from "./ext/probe_ext.ts";
import { probeExfat } from "./exfat/probe_exfat.ts";
import { probeFat } from "./fat/probe_fat.ts";
import { probeIso9660 } from "./iso9660/probe_iso9660.ts";
import { probeNtfs } from "./ntfs/probe_ntfs.ts";
import type { ByteSource, Filesystem } from "./filesystem.ts";
import { type PartitionLayout, readPartitions, type Volume } from "./partition/volumes.ts";

/** A filesystem probe: resolves to the filesystem, null when absent, or rejects when broken. */
export type FilesystemProbe = (
  src: ByteSource,
  offset: number,
  length: number,
) => Promise<Filesystem | null>;

/** Every parser, tried in order. */
export const FILESYSTEM_PROBES: readonly { name: string; probe: FilesystemProbe }[] = [
  { name: "ext", probe: probeExt },
  { name: "ntfs", probe: probeNtfs },
  { name: "exfat", probe: probeExfat },
  { name: "fat", probe: probeFat },
  { name: "iso9660", probe: probeIso9660 },
];

/**
 * The first filesystem any probe recognizes on `[offset, offset+length)`, or null. When a probe
 * recognizes its signature but finds broken structures, that error is thrown (after the other
 * probes had their chance).
 */
export async function probeFilesystem(
  src: ByteSource,
  offset: number,
  length: number,
): Promise<Filesystem | null> {
  let firstError: unknown = null;
  for (const { probe } of FILESYSTEM_PROBES) {
    try {
      const fs = await probe(src, offset, length);
      if (fs) return fs;
    } catch (e) {
      firstError ??= e;
    }
  }
  if (firstError) throw firstError;
  return null;
}

/** A volume with the filesystem found on it. */
export interface OpenedVolume {
  /** The partition (or whole disk). */
  volume: Volume;
  /** Its filesystem, or null. */
  filesystem: Filesystem | null;
  /** Why a filesystem signature was found but could not be opened. */
  error: SectorkitError | null;
}

/** A disk or image with its volumes opened. */
export interface OpenedDisk {
  /** The partition table. */
  layout: PartitionLayout;
  /** The volumes, with filesystems. */
  volumes: OpenedVolume[];
}

/**
 * Reads the partition table of `src` and probes every volume.
 *
 * @example Usage
 * ```ts ignore
 * const disk = await openDisk(image);
 * for (const v of disk.volumes) console.log(v.volume.number, v.filesystem?.type);
 * ```
 */
export async function openDisk(src: ByteSource, sectorSize?: number): Promise<OpenedDisk> {
  const layout = await readPartitions(src, sectorSize);
  const volumes: OpenedVolume[] = [];
  for (const volume of layout.volumes) {
    try {
      const filesystem = await probeFilesystem(src, volume.offset, volume.length);
      volumes.push({ volume, filesystem, error: null });
    } catch (e) {
      if (!(e instanceof SectorkitError)) throw e;
      volumes.push({ volume, filesystem: null, error: e });
    }
  }
  return { layout, volumes };
}
