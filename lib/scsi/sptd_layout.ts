// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Windows SCSI pass-through (ntddscsi.h): `SCSI_PASS_THROUGH_DIRECT` with a sense buffer behind it
 * (`SCSI_PASS_THROUGH_DIRECT_WITH_BUFFER`), for 64-bit (x64/ARM64) and 32-bit layouts, the
 * control codes, `IO_SCSI_CAPABILITIES` and drive-name parsing. Pure, unit-tested; the FFI glue is
 * ffi/windows/sptd.ts.
 *
 * @module
 */

/** CTL_CODE(DeviceType, Function, Method, Access) from winioctl.h. */
export function ctlCode(deviceType: number, fn: number, method: number, access: number): number {
  return ((deviceType << 16) | (access << 14) | (fn << 2) | method) >>> 0;
}

/** IOCTL_SCSI_BASE (FILE_DEVICE_CONTROLLER). */
export const IOCTL_SCSI_BASE = 0x00000004;
/** IOCTL_SCSI_PASS_THROUGH_DIRECT = CTL_CODE(4, 0x405, METHOD_BUFFERED, FILE_READ|FILE_WRITE). */
export const IOCTL_SCSI_PASS_THROUGH_DIRECT: number = ctlCode(IOCTL_SCSI_BASE, 0x0405, 0, 3);
/** IOCTL_SCSI_GET_CAPABILITIES = CTL_CODE(4, 0x404, METHOD_BUFFERED, FILE_ANY_ACCESS). */
export const IOCTL_SCSI_GET_CAPABILITIES: number = ctlCode(IOCTL_SCSI_BASE, 0x0404, 0, 0);
/** DataIn values. */
export const SCSI_IOCTL_DATA = { OUT: 0, IN: 1, UNSPECIFIED: 2 } as const;
/** Sense bytes reserved behind the structure. */
export const SPTD_SENSE_SIZE = 32;

/** Field offsets and sizes of SCSI_PASS_THROUGH_DIRECT(_WITH_BUFFER) for a pointer size. */
export interface SptdLayout {
  /** sizeof(SCSI_PASS_THROUGH_DIRECT). */
  size: number;
  /** offsetof(DataTransferLength). */
  dataTransferLength: number;
  /** offsetof(TimeOutValue). */
  timeOutValue: number;
  /** offsetof(DataBuffer). */
  dataBuffer: number;
  /** offsetof(SenseInfoOffset). */
  senseInfoOffset: number;
  /** offsetof(Cdb). */
  cdb: number;
  /** offsetof(WITH_BUFFER, SenseBuf) (after a ULONG Filler). */
  senseBuf: number;
  /** sizeof(SCSI_PASS_THROUGH_DIRECT_WITH_BUFFER). */
  totalSize: number;
}

/**
 * The layout for 8-byte (64-bit Windows) or 4-byte pointers. USHORT Length; UCHAR ScsiStatus,
 * PathId, TargetId, Lun, CdbLength, SenseInfoLength, DataIn; ULONG DataTransferLength @12,
 * TimeOutValue @16; PVOID DataBuffer (8-aligned: @24 on 64-bit, @20 on 32-bit); ULONG
 * SenseInfoOffset; UCHAR Cdb[16] — then ULONG Filler and UCHAR SenseBuf[32].
 *
 * @example 64-bit
 * ```ts
 * import { sptdLayout } from "./sptd_layout.ts";
 * const l = sptdLayout(8);
 * if (l.size !== 56 || l.dataBuffer !== 24 || l.cdb !== 36 || l.senseBuf !== 60 || l.totalSize !== 96) throw new Error();
 * ```
 */
export function sptdLayout(pointerSize: 4 | 8): SptdLayout {
  const align = (n: number, a: number) => Math.ceil(n / a) * a;
  const dataBuffer = align(20, pointerSize);
  const senseInfoOffset = dataBuffer + pointerSize;
  const cdb = senseInfoOffset + 4;
  const size = align(cdb + 16, pointerSize);
  const senseBuf = size + 4;
  const totalSize = align(senseBuf + SPTD_SENSE_SIZE, pointerSize);
  return {
    size,
    dataTransferLength: 12,
    timeOutValue: 16,
    dataBuffer,
    senseInfoOffset,
    cdb,
    senseBuf,
    totalSize,
  };
}

/** What goes into a request. */
export interface SptdRequest {
  /** The CDB (≤ 16 bytes). */
  cdb: Uint8Array;
  /** Data direction. */
  direction: "none" | "in" | "out";
  /** Data length in bytes. */
  dataLength: number;
  /** Address of the (aligned) data buffer. */
  dataBuffer: bigint;
  /** Timeout in seconds (the structure counts seconds). */
  timeoutSeconds: number;
}

/** Encodes a SCSI_PASS_THROUGH_DIRECT_WITH_BUFFER (little-endian). */
export function encodeSptd(r: SptdRequest, pointerSize: 4 | 8 = 8): Uint8Array {
  if (r.cdb.length > 16) throw new RangeError(`CDB of ${r.cdb.length} bytes exceeds 16`);
  const l = sptdLayout(pointerSize);
  const b = new Uint8Array(l.totalSize);
  const v = new DataView(b.buffer);
  v.setUint16(0, l.size, true);
  b[6] = r.cdb.length;
  b[7] = SPTD_SENSE_SIZE;
  b[8] = r.dataLength === 0 || r.direction === "none"
    ? SCSI_IOCTL_DATA.UNSPECIFIED
    : r.direction === "in"
    ? SCSI_IOCTL_DATA.IN
    : SCSI_IOCTL_DATA.OUT;
  v.setUint32(l.dataTransferLength, r.dataLength, true);
  v.setUint32(l.timeOutValue, Math.max(1, Math.ceil(r.timeoutSeconds)), true);
  if (pointerSize === 8) v.setBigUint64(l.dataBuffer, r.dataLength ? r.dataBuffer : 0n, true);
  else v.setUint32(l.dataBuffer, r.dataLength ? Number(r.dataBuffer) : 0, true);
  v.setUint32(l.senseInfoOffset, l.senseBuf, true);
  b.set(r.cdb, l.cdb);
  return b;
}

/** Decodes the reply: SCSI status, sense and the transferred length. */
export function decodeSptd(
  b: Uint8Array,
  pointerSize: 4 | 8 = 8,
): { status: number; sense: Uint8Array; transferred: number } {
  const l = sptdLayout(pointerSize);
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const senseLen = Math.min(b[7], SPTD_SENSE_SIZE);
  return {
    status: b[2],
    sense: b[2] === 0 ? new Uint8Array() : b.slice(l.senseBuf, l.senseBuf + senseLen),
    transferred: v.getUint32(l.dataTransferLength, true),
  };
}

/** IO_SCSI_CAPABILITIES (24 bytes): the adapter's transfer limits and buffer alignment. */
export function decodeScsiCapabilities(
  b: Uint8Array,
): { maximumTransferLength: number; maximumPhysicalPages: number; alignmentMask: number } {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return {
    maximumTransferLength: v.getUint32(4, true),
    maximumPhysicalPages: v.getUint32(8, true),
    alignmentMask: v.getUint32(16, true),
  };
}

/**
 * Largest safe transfer from the capabilities: MaximumTransferLength, limited by
 * (MaximumPhysicalPages − 1) pages of 4 KiB (the buffer may start mid-page), at least 2 KiB.
 */
export function sptdMaxTransfer(
  caps: { maximumTransferLength: number; maximumPhysicalPages: number },
): number {
  let max = caps.maximumTransferLength || 65536;
  if (caps.maximumPhysicalPages > 1) max = Math.min(max, (caps.maximumPhysicalPages - 1) * 4096);
  return Math.max(2048, Math.floor(max / 2048) * 2048);
}

/**
 * The device path for a drive letter: `d`, `D:`, `D:\` or `\\.\D:` → `\\.\D:`.
 *
 * @example Usage
 * ```ts
 * import { windowsDrivePath } from "./sptd_layout.ts";
 * if (windowsDrivePath("e") !== "\\\\.\\E:") throw new Error(windowsDrivePath("e"));
 * ```
 */
export function windowsDrivePath(name: string): string {
  const m = /^(?:\\\\[.?]\\)?([a-z]):?\\?$/i.exec(name.trim());
  if (m) return `\\\\.\\${m[1].toUpperCase()}:`;
  if (/^\\\\[.?]\\/.test(name)) return name;
  return name;
}
