// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xd8018001 : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();

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
  for (let i = start; i < end; i++) crc = (crc >>> 8) ^ TABLE[(crc ^ data[i]) & 0xff];
  return crc >>> 0;
}
