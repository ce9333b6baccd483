// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * device-mapper DM_TABLE_STATUS (linux/dm-ioctl.h) request/response layouts, pure; the ioctl on
 * /dev/mapper/control is in ffi/linux/dm.ts. The result is `dmsetup table` text.
 *
 * @module
 */

/** sizeof(struct dm_ioctl). */
export const DM_IOCTL_SIZE = 312;
/** _IOWR(0xfd, 12, struct dm_ioctl). */
export const DM_TABLE_STATUS = 0xc138fd0cn;
/** Return the table, not the status. */
export const DM_STATUS_TABLE_FLAG = 1 << 4;
/** The kernel had more to say than the buffer held. */
export const DM_BUFFER_FULL_FLAG = 1 << 8;
const SPEC_SIZE = 40;

/**
 * Builds a DM_TABLE_STATUS request for device `name` with a `size`-byte buffer.
 *
 * @example Usage
 * ```ts
 * import { dmTableRequest } from "./dm_ioctl.ts";
 * const b = dmTableRequest("vg-lv", 16384);
 * if (new DataView(b.buffer).getUint32(12, true) !== 16384) throw new Error("unexpected");
 * ```
 */
export function dmTableRequest(name: string, size: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(Math.max(size, DM_IOCTL_SIZE));
  const v = new DataView(b.buffer);
  v.setUint32(0, 4, true); // version 4.0.0
  v.setUint32(12, b.length, true); // data_size
  v.setUint32(16, DM_IOCTL_SIZE, true); // data_start
  v.setUint32(28, DM_STATUS_TABLE_FLAG, true);
  const n = new TextEncoder().encode(name);
  if (n.length > 127) throw new RangeError(`device-mapper name too long: ${name}`);
  b.set(n, 48);
  return b;
}

/**
 * Parses the answer into `dmsetup table` text, or null when the buffer was too small
 * (DM_BUFFER_FULL_FLAG: call again with a bigger one).
 */
export function parseDmTableResponse(b: Uint8Array): string | null {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (v.getUint32(28, true) & DM_BUFFER_FULL_FLAG) return null;
  const start = v.getUint32(16, true);
  const count = v.getUint32(20, true);
  const lines: string[] = [];
  let p = start;
  for (let i = 0; i < count; i++) {
    if (p + SPEC_SIZE > b.length) {
      throw new RangeError("DM_TABLE_STATUS: target spec out of bounds");
    }
    const sector = v.getBigUint64(p, true);
    const length = v.getBigUint64(p + 8, true);
    const next = v.getUint32(p + 20, true);
    const cstr = (o: number, max: number) => {
      const end = b.indexOf(0, o);
      return new TextDecoder().decode(b.subarray(o, end < 0 || end > o + max ? o + max : end));
    };
    const type = cstr(p + 24, 16);
    const params = cstr(p + SPEC_SIZE, b.length - p - SPEC_SIZE);
    lines.push(`${sector} ${length} ${type} ${params}`.trimEnd());
    p = start + next;
  }
  return lines.join("\n") + (lines.length ? "\n" : "");
}
