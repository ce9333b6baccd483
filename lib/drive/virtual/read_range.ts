// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import { msfToLba } from "../../cd/msf.ts";
import type { DriveProfile } from "./profile.ts";

/** Big-endian 16-bit field. */
export const be16 = (b: Uint8Array, o: number): number => (b[o] << 8) | b[o + 1];
/** Big-endian 24-bit field. */
export const be24 = (b: Uint8Array, o: number): number => (b[o] << 16) | (b[o + 1] << 8) | b[o + 2];
/** Big-endian signed 32-bit field. */
export const be32s = (b: Uint8Array, o: number): number =>
  ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) | 0;

/**
 * The sectors a read command touches, widened by what offsets and the C2 shift reach into
 * (`[firstLba, count]`), for file-backed discs to load first; null for other commands.
 *
 * @example READ(10) of 2 blocks at LBA 100 on a drive without offsets
 * ```ts
 * import { readRange } from "./read_range.ts";
 * import { GENERIC } from "./profile.ts";
 * const r = readRange(new Uint8Array([0x28, 0, 0, 0, 0, 100, 0, 0, 2, 0]), GENERIC, 0, () => [0, 0]);
 * if (!r || r[0] !== 99 || r[1] !== 4) throw new Error(String(r));
 * ```
 */
export function readRange(
  cdb: Uint8Array,
  p: DriveProfile,
  writeOffset: number,
  cacheSpan: () => [number, number],
): [number, number] | null {
  let lba: number, count: number;
  switch (cdb[0]) {
    case 0x28:
      [lba, count] = [be32s(cdb, 2), be16(cdb, 7)];
      break;
    case 0xa8:
    case 0xd8:
      [lba, count] = [be32s(cdb, 2), be32s(cdb, 6)];
      break;
    case 0xbe:
      [lba, count] = [be32s(cdb, 2), be24(cdb, 6)];
      break;
    case 0xb9:
      lba = msfToLba({ m: cdb[3], s: cdb[4], f: cdb[5] });
      count = msfToLba({ m: cdb[6], s: cdb[7], f: cdb[8] }) - lba;
      break;
    case 0xf1:
      [lba, count] = cacheSpan();
      break;
    default:
      return null;
  }
  const margin = Math.ceil(
    (Math.abs(p.readOffset) * 4 + Math.abs(writeOffset) * 4 + p.c2Shift * 8) / 2352,
  ) + 1;
  count = Math.max(0, Math.min(count, 1 << 16));
  return [lba - margin, count + 2 * margin + p.readAhead];
}
