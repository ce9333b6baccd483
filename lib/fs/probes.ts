// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The image filesystem parsers of this folder (FAT12/16/32, exFAT, NTFS, ISO 9660) and a probe
 * that tries them in a safe order.
 *
 * @module
 */
import type { ByteSource, Filesystem } from "./filesystem.ts";
import { probeExfat } from "./exfat/probe_exfat.ts";
import { probeFat } from "./fat/probe_fat.ts";
import { probeIso9660 } from "./iso9660/probe_iso9660.ts";
import { probeNtfs } from "./ntfs/probe_ntfs.ts";

export { probeExfat, probeFat, probeIso9660, probeNtfs };

/** A probe: the filesystem at `[offset, offset+length)` of `src`, or null when it isn't this one. */
export type FilesystemProbe = (
  src: ByteSource,
  offset: number,
  length: number,
) => Promise<Filesystem | null>;

/**
 * The parsers in probing order: those with an unambiguous signature first (NTFS and exFAT name
 * themselves in the OEM field), then FAT (BPB heuristics), then ISO 9660 (block 16).
 */
export const IMAGE_PROBES: readonly FilesystemProbe[] = [
  probeNtfs,
  probeExfat,
  probeFat,
  probeIso9660,
];

/**
 * Opens whichever of FAT, exFAT, NTFS or ISO 9660 is at `offset`, or resolves to null. A volume
 * that is recognised but damaged rejects with a FormatError naming the structure.
 *
 * @example Nothing there
 * ```ts
 * import { probeImageFilesystem } from "./probes.ts";
 * const zeros = new Uint8Array(65536);
 * const src = { size: zeros.length, readAt: (o: number, b: Uint8Array) => { b.set(zeros.subarray(o, o + b.length)); return Promise.resolve(b.length); } };
 * if (await probeImageFilesystem(src, 0, zeros.length) !== null) throw new Error("unexpected");
 * ```
 */
export async function probeImageFilesystem(
  src: ByteSource,
  offset: number,
  length: number,
): Promise<Filesystem | null> {
  for (const probe of IMAGE_PROBES) {
    const fs = await probe(src, offset, length);
    if (fs) return fs;
  }
  return null;
}
export { cachedSource, type CachedSourceOptions } from "./_common/cached_source.ts";
export type * from "./filesystem.ts";
