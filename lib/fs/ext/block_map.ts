// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Maps an inode's logical blocks to filesystem blocks: the ext4 extent tree (any depth, with loop
 * and range checks) and ext2/3 direct/indirect/double/triple block pointers. Also returns the
 * tree's own blocks (extent index/leaf blocks, indirect blocks), which belong to the file.
 *
 * @module
 */
import { FormatError } from "../../errors.ts";

/** A run of logical blocks. `physical` is null for a hole. */
export interface BlockRun {
  /** First logical block. */
  logical: number;
  /** First physical block, or null for a hole. */
  physical: number | null;
  /** Number of blocks. */
  count: number;
  /** Allocated but unwritten (reads as zeros). */
  unwritten: boolean;
}

/** The data runs and the mapping blocks of one inode. */
export interface BlockMap {
  /** Data runs in logical order (holes are gaps, filled by the caller). */
  runs: BlockRun[];
  /** Blocks holding the mapping itself (extent tree nodes, indirect blocks). */
  metaBlocks: number[];
}

/** Reads one filesystem block. */
export type ReadBlock = (block: number) => Promise<Uint8Array>;

const EXTENT_MAGIC = 0xf30a;

/**
 * Walks an extent tree rooted in the 60-byte `i_block`.
 *
 * @example Usage
 * ```ts
 * import { extentTreeMap } from "./block_map.ts";
 * const ib = new Uint8Array(60);
 * const v = new DataView(ib.buffer);
 * v.setUint16(0, 0xf30a, true); v.setUint16(2, 1, true); v.setUint16(4, 4, true);
 * v.setUint32(12, 0, true); v.setUint16(16, 3, true); v.setUint32(20, 100, true);
 * const m = await extentTreeMap(ib, 1000, () => Promise.reject(new Error("no")), "inode 12");
 * if (m.runs[0].physical !== 100 || m.runs[0].count !== 3) throw new Error("unexpected");
 * ```
 */
export async function extentTreeMap(
  iBlock: Uint8Array,
  blocksCount: number,
  readBlock: ReadBlock,
  what: string,
): Promise<BlockMap> {
  const runs: BlockRun[] = [];
  const metaBlocks: number[] = [];
  const seen = new Set<number>();
  const walk = async (node: Uint8Array, depthExpected: number | null, where: string) => {
    const v = new DataView(node.buffer, node.byteOffset, node.byteLength);
    if (v.getUint16(0, true) !== EXTENT_MAGIC) {
      throw new FormatError(`ext extent tree of ${what}: bad header magic at ${where}`);
    }
    const entries = v.getUint16(2, true);
    const max = v.getUint16(4, true);
    const depth = v.getUint16(6, true);
    if (entries > max || 12 + entries * 12 > node.length) {
      throw new FormatError(
        `ext extent tree of ${what}: ${entries} entries exceed the node at ${where}`,
      );
    }
    if (depth > 5 || (depthExpected !== null && depth !== depthExpected)) {
      throw new FormatError(`ext extent tree of ${what}: bad depth ${depth} at ${where}`);
    }
    for (let i = 0; i < entries; i++) {
      const o = 12 + i * 12;
      if (depth === 0) {
        const logical = v.getUint32(o, true);
        let len = v.getUint16(o + 4, true);
        const unwritten = len > 32768;
        if (unwritten) len -= 32768;
        const start = v.getUint16(o + 6, true) * 2 ** 32 + v.getUint32(o + 8, true);
        if (len === 0) continue;
        if (start + len > blocksCount) {
          throw new FormatError(
            `ext extent tree of ${what}: extent ${start}+${len} beyond the filesystem (${blocksCount} blocks) at ${where}`,
          );
        }
        runs.push({ logical, physical: start, count: len, unwritten });
      } else {
        const leaf = v.getUint16(o + 8, true) * 2 ** 32 + v.getUint32(o + 4, true);
        if (leaf >= blocksCount || leaf === 0) {
          throw new FormatError(
            `ext extent tree of ${what}: index block ${leaf} out of range at ${where}`,
          );
        }
        if (seen.has(leaf)) {
          throw new FormatError(`ext extent tree of ${what}: loop at block ${leaf}`);
        }
        seen.add(leaf);
        metaBlocks.push(leaf);
        await walk(await readBlock(leaf), depth - 1, `block ${leaf}`);
      }
    }
  };
  await walk(iBlock, null, "inode");
  runs.sort((a, b) => a.logical - b.logical);
  for (let i = 1; i < runs.length; i++) {
    if (runs[i].logical < runs[i - 1].logical + runs[i - 1].count) {
      throw new FormatError(`ext extent tree of ${what}: overlapping extents`);
    }
  }
  return { runs, metaBlocks };
}

/**
 * Maps ext2/3 block pointers (12 direct, single, double and triple indirect) for `fileBlocks`
 * logical blocks.
 */
export async function indirectMap(
  iBlock: Uint8Array,
  fileBlocks: number,
  blockSize: number,
  blocksCount: number,
  readBlock: ReadBlock,
  what: string,
): Promise<BlockMap> {
  const runs: BlockRun[] = [];
  const metaBlocks: number[] = [];
  const seen = new Set<number>();
  const per = blockSize / 4;
  const iv = new DataView(iBlock.buffer, iBlock.byteOffset, iBlock.byteLength);
  const push = (logical: number, physical: number) => {
    if (physical === 0) return;
    if (physical >= blocksCount) {
      throw new FormatError(
        `ext block map of ${what}: block ${physical} beyond the filesystem (${blocksCount} blocks)`,
      );
    }
    const last = runs[runs.length - 1];
    if (last && last.logical + last.count === logical && last.physical! + last.count === physical) {
      last.count++;
    } else runs.push({ logical, physical, count: 1, unwritten: false });
  };
  for (let i = 0; i < 12 && i < fileBlocks; i++) push(i, iv.getUint32(i * 4, true));
  const walk = async (ptr: number, level: number, base: number): Promise<void> => {
    if (ptr === 0 || base >= fileBlocks) return;
    if (ptr >= blocksCount) {
      throw new FormatError(`ext block map of ${what}: indirect block ${ptr} out of range`);
    }
    if (seen.has(ptr)) throw new FormatError(`ext block map of ${what}: loop at block ${ptr}`);
    seen.add(ptr);
    metaBlocks.push(ptr);
    const b = await readBlock(ptr);
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const span = per ** (level - 1);
    for (let i = 0; i < per; i++) {
      const p = v.getUint32(i * 4, true);
      const lb = base + i * span;
      if (lb >= fileBlocks) break;
      if (level === 1) push(lb, p);
      else await walk(p, level - 1, lb);
    }
  };
  await walk(iv.getUint32(48, true), 1, 12);
  await walk(iv.getUint32(52, true), 2, 12 + per);
  await walk(iv.getUint32(56, true), 3, 12 + per + per * per);
  return { runs, metaBlocks };
}
