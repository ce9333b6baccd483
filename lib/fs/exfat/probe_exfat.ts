// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Detects and opens an exFAT volume.
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import type { ByteSource, Filesystem } from "../filesystem.ts";
import { Volume } from "../_common/volume.ts";
import { looksLikeExfat, parseExfatBoot } from "./exfat_boot.ts";
import { ExfatFilesystem } from "./exfat_filesystem.ts";

/**
 * Opens the exFAT volume at byte `offset` of `src` (`length` bytes), or resolves to null when
 * the boot sector is not exFAT. A main boot region with a bad checksum falls back to the backup
 * region; when both are bad the promise rejects with a FormatError.
 *
 * @example Not exFAT
 * ```ts
 * import { probeExfat } from "./probe_exfat.ts";
 * const zeros = new Uint8Array(65536);
 * const src = { size: zeros.length, readAt: (o: number, b: Uint8Array) => { b.set(zeros.subarray(o, o + b.length)); return Promise.resolve(b.length); } };
 * if (await probeExfat(src, 0, zeros.length) !== null) throw new Error("unexpected");
 * ```
 */
export async function probeExfat(
  src: ByteSource,
  offset: number,
  length: number,
): Promise<Filesystem | null> {
  if (length < 24 * 512) return null;
  const vol = new Volume(src, offset, length);
  const first = await vol.read(0, 512, "exFAT boot sector");
  if (!looksLikeExfat(first)) return null;
  const bps = 1 << Math.min(12, Math.max(9, first[108]));
  const region = await vol.read(0, Math.min(24 * bps, length), "exFAT boot regions");
  let geometry;
  try {
    geometry = parseExfatBoot(region.subarray(0, 12 * bps), length, 0);
  } catch (main) {
    if (!(main instanceof FormatError) || region.length < 24 * bps) throw main;
    try {
      geometry = parseExfatBoot(region.subarray(12 * bps, 24 * bps), length, 12);
    } catch {
      throw main;
    }
  }
  return ExfatFilesystem.open(vol, geometry);
}
