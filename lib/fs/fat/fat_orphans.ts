// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Orphan FAT directory entries, found the way The Sleuth Kit fills `$OrphanFiles`: every sector of
 * every free cluster whose first 32 bytes pass TSK's full directory-entry test is read as a
 * directory sector, and each short entry in it that passes the test and that no directory listing
 * named is an orphan (named by its 8.3 name, `_` for a deleted first byte). This finds, for
 * example, the entries in the second cluster of a deleted directory (only its first cluster is
 * reachable by name).
 *
 * @module
 */
import { le16 } from "../_common/volume.ts";
import { ATTR } from "./fat_dir.ts";
import { plausibleShort, tskShortName } from "./fat_deleted.ts";

/** One orphan short entry. */
export interface FatOrphanEntry {
  /** TSK's name (8.3, `_` for 0xE5). */
  name: string;
  /** Attribute byte. */
  attr: number;
  /** First cluster. */
  firstCluster: number;
  /** Size in bytes. */
  size: number;
  /** Offset of the entry in the scanned bytes. */
  offset: number;
}

const isTime = (t: number): boolean => (t >> 11) < 24 && ((t >> 5) & 0x3f) < 60 && (t & 0x1f) < 30;
const isDate = (d: number): boolean => {
  const m = (d >> 5) & 0x0f;
  const day = d & 0x1f;
  return m >= 1 && m <= 12 && day >= 1 && day <= 31;
};

/**
 * TSK's full test of a 32-byte slot (used for sectors outside allocated directories): the
 * lower-case byte only has bits 0x18, the attributes only 0x3F, a volume label is not also a
 * directory, read-only or archive, the times and dates are zero or valid, the creation tenths are
 * at most 200, then the essential checks of {@linkcode plausibleShort}. Long-name slots are not
 * entries here.
 */
export function fullDentryTest(
  b: Uint8Array,
  at: number,
  maxCluster: number,
  fat32: boolean,
  dataBytes: number,
): boolean {
  const attr = b[at + 11];
  if ((attr & 0x3f) === ATTR.lfn) return false;
  if (b[at + 12] & ~0x18 || attr & ~0x3f) return false;
  if (attr & ATTR.volumeId) return false;
  const [ctime, cdate, adate, wtime, wdate] = [14, 16, 18, 22, 24].map((o) => le16(b, at + o));
  if ((ctime && !isTime(ctime)) || (wtime && !isTime(wtime))) return false;
  if ((cdate && !isDate(cdate)) || (adate && !isDate(adate)) || (wdate && !isDate(wdate))) {
    return false;
  }
  if (b[at + 13] > 200) return false;
  return plausibleShort(b, at, maxCluster, fat32, dataBytes);
}

/**
 * The orphan candidates of the sectors in `bytes` (whole sectors of free clusters): a sector is
 * skipped unless its first slot passes {@linkcode fullDentryTest}; `.`/`..` are skipped.
 *
 * @example A free sector holding one deleted entry
 * ```ts
 * import { scanOrphanSectors } from "./fat_orphans.ts";
 * const b = new Uint8Array(512);
 * b.set(new TextEncoder().encode("XFILE15 TXT"), 0);
 * b[0] = 0xe5; b[26] = 40; b[28] = 100; b[24] = 0x21; b[25] = 0x5b; // 2025-09-01
 * const [e] = scanOrphanSectors(b, 512, false, 1000, 1 << 20);
 * if (e.name !== "_FILE15.TXT" || e.firstCluster !== 40) throw new Error("unexpected");
 * ```
 */
export function scanOrphanSectors(
  bytes: Uint8Array,
  sectorSize: number,
  fat32: boolean,
  maxCluster: number,
  dataBytes: number,
): FatOrphanEntry[] {
  const out: FatOrphanEntry[] = [];
  for (let s = 0; s + sectorSize <= bytes.length; s += sectorSize) {
    // TSK accepts a long-name slot as the sector's first entry when its sequence byte is sane.
    const first = (bytes[s + 11] & 0x3f) === ATTR.lfn
      ? bytes[s] <= 0x4f || bytes[s] === 0xe5
      : fullDentryTest(bytes, s, maxCluster, fat32, dataBytes);
    if (!first) continue;
    for (let at = s; at < s + sectorSize; at += 32) {
      if (!fullDentryTest(bytes, at, maxCluster, fat32, dataBytes)) continue;
      const name = tskShortName(bytes, at);
      if (name === "." || name === "..") continue;
      out.push({
        name,
        attr: bytes[at + 11],
        firstCluster: (fat32 ? le16(bytes, at + 20) * 0x10000 : 0) + le16(bytes, at + 26),
        size: new DataView(bytes.buffer, bytes.byteOffset + at + 28, 4).getUint32(0, true),
        offset: at,
      });
    }
  }
  return out;
}
