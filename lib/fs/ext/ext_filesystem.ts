// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * A read-only ext2/3/4 {@linkcode Filesystem}: superblock, group descriptors, inodes, extent trees
 * and block pointers, inline data, directories and the filesystem's own metadata regions.
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import type { ByteSource, Filesystem, FsExtent, FsNode, MetadataRegion } from "../filesystem.ts";
import { type BlockMap, extentTreeMap, indirectMap } from "./block_map.ts";
import { extDeleted } from "./ext_deleted.ts";
import { parseDirEntries } from "./directory.ts";
import { type ExtGroupDesc, groupRegions } from "./group_desc.ts";
import { type ExtInode, inlineDataXattr, InodeFlag, inodeKind, parseInode } from "./inode.ts";
import { ExtFeature, type ExtSuperblock } from "./superblock.ts";

const RESERVED_INODES: Record<number, string> = {
  1: "bad blocks inode",
  3: "user quota inode",
  4: "group quota inode",
  5: "boot loader inode",
  6: "undelete directory inode",
  7: "resize inode",
  8: "journal",
  9: "exclude inode",
  10: "replica inode",
};

const CACHE_LIMIT = 4096;

/** The ext filesystem; build it with `probeExt` (probe_ext.ts). */
export class ExtFilesystem implements Filesystem {
  readonly type: string;
  readonly blockSize: number;
  readonly size: number;
  readonly label: string;
  /** The superblock. */
  readonly sb: ExtSuperblock;
  #src: ByteSource;
  #offset: number;
  #descs: ExtGroupDesc[];
  #cache = new Map<number, Uint8Array>();

  /** Wraps a parsed superblock and descriptor table. */
  constructor(src: ByteSource, offset: number, sb: ExtSuperblock, descs: ExtGroupDesc[]) {
    this.#src = src;
    this.#offset = offset;
    this.sb = sb;
    this.#descs = descs;
    this.type = sb.type;
    this.blockSize = sb.blockSize;
    this.size = sb.blocksCount * sb.blockSize;
    this.label = sb.label;
  }

  /** Reads `length` bytes at a volume offset (short reads are an error). */
  async readVolume(volumeOffset: number, length: number): Promise<Uint8Array> {
    const buf = new Uint8Array(length);
    const n = await this.#src.readAt(this.#offset + volumeOffset, buf);
    if (n < length) {
      throw new FormatError(
        `ext: volume offset ${volumeOffset}+${length} is beyond the end of the image`,
      );
    }
    return buf;
  }

  /** Reads one block (cached). */
  async readBlock(block: number): Promise<Uint8Array> {
    if (block >= this.sb.blocksCount) {
      throw new FormatError(`ext: block ${block} beyond the filesystem`);
    }
    const hit = this.#cache.get(block);
    if (hit) return hit;
    const b = await this.readVolume(block * this.blockSize, this.blockSize);
    if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
    this.#cache.set(block, b);
    return b;
  }

  /** Reads and parses inode `ino`. */
  async inode(ino: number): Promise<ExtInode> {
    const sb = this.sb;
    if (ino < 1 || ino > sb.inodesCount) throw new FormatError(`ext: inode ${ino} out of range`);
    const g = Math.floor((ino - 1) / sb.inodesPerGroup);
    const idx = (ino - 1) % sb.inodesPerGroup;
    if (g >= this.#descs.length) {
      throw new FormatError(
        `ext: inode ${ino} is in group ${g}, beyond the ${this.#descs.length} groups`,
      );
    }
    const byte = this.#descs[g].inodeTable * this.blockSize + idx * sb.inodeSize;
    const block = Math.floor(byte / this.blockSize);
    const within = byte % this.blockSize;
    const b = await this.readBlock(block);
    return parseInode(b.subarray(within, within + sb.inodeSize), ino, byte);
  }

  /** Logical → physical block runs and the mapping's own blocks of an inode. */
  async blockMap(ino: ExtInode): Promise<BlockMap> {
    const what = `inode ${ino.ino}`;
    if (ino.flags & InodeFlag.inlineData || this.#isFastSymlink(ino)) {
      return { runs: [], metaBlocks: [] };
    }
    const read = (b: number) => this.readBlock(b);
    if (ino.flags & InodeFlag.extents) {
      return await extentTreeMap(ino.iBlock, this.sb.blocksCount, read, what);
    }
    const fileBlocks = Math.ceil(ino.size / this.blockSize);
    return await indirectMap(
      ino.iBlock,
      fileBlocks,
      this.blockSize,
      this.sb.blocksCount,
      read,
      what,
    );
  }

  #isFastSymlink(ino: ExtInode): boolean {
    return inodeKind(ino.mode) === "symlink" && ino.size < 60 &&
      !(ino.flags & InodeFlag.extents) && ino.blocksLo === 0;
  }

  /** Extents of an inode (holes filled, inline data as volume byte ranges inside the inode). */
  async inodeExtents(ino: ExtInode): Promise<FsExtent[]> {
    if (ino.flags & InodeFlag.inlineData || this.#isFastSymlink(ino)) {
      const out: FsExtent[] = [];
      const first = Math.min(ino.size, 60);
      if (first > 0) {
        out.push({
          fileOffset: 0,
          length: first,
          volumeOffset: ino.iBlockOffset,
          flags: ["inline"],
        });
      }
      if (ino.size > 60) {
        const x = inlineDataXattr(ino.raw);
        if (!x || x.bytes.length < ino.size - 60) {
          throw new FormatError(`ext inode ${ino.ino}: inline data xattr missing or short`);
        }
        out.push({
          fileOffset: 60,
          length: ino.size - 60,
          volumeOffset: ino.offset + x.offset,
          flags: ["inline"],
        });
      }
      return out;
    }
    const { runs } = await this.blockMap(ino);
    const bs = this.blockSize;
    const out: FsExtent[] = [];
    let next = 0;
    for (const r of runs) {
      if (r.logical > next) {
        out.push({
          fileOffset: next * bs,
          length: (r.logical - next) * bs,
          volumeOffset: null,
          flags: ["hole"],
        });
      }
      out.push({
        fileOffset: r.logical * bs,
        length: r.count * bs,
        volumeOffset: r.physical! * bs,
        flags: r.unwritten ? ["unwritten"] : [],
      });
      next = r.logical + r.count;
    }
    const fileBlocks = Math.ceil(ino.size / bs);
    if (fileBlocks > next) {
      out.push({
        fileOffset: next * bs,
        length: (fileBlocks - next) * bs,
        volumeOffset: null,
        flags: ["hole"],
      });
    }
    return out;
  }

  async #node(ino: number, path: string, name: string): Promise<FsNode> {
    const i = await this.inode(ino);
    return { path, name, id: ino, kind: inodeKind(i.mode), size: i.size };
  }

  async lookup(path: string): Promise<FsNode | null> {
    let node = await this.#node(2, "/", "");
    for (const part of path.split("/").filter((p) => p !== "" && p !== ".")) {
      if (node.kind !== "directory") return null;
      const entries = await this.#entries(node);
      const hit = entries.find((e) => e.name === part);
      if (!hit) return null;
      node = await this.#node(hit.ino, join(node.path, part), part);
    }
    return node;
  }

  async #entries(dir: FsNode) {
    const ino = await this.inode(dir.id);
    const hasFt = (this.sb.featureIncompat & ExtFeature.incompatFiletype) !== 0;
    if (ino.flags & InodeFlag.inlineData) {
      // 4-byte parent inode, then entries in the rest of i_block and in the system.data xattr.
      const a = ino.iBlock.subarray(4);
      const x = inlineDataXattr(ino.raw);
      const out = parseDirEntries(a, a.length, hasFt, dir.path);
      if (x && x.bytes.length >= 8) {
        out.push(...parseDirEntries(x.bytes, x.bytes.length, hasFt, dir.path));
      }
      return out;
    }
    if (ino.size > this.size) {
      throw new FormatError(
        `ext directory ${dir.path} (inode ${dir.id}): size ${ino.size} exceeds the filesystem`,
      );
    }
    const data = await this.read(dir, 0, ino.size);
    return parseDirEntries(data, this.blockSize, hasFt, dir.path);
  }

  async readDir(dir: FsNode): Promise<FsNode[]> {
    const out: FsNode[] = [];
    for (const e of await this.#entries(dir)) {
      out.push(await this.#node(e.ino, join(dir.path, e.name), e.name));
    }
    return out;
  }

  async extents(node: FsNode): Promise<FsExtent[]> {
    if (!node.deleted) return await this.inodeExtents(await this.inode(node.id));
    if (node.id < 1 || node.id > this.sb.inodesCount) return [];
    try {
      return await this.inodeExtents(await this.inode(node.id));
    } catch (e) {
      if (e instanceof FormatError) return [];
      throw e;
    }
  }

  /**
   * Deleted names like `fls -d -r` and TSK's `$OrphanFiles/OrphanFile-N` (see ext_deleted.ts);
   * each with its inode's current size and extents.
   */
  deleted(): Promise<FsNode[]> {
    return extDeleted(this, this.#descs);
  }

  /** Extent-tree / indirect blocks owned by a node (for `owner`). */
  async nodeMetadata(node: FsNode): Promise<MetadataRegion[]> {
    const { metaBlocks } = await this.blockMap(await this.inode(node.id));
    return metaBlocks.map((b) => ({
      name: `block map of inode ${node.id}`,
      volumeOffset: b * this.blockSize,
      length: this.blockSize,
    }));
  }

  async *walk(): AsyncIterable<FsNode> {
    const seen = new Set<number>([2]);
    const stack: FsNode[] = [await this.#node(2, "/", "")];
    while (stack.length) {
      const dir = stack.pop()!;
      const children = await this.readDir(dir);
      for (const c of children) {
        yield c;
        if (c.kind === "directory" && !seen.has(c.id)) {
          seen.add(c.id);
          stack.push(c);
        }
      }
    }
  }

  async metadata(): Promise<MetadataRegion[]> {
    const bs = this.blockSize;
    const out: MetadataRegion[] = groupRegions(this.sb, this.#descs).map((r) => ({
      name: r.name,
      volumeOffset: r.block * bs,
      length: r.count * bs,
    }));
    const last = Math.min(this.sb.firstIno, this.sb.inodesCount + 1);
    for (let n = 1; n < last; n++) {
      const name = RESERVED_INODES[n];
      if (!name) continue;
      const ino = await this.inode(n);
      if (ino.mode === 0 && ino.links === 0) continue;
      const m = await this.blockMap(ino);
      for (const r of m.runs) {
        out.push({ name, volumeOffset: r.physical! * bs, length: r.count * bs });
      }
      for (const b of m.metaBlocks) {
        out.push({ name: `${name} (block map)`, volumeOffset: b * bs, length: bs });
      }
    }
    return out;
  }

  async read(node: FsNode, offset: number, length: number): Promise<Uint8Array> {
    const ino = await this.inode(node.id);
    const end = Math.min(ino.size, offset + length);
    const out = new Uint8Array(Math.max(0, end - offset));
    if (out.length === 0) return out;
    for (const e of await this.inodeExtents(ino)) {
      const s = Math.max(offset, e.fileOffset);
      const t = Math.min(end, e.fileOffset + e.length);
      if (s >= t || e.volumeOffset === null || e.flags.includes("unwritten")) continue;
      const bytes = await this.readVolume(e.volumeOffset + (s - e.fileOffset), t - s);
      out.set(bytes, s - offset);
    }
    return out;
  }
}

function join(dir: string, name: string): string {
  return dir === "/" ? `/${name}` : `${dir}/${name}`;
}
