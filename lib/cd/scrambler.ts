// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import { CD_DATA_SIZE } from "./constants.ts";

/**
 * The ECMA-130 Annex B scrambling table for a 2352-byte sector: bytes 0–11 (sync) are 0, bytes
 * 12–2351 come from the 15-bit LFSR x^15 + x + 1 seeded with 0x0001, least significant bit first.
 */
export const SCRAMBLE_TABLE: Uint8Array = (() => {
  const t = new Uint8Array(CD_DATA_SIZE);
  let reg = 1;
  for (let i = 12; i < CD_DATA_SIZE; i++) {
    let byte = 0;
    for (let bit = 0; bit < 8; bit++) {
      byte |= (reg & 1) << bit;
      const fb = (reg ^ (reg >> 1)) & 1;
      reg = (reg >> 1) | (fb << 14);
    }
    t[i] = byte;
  }
  return t;
})();

/**
 * XORs `sector` (2352 bytes at `offset` of `data`) with the scrambling table in place. The same
 * call scrambles and descrambles.
 *
 * @example Round trip
 * ```ts
 * import { scramble, SCRAMBLE_TABLE } from "./scrambler.ts";
 * const s = new Uint8Array(2352);
 * scramble(s);
 * if (s[12] !== 0x01 || s[13] !== 0x80 || s[14] !== 0x00 || s[15] !== 0x60) throw new Error();
 * scramble(s);
 * if (s.some((b) => b !== 0)) throw new Error();
 * ```
 */
export function scramble(data: Uint8Array, offset = 0): void {
  // 32-bit XOR when aligned, byte loop otherwise.
  if ((data.byteOffset + offset) % 4 === 0) {
    const w = new Uint32Array(data.buffer, data.byteOffset + offset, CD_DATA_SIZE / 4);
    const t = TABLE32;
    for (let i = 3; i < t.length; i++) w[i] ^= t[i];
    return;
  }
  for (let i = 12; i < CD_DATA_SIZE; i++) data[offset + i] ^= SCRAMBLE_TABLE[i];
}

const TABLE32 = new Uint32Array(SCRAMBLE_TABLE.buffer.slice(0));
