// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * CDB builders for the SPC/SBC commands an optical drive answers: TEST UNIT READY, REQUEST SENSE,
 * INQUIRY, START STOP UNIT, PREVENT ALLOW MEDIUM REMOVAL, READ CAPACITY, READ(10), READ(12).
 *
 * @module
 */
import { put16, put32 } from "./bytes.ts";
import { Op } from "./opcodes.ts";

/** TEST UNIT READY: 6 zero bytes. */
export function testUnitReadyCdb(): Uint8Array {
  return new Uint8Array(6);
}

/** REQUEST SENSE (6 bytes); `descriptor` asks for descriptor-format sense (DESC bit). */
export function requestSenseCdb(allocation = 252, descriptor = false): Uint8Array {
  const c = new Uint8Array(6);
  c[0] = Op.REQUEST_SENSE;
  c[1] = descriptor ? 1 : 0;
  c[4] = Math.min(allocation, 255);
  return c;
}

/**
 * INQUIRY (6 bytes): standard data, or a VPD page with `page`. The allocation length is 16 bits
 * (SPC-3).
 *
 * @example Usage
 * ```ts
 * import { inquiryCdb } from "./cdb_spc.ts";
 * const c = inquiryCdb(96);
 * if (c.join(",") !== "18,0,0,0,96,0") throw new Error("unexpected");
 * ```
 */
export function inquiryCdb(allocation = 96, page?: number): Uint8Array {
  const c = new Uint8Array(6);
  c[0] = Op.INQUIRY;
  if (page !== undefined) {
    c[1] = 1;
    c[2] = page;
  }
  put16(c, 3, allocation);
  return c;
}

/** What START STOP UNIT should do. */
export type StartStopAction = "eject" | "load" | "start" | "stop";

/** START STOP UNIT: eject (LoEj=1 Start=0), load (LoEj=1 Start=1), start or stop the spindle. */
export function startStopUnitCdb(action: StartStopAction, immediate = false): Uint8Array {
  const c = new Uint8Array(6);
  c[0] = Op.START_STOP_UNIT;
  c[1] = immediate ? 1 : 0;
  const loej = action === "eject" || action === "load" ? 2 : 0;
  const start = action === "load" || action === "start" ? 1 : 0;
  c[4] = loej | start;
  return c;
}

/** PREVENT ALLOW MEDIUM REMOVAL: `prevent` locks the tray. */
export function preventAllowCdb(prevent: boolean): Uint8Array {
  const c = new Uint8Array(6);
  c[0] = Op.PREVENT_ALLOW_MEDIUM_REMOVAL;
  c[4] = prevent ? 1 : 0;
  return c;
}

/** READ CAPACITY(10). */
export function readCapacityCdb(): Uint8Array {
  const c = new Uint8Array(10);
  c[0] = Op.READ_CAPACITY;
  return c;
}

/** Options shared by READ(10) and READ(12). */
export interface ReadOptions {
  /** Force Unit Access: bypass the drive cache (also used to flush it with a 0-length read). */
  fua?: boolean;
  /** Disable Page Out. */
  dpo?: boolean;
}

/**
 * READ(10): `count` blocks (≤ 65535) from `lba`.
 *
 * @example Usage
 * ```ts
 * import { read10Cdb } from "./cdb_spc.ts";
 * const c = read10Cdb(998, 2, { fua: true });
 * if (c.join(",") !== "40,8,0,0,3,230,0,0,2,0") throw new Error("unexpected");
 * ```
 */
export function read10Cdb(lba: number, count: number, options: ReadOptions = {}): Uint8Array {
  if (count < 0 || count > 0xffff) throw new RangeError(`READ(10) count ${count} out of range`);
  const c = new Uint8Array(10);
  c[0] = Op.READ_10;
  c[1] = (options.fua ? 0x08 : 0) | (options.dpo ? 0x10 : 0);
  put32(c, 2, lba);
  put16(c, 7, count);
  return c;
}

/** READ(12): `count` blocks (32-bit) from `lba`. */
export function read12Cdb(lba: number, count: number, options: ReadOptions = {}): Uint8Array {
  const c = new Uint8Array(12);
  c[0] = Op.READ_12;
  c[1] = (options.fua ? 0x08 : 0) | (options.dpo ? 0x10 : 0);
  put32(c, 2, lba);
  put32(c, 6, count);
  return c;
}
