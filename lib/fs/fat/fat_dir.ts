// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * FAT directory entries: 8.3 short names (with the Windows NT lower-case bits), VFAT long-name
 * (LFN) entry sequences checked by ordinal and checksum.
 *
 * @module
 */
import { le16, le32 } from "../_common/volume.ts";

/** Attribute bits of a short entry. */
export const ATTR = {
  readOnly: 0x01,
  hidden: 0x02,
  system: 0x04,
  volumeId: 0x08,
  directory: 0x10,
  lfn: 0x0f,
} as const;

/** One live entry of a FAT directory. */
export interface FatDirEntry {
  /** Long name when a valid LFN sequence precedes the entry, else the 8.3 name. */
  name: string;
  /** The 8.3 name as stored ("BIG.BIN"). */
  shortName: string;
  /** Attribute byte. */
  attr: number;
  /** First cluster (FAT32 combines the high word). */
  firstCluster: number;
  /** Size in bytes (0 for directories). */
  size: number;
  /** Offset of the 32-byte short entry within the directory bytes. */
  offset: number;
}

/** The checksum of an 11-byte short name that LFN entries carry. */
export function lfnChecksum(b: Uint8Array, at: number): number {
  let sum = 0;
  for (let i = 0; i < 11; i++) sum = ((((sum & 1) << 7) | (sum >> 1)) + b[at + i]) & 0xff;
  return sum;
}

function shortName(b: Uint8Array, at: number): string {
  const lowerBase = (b[at + 12] & 0x08) !== 0;
  const lowerExt = (b[at + 12] & 0x10) !== 0;
  let base = "";
  for (let i = 0; i < 8; i++) {
    base += String.fromCharCode(i === 0 && b[at] === 0x05 ? 0xe5 : b[at + i]);
  }
  let ext = "";
  for (let i = 8; i < 11; i++) ext += String.fromCharCode(b[at + i]);
  base = base.replace(/ +$/, "");
  ext = ext.replace(/ +$/, "");
  if (lowerBase) base = base.toLowerCase();
  if (lowerExt) ext = ext.toLowerCase();
  return ext ? `${base}.${ext}` : base;
}

const LFN_CHARS = [1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30];

/**
 * Parses the live entries of directory bytes (stops at the first 0x00 entry; skips deleted
 * entries, the volume label, "." and ".."). `fat32` combines the high cluster word.
 *
 * @example One short entry
 * ```ts
 * import { parseFatDir } from "./fat_dir.ts";
 * const d = new Uint8Array(64);
 * d.set(new TextEncoder().encode("HELLO   TXT"), 0);
 * d[26] = 5; d[28] = 12;
 * const [e] = parseFatDir(d, false);
 * if (e.name !== "HELLO.TXT" || e.firstCluster !== 5 || e.size !== 12) throw new Error("unexpected");
 * ```
 */
export function parseFatDir(d: Uint8Array, fat32: boolean): FatDirEntry[] {
  const out: FatDirEntry[] = [];
  let parts: string[] = [];
  let expect = 0;
  let sum = -1;
  for (let at = 0; at + 32 <= d.length; at += 32) {
    const first = d[at];
    if (first === 0x00) break;
    if (first === 0xe5) {
      parts = [];
      expect = 0;
      continue;
    }
    const attr = d[at + 11];
    if ((attr & 0x3f) === ATTR.lfn) {
      const ord = first & 0x1f;
      if (first & 0x40) {
        parts = new Array(ord).fill("");
        expect = ord;
        sum = d[at + 13];
      } else if (ord !== expect || d[at + 13] !== sum) {
        parts = [];
        expect = 0;
        continue;
      }
      if (ord === 0 || expect === 0) continue;
      let s = "";
      for (const o of LFN_CHARS) {
        const c = le16(d, at + o);
        if (c === 0 || c === 0xffff) break;
        s += String.fromCharCode(c);
      }
      parts[ord - 1] = s;
      expect = ord - 1;
      continue;
    }
    const longOk = parts.length > 0 && expect === 0 && sum === lfnChecksum(d, at);
    const long = longOk ? parts.join("") : "";
    parts = [];
    expect = 0;
    if (attr & ATTR.volumeId) continue;
    const short = shortName(d, at);
    if (short === "." || short === "..") continue;
    const lo = le16(d, at + 26);
    const hi = fat32 ? le16(d, at + 20) : 0;
    out.push({
      name: long || short,
      shortName: short,
      attr,
      firstCluster: hi * 0x10000 + lo,
      size: le32(d, at + 28),
      offset: at,
    });
  }
  return out;
}
