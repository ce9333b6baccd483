// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Detects and opens a FAT12/16/32 volume.
 *
 * @module
 */
import type { ByteSource, Filesystem } from "../filesystem.ts";
import { Volume } from "../_common/volume.ts";
import { looksLikeFat, parseFatBoot } from "./fat_boot.ts";
import { FatFilesystem } from "./fat_filesystem.ts";

/**
 * Opens the FAT volume at byte `offset` of `src` (`length` bytes), or resolves to null when the
 * boot sector is not FAT. A FAT boot sector with impossible values rejects with a FormatError.
 *
 * @example Not FAT
 * ```ts
 * import { probeFat } from "./probe_fat.ts";
 * const zeros = new Uint8Array(4096);
 * const src = { size: 4096, readAt: (o: number, b: Uint8Array) => { b.set(zeros.subarray(o, o + b.length)); return Promise.resolve(b.length); } };
 * if (await probeFat(src, 0, 4096) !== null) throw new Error("unexpected");
 * ```
 */
export async function probeFat(
  src: ByteSource,
  offset: number,
  length: number,
): Promise<Filesystem | null> {
  if (length < 512) return null;
  const vol = new Volume(src, offset, length);
  const boot = await vol.read(0, 512, "FAT boot sector");
  if (!looksLikeFat(boot)) return null;
  return new FatFilesystem(vol, parseFatBoot(boot, length));
}
