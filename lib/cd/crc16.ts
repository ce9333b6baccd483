// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.

const TABLE = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 8;
    for (let k = 0; k < 8; k++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
    t[i] = c;
  }
  return t;
})();

/**
 * CRC-16/GSM (poly 0x1021, init 0, xorout 0xFFFF, not reflected): the subchannel Q and CD-TEXT
 * pack CRC, stored big-endian after the covered bytes.
 *
 * @example Check value
 * ```ts
 * import { crc16Gsm } from "./crc16.ts";
 * if (crc16Gsm(new TextEncoder().encode("123456789")) !== 0xce3c) throw new Error();
 * ```
 */
export function crc16Gsm(data: Uint8Array, start = 0, end: number = data.length): number {
  let crc = 0;
  for (let i = start; i < end; i++) {
    crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ data[i]) & 0xff];
  }
  return crc ^ 0xffff;
}
