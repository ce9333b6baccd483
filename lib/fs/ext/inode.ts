// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * ext inode: mode, size, flags and the 60-byte `i_block` area (extent header, block pointers,
 * inline data or a fast symlink), plus the in-inode `system.data` xattr of inline-data files.
 *
 * @module
 */

/** Inode flags (EXT4_*_FL). */
export const InodeFlag = {
  encrypt: 0x800,
  index: 0x1000,
  hugeFile: 0x40000,
  extents: 0x80000,
  inlineData: 0x10000000,
} as const;

/** A parsed inode. */
export interface ExtInode {
  /** Inode number. */
  ino: number;
  /** i_mode. */
  mode: number;
  /** Size in bytes (64-bit). */
  size: number;
  /** Links count. */
  links: number;
  /** i_flags. */
  flags: number;
  /** 512-byte units (or fs blocks with HUGE_FILE). */
  blocksLo: number;
  /** The 60-byte i_block area. */
  iBlock: Uint8Array;
  /** Byte offset of `i_block` relative to the volume. */
  iBlockOffset: number;
  /** The raw inode bytes (for the in-inode xattr area). */
  raw: Uint8Array;
  /** Byte offset of the inode relative to the volume. */
  offset: number;
}

/** File type from i_mode. */
export function inodeKind(mode: number): "file" | "directory" | "symlink" | "other" {
  switch (mode & 0xf000) {
    case 0x8000:
      return "file";
    case 0x4000:
      return "directory";
    case 0xa000:
      return "symlink";
    default:
      return "other";
  }
}

/**
 * Parses an inode record.
 *
 * @example Usage
 * ```ts
 * import { parseInode } from "./inode.ts";
 * const raw = new Uint8Array(256);
 * new DataView(raw.buffer).setUint16(0, 0x81a4, true);
 * if (parseInode(raw, 12, 4096).mode !== 0x81a4) throw new Error("unexpected");
 * ```
 */
export function parseInode(raw: Uint8Array, ino: number, offset: number): ExtInode {
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  return {
    ino,
    mode: v.getUint16(0, true),
    size: v.getUint32(4, true) + v.getUint32(108, true) * 2 ** 32,
    links: v.getUint16(26, true),
    flags: v.getUint32(32, true),
    blocksLo: v.getUint32(28, true),
    iBlock: raw.subarray(40, 100),
    iBlockOffset: offset + 40,
    raw,
    offset,
  };
}

/**
 * The value of the in-inode xattr `system.data` (inline data beyond the first 60 bytes):
 * `{offset, bytes}` with `offset` relative to the inode start, or null.
 */
export function inlineDataXattr(
  raw: Uint8Array,
): { offset: number; bytes: Uint8Array } | null {
  if (raw.length <= 160) return null;
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const extra = v.getUint16(128, true);
  const hdr = 128 + extra;
  if (hdr + 4 > raw.length || v.getUint32(hdr, true) !== 0xea020000) return null;
  const base = hdr + 4;
  let p = base;
  while (p + 16 <= raw.length) {
    const nameLen = raw[p];
    const index = raw[p + 1];
    if (nameLen === 0 && index === 0 && v.getUint32(p, true) === 0) break;
    const valueOffs = v.getUint16(p + 2, true);
    const valueSize = v.getUint32(p + 8, true);
    const name = new TextDecoder().decode(raw.subarray(p + 16, p + 16 + nameLen));
    if (index === 7 && name === "data") {
      const o = base + valueOffs;
      if (o + valueSize > raw.length) return null;
      return { offset: o, bytes: raw.subarray(o, o + valueSize) };
    }
    p += (16 + nameLen + 3) & ~3;
  }
  return null;
}
