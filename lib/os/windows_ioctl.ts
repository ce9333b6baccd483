// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Windows disk I/O constants and struct layouts (winioctl.h, winbase.h, x64), as pure functions so
 * they are tested here although Windows is not. The FFI glue in ffi/windows/ only moves bytes.
 *
 * @module
 */

/** `CTL_CODE(DeviceType, Function, Method, Access)` from winioctl.h. */
export function ctlCode(deviceType: number, fn: number, method: number, access: number): number {
  return ((deviceType << 16) | (access << 14) | (fn << 2) | method) >>> 0;
}

/** METHOD_BUFFERED / METHOD_NEITHER. */
export const METHOD_BUFFERED = 0;
/** Neither buffered nor direct. */
export const METHOD_NEITHER = 3;
/** FILE_ANY_ACCESS / FILE_READ_ACCESS. */
export const FILE_ANY_ACCESS = 0;
/** Read access required. */
export const FILE_READ_ACCESS = 1;
/** IOCTL_DISK_BASE (FILE_DEVICE_DISK). */
export const IOCTL_DISK_BASE = 7;
/** IOCTL_STORAGE_BASE (FILE_DEVICE_MASS_STORAGE). */
export const IOCTL_STORAGE_BASE = 0x2d;
/** FILE_DEVICE_FILE_SYSTEM. */
export const FILE_DEVICE_FILE_SYSTEM = 9;

/** Length of a disk or volume in bytes → GET_LENGTH_INFORMATION (0x7405C). */
export const IOCTL_DISK_GET_LENGTH_INFO: number = ctlCode(
  IOCTL_DISK_BASE,
  0x17,
  METHOD_BUFFERED,
  FILE_READ_ACCESS,
);
/** DISK_GEOMETRY_EX (0x700A0). */
export const IOCTL_DISK_GET_DRIVE_GEOMETRY_EX: number = ctlCode(
  IOCTL_DISK_BASE,
  0x28,
  METHOD_BUFFERED,
  FILE_ANY_ACCESS,
);
/** STORAGE_PROPERTY_QUERY → descriptor (0x2D1400). */
export const IOCTL_STORAGE_QUERY_PROPERTY: number = ctlCode(
  IOCTL_STORAGE_BASE,
  0x500,
  METHOD_BUFFERED,
  FILE_ANY_ACCESS,
);
/** Lets a volume handle read past the file system's end (0x90083). */
export const FSCTL_ALLOW_EXTENDED_DASD_IO: number = ctlCode(
  FILE_DEVICE_FILE_SYSTEM,
  32,
  METHOD_NEITHER,
  FILE_ANY_ACCESS,
);

/** CreateFileW and friends (winnt.h / fileapi.h). */
export const GENERIC_READ = 0x80000000;
/** Share modes. */
export const FILE_SHARE_READ = 1;
/** Share with writers (the OS keeps mounted volumes open for writing). */
export const FILE_SHARE_WRITE = 2;
/** Creation disposition. */
export const OPEN_EXISTING = 3;
/** Unbuffered I/O: sector-aligned offsets, lengths and buffers. */
export const FILE_FLAG_NO_BUFFERING = 0x20000000;
/** Sequential-scan cache hint. */
export const FILE_FLAG_SEQUENTIAL_SCAN = 0x08000000;
/** Needed to open directories (mount folders). */
export const FILE_FLAG_BACKUP_SEMANTICS = 0x02000000;
/** SetFilePointerEx move method. */
export const FILE_BEGIN = 0;
/** SetErrorMode: no "insert a disk" dialogs. */
export const SEM_FAILCRITICALERRORS = 0x0001;
/** SetErrorMode: no "file not found" dialogs. */
export const SEM_NOOPENFILEERRORBOX = 0x8000;
/** STORAGE_PROPERTY_ID: StorageDeviceProperty. */
export const StorageDeviceProperty = 0;
/** STORAGE_PROPERTY_ID: StorageAccessAlignmentProperty (logical/physical sector sizes). */
export const StorageAccessAlignmentProperty = 6;
/** STORAGE_QUERY_TYPE: PropertyStandardQuery. */
export const PropertyStandardQuery = 0;

/** Size of OVERLAPPED on x64. */
export const OVERLAPPED_SIZE = 32;

/**
 * An OVERLAPPED for a positional ReadFile on a synchronous handle: Internal@0, InternalHigh@8,
 * Offset@16, OffsetHigh@20, hEvent@24 (x64).
 *
 * @example Usage
 * ```ts
 * import { encodeOverlapped } from "./windows_ioctl.ts";
 * const o = new DataView(encodeOverlapped(0x1_0000_0200).buffer);
 * if (o.getUint32(16, true) !== 0x200 || o.getUint32(20, true) !== 1) throw new Error();
 * ```
 */
export function encodeOverlapped(offset: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(OVERLAPPED_SIZE);
  const v = new DataView(b.buffer);
  v.setUint32(16, offset % 0x1_0000_0000, true);
  v.setUint32(20, Math.floor(offset / 0x1_0000_0000), true);
  return b;
}

/**
 * STORAGE_PROPERTY_QUERY { PropertyId u32, QueryType u32, AdditionalParameters[1] } padded to 12.
 *
 * @example Usage
 * ```ts
 * import { encodeStoragePropertyQuery } from "./windows_ioctl.ts";
 * const q = encodeStoragePropertyQuery(6);
 * if (q.length !== 12 || q[0] !== 6 || q[4] !== 0) throw new Error();
 * ```
 */
export function encodeStoragePropertyQuery(
  propertyId: number,
  queryType = PropertyStandardQuery,
): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(12);
  const v = new DataView(b.buffer);
  v.setUint32(0, propertyId, true);
  v.setUint32(4, queryType, true);
  return b;
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

function int64(v: DataView, at: number): number {
  return Number(v.getBigInt64(at, true));
}

/** GET_LENGTH_INFORMATION { LARGE_INTEGER Length } → bytes. */
export function decodeLengthInfo(b: Uint8Array): number {
  if (b.length < 8) throw new RangeError("GET_LENGTH_INFORMATION needs 8 bytes");
  return int64(view(b), 0);
}

/** The fields of DISK_GEOMETRY_EX sectorkit uses. */
export interface DriveGeometryEx {
  /** Cylinders (LARGE_INTEGER). */
  cylinders: number;
  /** MEDIA_TYPE enum (12 = FixedMedia, 11 = RemovableMedia). */
  mediaType: number;
  /** Tracks per cylinder. */
  tracksPerCylinder: number;
  /** Sectors per track. */
  sectorsPerTrack: number;
  /** Logical bytes per sector. */
  bytesPerSector: number;
  /** Disk size in bytes. */
  diskSize: number;
}

/**
 * DISK_GEOMETRY_EX: Geometry { Cylinders i64@0, MediaType u32@8, TracksPerCylinder u32@12,
 * SectorsPerTrack u32@16, BytesPerSector u32@20 }, DiskSize i64@24, then Data[].
 *
 * @example Usage
 * ```ts
 * import { decodeDriveGeometryEx } from "./windows_ioctl.ts";
 * const b = new Uint8Array(32);
 * const v = new DataView(b.buffer);
 * v.setUint32(20, 512, true);
 * v.setBigInt64(24, 1000204886016n, true);
 * const g = decodeDriveGeometryEx(b);
 * if (g.bytesPerSector !== 512 || g.diskSize !== 1000204886016) throw new Error();
 * ```
 */
export function decodeDriveGeometryEx(b: Uint8Array): DriveGeometryEx {
  if (b.length < 32) throw new RangeError("DISK_GEOMETRY_EX needs at least 32 bytes");
  const v = view(b);
  return {
    cylinders: int64(v, 0),
    mediaType: v.getUint32(8, true),
    tracksPerCylinder: v.getUint32(12, true),
    sectorsPerTrack: v.getUint32(16, true),
    bytesPerSector: v.getUint32(20, true),
    diskSize: int64(v, 24),
  };
}

/** STORAGE_ACCESS_ALIGNMENT_DESCRIPTOR, 28 bytes. */
export interface AccessAlignment {
  /** Version (= sizeof). */
  version: number;
  /** Size of the descriptor. */
  size: number;
  /** Cache line size. */
  bytesPerCacheLine: number;
  /** Offset for cache alignment. */
  bytesOffsetForCacheAlignment: number;
  /** Logical sector size. */
  bytesPerLogicalSector: number;
  /** Physical sector size. */
  bytesPerPhysicalSector: number;
  /** Offset of the first aligned logical sector. */
  bytesOffsetForSectorAlignment: number;
}

/**
 * Decodes STORAGE_ACCESS_ALIGNMENT_DESCRIPTOR: seven u32 fields.
 *
 * @example Usage
 * ```ts
 * import { decodeAccessAlignment } from "./windows_ioctl.ts";
 * const b = new Uint8Array(28);
 * const v = new DataView(b.buffer);
 * v.setUint32(16, 512, true);
 * v.setUint32(20, 4096, true);
 * const a = decodeAccessAlignment(b);
 * if (a.bytesPerLogicalSector !== 512 || a.bytesPerPhysicalSector !== 4096) throw new Error();
 * ```
 */
export function decodeAccessAlignment(b: Uint8Array): AccessAlignment {
  if (b.length < 28) throw new RangeError("STORAGE_ACCESS_ALIGNMENT_DESCRIPTOR needs 28 bytes");
  const v = view(b);
  const u = (i: number) => v.getUint32(i * 4, true);
  return {
    version: u(0),
    size: u(1),
    bytesPerCacheLine: u(2),
    bytesOffsetForCacheAlignment: u(3),
    bytesPerLogicalSector: u(4),
    bytesPerPhysicalSector: u(5),
    bytesOffsetForSectorAlignment: u(6),
  };
}

/**
 * A NUL-terminated UTF-16LE string for `LPCWSTR` parameters.
 *
 * @example Usage
 * ```ts
 * import { utf16z } from "./windows_ioctl.ts";
 * if (utf16z("D:").join() !== "68,0,58,0,0,0") throw new Error();
 * ```
 */
export function utf16z(s: string): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array((s.length + 1) * 2);
  const v = new DataView(b.buffer);
  for (let i = 0; i < s.length; i++) v.setUint16(i * 2, s.charCodeAt(i), true);
  return b;
}

/** Reads a NUL-terminated UTF-16LE string from a buffer. */
export function fromUtf16z(b: Uint8Array): string {
  const v = view(b);
  let s = "";
  for (let i = 0; i + 1 < b.length; i += 2) {
    const c = v.getUint16(i, true);
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}
