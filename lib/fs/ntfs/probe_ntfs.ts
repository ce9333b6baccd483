// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Detects and opens an NTFS volume.
 *
 * @module
 */
import type { ByteSource, Filesystem } from "../filesystem.ts";
import { Volume } from "../_common/volume.ts";
import { looksLikeNtfs, parseNtfsBoot } from "./ntfs_boot.ts";
import { NtfsFilesystem } from "./ntfs_filesystem.ts";
import { Mft } from "./ntfs_mft.ts";

/**
 * Opens the NTFS volume at byte `offset` of `src` (`length` bytes), or resolves to null when the
 * boot sector is not NTFS. A damaged boot sector or $MFT rejects with a FormatError.
 *
 * @example Not NTFS
 * ```ts
 * import { probeNtfs } from "./probe_ntfs.ts";
 * const zeros = new Uint8Array(4096);
 * const src = { size: 4096, readAt: (o: number, b: Uint8Array) => { b.set(zeros.subarray(o, o + b.length)); return Promise.resolve(b.length); } };
 * if (await probeNtfs(src, 0, 4096) !== null) throw new Error("unexpected");
 * ```
 */
export async function probeNtfs(
  src: ByteSource,
  offset: number,
  length: number,
): Promise<Filesystem | null> {
  if (length < 512) return null;
  const vol = new Volume(src, offset, length);
  const boot = await vol.read(0, 512, "NTFS boot sector");
  if (!looksLikeNtfs(boot)) return null;
  const geo = parseNtfsBoot(boot, length);
  return NtfsFilesystem.open(await Mft.open(vol, geo));
}
