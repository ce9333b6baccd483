// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The NTFS boot sector: sector and cluster size, MFT location, record sizes.
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import { latin1, le16, le64 } from "../_common/volume.ts";

/** The layout of an NTFS volume read from its boot sector. */
export interface NtfsGeometry {
  /** Bytes per sector. */
  bytesPerSector: number;
  /** Bytes per cluster. */
  clusterSize: number;
  /** Total sectors (the backup boot sector follows them). */
  totalSectors: number;
  /** Number of clusters. */
  clusterCount: number;
  /** LCN of $MFT. */
  mftLcn: number;
  /** LCN of $MFTMirr. */
  mftMirrLcn: number;
  /** Bytes per MFT record (file record segment). */
  recordSize: number;
  /** Bytes per index record (INDX). */
  indexRecordSize: number;
}

/** Whether the sector carries the NTFS OEM id. */
export function looksLikeNtfs(b: Uint8Array): boolean {
  return b.length >= 512 && latin1(b, 3, 8) === "NTFS";
}

function recordBytes(v: number, clusterSize: number): number {
  const s = v > 127 ? v - 256 : v;
  return s < 0 ? 2 ** -s : s * clusterSize;
}

/**
 * Parses and checks an NTFS boot sector.
 *
 * @example
 * ```ts
 * import { parseNtfsBoot } from "./ntfs_boot.ts";
 * const b = new Uint8Array(512);
 * b.set(new TextEncoder().encode("NTFS    "), 3);
 * const dv = new DataView(b.buffer);
 * dv.setUint16(11, 512, true); b[13] = 8; dv.setUint32(0x28, 131071, true);
 * dv.setUint32(0x30, 4, true); dv.setUint32(0x38, 8000, true); b[0x40] = 0xf6; b[0x44] = 1;
 * b[510] = 0x55; b[511] = 0xaa;
 * const g = parseNtfsBoot(b, 64 << 20);
 * if (g.recordSize !== 1024 || g.clusterSize !== 4096) throw new Error("unexpected");
 * ```
 */
export function parseNtfsBoot(b: Uint8Array, volumeLength: number): NtfsGeometry {
  const bad = (why: string): never => {
    throw new FormatError(`Bad NTFS boot sector: ${why}`, { offset: 0 });
  };
  const bps = le16(b, 11);
  if (![512, 1024, 2048, 4096].includes(bps)) bad(`bytes per sector ${bps}`);
  const spcRaw = b[13];
  const spc = spcRaw > 0x80 ? 2 ** (256 - spcRaw) : spcRaw;
  if (spc === 0 || (spc & (spc - 1)) !== 0) bad(`sectors per cluster ${spcRaw}`);
  const clusterSize = bps * spc;
  if (clusterSize > 2 * 1024 * 1024) bad(`cluster size ${clusterSize}`);
  const totalSectors = le64(b, 0x28);
  if (totalSectors === 0) bad("0 total sectors");
  const clusterCount = Math.floor(totalSectors / spc);
  const mftLcn = le64(b, 0x30);
  const mftMirrLcn = le64(b, 0x38);
  if (mftLcn === 0 || mftLcn >= clusterCount) bad(`$MFT cluster ${mftLcn} out of range`);
  if (mftMirrLcn >= clusterCount) bad(`$MFTMirr cluster ${mftMirrLcn} out of range`);
  const recordSize = recordBytes(b[0x40], clusterSize);
  const indexRecordSize = recordBytes(b[0x44], clusterSize);
  for (const [n, v] of [["MFT record", recordSize], ["index record", indexRecordSize]] as const) {
    if (v < 256 || v > 65536 || (v & (v - 1)) !== 0) bad(`${n} size ${v}`);
  }
  if (mftLcn * clusterSize >= volumeLength) {
    bad(`$MFT at byte ${mftLcn * clusterSize} is beyond the volume (${volumeLength} bytes)`);
  }
  return {
    bytesPerSector: bps,
    clusterSize,
    totalSectors,
    clusterCount,
    mftLcn,
    mftMirrLcn,
    recordSize,
    indexRecordSize,
  };
}
