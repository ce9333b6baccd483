// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Detects ext2/3/4 on a volume and opens it.
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import type { ByteSource, Filesystem } from "../filesystem.ts";
import { ExtFilesystem } from "./ext_filesystem.ts";
import { gdtBlockLocation, gdtGeometry, parseGroupDescs } from "./group_desc.ts";
import { EXT_MAGIC, EXT_SUPERBLOCK_OFFSET, ExtFeature, parseExtSuperblock } from "./superblock.ts";

/**
 * Opens the ext filesystem at `offset` (length `length`) of `src`, or resolves to null when the
 * volume has no ext magic. A volume with the magic but broken structures rejects with a
 * FormatError naming the structure.
 *
 * @example Usage
 * ```ts ignore
 * const fs = await probeExt(image, 0, image.size);
 * console.log(fs?.type); // "ext4"
 * ```
 */
export async function probeExt(
  src: ByteSource,
  offset: number,
  length: number,
): Promise<Filesystem | null> {
  if (length < EXT_SUPERBLOCK_OFFSET + 1024) return null;
  const raw = new Uint8Array(1024);
  if (await src.readAt(offset + EXT_SUPERBLOCK_OFFSET, raw) < 1024) return null;
  if (new DataView(raw.buffer).getUint16(56, true) !== EXT_MAGIC) return null;
  const sb = parseExtSuperblock(raw);
  if (sb.featureIncompat & ExtFeature.incompatJournalDev) return null;
  if (sb.blocksCount * sb.blockSize > length) {
    throw new FormatError(
      `ext superblock: ${sb.blocksCount} blocks of ${sb.blockSize} bytes exceed the volume (${length} bytes)`,
    );
  }
  const { blocks } = gdtGeometry(sb);
  const table = new Uint8Array(blocks * sb.blockSize);
  for (let i = 0; i < blocks; i++) {
    const blk = gdtBlockLocation(sb, i);
    const part = table.subarray(i * sb.blockSize, (i + 1) * sb.blockSize);
    if (await src.readAt(offset + blk * sb.blockSize, part) < part.length) {
      throw new FormatError(`ext group descriptor block ${blk}: beyond the end of the volume`);
    }
  }
  const is64 = (sb.featureIncompat & ExtFeature.incompat64bit) !== 0;
  const descs = parseGroupDescs(table, sb.groupCount, sb.descSize, is64);
  descs.forEach((d, g) => {
    const itBlocks = Math.ceil(sb.inodesPerGroup * sb.inodeSize / sb.blockSize);
    for (
      const [name, b, n] of [
        ["block bitmap", d.blockBitmap, 1],
        ["inode bitmap", d.inodeBitmap, 1],
        ["inode table", d.inodeTable, itBlocks],
      ] as const
    ) {
      if (b === 0 || b + n > sb.blocksCount) {
        throw new FormatError(`ext group descriptor ${g}: ${name} block ${b} out of range`);
      }
    }
  });
  return new ExtFilesystem(src, offset, sb, descs);
}
