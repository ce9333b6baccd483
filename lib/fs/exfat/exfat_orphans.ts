// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Orphan exFAT entry sets, found the way The Sleuth Kit fills `$OrphanFiles` on exFAT: every
 * sector of every cluster free in the allocation bitmap whose first 32 bytes pass TSK's directory
 * entry test is read as directory entries, and every File entry (0x05 or 0x85) in it that passes
 * the test is an "inode". Its Stream Extension must be the very next entry (physically, even
 * across a sector or cluster end) with the same InUse bit; its File Name entries follow it. When
 * the stream is missing the entry has no size, cluster or name; when the names are cut short the
 * name is partial or empty (TSK then calls it `OrphanFile-ADDR`).
 *
 * @module
 */
import { le16, le32, le64 } from "../_common/volume.ts";
import { entryOfSet, type ExfatEntry } from "./exfat_dir.ts";

/**
 * One orphan File entry: an {@linkcode ExfatEntry} whose name is "" when TSK reads none, and whose
 * first cluster and sizes are 0 without a stream entry.
 */
export type ExfatOrphanEntry = ExfatEntry;

/** Volume facts TSK's entry test needs. */
export interface ExfatHeapLimits {
  /** Cluster heap size in bytes (a stream's DataLength may not exceed it). */
  heapBytes: number;
  /** Highest valid cluster number. */
  lastCluster: number;
}

/**
 * TSK's test of a 32-byte slot in an unallocated cluster (`exfatfs_is_dentry`, in-depth): a File
 * entry (InUse or not) with 2..18 secondary entries and not all timestamps zero; a Stream
 * Extension whose DataLength fits the heap and, when non-zero, whose first cluster is in range; a
 * File Name entry. Volume label, bitmap, up-case, GUID, TexFAT and ACT entries never pass in free
 * space.
 *
 * @example An all-zero slot is no entry
 * ```ts
 * import { exfatOrphanDentryTest } from "./exfat_orphans.ts";
 * const lim = { heapBytes: 1 << 20, lastCluster: 100 };
 * if (exfatOrphanDentryTest(new Uint8Array(96), 0, lim)) throw new Error("unexpected");
 * ```
 */
export function exfatOrphanDentryTest(b: Uint8Array, at: number, lim: ExfatHeapLimits): boolean {
  switch (b[at] & 0x7f) {
    case 0x05: {
      if (b[at + 1] < 2 || b[at + 1] > 18) return false;
      for (let i = 8; i < 22; i++) if (b[at + i] !== 0) return true;
      return false;
    }
    case 0x40: {
      const size = le64(b, at + 24);
      if (size === 0) return true;
      const c = le32(b, at + 20);
      return size <= lim.heapBytes && c >= 2 && c <= lim.lastCluster;
    }
    case 0x41:
      return true;
    default:
      return false;
  }
}

/**
 * The orphan File entries of `scanLength` bytes of free clusters (whole sectors); `bytes` may run
 * past `scanLength` so that sets crossing the end can be read. A sector is skipped unless its
 * first slot passes {@linkcode exfatOrphanDentryTest}.
 *
 * @example A deleted set in a free sector
 * ```ts
 * import { scanExfatOrphans } from "./exfat_orphans.ts";
 * const b = new Uint8Array(512);
 * b[0] = 0x05; b[1] = 2; b[4] = 0x20; b[12] = 1; // a timestamp
 * b[32] = 0x40; b[35] = 1; b[52] = 9; b[56] = 100; b[64] = 0x41; b[66] = 0x61;
 * const [e] = scanExfatOrphans(b, 512, 512, { heapBytes: 1 << 20, lastCluster: 100 });
 * if (e.name !== "a" || e.firstCluster !== 9 || e.size !== 100) throw new Error("unexpected");
 * ```
 */
export function scanExfatOrphans(
  bytes: Uint8Array,
  scanLength: number,
  sectorSize: number,
  lim: ExfatHeapLimits,
): ExfatOrphanEntry[] {
  const out: ExfatOrphanEntry[] = [];
  for (let s = 0; s + sectorSize <= scanLength; s += sectorSize) {
    if (!exfatOrphanDentryTest(bytes, s, lim)) continue;
    for (let at = s; at < s + sectorSize; at += 32) {
      if ((bytes[at] & 0x7f) !== 0x05 || !exfatOrphanDentryTest(bytes, at, lim)) continue;
      out.push(readOrphanSet(bytes, at, lim));
    }
  }
  return out;
}

/** TSK's reading of the set that starts with the File entry at `at` (exfatfs_copy_file_inode). */
function readOrphanSet(b: Uint8Array, at: number, lim: ExfatHeapLimits): ExfatOrphanEntry {
  const s = at + 32;
  // Without a matching stream entry TSK keeps only the File entry's attributes.
  if (
    s + 32 > b.length || (b[s] & 0x7f) !== 0x40 || !exfatOrphanDentryTest(b, s, lim) ||
    (b[s] & 0x80) !== (b[at] & 0x80)
  ) {
    const attributes = le16(b, at + 4);
    return {
      name: "",
      attributes,
      firstCluster: 0,
      size: 0,
      validSize: 0,
      noFatChain: false,
      offset: at,
    };
  }
  const e = entryOfSet(b, at, "");
  const nameLen = b[s + 3];
  let name = "";
  for (let i = 1; i < b[at + 1]; i++) {
    const n = s + i * 32;
    if (n + 32 > b.length || (b[n] & 0x7f) !== 0x41) break;
    for (let k = 0; k < 15 && name.length < nameLen; k++) {
      name += String.fromCharCode(le16(b, n + 2 + k * 2));
    }
  }
  const nul = name.indexOf("\0");
  e.name = nul >= 0 ? name.slice(0, nul) : name;
  return e;
}
