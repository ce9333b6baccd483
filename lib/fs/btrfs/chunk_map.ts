// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * btrfs logical → physical addresses: the superblock (at 64 KiB), its `sys_chunk_array`, and the
 * chunk tree (CHUNK_ITEMs) read from a device. Supports SINGLE, DUP, RAID1/1C3/1C4 (every copy),
 * RAID0 and RAID10; RAID5/6 are refused with a clear error.
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import type { ByteSource } from "../filesystem.ts";

/** Byte offset of the primary superblock. */
export const BTRFS_SUPER_OFFSET = 0x10000;
const MAGIC = "_BHRfS_M";
const CHUNK_ITEM_KEY = 228;
const HEADER = 101;

/** Block-group profile bits of a chunk's type. */
export const BtrfsProfile = {
  raid0: 0x8,
  raid1: 0x10,
  dup: 0x20,
  raid10: 0x40,
  raid5: 0x80,
  raid6: 0x100,
  raid1c3: 0x200,
  raid1c4: 0x400,
} as const;

/** One chunk: a logical range and its stripes. */
export interface BtrfsChunk {
  /** Logical start. */
  logical: number;
  /** Length in bytes. */
  length: number;
  /** Stripe length (RAID0/10). */
  stripeLen: number;
  /** Type bits (data/system/metadata + profile). */
  type: number;
  /** Sub-stripes (RAID10). */
  subStripes: number;
  /** Stripes: device id and physical offset on it. */
  stripes: { devid: number; offset: number }[];
}

/** The superblock fields the mapping needs. */
export interface BtrfsSuperblock {
  /** Filesystem UUID. */
  fsid: string;
  /** Chunk tree root (logical). */
  chunkRoot: number;
  /** Node size in bytes. */
  nodesize: number;
  /** This device's id. */
  devid: number;
  /** Chunks from sys_chunk_array (SYSTEM chunks, enough to read the chunk tree). */
  sysChunks: BtrfsChunk[];
}

function hex(b: Uint8Array): string {
  return [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
}

function parseChunk(v: DataView, o: number, logical: number, end: number): [BtrfsChunk, number] {
  if (o + 48 > end) throw new FormatError("btrfs chunk item: truncated");
  const n = v.getUint16(o + 44, true);
  if (n === 0 || o + 48 + n * 32 > end) {
    throw new FormatError(`btrfs chunk item: bad stripe count ${n}`);
  }
  const stripes = Array.from({ length: n }, (_, i) => ({
    devid: Number(v.getBigUint64(o + 48 + i * 32, true)),
    offset: Number(v.getBigUint64(o + 56 + i * 32, true)),
  }));
  return [{
    logical,
    length: Number(v.getBigUint64(o, true)),
    stripeLen: Number(v.getBigUint64(o + 16, true)),
    type: Number(v.getBigUint64(o + 24, true)),
    subStripes: v.getUint16(o + 46, true),
    stripes,
  }, 48 + n * 32];
}

/**
 * Parses the 4 KiB superblock.
 *
 * @example Usage
 * ```ts ignore
 * const sb = parseBtrfsSuperblock(bytesAt64KiB);
 * ```
 */
export function parseBtrfsSuperblock(b: Uint8Array): BtrfsSuperblock {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (new TextDecoder().decode(b.subarray(0x40, 0x48)) !== MAGIC) {
    throw new FormatError("btrfs superblock: bad magic");
  }
  const size = v.getUint32(0xa0, true);
  if (size > 2048) throw new FormatError(`btrfs superblock: sys_chunk_array_size ${size} > 2048`);
  const sysChunks: BtrfsChunk[] = [];
  const base = 0x32b;
  for (let p = base; p < base + size;) {
    const type = b[p + 8];
    const logical = Number(v.getBigUint64(p + 9, true));
    if (type !== CHUNK_ITEM_KEY) throw new FormatError(`btrfs sys_chunk_array: key type ${type}`);
    const [c, len] = parseChunk(v, p + 17, logical, base + size);
    sysChunks.push(c);
    p += 17 + len;
  }
  return {
    fsid: hex(b.subarray(0x20, 0x30)),
    chunkRoot: Number(v.getBigUint64(0x58, true)),
    nodesize: v.getUint32(0x94, true),
    devid: Number(v.getBigUint64(0xc9, true)),
    sysChunks,
  };
}

/**
 * Maps `[logical, logical+length)` to every copy: `{devid, physical, length, rel}` pieces.
 *
 * @example Usage
 * ```ts
 * import { mapBtrfsLogical } from "./chunk_map.ts";
 * const chunks = [{ logical: 1 << 30, length: 1 << 26, stripeLen: 65536, type: 1 | 0x20, subStripes: 1,
 *   stripes: [{ devid: 1, offset: 1 << 24 }, { devid: 1, offset: 1 << 25 }] }];
 * const m = mapBtrfsLogical(chunks, (1 << 30) + 4096, 4096);
 * if (m.length !== 2 || m[1].physical !== (1 << 25) + 4096) throw new Error("unexpected");
 * ```
 */
export function mapBtrfsLogical(
  chunks: BtrfsChunk[],
  logical: number,
  length: number,
): { rel: number; devid: number; physical: number; length: number; copy: number }[] {
  const out: { rel: number; devid: number; physical: number; length: number; copy: number }[] = [];
  for (let pos = logical; pos < logical + length;) {
    const c = chunks.find((c) => pos >= c.logical && pos < c.logical + c.length);
    if (!c) throw new FormatError(`btrfs: logical address ${pos} is in no chunk`);
    const off = pos - c.logical;
    let n = Math.min(logical + length, c.logical + c.length) - pos;
    if (c.type & (BtrfsProfile.raid5 | BtrfsProfile.raid6)) {
      throw new FormatError("btrfs: RAID5/RAID6 chunks are not mapped");
    }
    if (c.type & (BtrfsProfile.raid0 | BtrfsProfile.raid10)) {
      const groups = c.type & BtrfsProfile.raid10
        ? c.stripes.length / (c.subStripes || 2)
        : c.stripes.length;
      const copies = c.type & BtrfsProfile.raid10 ? c.subStripes || 2 : 1;
      const stripeNr = Math.floor(off / c.stripeLen);
      const inStripe = off % c.stripeLen;
      n = Math.min(n, c.stripeLen - inStripe);
      const g = stripeNr % groups;
      const row = Math.floor(stripeNr / groups);
      for (let k = 0; k < copies; k++) {
        const s = c.stripes[g * copies + k];
        out.push({
          rel: pos - logical,
          devid: s.devid,
          physical: s.offset + row * c.stripeLen + inStripe,
          length: n,
          copy: k,
        });
      }
    } else {
      c.stripes.forEach((s, k) =>
        out.push({
          rel: pos - logical,
          devid: s.devid,
          physical: s.offset + off,
          length: n,
          copy: k,
        })
      );
    }
    pos += n;
  }
  return out;
}

/**
 * Reads the whole chunk tree from a (single-device, or this-device-holds-the-chunk-tree) source.
 */
export async function readBtrfsChunks(
  src: ByteSource,
): Promise<{ sb: BtrfsSuperblock; chunks: BtrfsChunk[] }> {
  const raw = new Uint8Array(4096);
  if (await src.readAt(BTRFS_SUPER_OFFSET, raw) < 4096) {
    throw new FormatError("btrfs superblock: short read");
  }
  const sb = parseBtrfsSuperblock(raw);
  const chunks = new Map<number, BtrfsChunk>();
  for (const c of sb.sysChunks) chunks.set(c.logical, c);
  const seen = new Set<number>();
  const readNode = async (logical: number, level: number | null): Promise<void> => {
    if (seen.has(logical)) throw new FormatError(`btrfs chunk tree: loop at node ${logical}`);
    if (seen.size > 100_000) throw new FormatError("btrfs chunk tree: too many nodes");
    seen.add(logical);
    const copy =
      mapBtrfsLogical([...chunks.values()], logical, sb.nodesize).find((m) =>
        m.devid === sb.devid && m.copy === 0
      ) ?? mapBtrfsLogical([...chunks.values()], logical, sb.nodesize).find((m) =>
        m.devid === sb.devid
      );
    if (!copy) throw new FormatError(`btrfs chunk tree: node ${logical} is not on this device`);
    const node = new Uint8Array(sb.nodesize);
    if (await src.readAt(copy.physical, node) < sb.nodesize) {
      throw new FormatError(`btrfs chunk tree: node ${logical} beyond the device`);
    }
    const v = new DataView(node.buffer);
    if (Number(v.getBigUint64(48, true)) !== logical) {
      throw new FormatError(
        `btrfs chunk tree: node at ${logical} has bytenr ${v.getBigUint64(48, true)}`,
      );
    }
    const nritems = v.getUint32(96, true);
    const lvl = node[100];
    if (level !== null && lvl !== level) {
      throw new FormatError(`btrfs chunk tree: bad level at ${logical}`);
    }
    for (let i = 0; i < nritems; i++) {
      if (lvl === 0) {
        const p = HEADER + i * 25;
        if (p + 25 > node.length) {
          throw new FormatError(`btrfs chunk tree: leaf ${logical} overflows`);
        }
        if (node[p + 8] !== CHUNK_ITEM_KEY) continue;
        const key = Number(v.getBigUint64(p + 9, true));
        const dOff = HEADER + v.getUint32(p + 17, true);
        const dSize = v.getUint32(p + 21, true);
        const [c] = parseChunk(v, dOff, key, Math.min(node.length, dOff + dSize));
        chunks.set(key, c);
      } else {
        const p = HEADER + i * 33;
        if (p + 33 > node.length) {
          throw new FormatError(`btrfs chunk tree: node ${logical} overflows`);
        }
        await readNode(Number(v.getBigUint64(p + 17, true)), lvl - 1);
      }
    }
  };
  await readNode(sb.chunkRoot, null);
  return { sb, chunks: [...chunks.values()].sort((a, b) => a.logical - b.logical) };
}
