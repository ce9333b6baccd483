// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import { CD_DATA_SIZE } from "../constants.ts";

/**
 * Builds a physical-stream reader from per-sector content: stream byte `p` is byte
 * `p − writeOffset×4` of the authored sector sequence, so a positive write offset moves the
 * content later. Keeps a few recent sectors cached. Outside `[firstLba, lastLba)` reads zeros.
 *
 * @example Offset shifts content
 * ```ts
 * import { physicalReader } from "./physical_stream.ts";
 * const read = physicalReader((lba) => new Uint8Array(2352).fill(lba & 0xff), 1, 0, 10);
 * const out = new Uint8Array(8);
 * read(2352, out); // authored bytes 2348–2355: the end of sector 0, the start of sector 1
 * if (out[0] !== 0 || out[4] !== 1) throw new Error();
 * ```
 */
export function physicalReader(
  sector: (lba: number) => Uint8Array,
  writeOffset: number,
  firstLba: number,
  lastLba: number,
): (pos: number, out: Uint8Array) => void {
  const cache = new Map<number, Uint8Array>();
  const get = (lba: number): Uint8Array | null => {
    if (lba < firstLba || lba >= lastLba) return null;
    let s = cache.get(lba);
    if (!s) {
      s = sector(lba);
      if (cache.size >= 8) cache.delete(cache.keys().next().value!);
      cache.set(lba, s);
    }
    return s;
  };
  return (pos: number, out: Uint8Array): void => {
    let p = pos - writeOffset * 4;
    let o = 0;
    while (o < out.length) {
      const lba = Math.floor(p / CD_DATA_SIZE);
      const within = p - lba * CD_DATA_SIZE;
      const n = Math.min(CD_DATA_SIZE - within, out.length - o);
      const s = get(lba);
      if (s) out.set(s.subarray(within, within + n), o);
      else out.fill(0, o, o + n);
      o += n;
      p += n;
    }
  };
}
