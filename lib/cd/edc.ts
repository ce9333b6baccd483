// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.

// Slice-by-4 tables: T[0..255] is the byte-wise table, T[256 s + i] advances s more bytes.
const T = (() => {
  const t = new Uint32Array(4 * 256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xd8018001 : c >>> 1;
    t[i] = c >>> 0;
  }
  for (let i = 0; i < 256; i++) {
    for (let s = 1; s < 4; s++) {
      const p = t[(s - 1) * 256 + i];
      t[s * 256 + i] = (p >>> 8) ^ t[p & 0xff];
    }
  }
  return t;
})();
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * EDC over `words[from..to)` read as 32-bit little-endian words (slice-by-4, ~3× the byte-wise
 * speed); the same result as {@linkcode edc} over those bytes on little-endian hosts.
 *
 * @example Usage
 * ```ts
 * import { edc, edcWords } from "./edc.ts";
 * const b = new Uint8Array(64).map((_, i) => i * 7);
 * if (edcWords(new Uint32Array(b.buffer), 0, 16) !== edc(b)) throw new Error("unexpected");
 * ```
 */
export function edcWords(words: Uint32Array, from: number, to: number, seed = 0): number {
  let c = seed;
  for (let i = from; i < to; i++) {
    c ^= words[i];
    c = T[768 + (c & 0xff)] ^ T[512 + ((c >>> 8) & 0xff)] ^ T[256 + ((c >>> 16) & 0xff)] ^
      T[c >>> 24];
  }
  return c >>> 0;
}

/**
 * The CD-ROM EDC: CRC-32 with polynomial 0x8001801B, reflected (0xD8018001), init 0, no final
 * XOR (ECMA-130 §14.3). Stored little-endian after the covered bytes.
 *
 * @example Check value
 * ```ts
 * import { edc } from "./edc.ts";
 * if (edc(new TextEncoder().encode("123456789")) !== 0x6ec2edc4) throw new Error();
 * ```
 */
export function edc(data: Uint8Array, start = 0, end: number = data.length, seed = 0): number {
  let crc = seed;
  let i = start;
  if (LITTLE_ENDIAN && (data.byteOffset + start) % 4 === 0 && end - start >= 64) {
    const n = (end - start) >> 2;
    const words = new Uint32Array(data.buffer, data.byteOffset + start, n);
    crc = edcWords(words, 0, n, crc);
    i = start + n * 4;
  }
  for (; i < end; i++) crc = (crc >>> 8) ^ T[(crc ^ data[i]) & 0xff];
  return crc >>> 0;
}
