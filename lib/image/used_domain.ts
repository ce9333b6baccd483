// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * `--domain-used`: a rescue domain made from the filesystems' allocation, what ddrescue users do by
 * hand with ddru_ntfsbitmap or partclone. Every byte of the disk is in the domain except the free
 * space of the filesystems sectorkit can read: files, directories and filesystem metadata are in,
 * and so are partition tables, gaps between partitions (boot loaders) and partitions whose
 * contents are not recognized. Deleted files count as free space.
 *
 * @module
 */
import { FormatError, SectorkitError } from "../errors.ts";
import type { FsNode, MetadataRegion } from "../fs/filesystem.ts";
import { openDisk } from "../fs/open_filesystem.ts";
import type { BlockDevice, Platform } from "../platform/mod.ts";
import { clipDomain, type Domain } from "./domain.ts";

/** Sorts and merges ranges, rounded outwards to `align`. */
function merge(ranges: [number, number][], align: number): Domain {
  const r = ranges
    .map(([s, e]): [number, number] => [
      Math.floor(s / align) * align,
      Math.ceil(e / align) * align,
    ])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const out: Domain = [];
  for (const [s, e] of r) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** Adds the clusters set in NTFS's `$Bitmap` (read from its runs, in order). */
async function addNtfsBitmap(
  device: BlockDevice,
  base: number,
  length: number,
  clusterSize: number,
  meta: MetadataRegion[],
  add: (offset: number, length: number) => void,
): Promise<void> {
  const clusters = Math.floor(length / clusterSize);
  let lcn = 0;
  for (const r of meta.filter((m) => m.name === "$Bitmap")) {
    const buf = new Uint8Array(r.length);
    const done = await readFully(device, base + r.volumeOffset, buf);
    for (let i = 0; i < done && lcn < clusters; i++) {
      const byte = buf[i];
      for (let bit = 0; bit < 8 && lcn < clusters; bit++, lcn++) {
        if (byte & (1 << bit)) add(lcn * clusterSize, clusterSize);
      }
    }
  }
  if (lcn === 0) throw new FormatError(`NTFS $Bitmap not found`);
}

async function readFully(device: BlockDevice, pos: number, buf: Uint8Array): Promise<number> {
  let done = 0;
  while (done < buf.length) {
    const n = await device.readAt(pos + done, buf.subarray(done));
    if (n <= 0) break;
    done += n;
  }
  return done;
}

/** Adds the blocks set in each ext group's block bitmap. */
async function addExtBitmaps(
  device: BlockDevice,
  base: number,
  blockSize: number,
  sb: { firstDataBlock: number; blocksPerGroup: number },
  fsSize: number,
  meta: MetadataRegion[],
  add: (offset: number, length: number) => void,
): Promise<void> {
  const blocks = Math.floor(fsSize / blockSize);
  for (const r of meta) {
    const m = /^block bitmap \(group (\d+)\)$/.exec(r.name);
    if (!m) continue;
    const first = sb.firstDataBlock + Number(m[1]) * sb.blocksPerGroup;
    const buf = new Uint8Array(Math.ceil(sb.blocksPerGroup / 8));
    const n = await readFully(device, base + r.volumeOffset, buf);
    for (let i = 0; i < n * 8 && i < sb.blocksPerGroup && first + i < blocks; i++) {
      if (buf[i >> 3] & (1 << (i & 7))) add((first + i) * blockSize, blockSize);
    }
  }
}

/**
 * The used part of `device` (a disk or partition with filesystems sectorkit reads): the whole
 * device minus the free space of each recognized filesystem, sector-aligned. Throws a one-line
 * error when no filesystem is recognized or its metadata cannot be read.
 *
 * @example Usage
 * ```ts ignore
 * const device = await platform.devices.openBlockDevice("/dev/sdb", { direct: false });
 * const { domain } = await usedDomain(device);
 * ```
 */
export async function usedDomain(
  device: BlockDevice,
): Promise<{ domain: Domain; filesystems: string[] }> {
  const ss = device.logicalSectorSize;
  const size = device.size;
  let disk;
  try {
    disk = await openDisk(device, device.kind === "file" ? undefined : ss);
  } catch (e) {
    if (!(e instanceof SectorkitError)) throw e;
    throw new FormatError(`--domain-used: cannot read the partition table: ${e.message}`);
  }
  const used: [number, number][] = [];
  const free: [number, number][] = [];
  const filesystems: string[] = [];
  for (const { volume, filesystem: fs } of disk.volumes) {
    if (!fs) continue;
    const base = volume.offset;
    filesystems.push(fs.type);
    free.push([base, base + volume.length]);
    const add = (off: number, len: number) => used.push([base + off, base + off + len]);
    try {
      const meta = await fs.metadata();
      for (const r of meta) add(r.volumeOffset, r.length);
      if (fs.type === "ntfs") {
        // NTFS: the allocation bitmap itself (what ddru_ntfsbitmap reads), not a walk, so that
        // every attribute of every record counts, whether or not a file walk reports it.
        await addNtfsBitmap(device, base, volume.length, fs.blockSize, meta, add);
        continue;
      }
      const sb = (fs as { sb?: { firstDataBlock: number; blocksPerGroup: number } }).sb;
      if (fs.type.startsWith("ext") && sb) {
        // ext: the block bitmaps as well (an uninitialized one only adds blocks: still safe)
        await addExtBitmaps(device, base, fs.blockSize, sb, fs.size, meta, add);
      }
      const nodeMeta = (fs as { nodeMetadata?: (n: FsNode) => Promise<MetadataRegion[]> })
        .nodeMetadata?.bind(fs);
      const node = async (n: FsNode) => {
        if (n.kind !== "file" && n.kind !== "directory") return;
        for (const e of await fs.extents(n)) {
          if (e.volumeOffset !== null) add(e.volumeOffset, e.length);
        }
        if (nodeMeta) { for (const r of await nodeMeta(n)) add(r.volumeOffset, r.length); }
      };
      const root = await fs.lookup("/");
      if (root) await node(root);
      for await (const n of fs.walk()) await node(n);
    } catch (e) {
      if (!(e instanceof SectorkitError)) throw e;
      throw new FormatError(
        `--domain-used: cannot read the ${fs.type} filesystem at byte ${base}: ${e.message}`,
      );
    }
  }
  if (filesystems.length === 0) {
    throw new FormatError(
      `--domain-used: no filesystem sectorkit can read on this source (${disk.layout.scheme} layout)`,
    );
  }
  // Everything outside the filesystems' volumes, plus what they use inside them.
  const gaps: [number, number][] = [];
  let pos = 0;
  for (const [s, e] of merge(free, 1)) {
    if (s > pos) gaps.push([pos, s]);
    pos = Math.max(pos, e);
  }
  if (pos < size) gaps.push([pos, size]);
  const domain = merge([...gaps, ...used], ss).map(([s, e]): [number, number] => [
    s,
    Math.min(e, size),
  ]);
  return { domain, filesystems };
}

/**
 * {@linkcode usedDomain} of `source` (opened a second time, buffered: filesystem structures are
 * read in small pieces), clipped to the imaged range `[start, end)`.
 *
 * @example Usage
 * ```ts ignore
 * const domain = await readUsedDomain(platform, "/dev/sdb", 0, size);
 * ```
 */
export async function readUsedDomain(
  platform: Platform,
  source: string,
  start: number,
  end: number,
): Promise<Domain> {
  const dev = await platform.devices.openBlockDevice(source, { direct: false });
  try {
    const { domain } = await usedDomain(dev);
    return clipDomain(domain, "(--domain-used)", dev.size, start, end);
  } finally {
    dev.close();
  }
}
