// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Deleted ext2/3/4 directory entries, found the way The Sleuth Kit finds them: removing an entry
 * grows the previous entry's `rec_len` over it, so its bytes stay in that entry's slack. Each
 * block is scanned by the entries' actual lengths (8 + name, rounded to 4) instead of `rec_len`;
 * a valid-looking entry that lies in slack (or has inode 0, or is in a deleted directory) is
 * deleted; an invalid one moves the scan 4 bytes on.
 *
 * @module
 */

/** One deleted directory entry. */
export interface ExtDeletedEntry {
  /** Inode number it names (0 when cleared). */
  ino: number;
  /** Name (UTF-8, lossy). */
  name: string;
  /** The entry's file type byte (0 without the filetype feature). */
  fileType: number;
  /** Offset in the scanned bytes. */
  offset: number;
}

const dirsiz = (nameLen: number): number => (8 + nameLen + 3) & ~3;

/**
 * Deleted entries of one directory block (`.`/`..` excluded). `lastInode` bounds valid inode
 * numbers; `allDeleted` marks every entry deleted (the block of a deleted directory).
 *
 * @example An entry left in the slack of the previous one
 * ```ts
 * import { parseDeletedEntries } from "./deleted_entries.ts";
 * const b = new Uint8Array(64);
 * const v = new DataView(b.buffer);
 * v.setUint32(0, 12, true); v.setUint16(4, 64, true); b[6] = 1; b[7] = 1; b[8] = 0x61;
 * v.setUint32(12, 13, true); v.setUint16(16, 52, true); b[18] = 1; b[19] = 1; b[20] = 0x62;
 * const [e] = parseDeletedEntries(b, true, 100, false);
 * if (e.name !== "b" || e.ino !== 13) throw new Error("unexpected");
 * ```
 */
export function parseDeletedEntries(
  block: Uint8Array,
  hasFiletype: boolean,
  lastInode: number,
  allDeleted: boolean,
): ExtDeletedEntry[] {
  const v = new DataView(block.buffer, block.byteOffset, block.byteLength);
  const dec = new TextDecoder();
  const out: ExtDeletedEntry[] = [];
  let slack = 0;
  let step = 4;
  for (let p = 0; p <= block.length - dirsiz(1); p += step) {
    const ino = v.getUint32(p, true);
    const recLen = v.getUint16(p + 4, true);
    const nameLen = hasFiletype ? block[p + 6] : v.getUint16(p + 6, true);
    step = dirsiz(nameLen);
    if (
      ino > lastInode || nameLen === 0 || nameLen > 255 || recLen < step || recLen % 4 ||
      p + recLen > block.length || (slack > 0 && slack < step)
    ) {
      step = 4;
      if (slack > 0) slack -= 4;
      continue;
    }
    const deleted = slack > 0 || ino === 0 || allDeleted;
    if (slack > 0) slack -= step;
    if (deleted) {
      const name = dec.decode(block.subarray(p + 8, p + 8 + nameLen));
      if (name !== "." && name !== "..") {
        out.push({ ino, name, fileType: hasFiletype ? block[p + 7] : 0, offset: p });
      }
    }
    if (slack <= 0) {
      if (recLen - step >= dirsiz(1)) slack = recLen - step;
      else step = recLen;
    }
  }
  return out;
}
