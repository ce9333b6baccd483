// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Linux `sg_io_hdr_t` (scsi/sg.h) on LP64 (x86_64, aarch64): 88 bytes, little-endian. Pure
 * encode/decode so the layout is unit-tested; ffi/linux/sg_io.ts supplies the pointers.
 *
 * @module
 */

/** sizeof(sg_io_hdr_t) on LP64. */
export const SG_IO_HDR_SIZE = 88;
/** The SG_IO ioctl request number. */
export const SG_IO = 0x2285n;
/** dxfer_direction values. */
export const SG_DXFER = { NONE: -1, TO_DEV: -2, FROM_DEV: -3 } as const;

/** Field offsets of sg_io_hdr_t on LP64 (verified with offsetof() against scsi/sg.h). */
export const SG_IO_OFFSETS = {
  interfaceId: 0,
  dxferDirection: 4,
  cmdLen: 8,
  mxSbLen: 9,
  iovecCount: 10,
  dxferLen: 12,
  dxferp: 16,
  cmdp: 24,
  sbp: 32,
  timeout: 40,
  flags: 44,
  packId: 48,
  usrPtr: 56,
  status: 64,
  maskedStatus: 65,
  msgStatus: 66,
  sbLenWr: 67,
  hostStatus: 68,
  driverStatus: 70,
  resid: 72,
  duration: 76,
  info: 80,
} as const;

/** What goes into a request header. */
export interface SgIoRequest {
  /** Data direction. */
  direction: "none" | "in" | "out";
  /** CDB length (6–16). */
  cmdLen: number;
  /** Sense buffer size. */
  senseLen: number;
  /** Data buffer length. */
  dxferLen: number;
  /** Address of the data buffer (0n for none). */
  dxferp: bigint;
  /** Address of the CDB. */
  cmdp: bigint;
  /** Address of the sense buffer. */
  sbp: bigint;
  /** Timeout in milliseconds. */
  timeoutMs: number;
}

/**
 * Encodes a request header.
 *
 * @example Usage
 * ```ts
 * import { encodeSgIoHdr } from "./sg_io_layout.ts";
 * const h = encodeSgIoHdr({ direction: "in", cmdLen: 6, senseLen: 64, dxferLen: 96,
 *   dxferp: 0x1000n, cmdp: 0x2000n, sbp: 0x3000n, timeoutMs: 5000 });
 * if (h.length !== 88 || h[0] !== 0x53 || h[4] !== 0xfd) throw new Error();
 * ```
 */
export function encodeSgIoHdr(r: SgIoRequest): Uint8Array {
  const h = new Uint8Array(SG_IO_HDR_SIZE);
  const v = new DataView(h.buffer);
  const O = SG_IO_OFFSETS;
  v.setInt32(O.interfaceId, 0x53, true); // 'S'
  const dir = r.direction === "none"
    ? SG_DXFER.NONE
    : r.direction === "in"
    ? SG_DXFER.FROM_DEV
    : SG_DXFER.TO_DEV;
  v.setInt32(O.dxferDirection, r.dxferLen === 0 ? SG_DXFER.NONE : dir, true);
  v.setUint8(O.cmdLen, r.cmdLen);
  v.setUint8(O.mxSbLen, r.senseLen);
  v.setUint32(O.dxferLen, r.dxferLen, true);
  v.setBigUint64(O.dxferp, r.dxferLen === 0 ? 0n : r.dxferp, true);
  v.setBigUint64(O.cmdp, r.cmdp, true);
  v.setBigUint64(O.sbp, r.sbp, true);
  v.setUint32(O.timeout, r.timeoutMs, true);
  return h;
}

/** What the kernel wrote back. */
export interface SgIoReply {
  /** SCSI status byte. */
  status: number;
  /** Bytes of sense written. */
  sbLenWr: number;
  /** Host (adapter) status: DID_*. */
  hostStatus: number;
  /** Driver status: DRIVER_* (low 3 bits) and DRIVER_SENSE (0x08). */
  driverStatus: number;
  /** dxfer_len minus bytes transferred (not reliable for short emulated replies). */
  resid: number;
  /** Milliseconds the command took. */
  duration: number;
  /** SG_INFO_* bits. */
  info: number;
}

/** Decodes the reply fields of a header. */
export function decodeSgIoHdr(h: Uint8Array): SgIoReply {
  const v = new DataView(h.buffer, h.byteOffset, h.byteLength);
  const O = SG_IO_OFFSETS;
  return {
    status: v.getUint8(O.status),
    sbLenWr: v.getUint8(O.sbLenWr),
    hostStatus: v.getUint16(O.hostStatus, true),
    driverStatus: v.getUint16(O.driverStatus, true),
    resid: v.getInt32(O.resid, true),
    duration: v.getUint32(O.duration, true),
    info: v.getUint32(O.info, true),
  };
}

const HOST: Record<number, string> = {
  0x01: "DID_NO_CONNECT",
  0x02: "DID_BUS_BUSY",
  0x03: "DID_TIME_OUT",
  0x04: "DID_BAD_TARGET",
  0x05: "DID_ABORT",
  0x06: "DID_PARITY",
  0x07: "DID_ERROR",
  0x08: "DID_RESET",
  0x09: "DID_BAD_INTR",
  0x0a: "DID_PASSTHROUGH",
  0x0b: "DID_SOFT_ERROR",
  0x0c: "DID_IMM_RETRY",
  0x0d: "DID_REQUEUE",
  0x0e: "DID_TRANSPORT_DISRUPTED",
  0x0f: "DID_TRANSPORT_FAILFAST",
};
const DRIVER = [
  "DRIVER_OK",
  "DRIVER_BUSY",
  "DRIVER_SOFT",
  "DRIVER_MEDIA",
  "DRIVER_ERROR",
  "DRIVER_INVALID",
  "DRIVER_TIMEOUT",
  "DRIVER_HARD",
];

/**
 * The transport error a reply amounts to: 0 when the command reached the device, else
 * `(host << 8) | driver` with a message. DRIVER_SENSE alone is not an error (it accompanies
 * CHECK CONDITION).
 *
 * @example Usage
 * ```ts
 * import { sgTransportError } from "./sg_io_layout.ts";
 * const e = sgTransportError({ hostStatus: 7, driverStatus: 0 });
 * if (e.code !== 0x700 || e.message !== "host status DID_ERROR (0x07)") throw new Error(e.message);
 * ```
 */
export function sgTransportError(
  r: Pick<SgIoReply, "hostStatus" | "driverStatus">,
): { code: number; message?: string } {
  const driver = r.driverStatus & 0x07;
  if (r.hostStatus === 0 && driver === 0) return { code: 0 };
  const parts: string[] = [];
  const h2 = (n: number) => `0x${n.toString(16).padStart(2, "0")}`;
  if (r.hostStatus) {
    parts.push(`host status ${HOST[r.hostStatus] ?? "DID_?"} (${h2(r.hostStatus)})`);
  }
  if (driver) parts.push(`driver status ${DRIVER[driver]} (${h2(r.driverStatus)})`);
  if (r.hostStatus === 0x03 || driver === 6) parts.push("the command timed out");
  return { code: (r.hostStatus << 8) | driver, message: parts.join(", ") };
}

/**
 * Maximum transfer per SG_IO from sysfs `queue/max_hw_sectors_kb` (QEMU's ATAPI path reports 128
 * and fails above it); falls back to 64 KiB.
 */
export function maxTransferFromSysfs(
  maxHwSectorsKb: string | null,
  maxSectorsKb?: string | null,
): number {
  const hw = Number(maxHwSectorsKb?.trim());
  const cur = Number(maxSectorsKb?.trim());
  const kb = [hw, cur].filter((n) => Number.isFinite(n) && n > 0);
  return kb.length ? Math.min(...kb) * 1024 : 65536;
}
