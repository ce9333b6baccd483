// Copyright 2026 the sectorkit authors. MIT license.
import type { ScsiTransport } from "../../../lib/platform/scsi_transport.ts";

/** One command's outcome as the tests look at it. */
export interface Reply {
  status: number;
  data: Uint8Array;
  sense: Uint8Array;
  key: number;
  asc: number;
  ascq: number;
  durationMs: number;
}

/** Sends `cdb` and returns status, data (trimmed to what was transferred) and sense. */
export async function cmd(t: ScsiTransport, cdb: number[], len = 0): Promise<Reply> {
  const buf = len ? new Uint8Array(len) : null;
  const r = await t.execute(new Uint8Array(cdb), len ? "in" : "none", buf);
  return {
    status: r.status,
    data: buf ? buf.subarray(0, r.transferred) : new Uint8Array(),
    sense: r.sense,
    key: r.sense[2] & 0xf,
    asc: r.sense[12] ?? 0,
    ascq: r.sense[13] ?? 0,
    durationMs: r.durationMs ?? 0,
  };
}

/** Big-endian bytes of a signed 32-bit value. */
export function be32(v: number): number[] {
  const u = v >>> 0;
  return [u >>> 24, (u >> 16) & 0xff, (u >> 8) & 0xff, u & 0xff];
}

/** READ CD (0xBE) CDB. */
export function readCd(lba: number, count: number, type: number, flags: number, sub = 0): number[] {
  return [
    0xbe,
    type << 2,
    ...be32(lba),
    (count >> 16) & 0xff,
    (count >> 8) & 0xff,
    count & 0xff,
    flags,
    sub,
    0,
  ];
}

/** PLEXTOR READ CDDA (0xD8) CDB. */
export function readD8(lba: number, count: number, subCode: number): number[] {
  return [0xd8, 0, ...be32(lba), ...be32(count), subCode, 0];
}

/** Whether two byte arrays are equal (faster than deepEqual for sectors). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
