// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * ext directory entries (linear format; htree directories keep linear leaf blocks, and the dx root
 * hides behind "." and ".." rec_lens, so a linear parse sees every name).
 *
 * @module
 */
import { FormatError } from "../../errors.ts";

/** One directory entry. */
export interface ExtDirEntry {
  /** Inode number. */
  ino: number;
  /** Name (UTF-8, lossy). */
  name: string;
}

/**
 * Parses directory entries from `data`, `chunk` bytes at a time (the block size; or the whole
 * buffer for inline directories). Skips deleted entries, "." and "..".
 *
 * @example Usage
 * ```ts
 * import { parseDirEntries } from "./directory.ts";
 * const b = new Uint8Array(16);
 * const v = new DataView(b.buffer);
 * v.setUint32(0, 12, true); v.setUint16(4, 16, true); b[6] = 1; b[7] = 1; b[8] = 0x61;
 * if (parseDirEntries(b, 16, true, "dir")[0].name !== "a") throw new Error("unexpected");
 * ```
 */
export function parseDirEntries(
  data: Uint8Array,
  chunk: number,
  hasFiletype: boolean,
  what: string,
): ExtDirEntry[] {
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out: ExtDirEntry[] = [];
  const dec = new TextDecoder();
  for (let base = 0; base < data.length; base += chunk) {
    const end = Math.min(base + chunk, data.length);
    let p = base;
    while (p + 8 <= end) {
      const ino = v.getUint32(p, true);
      const recLen = v.getUint16(p + 4, true);
      const nameLen = hasFiletype ? data[p + 6] : v.getUint16(p + 6, true);
      if (recLen < 8 || (recLen & 3) !== 0 || p + recLen > end || 8 + nameLen > recLen) {
        throw new FormatError(
          `ext directory ${what}: bad entry (rec_len ${recLen}) at byte ${p}`,
        );
      }
      if (ino !== 0 && nameLen > 0) {
        const name = dec.decode(data.subarray(p + 8, p + 8 + nameLen));
        if (name !== "." && name !== "..") out.push({ ino, name });
      }
      p += recLen;
    }
  }
  return out;
}
