// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * CD-ROM Reed–Solomon product code (RSPC, ECMA-130 Annex A): P parity (86 columns of 24 bytes)
 * and Q parity (52 diagonals of 43 bytes) over GF(2^8) with polynomial x^8+x^4+x^3+x^2+1 (0x11D).
 *
 * @module
 */

const F_LUT = new Uint8Array(256);
const B_LUT = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  const j = ((i << 1) ^ (i & 0x80 ? 0x11d : 0)) & 0xff;
  F_LUT[i] = j;
  B_LUT[i ^ j] = i;
}

function parity(
  sector: Uint8Array,
  base: number,
  majorCount: number,
  minorCount: number,
  majorMult: number,
  minorInc: number,
  out: Uint8Array,
  outOffset: number,
  zeroHeader: boolean,
): void {
  const size = majorCount * minorCount;
  for (let major = 0; major < majorCount; major++) {
    let index = (major >> 1) * majorMult + (major & 1);
    let a = 0;
    let b = 0;
    for (let minor = 0; minor < minorCount; minor++) {
      // Mode 2 computes ECC as if the 4 header bytes were zero.
      const t = zeroHeader && index < 4 ? 0 : sector[base + index];
      index += minorInc;
      if (index >= size) index -= size;
      a ^= t;
      b ^= t;
      a = F_LUT[a];
    }
    a = B_LUT[F_LUT[a] ^ b];
    out[outOffset + major] = a;
    out[outOffset + major + majorCount] = a ^ b;
  }
}

/**
 * Computes P and Q parity of a 2352-byte data sector into `out` (276 bytes: P then Q), over bytes
 * 12–2247 (header, data, EDC, P). For Mode 2 form 1, pass `zeroHeader` (the header counts as zero).
 *
 * @example Usage
 * ```ts
 * import { computeEcc } from "./ecc.ts";
 * const parity = computeEcc(new Uint8Array(2352));
 * if (parity.length !== 276 || parity.some((b) => b !== 0)) throw new Error();
 * ```
 */
export function computeEcc(
  sector: Uint8Array,
  zeroHeader = false,
  out: Uint8Array = new Uint8Array(276),
): Uint8Array {
  // P covers 2064 bytes from byte 12 (86×24); Q covers those plus P (2236 = 52×43).
  const tmp = sector.slice(0, 2352);
  parity(tmp, 12, 86, 24, 2, 86, tmp, 2076, zeroHeader);
  parity(tmp, 12, 52, 43, 86, 88, tmp, 2248, zeroHeader);
  out.set(tmp.subarray(2076, 2352));
  return out;
}

/** Writes P and Q parity into bytes 2076–2351 of `sector` in place. */
export function writeEcc(sector: Uint8Array, zeroHeader = false): void {
  parity(sector, 12, 86, 24, 2, 86, sector, 2076, zeroHeader);
  parity(sector, 12, 52, 43, 86, 88, sector, 2248, zeroHeader);
}

/**
 * Whether bytes 2076–2351 of `sector` are the correct P/Q parity.
 *
 * @example Usage
 * ```ts
 * import { checkEcc, writeEcc } from "./ecc.ts";
 * const s = new Uint8Array(2352).fill(7);
 * writeEcc(s);
 * if (!checkEcc(s)) throw new Error();
 * s[100] ^= 1;
 * if (checkEcc(s)) throw new Error();
 * ```
 */
export function checkEcc(sector: Uint8Array, zeroHeader = false): boolean {
  const p = computeEcc(sector, zeroHeader);
  for (let i = 0; i < 276; i++) if (p[i] !== sector[2076 + i]) return false;
  return true;
}
