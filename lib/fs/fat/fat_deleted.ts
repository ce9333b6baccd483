// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Deleted FAT directory entries (first byte 0xE5) the way The Sleuth Kit recovers them: names
 * from the long-name entries that precede them (a new long name starts at an entry with the 0x40
 * flag that is not 0xE5, or at a checksum change; the short-name checksum is not checked), `_` in
 * place of the lost first character of a short name, and the data runs TSK reconstructs: from the
 * first cluster onward, skipping clusters that are allocated now, until the size is covered; when
 * the first cluster is allocated now or the run reaches the end of the volume, only the first
 * cluster.
 *
 * @module
 */
import { le16, le32 } from "../_common/volume.ts";
import { ATTR, type FatDirEntry } from "./fat_dir.ts";

const LFN_CHARS = [1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30];
const BAD_83 = new Set([...'"*+,./:;<=>?[\\]|'].map((c) => c.charCodeAt(0)));

/** TSK's rendering of an 8.3 name: every space, 0x00 and 0xFF dropped, 0xE5 first byte → `_`. */
export function tskShortName(b: Uint8Array, at: number): string {
  const lowerBase = (b[at + 12] & 0x08) !== 0;
  const lowerExt = (b[at + 12] & 0x10) !== 0;
  const ch = (i: number, lower: boolean): string => {
    const c = b[at + i];
    if (c === 0 || c === 0xff || c === 0x20) return "";
    if (i === 0 && c === 0xe5) return "_";
    if (lower && c >= 0x41 && c <= 0x5a) return String.fromCharCode(c + 32);
    return c < 0x80 ? String.fromCharCode(c) : "^";
  };
  let base = "";
  for (let i = 0; i < 8; i++) base += ch(i, lowerBase);
  let ext = "";
  for (let i = 8; i < 11; i++) ext += ch(i, lowerExt);
  return ext ? `${base}.${ext}` : base;
}

/**
 * Whether a 32-byte slot can be a (deleted or live) short entry at all: TSK's essential checks
 * (valid 8.3 characters, no space before a non-space, a first cluster in range, a size within the
 * data area and not without a cluster, not nearly all zero) plus sane attribute bits.
 */
export function plausibleShort(
  b: Uint8Array,
  at: number,
  maxCluster: number,
  fat32: boolean,
  dataBytes: number,
): boolean {
  const attr = b[at + 11];
  if (attr & 0xc0 || attr & ATTR.volumeId) return false;
  for (let i = 1; i < 11; i++) {
    const c = b[at + i];
    if (c < 0x20 || BAD_83.has(c)) return false;
  }
  if (b[at] !== 0xe5 && (b[at] <= 0x20 || BAD_83.has(b[at]))) return false;
  for (const i of [1, 2, 3, 4, 5, 6, 9]) {
    if (b[at + i] === 0x20 && b[at + i + 1] !== 0x20) return false;
  }
  const cluster = (fat32 ? le16(b, at + 20) * 0x10000 : 0) + le16(b, at + 26);
  const size = le32(b, at + 28);
  if (cluster === 1 || cluster > maxCluster || size > dataBytes) return false;
  if (size > 0 && cluster === 0) return false;
  const times = [14, 16, 18, 22, 24].map((o) => le16(b, at + o));
  if (cluster === 0 && size === 0 && times.every((t) => t === 0)) return false;
  return !((attr & ATTR.directory) && size !== 0);
}

/**
 * The deleted entries of directory bytes: 0xE5 short entries, or every plausible short entry when
 * `allDeleted` (the contents of a deleted directory). `dataBytes` (the data area's size) bounds
 * sizes. `.`/`..`, volume labels and slots that cannot
 * be directory entries are skipped; the scan does not stop at a 0x00 entry (TSK does not either).
 *
 * @example A deleted short entry
 * ```ts
 * import { parseFatDeleted } from "./fat_deleted.ts";
 * const d = new Uint8Array(32);
 * d.set(new TextEncoder().encode("XONE    TXT"), 0);
 * d[0] = 0xe5; d[26] = 5; d[28] = 12;
 * const [e] = parseFatDeleted(d, false, 100, false);
 * if (e.name !== "_ONE.TXT" || e.firstCluster !== 5) throw new Error("unexpected");
 * ```
 */
export function parseFatDeleted(
  d: Uint8Array,
  fat32: boolean,
  maxCluster: number,
  allDeleted: boolean,
  dataBytes: number = Number.MAX_SAFE_INTEGER,
): FatDirEntry[] {
  const out: FatDirEntry[] = [];
  let parts: string[] = [];
  let sum = -1;
  for (let at = 0; at + 32 <= d.length; at += 32) {
    const first = d[at];
    if (first === 0x00) continue;
    const attr = d[at + 11];
    if ((attr & 0x3f) === ATTR.lfn) {
      if (((first & 0x40) && first !== 0xe5) || d[at + 13] !== sum) {
        parts = [];
        sum = d[at + 13];
      }
      let s = "";
      for (const o of LFN_CHARS) {
        const c = le16(d, at + o);
        if (c === 0 || c === 0xffff) break;
        s += String.fromCharCode(c);
      }
      parts.unshift(s);
      continue;
    }
    if (!plausibleShort(d, at, maxCluster, fat32, dataBytes)) continue;
    const long = parts.join("");
    parts = [];
    sum = -1;
    const short = tskShortName(d, at);
    if (short === "." || short === "..") continue;
    if (first !== 0xe5 && !allDeleted) continue;
    out.push({
      name: long || short,
      shortName: short,
      attr,
      firstCluster: (fat32 ? le16(d, at + 20) * 0x10000 : 0) + le16(d, at + 26),
      size: le32(d, at + 28),
      offset: at,
    });
  }
  return out;
}

/**
 * TSK's data runs of a deleted entry as cluster numbers: from `first`, the clusters free now
 * (`isFree`), until `size` bytes are covered; only `[first]` when `first` is allocated now or the
 * volume ends first; none for an empty entry or one without a valid first cluster.
 *
 * @example Skips a reallocated cluster
 * ```ts
 * import { recoverClusters } from "./fat_deleted.ts";
 * const used = new Set([4]);
 * const c = await recoverClusters(3, 3 * 512, 512, 100, (c) => Promise.resolve(!used.has(c)));
 * if (c.join() !== "3,5,6") throw new Error("unexpected");
 * ```
 */
export async function recoverClusters(
  first: number,
  size: number,
  clusterSize: number,
  maxCluster: number,
  isFree: (c: number) => Promise<boolean>,
): Promise<number[]> {
  if (first < 2 || first > maxCluster || size <= 0) return [];
  if (!(await isFree(first))) return [first];
  const out: number[] = [];
  let remain = size;
  for (let c = first; remain > 0; c++) {
    if (c > maxCluster) return [first];
    if (!(await isFree(c))) continue;
    out.push(c);
    remain -= clusterSize;
  }
  return out;
}
