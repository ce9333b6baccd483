// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * exFAT directory entry sets: File (0x85) + Stream Extension (0xC0) + File Name (0xC1) entries,
 * checked by SetChecksum, and the critical primary entries of the root directory (allocation
 * bitmap 0x81, up-case table 0x82, volume label 0x83).
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import { le16, le32, le64, utf16le } from "../_common/volume.ts";

/** One file or directory of an exFAT directory. */
export interface ExfatEntry {
  /** Name from the File Name entries. */
  name: string;
  /** FileAttributes (0x10 directory). */
  attributes: number;
  /** First cluster (0 when nothing is allocated). */
  firstCluster: number;
  /** DataLength in bytes. */
  size: number;
  /** ValidDataLength in bytes. */
  validSize: number;
  /** Contiguous clusters, no FAT chain (GeneralSecondaryFlags bit 1). */
  noFatChain: boolean;
  /** Offset of the File entry in the directory bytes. */
  offset: number;
}

/** A critical primary entry with an allocation (bitmap or up-case table). */
export interface ExfatSystemEntry {
  /** 0x81 allocation bitmap, 0x82 up-case table. */
  type: number;
  /** First cluster. */
  firstCluster: number;
  /** Length in bytes. */
  size: number;
  /** Up-case table checksum (0x82 only). */
  checksum: number;
  /** Offset in the directory bytes. */
  offset: number;
}

/** Parsed directory contents. */
export interface ExfatDir {
  /** Files and directories. */
  entries: ExfatEntry[];
  /** Allocation bitmap / up-case table entries (root directory only). */
  system: ExfatSystemEntry[];
  /** Volume label ("" when none). */
  label: string;
}

/** The 16-bit SetChecksum over an entry set, skipping bytes 2–3 of the first entry. */
export function setChecksum(d: Uint8Array, at: number, entries: number): number {
  let sum = 0;
  for (let i = 0; i < entries * 32; i++) {
    if (i === 2 || i === 3) continue;
    sum = ((sum & 1 ? 0x8000 : 0) + (sum >> 1) + d[at + i]) & 0xffff;
  }
  return sum;
}

/**
 * Parses directory bytes up to the end-of-directory entry. `what` names the directory in errors.
 *
 * @example An empty directory
 * ```ts
 * import { parseExfatDir } from "./exfat_dir.ts";
 * const d = parseExfatDir(new Uint8Array(64), "/");
 * if (d.entries.length !== 0) throw new Error("unexpected");
 * ```
 */
export function parseExfatDir(d: Uint8Array, what: string): ExfatDir {
  const out: ExfatDir = { entries: [], system: [], label: "" };
  for (let at = 0; at + 32 <= d.length; at += 32) {
    const type = d[at];
    if (type === 0x00) break;
    if (type === 0x81 || type === 0x82) {
      out.system.push({
        type,
        firstCluster: le32(d, at + 20),
        size: le64(d, at + 24),
        checksum: le32(d, at + 4),
        offset: at,
      });
      continue;
    }
    if (type === 0x83) {
      out.label = utf16le(d, at + 2, Math.min(11, d[at + 1]) * 2);
      continue;
    }
    if (type !== 0x85) continue; // deleted (bit 7 clear), GUID, padding, orphan secondaries
    const count = d[at + 1];
    const where = `${what}: entry set at byte ${at}`;
    if (count < 2 || count > 18 || at + (count + 1) * 32 > d.length) {
      throw new FormatError(`${where}: bad SecondaryCount ${count}`);
    }
    if (setChecksum(d, at, count + 1) !== le16(d, at + 2)) {
      throw new FormatError(`${where}: SetChecksum mismatch`);
    }
    const s = at + 32;
    if (d[s] !== 0xc0) throw new FormatError(`${where}: no stream extension entry`);
    const nameLen = d[s + 3];
    let name = "";
    for (let i = 2; i <= count && name.length < nameLen; i++) {
      const e = at + i * 32;
      if (d[e] !== 0xc1) {
        throw new FormatError(`${where}: file name entry ${i} has type 0x${d[e].toString(16)}`);
      }
      for (let k = 0; k < 15 && name.length < nameLen; k++) {
        name += String.fromCharCode(le16(d, e + 2 + k * 2));
      }
    }
    if (name.length !== nameLen) {
      throw new FormatError(`${where}: name shorter than NameLength ${nameLen}`);
    }
    out.entries.push(entryOfSet(d, at, name));
    at += count * 32;
  }
  return out;
}

/**
 * The entry of the set whose File entry is at byte `at` of `d` (Stream Extension right after it),
 * named `name`.
 *
 * @example Usage
 * ```ts
 * import { entryOfSet } from "./exfat_dir.ts";
 * const d = new Uint8Array(64);
 * d[4] = 0x10; d[32 + 20] = 7; d[32 + 24] = 100;
 * const e = entryOfSet(d, 0, "dir");
 * if (e.attributes !== 0x10 || e.firstCluster !== 7 || e.size !== 100) throw new Error();
 * ```
 */
export function entryOfSet(d: Uint8Array, at: number, name: string): ExfatEntry {
  const s = at + 32;
  return {
    name,
    attributes: le16(d, at + 4),
    firstCluster: le32(d, s + 20),
    size: le64(d, s + 24),
    validSize: le64(d, s + 8),
    noFatChain: (d[s + 1] & 0x02) !== 0,
    offset: at,
  };
}
