// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Linux FIEMAP (`FS_IOC_FIEMAP`, include/uapi/linux/fiemap.h) request/response layouts, pure so
 * they are testable anywhere; ffi/linux/fiemap.ts only issues the ioctl.
 *
 * @module
 */
import type { OsFileExtent } from "../platform/extent_source.ts";

/** `_IOWR('f', 11, struct fiemap)` on x86_64/aarch64. */
export const FS_IOC_FIEMAP = 0xc020660bn;
/** Sync the file before mapping. */
export const FIEMAP_FLAG_SYNC = 0x1;
/** sizeof(struct fiemap). */
export const FIEMAP_HEADER_SIZE = 32;
/** sizeof(struct fiemap_extent). */
export const FIEMAP_EXTENT_SIZE = 56;

const FLAG_NAMES: [number, string][] = [
  [0x1, "last"],
  [0x2, "unknown"],
  [0x4, "delalloc"],
  [0x8, "encoded"],
  [0x80, "encrypted"],
  [0x100, "not_aligned"],
  [0x200, "inline"],
  [0x400, "tail"],
  [0x800, "unwritten"],
  [0x1000, "merged"],
  [0x2000, "shared"],
];

/** Names of FIEMAP_EXTENT_* bits. */
export function fiemapFlagNames(flags: number): string[] {
  return FLAG_NAMES.filter(([bit]) => flags & bit).map(([, n]) => n);
}

/**
 * Builds a `struct fiemap` request for `count` extents starting at file byte `start`.
 *
 * @example Usage
 * ```ts
 * import { fiemapRequest, FIEMAP_HEADER_SIZE } from "./fiemap.ts";
 * const b = fiemapRequest(0, 32, true);
 * if (b.length !== FIEMAP_HEADER_SIZE + 32 * 56) throw new Error("unexpected");
 * ```
 */
export function fiemapRequest(
  start: number,
  count: number,
  sync: boolean,
): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(FIEMAP_HEADER_SIZE + count * FIEMAP_EXTENT_SIZE);
  const v = new DataView(b.buffer);
  v.setBigUint64(0, BigInt(start), true);
  v.setBigUint64(8, 0xffffffffffffffffn - BigInt(start), true);
  v.setUint32(16, sync ? FIEMAP_FLAG_SYNC : 0, true);
  v.setUint32(24, count, true);
  return b;
}

/** Parses the extents a FIEMAP call filled in. */
export function parseFiemapResponse(b: Uint8Array): OsFileExtent[] {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const mapped = v.getUint32(20, true);
  const out: OsFileExtent[] = [];
  for (let i = 0; i < mapped; i++) {
    const o = FIEMAP_HEADER_SIZE + i * FIEMAP_EXTENT_SIZE;
    if (o + FIEMAP_EXTENT_SIZE > b.length) break;
    out.push({
      logical: Number(v.getBigUint64(o, true)),
      physical: Number(v.getBigUint64(o + 8, true)),
      length: Number(v.getBigUint64(o + 16, true)),
      flags: fiemapFlagNames(v.getUint32(o + 40, true)),
    });
  }
  return out;
}
