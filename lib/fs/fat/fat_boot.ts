// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The FAT12/16/32 boot sector (BIOS parameter block) and the layout derived from it
 * (Microsoft "FAT: General Overview of On-Disk Format" v1.03).
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import { latin1, le16, le32 } from "../_common/volume.ts";

/** The layout of a FAT volume, all offsets in bytes from the volume start. */
export interface FatGeometry {
  /** 12, 16 or 32. */
  bits: 12 | 16 | 32;
  /** Bytes per sector. */
  bytesPerSector: number;
  /** Sectors per cluster. */
  sectorsPerCluster: number;
  /** Bytes per cluster. */
  clusterSize: number;
  /** Reserved sectors (boot sector, FSInfo, backup boot sector). */
  reservedSectors: number;
  /** Number of FAT copies. */
  numFats: number;
  /** Sectors per FAT. */
  fatSectors: number;
  /** Total sectors of the volume. */
  totalSectors: number;
  /** Root directory entries (FAT12/16 fixed root directory; 0 on FAT32). */
  rootEntries: number;
  /** Byte offset of the fixed root directory (FAT12/16). */
  rootDirOffset: number;
  /** Byte length of the fixed root directory (0 on FAT32). */
  rootDirLength: number;
  /** First cluster of the root directory (FAT32), else 0. */
  rootCluster: number;
  /** Byte offset of cluster 2 (the data region). */
  dataOffset: number;
  /** Number of data clusters (valid cluster numbers are 2 .. clusterCount+1). */
  clusterCount: number;
  /** Volume label from the extended BPB ("" for "NO NAME"). */
  label: string;
  /** The FAT copy in use (FAT32 BPB_ExtFlags with mirroring disabled), else 0. */
  activeFat: number;
}

/** Whether the sector looks like a FAT boot sector at all (so a wrong probe can say "not FAT"). */
export function looksLikeFat(b: Uint8Array): boolean {
  if (b.length < 512) return false;
  const oem = latin1(b, 3, 8);
  if (oem === "NTFS" || oem === "EXFAT") return false;
  if (!(b[0] === 0xeb || b[0] === 0xe9 || b[0] === 0xe8)) return false;
  if (latin1(b, 0x36, 3) === "FAT" || latin1(b, 0x52, 5) === "FAT32") return true;
  // No type string (allowed by the spec): require a sane BPB and the boot signature.
  const bps = le16(b, 11);
  return b[510] === 0x55 && b[511] === 0xaa && [512, 1024, 2048, 4096].includes(bps) &&
    b[13] !== 0 && (b[13] & (b[13] - 1)) === 0 && le16(b, 14) > 0 && b[16] > 0;
}

/**
 * Parses and checks the BPB of a FAT volume of `volumeLength` bytes.
 *
 * @example A FAT12 floppy BPB
 * ```ts
 * import { parseFatBoot } from "./fat_boot.ts";
 * const b = new Uint8Array(512);
 * b.set([0xeb, 0x3c, 0x90]);
 * const dv = new DataView(b.buffer);
 * dv.setUint16(11, 512, true); b[13] = 1; dv.setUint16(14, 1, true); b[16] = 2;
 * dv.setUint16(17, 224, true); dv.setUint16(19, 2880, true); dv.setUint16(22, 9, true);
 * b.set(new TextEncoder().encode("FAT12   "), 0x36); b[510] = 0x55; b[511] = 0xaa;
 * const g = parseFatBoot(b, 1474560);
 * if (g.bits !== 12 || g.dataOffset !== 33 * 512) throw new Error("unexpected");
 * ```
 */
export function parseFatBoot(b: Uint8Array, volumeLength: number): FatGeometry {
  const bad = (why: string): never => {
    throw new FormatError(`Bad FAT boot sector (BPB): ${why}`, { offset: 0 });
  };
  const bps = le16(b, 11);
  if (![512, 1024, 2048, 4096].includes(bps)) bad(`bytes per sector ${bps}`);
  const spc = b[13];
  if (spc === 0 || (spc & (spc - 1)) !== 0) bad(`sectors per cluster ${spc}`);
  const reserved = le16(b, 14);
  if (reserved === 0) bad("0 reserved sectors");
  const numFats = b[16];
  if (numFats === 0) bad("0 FATs");
  const rootEntries = le16(b, 17);
  const total = le16(b, 19) || le32(b, 32);
  if (total === 0) bad("0 total sectors");
  const fat16 = le16(b, 22);
  const fatSectors = fat16 || le32(b, 36);
  if (fatSectors === 0) bad("0 sectors per FAT");
  const isFat32Layout = fat16 === 0;
  if (isFat32Layout && rootEntries !== 0) bad(`FAT32 with ${rootEntries} fixed root entries`);
  if (!isFat32Layout && rootEntries === 0) bad("FAT12/16 with no root directory entries");
  const rootDirSectors = Math.ceil((rootEntries * 32) / bps);
  const firstData = reserved + numFats * fatSectors + rootDirSectors;
  if (firstData >= total) bad(`data region starts at sector ${firstData} of ${total}`);
  if (firstData * bps > volumeLength) {
    bad(`data region at byte ${firstData * bps} is beyond the volume (${volumeLength} bytes)`);
  }
  const clusterCount = Math.floor((total - firstData) / spc);
  let bits: 12 | 16 | 32;
  if (isFat32Layout) bits = 32;
  else bits = clusterCount < 4085 ? 12 : 16;
  if (bits !== 32 && clusterCount >= 65525) bad(`${clusterCount} clusters need FAT32`);
  const entriesInFat = Math.floor((fatSectors * bps * 8) / bits);
  if (entriesInFat < clusterCount + 2) {
    bad(`FAT of ${fatSectors} sectors holds ${entriesInFat} entries for ${clusterCount} clusters`);
  }
  const rootCluster = isFat32Layout ? le32(b, 44) & 0x0fffffff : 0;
  // FAT32 BPB_ExtFlags: bit 7 set = mirroring disabled, bits 0-3 = the one active FAT.
  const extFlags = isFat32Layout ? le16(b, 40) : 0;
  const activeFat = extFlags & 0x80 ? extFlags & 0x0f : 0;
  if (activeFat >= numFats) bad(`active FAT ${activeFat} of ${numFats}`);
  if (isFat32Layout && (rootCluster < 2 || rootCluster > clusterCount + 1)) {
    bad(`root directory cluster ${rootCluster} out of range`);
  }
  const labelAt = isFat32Layout ? 0x47 : 0x2b;
  const sigAt = isFat32Layout ? 0x42 : 0x26;
  let label = b[sigAt] === 0x29 ? latin1(b, labelAt, 11) : "";
  if (label === "NO NAME") label = "";
  return {
    bits,
    bytesPerSector: bps,
    sectorsPerCluster: spc,
    clusterSize: bps * spc,
    reservedSectors: reserved,
    numFats,
    fatSectors,
    totalSectors: total,
    rootEntries,
    rootDirOffset: (reserved + numFats * fatSectors) * bps,
    rootDirLength: rootDirSectors * bps,
    rootCluster,
    dataOffset: firstData * bps,
    clusterCount,
    label,
    activeFat,
  };
}
