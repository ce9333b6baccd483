// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * LZNT1 decompression (MS-XCA §2.5), the codec of NTFS compressed attributes: a stream of
 * 4096-byte chunks, each either stored or LZ77-coded with a position-dependent token split.
 *
 * @module
 */
import { FormatError } from "../../errors.ts";

/**
 * Decompresses `src` into exactly `outSize` bytes (missing output reads as zeros).
 *
 * @example A stored chunk
 * ```ts
 * import { lznt1Decompress } from "./lznt1.ts";
 * const src = new Uint8Array(2 + 4096); src[0] = 0xff; src[1] = 0x3f; src[2] = 65;
 * const out = lznt1Decompress(src, 4096);
 * if (out[0] !== 65) throw new Error("unexpected");
 * ```
 */
export function lznt1Decompress(src: Uint8Array, outSize: number): Uint8Array {
  const out = new Uint8Array(outSize);
  let ip = 0;
  let chunkStart = 0;
  while (ip + 2 <= src.length && chunkStart < outSize) {
    const hdr = src[ip] | (src[ip + 1] << 8);
    if (hdr === 0) break;
    const size = (hdr & 0x0fff) + 1;
    const compressed = (hdr & 0x8000) !== 0;
    ip += 2;
    const end = Math.min(src.length, ip + size);
    if (!compressed) {
      out.set(src.subarray(ip, Math.min(end, ip + (outSize - chunkStart))), chunkStart);
    } else {
      let op = chunkStart;
      const limit = Math.min(outSize, chunkStart + 4096);
      let p = ip;
      while (p < end && op < limit) {
        const flags = src[p++];
        for (let bit = 0; bit < 8 && p < end && op < limit; bit++) {
          if ((flags & (1 << bit)) === 0) {
            out[op++] = src[p++];
            continue;
          }
          if (p + 2 > end) throw new FormatError("LZNT1: truncated back-reference");
          const token = src[p] | (src[p + 1] << 8);
          p += 2;
          const pos = op - chunkStart;
          let lenBits = 12;
          for (let i = pos - 1; i >= 0x10; i >>= 1) lenBits--;
          const len = (token & ((1 << lenBits) - 1)) + 3;
          const back = (token >> lenBits) + 1;
          if (back > pos) throw new FormatError(`LZNT1: back-reference ${back} before chunk start`);
          for (let k = 0; k < len && op < limit; k++, op++) out[op] = out[op - back];
        }
      }
    }
    ip = end;
    chunkStart += 4096;
  }
  return out;
}
