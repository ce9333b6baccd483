// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * ext block group descriptors (32- or 64-byte) and where the per-group structures lie: superblock
 * backups, descriptor table (incl. meta_bg), reserved GDT, bitmaps and inode table (flex_bg aware,
 * since the descriptors give absolute block numbers).
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import { ExtFeature, type ExtSuperblock, groupHasSuperblock } from "./superblock.ts";

/** One group descriptor. */
export interface ExtGroupDesc {
  /** Block bitmap block. */
  blockBitmap: number;
  /** Inode bitmap block. */
  inodeBitmap: number;
  /** First inode table block. */
  inodeTable: number;
  /** bg_flags (1 INODE_UNINIT, 2 BLOCK_UNINIT, 4 INODE_ZEROED). */
  flags: number;
}

/**
 * Parses `count` descriptors from the concatenated descriptor-table bytes.
 *
 * @example Usage
 * ```ts
 * import { parseGroupDescs } from "./group_desc.ts";
 * const b = new Uint8Array(32);
 * new DataView(b.buffer).setUint32(8, 5, true);
 * if (parseGroupDescs(b, 1, 32, false)[0].inodeTable !== 5) throw new Error("unexpected");
 * ```
 */
export function parseGroupDescs(
  b: Uint8Array,
  count: number,
  descSize: number,
  is64: boolean,
): ExtGroupDesc[] {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: ExtGroupDesc[] = [];
  const wide = is64 && descSize >= 64;
  for (let g = 0; g < count; g++) {
    const o = g * descSize;
    if (o + descSize > b.length) throw new FormatError(`ext group descriptor ${g}: truncated`);
    const hi = (x: number) => (wide ? v.getUint32(o + x, true) * 2 ** 32 : 0);
    out.push({
      blockBitmap: v.getUint32(o, true) + hi(0x20),
      inodeBitmap: v.getUint32(o + 4, true) + hi(0x24),
      inodeTable: v.getUint32(o + 8, true) + hi(0x28),
      flags: v.getUint16(o + 0x12, true),
    });
  }
  return out;
}

/** First block of group `g`. */
export function groupStart(sb: ExtSuperblock, g: number): number {
  return sb.firstDataBlock + g * sb.blocksPerGroup;
}

/** Descriptors per block and the number of descriptor-table blocks. */
export function gdtGeometry(sb: ExtSuperblock): { perBlock: number; blocks: number } {
  const perBlock = sb.blockSize / sb.descSize;
  return { perBlock, blocks: Math.ceil(sb.groupCount / perBlock) };
}

/**
 * Block numbers of descriptor-table block `i` in the primary copy (meta_bg aware).
 *
 * @example Usage
 * ```ts ignore
 * const blk = gdtBlockLocation(sb, 0); // 1 for 4 KiB blocks, 2 for 1 KiB blocks
 * ```
 */
export function gdtBlockLocation(sb: ExtSuperblock, i: number): number {
  const { perBlock } = gdtGeometry(sb);
  const metaBg = (sb.featureIncompat & ExtFeature.incompatMetaBg) !== 0;
  if (!metaBg || i < sb.firstMetaBg) return groupStart(sb, 0) + 1 + i;
  const g = i * perBlock;
  return groupStart(sb, g) + (groupHasSuperblock(sb, g) ? 1 : 0);
}

/** A fixed per-group structure, in blocks. */
export interface ExtGroupRegion {
  /** Name as `owner` prints it. */
  name: string;
  /** First block. */
  block: number;
  /** Number of blocks. */
  count: number;
}

/** Every superblock, descriptor, reserved-GDT, bitmap and inode-table region of the filesystem. */
export function groupRegions(sb: ExtSuperblock, descs: ExtGroupDesc[]): ExtGroupRegion[] {
  const out: ExtGroupRegion[] = [];
  const { perBlock, blocks: gdtBlocks } = gdtGeometry(sb);
  const metaBg = (sb.featureIncompat & ExtFeature.incompatMetaBg) !== 0;
  const inodeTableBlocks = Math.ceil((sb.inodesPerGroup * sb.inodeSize) / sb.blockSize);
  for (let g = 0; g < sb.groupCount; g++) {
    const start = groupStart(sb, g);
    if (groupHasSuperblock(sb, g)) {
      // Block 0 of a 1 KiB-block filesystem is the boot block; with larger blocks it holds both.
      if (g === 0 && sb.firstDataBlock === 1) out.push({ name: "boot block", block: 0, count: 1 });
      out.push({ name: `superblock (group ${g})`, block: start, count: 1 });
      const primary = metaBg ? Math.min(gdtBlocks, sb.firstMetaBg) : gdtBlocks;
      if (primary > 0) {
        out.push({ name: `group descriptors (group ${g})`, block: start + 1, count: primary });
      }
      if (sb.reservedGdtBlocks > 0) {
        out.push({
          name: `reserved GDT blocks (group ${g})`,
          block: start + 1 + primary,
          count: sb.reservedGdtBlocks,
        });
      }
    }
    if (metaBg) {
      const mg = Math.floor(g / perBlock);
      const idx = g % perBlock;
      if (mg >= sb.firstMetaBg && (idx === 0 || idx === 1 || idx === perBlock - 1)) {
        out.push({
          name: `group descriptors (meta group ${mg}, group ${g})`,
          block: start + (groupHasSuperblock(sb, g) ? 1 : 0),
          count: 1,
        });
      }
    }
    const d = descs[g];
    out.push({ name: `block bitmap (group ${g})`, block: d.blockBitmap, count: 1 });
    out.push({ name: `inode bitmap (group ${g})`, block: d.inodeBitmap, count: 1 });
    out.push({ name: `inode table (group ${g})`, block: d.inodeTable, count: inodeTableBlocks });
  }
  return out;
}
