// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Windows file → disk layouts (pure, testable on any OS): FSCTL_GET_RETRIEVAL_POINTERS,
 * FSCTL_GET_RETRIEVAL_POINTER_BASE, IOCTL_VOLUME_GET_VOLUME_DISK_EXTENTS, and the whole-disk
 * formula `disk byte = DISK_EXTENT.StartingOffset + FileAreaOffset × BytesPerSector + LCN ×
 * BytesPerCluster`. Layouts from MS-FSCC §2.3 and winioctl.h (x64).
 *
 * @module
 */
import { FormatError } from "../errors.ts";

/** CTL_CODE(DeviceType, Function, Method, Access). */
export function ctlCode(deviceType: number, fn: number, method: number, access: number): number {
  return ((deviceType << 16) | (access << 14) | (fn << 2) | method) >>> 0;
}

/** FSCTL_GET_RETRIEVAL_POINTERS = CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 28, METHOD_NEITHER, ANY). */
export const FSCTL_GET_RETRIEVAL_POINTERS: number = ctlCode(9, 28, 3, 0);
/** FSCTL_GET_RETRIEVAL_POINTER_BASE = CTL_CODE(9, 141, METHOD_BUFFERED, ANY). */
export const FSCTL_GET_RETRIEVAL_POINTER_BASE: number = ctlCode(9, 141, 0, 0);
/** IOCTL_VOLUME_GET_VOLUME_DISK_EXTENTS = CTL_CODE(IOCTL_VOLUME_BASE 0x56, 0, BUFFERED, ANY). */
export const IOCTL_VOLUME_GET_VOLUME_DISK_EXTENTS: number = ctlCode(0x56, 0, 0, 0);
/** IOCTL_VOLUME_LOGICAL_TO_PHYSICAL = CTL_CODE(0x56, 8, BUFFERED, ANY). */
export const IOCTL_VOLUME_LOGICAL_TO_PHYSICAL: number = ctlCode(0x56, 8, 0, 0);
/** ERROR_MORE_DATA: grow the buffer and call again. */
export const ERROR_MORE_DATA = 234;
/** ERROR_HANDLE_EOF: resident stream (data in the MFT record) or StartingVcn past the end. */
export const ERROR_HANDLE_EOF = 38;

/** One run of a RETRIEVAL_POINTERS_BUFFER. `lcn` −1 = sparse hole or compression-unit tail. */
export interface RetrievalRun {
  /** First VCN (cluster in the file). */
  vcn: number;
  /** Clusters. */
  clusters: number;
  /** First LCN, or −1. */
  lcn: number;
}

/** STARTING_VCN_INPUT_BUFFER (8 bytes). */
export function startingVcnInput(vcn: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigInt64(0, BigInt(vcn), true);
  return b;
}

/**
 * Parses RETRIEVAL_POINTERS_BUFFER: u32 ExtentCount @0, i64 StartingVcn @8, then 16-byte
 * {i64 NextVcn, i64 Lcn} entries @16.
 *
 * @example Usage
 * ```ts
 * import { parseRetrievalPointers } from "./windows_extents.ts";
 * const b = new Uint8Array(32);
 * const v = new DataView(b.buffer);
 * v.setUint32(0, 1, true); v.setBigInt64(16, 18n, true); v.setBigInt64(24, 8704n, true);
 * const r = parseRetrievalPointers(b);
 * if (r.runs[0].clusters !== 18 || r.runs[0].lcn !== 8704) throw new Error("unexpected");
 * ```
 */
export function parseRetrievalPointers(b: Uint8Array): { runs: RetrievalRun[]; nextVcn: number } {
  if (b.length < 16) throw new FormatError("RETRIEVAL_POINTERS_BUFFER: shorter than 16 bytes");
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const count = v.getUint32(0, true);
  if (16 + count * 16 > b.length) {
    throw new FormatError(
      `RETRIEVAL_POINTERS_BUFFER: ${count} extents do not fit ${b.length} bytes`,
    );
  }
  let vcn = Number(v.getBigInt64(8, true));
  const runs: RetrievalRun[] = [];
  for (let i = 0; i < count; i++) {
    const next = Number(v.getBigInt64(16 + i * 16, true));
    const lcn = Number(v.getBigInt64(24 + i * 16, true));
    if (next <= vcn) {
      throw new FormatError(`RETRIEVAL_POINTERS_BUFFER: extent ${i} does not advance`);
    }
    runs.push({ vcn, clusters: next - vcn, lcn });
    vcn = next;
  }
  return { runs, nextVcn: vcn };
}

/** Parses RETRIEVAL_POINTER_BASE: i64 FileAreaOffset (in sectors). */
export function parseRetrievalPointerBase(b: Uint8Array): number {
  if (b.length < 8) throw new FormatError("RETRIEVAL_POINTER_BASE: shorter than 8 bytes");
  return Number(new DataView(b.buffer, b.byteOffset, 8).getBigInt64(0, true));
}

/** One DISK_EXTENT. */
export interface DiskExtent {
  /** \\.\PhysicalDriveN. */
  diskNumber: number;
  /** Byte offset of the volume on the disk. */
  startingOffset: number;
  /** Length in bytes. */
  length: number;
}

/** Parses VOLUME_DISK_EXTENTS: u32 count @0, 24-byte DISK_EXTENT entries @8. */
export function parseVolumeDiskExtents(b: Uint8Array): DiskExtent[] {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const n = v.getUint32(0, true);
  if (8 + n * 24 > b.length) throw new FormatError(`VOLUME_DISK_EXTENTS: ${n} extents do not fit`);
  return Array.from({ length: n }, (_, i) => ({
    diskNumber: v.getUint32(8 + i * 24, true),
    startingOffset: Number(v.getBigInt64(16 + i * 24, true)),
    length: Number(v.getBigInt64(24 + i * 24, true)),
  }));
}

/** A file run on the physical disk. */
export interface WindowsDiskRun {
  /** Byte offset in the file. */
  fileOffset: number;
  /** Length in bytes. */
  length: number;
  /** Byte offset on \\.\PhysicalDriveN, or null for holes. */
  physicalOffset: number | null;
  /** Disk number. */
  diskNumber: number;
  /** "hole" for LCN −1. */
  flags: string[];
}

/**
 * Applies the whole-disk formula to retrieval runs (simple volumes: one disk extent; spanned or
 * striped volumes need IOCTL_VOLUME_LOGICAL_TO_PHYSICAL per run).
 *
 * @example Usage
 * ```ts
 * import { windowsRunsToDisk } from "./windows_extents.ts";
 * // FAT32: cluster heap at sector 1232, 4 KiB clusters, volume at 1 MiB
 * const r = windowsRunsToDisk([{ vcn: 0, clusters: 2, lcn: 3 }], 4096, 512, 1232,
 *   { diskNumber: 0, startingOffset: 1048576, length: 1 << 30 });
 * if (r[0].physicalOffset !== 1048576 + 1232 * 512 + 3 * 4096) throw new Error("unexpected");
 * ```
 */
export function windowsRunsToDisk(
  runs: RetrievalRun[],
  bytesPerCluster: number,
  bytesPerSector: number,
  fileAreaOffsetSectors: number,
  disk: DiskExtent,
): WindowsDiskRun[] {
  return runs.map((r) => ({
    fileOffset: r.vcn * bytesPerCluster,
    length: r.clusters * bytesPerCluster,
    physicalOffset: r.lcn < 0
      ? null
      : disk.startingOffset + fileAreaOffsetSectors * bytesPerSector + r.lcn * bytesPerCluster,
    diskNumber: disk.diskNumber,
    flags: r.lcn < 0 ? ["hole"] : [],
  }));
}

/** FSCTL_GET_NTFS_VOLUME_DATA = CTL_CODE(9, 25, METHOD_BUFFERED, ANY). */
export const FSCTL_GET_NTFS_VOLUME_DATA: number = ctlCode(9, 25, 0, 0);

/** The NTFS_VOLUME_DATA_BUFFER fields used to place MFT records. */
export interface NtfsVolumeData {
  /** Bytes per sector. */
  bytesPerSector: number;
  /** Bytes per cluster. */
  bytesPerCluster: number;
  /** Bytes per MFT record (file record segment). */
  bytesPerRecord: number;
  /** First cluster of $MFT. */
  mftStartLcn: number;
}

/** Parses NTFS_VOLUME_DATA_BUFFER (96 bytes). */
export function parseNtfsVolumeData(b: Uint8Array): NtfsVolumeData {
  if (b.length < 96) throw new FormatError("NTFS_VOLUME_DATA_BUFFER: shorter than 96 bytes");
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return {
    bytesPerSector: v.getUint32(40, true),
    bytesPerCluster: v.getUint32(44, true),
    bytesPerRecord: v.getUint32(48, true),
    mftStartLcn: Number(v.getBigInt64(64, true)),
  };
}

/**
 * Where a resident file's MFT record lies on the volume: record index = low 48 bits of the file
 * reference (BY_HANDLE_FILE_INFORMATION nFileIndexHigh/Low), placed through $MFT's own runs (or
 * at MftStartLcn when they are unknown).
 *
 * @example Usage
 * ```ts
 * import { mftRecordOffset } from "./windows_extents.ts";
 * const vd = { bytesPerSector: 512, bytesPerCluster: 4096, bytesPerRecord: 1024, mftStartLcn: 4 };
 * // locate.md: small.txt resident in record 65 → byte 4 × 4096 + 65 × 1024 = 82944
 * if (mftRecordOffset(vd, 65, null) !== 82944) throw new Error("unexpected");
 * ```
 */
export function mftRecordOffset(
  vd: NtfsVolumeData,
  fileReference: number | bigint,
  mftRuns: RetrievalRun[] | null,
): number {
  const index = Number(BigInt(fileReference) & 0xffffffffffffn);
  const byte = index * vd.bytesPerRecord;
  if (!mftRuns) return vd.mftStartLcn * vd.bytesPerCluster + byte;
  const vcn = Math.floor(byte / vd.bytesPerCluster);
  const r = mftRuns.find((r) => vcn >= r.vcn && vcn < r.vcn + r.clusters);
  if (!r || r.lcn < 0) throw new FormatError(`$MFT: record ${index} is not mapped`);
  return (r.lcn + vcn - r.vcn) * vd.bytesPerCluster + (byte % vd.bytesPerCluster);
}

/** VOLUME_LOGICAL_OFFSET input (i64) for IOCTL_VOLUME_LOGICAL_TO_PHYSICAL. */
export function volumeLogicalOffset(offset: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigInt64(0, BigInt(offset), true);
  return b;
}

/**
 * Parses VOLUME_PHYSICAL_OFFSETS: u32 NumberOfPhysicalOffsets @0, then 16-byte
 * {u32 DiskNumber @0; i64 Offset @8} entries @8 (several for mirrors).
 *
 * @example Usage
 * ```ts
 * import { parseVolumePhysicalOffsets } from "./windows_extents.ts";
 * const b = new Uint8Array(24);
 * const v = new DataView(b.buffer);
 * v.setUint32(0, 1, true); v.setUint32(8, 3, true); v.setBigInt64(16, 1048576n, true);
 * if (parseVolumePhysicalOffsets(b)[0].offset !== 1048576) throw new Error("unexpected");
 * ```
 */
export function parseVolumePhysicalOffsets(
  b: Uint8Array,
): { diskNumber: number; offset: number }[] {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const n = v.getUint32(0, true);
  if (8 + n * 16 > b.length) {
    throw new FormatError(`VOLUME_PHYSICAL_OFFSETS: ${n} entries do not fit`);
  }
  return Array.from({ length: n }, (_, i) => ({
    diskNumber: v.getUint32(8 + i * 16, true),
    offset: Number(v.getBigInt64(16 + i * 16, true)),
  }));
}

/** Extent flags implied by Windows file attributes (compressed, encrypted, sparse). */
export function attributeFlags(attributes: number): string[] {
  const out: string[] = [];
  if (attributes & 0x800) out.push("compressed"); // FILE_ATTRIBUTE_COMPRESSED
  if (attributes & 0x4000) out.push("encrypted"); // FILE_ATTRIBUTE_ENCRYPTED (EFS)
  return out;
}
