// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The exFAT boot region: the main boot sector's fields and the boot-region checksum (sector 11
 * repeats the checksum of sectors 0–10), per Microsoft's exFAT specification §3.1–3.4.
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import { latin1, le32, le64 } from "../_common/volume.ts";

/** The layout of an exFAT volume, offsets in bytes from the volume start. */
export interface ExfatGeometry {
  /** Bytes per sector. */
  bytesPerSector: number;
  /** Bytes per cluster. */
  clusterSize: number;
  /** Volume length in bytes. */
  volumeLength: number;
  /** Byte offset of the first FAT. */
  fatOffset: number;
  /** Bytes per FAT. */
  fatLength: number;
  /** Number of FATs (1, or 2 for TexFAT). */
  numFats: number;
  /** Byte offset of the cluster heap (cluster 2). */
  heapOffset: number;
  /** Number of clusters in the heap. */
  clusterCount: number;
  /** First cluster of the root directory. */
  rootCluster: number;
  /** Sector index of the boot region used (0 main, 12 backup). */
  bootSector: number;
}

/** Whether the sector carries the exFAT file system name. */
export function looksLikeExfat(b: Uint8Array): boolean {
  return b.length >= 512 && latin1(b, 3, 8) === "EXFAT";
}

/**
 * The boot checksum of a 12-sector boot region (`b` holds at least 12 sectors of
 * `bytesPerSector`): sum over sectors 0–10 skipping VolumeFlags and PercentInUse.
 */
export function bootChecksum(b: Uint8Array, bytesPerSector: number): number {
  let sum = 0;
  for (let i = 0; i < 11 * bytesPerSector; i++) {
    if (i === 106 || i === 107 || i === 112) continue;
    sum = (((sum & 1) ? 0x80000000 : 0) + (sum >>> 1) + b[i]) >>> 0;
  }
  return sum;
}

/**
 * Parses a 12-sector boot region (main or backup) after checking its checksum sector.
 *
 * @example A region with a wrong checksum is rejected
 * ```ts
 * import { parseExfatBoot } from "./exfat_boot.ts";
 * const b = new Uint8Array(12 * 512);
 * b.set(new TextEncoder().encode("EXFAT   "), 3); b[108] = 9; b[510] = 0x55; b[511] = 0xaa;
 * let failed = false;
 * try { parseExfatBoot(b, 1 << 20, 0); } catch { failed = true; }
 * if (!failed) throw new Error("unexpected");
 * ```
 */
export function parseExfatBoot(
  b: Uint8Array,
  volumeLength: number,
  bootSector: number,
): ExfatGeometry {
  const where = bootSector ? "backup boot region" : "boot region";
  const bad = (why: string): never => {
    throw new FormatError(`Bad exFAT ${where}: ${why}`, { offset: bootSector * 512 });
  };
  const shift = b[108];
  if (shift < 9 || shift > 12) bad(`BytesPerSectorShift ${shift}`);
  const bps = 1 << shift;
  if (b.length < 12 * bps) bad("truncated");
  if (b[510] !== 0x55 || b[511] !== 0xaa) bad("no 55 AA boot signature");
  for (let i = 11; i < 64; i++) if (b[i] !== 0) bad("MustBeZero bytes 11–63 are not zero");
  const sum = bootChecksum(b, bps);
  for (let at = 11 * bps; at < 12 * bps; at += 4) {
    if (le32(b, at) !== sum) {
      bad(`checksum sector holds 0x${le32(b, at).toString(16)}, computed 0x${sum.toString(16)}`);
    }
  }
  const spcShift = b[109];
  if (shift + spcShift > 25) bad(`SectorsPerClusterShift ${spcShift}`);
  const clusterSize = bps << spcShift;
  const sectors = le64(b, 72);
  const fatOffset = le32(b, 80) * bps;
  const fatLength = le32(b, 84) * bps;
  const heapOffset = le32(b, 88) * bps;
  const clusterCount = le32(b, 92);
  const rootCluster = le32(b, 96);
  const numFats = b[110];
  if (numFats !== 1 && numFats !== 2) bad(`NumberOfFats ${numFats}`);
  if (fatOffset < 24 * bps) bad(`FatOffset ${fatOffset / bps} inside the boot regions`);
  if (fatLength < (clusterCount + 2) * 4) bad(`FatLength too small for ${clusterCount} clusters`);
  if (heapOffset < fatOffset + numFats * fatLength) bad("cluster heap overlaps the FAT");
  const heapEnd = heapOffset + clusterCount * clusterSize;
  if (heapEnd > sectors * bps || heapOffset > volumeLength) {
    bad(
      `cluster heap ends at byte ${heapEnd}, past the volume (${
        Math.min(sectors * bps, volumeLength)
      } bytes)`,
    );
  }
  if (rootCluster < 2 || rootCluster > clusterCount + 1) {
    bad(`root directory cluster ${rootCluster}`);
  }
  return {
    bytesPerSector: bps,
    clusterSize,
    volumeLength: sectors * bps,
    fatOffset,
    fatLength,
    numFats,
    heapOffset,
    clusterCount,
    rootCluster,
    bootSector,
  };
}
