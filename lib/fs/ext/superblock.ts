// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The ext2/3/4 superblock (1024 bytes at byte 1024 of the volume): the fields the block map needs.
 *
 * @module
 */
import { FormatError } from "../../errors.ts";

/** Byte offset of the primary superblock in the volume. */
export const EXT_SUPERBLOCK_OFFSET = 1024;
/** `s_magic`. */
export const EXT_MAGIC = 0xef53;

/** Feature bits used by the parser (linux fs/ext4/ext4.h). */
export const ExtFeature = {
  compatHasJournal: 0x4,
  compatSparseSuper2: 0x200,
  incompatFiletype: 0x2,
  incompatJournalDev: 0x8,
  incompatMetaBg: 0x10,
  incompatExtents: 0x40,
  incompat64bit: 0x80,
  incompatFlexBg: 0x200,
  incompatInlineData: 0x8000,
  roCompatSparseSuper: 0x1,
  roCompatHugeFile: 0x8,
  roCompatGdtCsum: 0x10,
  roCompatDirNlink: 0x20,
  roCompatExtraIsize: 0x40,
  roCompatBigalloc: 0x200,
  roCompatMetadataCsum: 0x400,
} as const;

/** The parsed superblock. */
export interface ExtSuperblock {
  /** Inodes in the filesystem. */
  inodesCount: number;
  /** Blocks in the filesystem (64-bit aware). */
  blocksCount: number;
  /** First data block (1 for 1 KiB blocks, else 0). */
  firstDataBlock: number;
  /** Block size in bytes. */
  blockSize: number;
  /** Blocks per group. */
  blocksPerGroup: number;
  /** Inodes per group. */
  inodesPerGroup: number;
  /** Revision level (0 = original, fixed 128-byte inodes). */
  revLevel: number;
  /** First non-reserved inode. */
  firstIno: number;
  /** Inode size in bytes. */
  inodeSize: number;
  /** Feature words. */
  featureCompat: number;
  /** Incompatible features. */
  featureIncompat: number;
  /** Read-only compatible features. */
  featureRoCompat: number;
  /** Volume label. */
  label: string;
  /** Reserved GDT blocks (for online resize). */
  reservedGdtBlocks: number;
  /** Journal inode (0 when none). */
  journalInum: number;
  /** Group descriptor size (32, or 64 with the 64bit feature). */
  descSize: number;
  /** First meta block group (meta_bg). */
  firstMetaBg: number;
  /** Backup superblock groups with sparse_super2. */
  backupBgs: [number, number];
  /** Number of block groups. */
  groupCount: number;
  /** "ext2", "ext3" or "ext4". */
  type: "ext2" | "ext3" | "ext4";
}

/**
 * Parses the 1024-byte superblock; throws a {@linkcode FormatError} naming the bad field.
 *
 * @example Usage
 * ```ts
 * import { parseExtSuperblock } from "./superblock.ts";
 * const b = new Uint8Array(1024);
 * const v = new DataView(b.buffer);
 * v.setUint32(0, 16, true); v.setUint32(4, 64, true); v.setUint32(20, 1, true);
 * v.setUint32(32, 8192, true); v.setUint32(40, 16, true); v.setUint16(56, 0xef53, true);
 * if (parseExtSuperblock(b).blockSize !== 1024) throw new Error("unexpected");
 * ```
 */
export function parseExtSuperblock(b: Uint8Array): ExtSuperblock {
  if (b.length < 1024) throw new FormatError("ext superblock: short read");
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u32 = (o: number) => v.getUint32(o, true);
  const u16 = (o: number) => v.getUint16(o, true);
  if (u16(56) !== EXT_MAGIC) {
    throw new FormatError(`ext superblock: bad magic 0x${u16(56).toString(16)} (expected 0xef53)`);
  }
  const logBlock = u32(24);
  if (logBlock > 6) throw new FormatError(`ext superblock: bad s_log_block_size ${logBlock}`);
  const blockSize = 1024 << logBlock;
  const featureCompat = u32(92);
  const featureIncompat = u32(96);
  const featureRoCompat = u32(100);
  const is64 = (featureIncompat & ExtFeature.incompat64bit) !== 0;
  const blocksCount = u32(4) + (is64 ? u32(336) * 2 ** 32 : 0);
  const firstDataBlock = u32(20);
  const blocksPerGroup = u32(32);
  const inodesPerGroup = u32(40);
  const revLevel = u32(76);
  const inodeSize = revLevel === 0 ? 128 : u16(88);
  const descSize = is64 ? u16(254) : 32;
  if (blocksPerGroup === 0 || blocksPerGroup > blockSize * 8 * 16) {
    throw new FormatError(`ext superblock: bad s_blocks_per_group ${blocksPerGroup}`);
  }
  if (inodesPerGroup === 0) throw new FormatError("ext superblock: s_inodes_per_group is 0");
  if (inodeSize < 128 || inodeSize > blockSize || (inodeSize & (inodeSize - 1)) !== 0) {
    throw new FormatError(`ext superblock: bad s_inode_size ${inodeSize}`);
  }
  if (descSize < 32 || descSize > 1024 || (descSize & (descSize - 1)) !== 0) {
    throw new FormatError(`ext superblock: bad s_desc_size ${descSize}`);
  }
  if (blocksCount <= firstDataBlock) {
    throw new FormatError(`ext superblock: bad s_blocks_count ${blocksCount}`);
  }
  const label = new TextDecoder().decode(b.subarray(120, 136)).replace(/\0.*$/s, "");
  const ext4Bits = ExtFeature.incompatExtents | ExtFeature.incompat64bit |
    ExtFeature.incompatFlexBg | ExtFeature.incompatInlineData;
  const ext4Ro = ExtFeature.roCompatHugeFile | ExtFeature.roCompatGdtCsum |
    ExtFeature.roCompatDirNlink | ExtFeature.roCompatExtraIsize | ExtFeature.roCompatMetadataCsum;
  const type = (featureIncompat & ext4Bits) || (featureRoCompat & ext4Ro)
    ? "ext4"
    : featureCompat & ExtFeature.compatHasJournal
    ? "ext3"
    : "ext2";
  return {
    inodesCount: u32(0),
    blocksCount,
    firstDataBlock,
    blockSize,
    blocksPerGroup,
    inodesPerGroup,
    revLevel,
    firstIno: revLevel === 0 ? 11 : u32(84),
    inodeSize,
    featureCompat,
    featureIncompat,
    featureRoCompat,
    label,
    reservedGdtBlocks: u16(206),
    journalInum: u32(224),
    descSize,
    firstMetaBg: u32(260),
    backupBgs: [u32(588), u32(592)],
    groupCount: Math.ceil((blocksCount - firstDataBlock) / blocksPerGroup),
    type,
  };
}

/** Whether group `g` holds a superblock backup (sparse_super: 0, 1 and powers of 3, 5, 7). */
export function groupHasSuperblock(sb: ExtSuperblock, g: number): boolean {
  if (g === 0) return true;
  if (sb.featureCompat & ExtFeature.compatSparseSuper2) {
    return g === sb.backupBgs[0] || g === sb.backupBgs[1];
  }
  if (!(sb.featureRoCompat & ExtFeature.roCompatSparseSuper)) return true;
  if (g === 1) return true;
  for (const base of [3, 5, 7]) {
    let p = base;
    while (p < g) p *= base;
    if (p === g) return true;
  }
  return false;
}
