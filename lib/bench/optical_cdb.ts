// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The few MMC commands the optical benchmark sends (layouts from SPC/MMC): READ(12), READ CD,
 * READ CAPACITY(10), SET CD SPEED, START STOP UNIT, GET CONFIGURATION. Local to lib/bench/ until
 * the shared CDB builders in lib/scsi/ land.
 *
 * @module
 */

function be32(b: Uint8Array, at: number, v: number): void {
  b[at] = (v >>> 24) & 0xff;
  b[at + 1] = (v >>> 16) & 0xff;
  b[at + 2] = (v >>> 8) & 0xff;
  b[at + 3] = v & 0xff;
}

/**
 * READ(12) (0xA8): `count` 2048-byte user-data blocks from `lba`; `fua` bypasses the drive cache.
 *
 * @example Usage
 * ```ts
 * import { read12 } from "./optical_cdb.ts";
 * const c = read12(0x12345, 16);
 * if (c[0] !== 0xa8 || c[3] !== 0x01 || c[4] !== 0x23 || c[5] !== 0x45 || c[9] !== 16) {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function read12(lba: number, count: number, fua = false): Uint8Array {
  const c = new Uint8Array(12);
  c[0] = 0xa8;
  c[1] = fua ? 0x08 : 0;
  be32(c, 2, lba);
  be32(c, 6, count);
  return c;
}

/**
 * READ CD (0xBE) of `count` sectors from `lba`: any sector type; `raw` returns 2352 bytes per
 * sector (sync, header, user data, EDC/ECC: byte 9 = 0xF8), otherwise 2048 user-data bytes (0x10).
 *
 * @example Usage
 * ```ts
 * import { readCd } from "./optical_cdb.ts";
 * const c = readCd(100, 27, true);
 * if (c[0] !== 0xbe || c[5] !== 100 || c[8] !== 27 || c[9] !== 0xf8) throw new Error("unexpected");
 * ```
 */
export function readCd(lba: number, count: number, raw: boolean): Uint8Array {
  const c = new Uint8Array(12);
  c[0] = 0xbe;
  be32(c, 2, lba);
  c[6] = (count >>> 16) & 0xff;
  c[7] = (count >>> 8) & 0xff;
  c[8] = count & 0xff;
  c[9] = raw ? 0xf8 : 0x10;
  return c;
}

/** READ CAPACITY(10) (0x25): 8 bytes back, last LBA and block length (big-endian). */
export function readCapacity10(): Uint8Array {
  const c = new Uint8Array(10);
  c[0] = 0x25;
  return c;
}

/**
 * SET CD SPEED (0xBB): read speed in kB/s (1000 bytes; 0xFFFF = the drive's maximum), write speed
 * left at maximum.
 *
 * @example Usage
 * ```ts
 * import { setCdSpeed } from "./optical_cdb.ts";
 * const c = setCdSpeed(7056); // 40× CD (40 × 176.4 kB/s)
 * if (c[0] !== 0xbb || ((c[2] << 8) | c[3]) !== 7056 || c[4] !== 0xff) throw new Error("unexpected");
 * ```
 */
export function setCdSpeed(readKBps: number): Uint8Array {
  const c = new Uint8Array(12);
  const v = Math.max(0, Math.min(0xffff, Math.round(readKBps)));
  c[0] = 0xbb;
  c[2] = v >> 8;
  c[3] = v & 0xff;
  c[4] = 0xff;
  c[5] = 0xff;
  return c;
}

/** START STOP UNIT (0x1B): `start` spins up, otherwise stops; waits unless `immediate`. */
export function startStopUnit(start: boolean, immediate = false): Uint8Array {
  const c = new Uint8Array(6);
  c[0] = 0x1b;
  c[1] = immediate ? 1 : 0;
  c[4] = start ? 1 : 0;
  return c;
}

/** GET CONFIGURATION (0x46), RT = 1 (current features), header only: 8 bytes with the profile. */
export function getConfiguration(allocation = 8): Uint8Array {
  const c = new Uint8Array(10);
  c[0] = 0x46;
  c[1] = 0x01;
  c[7] = allocation >> 8;
  c[8] = allocation & 0xff;
  return c;
}

/** Big-endian u32 at `at`. */
export function readBe32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) >>> 0) + (b[at + 1] << 16) + (b[at + 2] << 8) + b[at + 3];
}
