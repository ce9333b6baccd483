// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Detects and opens an ISO 9660 volume (with Rock Ridge or Joliet names).
 *
 * @module
 */
import type { ByteSource, Filesystem } from "../filesystem.ts";
import { Volume } from "../_common/volume.ts";
import { IsoFilesystem } from "./iso_filesystem.ts";

/**
 * Opens the ISO 9660 volume at byte `offset` of `src` (`length` bytes), or resolves to null when
 * block 16 holds no volume descriptor. Damaged descriptors or records reject with a FormatError.
 *
 * @example Not ISO 9660
 * ```ts
 * import { probeIso9660 } from "./probe_iso9660.ts";
 * const zeros = new Uint8Array(40960);
 * const src = { size: zeros.length, readAt: (o: number, b: Uint8Array) => { b.set(zeros.subarray(o, o + b.length)); return Promise.resolve(b.length); } };
 * if (await probeIso9660(src, 0, zeros.length) !== null) throw new Error("unexpected");
 * ```
 */
export function probeIso9660(
  src: ByteSource,
  offset: number,
  length: number,
): Promise<Filesystem | null> {
  if (length < 17 * 2048) return Promise.resolve(null);
  return IsoFilesystem.open(new Volume(src, offset, length));
}
