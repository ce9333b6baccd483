// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Opens an image file or a device read-only (cached reads) with its partition table and
 * filesystems, for `locate --image`, `owner` and `ls`.
 *
 * @module
 */
import { FormatError } from "../errors.ts";
import { openDisk, type OpenedDisk } from "../fs/open_filesystem.ts";
import type { BlockDevice, Platform } from "../platform/mod.ts";

/** An opened image: close `device` when done. */
export interface OpenedImage {
  /** The device or image. */
  device: BlockDevice;
  /** Partition table and filesystems. */
  disk: OpenedDisk;
  /** Sector size used for LBAs. */
  sectorSize: number;
}

/**
 * Opens `path` and reads its partition table and filesystems.
 *
 * @example Usage
 * ```ts ignore
 * const img = await openImage(platform, "disk.img");
 * try { console.log(img.disk.volumes.length); } finally { img.device.close(); }
 * ```
 */
export async function openImage(
  platform: Platform,
  path: string,
  sectorSize?: number,
): Promise<OpenedImage> {
  const device = await platform.devices.openBlockDevice(path, { direct: false });
  try {
    const ss = sectorSize ?? (device.kind === "file" ? undefined : device.logicalSectorSize);
    const disk = await openDisk(device, ss);
    if (!disk.volumes.some((v) => v.filesystem)) {
      const err = disk.volumes.find((v) => v.error)?.error;
      if (err) throw err;
      throw new FormatError(
        `${path}: no supported filesystem found (${disk.layout.scheme} layout)`,
      );
    }
    return { device, disk, sectorSize: disk.layout.sectorSize };
  } catch (e) {
    device.close();
    throw e;
  }
}
