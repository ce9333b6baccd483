// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Resolves a byte range on a Linux block device down the block stack to the whole disk, using
 * sysfs: partitions (`start`, always 512-byte units), loop devices (`loop/backing_file` +
 * `loop/offset`, then the backing file's own extents, recursively), device-mapper (with a table
 * provider) and md RAID0/RAID1. Stops at a layer it cannot resolve and says which and why.
 *
 * @module
 */
import type { OsFileExtent } from "../platform/extent_source.ts";
import { mapDmRange, mapMdRange, type MdMember, parseDmTable } from "./stacked_maps.ts";

/** Read-only view of sysfs (the real one via Platform.fs, or a recorded tree in tests). */
export interface SysfsView {
  /** Trimmed contents of a sysfs file, or null when missing. */
  read(path: string): Promise<string | null>;
  /** The canonical path (symlinks resolved), or null when missing. */
  realPath(path: string): Promise<string | null>;
  /** Entry names of a directory ([] when missing). */
  list(path: string): Promise<string[]>;
}

/** What the resolver needs besides sysfs. */
export interface StackContext {
  /** sysfs. */
  sysfs: SysfsView;
  /** Extents of a (backing) file on its device, synced. */
  fileExtents(path: string): Promise<OsFileExtent[]>;
  /** The device number (st_dev) holding a file, as "MAJ:MIN", or null. */
  fileDevice(path: string): Promise<string | null>;
  /** `dmsetup table` text for a dm device name, when available. */
  dmTable?(name: string): Promise<string | null>;
  /** Stop at this device (e.g. "/dev/loop3") instead of going deeper. */
  stopAt?: string;
}

/** A resolved piece of the range. */
export interface StackPiece {
  /** Offset of the piece inside the range asked for. */
  rel: number;
  /** Length in bytes. */
  length: number;
  /** The deepest device reached ("/dev/sda"). */
  device: string;
  /** Byte offset on that device. */
  physicalOffset: number;
  /** Its logical sector size. */
  sectorSize: number;
  /** Flags picked up on the way (e.g. "unwritten" of a backing file's extent). */
  flags: string[];
  /** The arithmetic of every layer, top to bottom. */
  layers: string[];
  /** Why resolution stopped above the whole disk, or null. */
  stoppedAt: string | null;
}

/** Splits a Linux dev_t (st_dev) into "MAJ:MIN". */
export function devNumberToString(dev: number): string {
  const d = BigInt(dev);
  const major = ((d >> 8n) & 0xfffn) | ((d >> 32n) & ~0xfffn);
  const minor = (d & 0xffn) | ((d >> 12n) & ~0xffn);
  return `${major}:${minor}`;
}

const basename = (p: string) => p.slice(p.lastIndexOf("/") + 1);
const dirname = (p: string) => p.slice(0, p.lastIndexOf("/"));
const int = (s: string | null, d = 0) => (s === null || s === "" ? d : Number(s));

/**
 * Resolves `[offset, offset+length)` of block device `majMin` to whole-disk pieces.
 *
 * @example Usage
 * ```ts ignore
 * const pieces = await resolveStack(ctx, "259:0", 8192, 4096, [], 0);
 * // [{ device: "/dev/loop1", physicalOffset: 1056768, sectorSize: 512, layers: [...] }]
 * ```
 */
export async function resolveStack(
  ctx: StackContext,
  majMin: string,
  offset: number,
  length: number,
  flags: string[] = [],
  depth = 0,
): Promise<StackPiece[]> {
  const sys = await ctx.sysfs.realPath(`/sys/dev/block/${majMin}`);
  if (!sys) throw new Error(`device ${majMin} is not a block device in /sys/dev/block`);
  return await resolveSys(ctx, sys, offset, length, flags, [], depth);
}

async function resolveSys(
  ctx: StackContext,
  sysIn: string,
  offsetIn: number,
  length: number,
  flags: string[],
  layersIn: string[],
  depth: number,
): Promise<StackPiece[]> {
  const { sysfs } = ctx;
  let sys = sysIn;
  let offset = offsetIn;
  const layers = [...layersIn];
  if ((await sysfs.read(`${sys}/partition`)) !== null) {
    const start = int(await sysfs.read(`${sys}/start`));
    layers.push(`${basename(sys)}: partition start ${start} × 512 = +${start * 512}`);
    offset += start * 512;
    sys = dirname(sys);
  }
  const name = basename(sys);
  const device = `/dev/${name.replaceAll("!", "/")}`;
  const sectorSize = int(await sysfs.read(`${sys}/queue/logical_block_size`), 512);
  const here = (stoppedAt: string | null, extra: string[] = []): StackPiece[] => [{
    rel: 0,
    length,
    device,
    physicalOffset: offset,
    sectorSize,
    flags: [...flags, ...extra],
    layers,
    stoppedAt,
  }];
  if (ctx.stopAt === device) return here(null);
  if (depth > 16) return here(`${name}: more than 16 stacked layers`);
  const shift = (pieces: StackPiece[], rel: number) =>
    pieces.map((p) => ({ ...p, rel: p.rel + rel }));

  const backing = await sysfs.read(`${sys}/loop/backing_file`);
  if (backing !== null) {
    const loopOff = int(await sysfs.read(`${sys}/loop/offset`));
    if (backing.endsWith(" (deleted)")) return here(`${name}: loop backing file ${backing}`);
    const fileOff = offset + loopOff;
    layers.push(`${name}: loop offset +${loopOff} into ${backing} at byte ${fileOff}`);
    let extents: OsFileExtent[];
    let dev: string | null;
    try {
      dev = await ctx.fileDevice(backing);
      extents = await ctx.fileExtents(backing);
    } catch (e) {
      return here(`${name}: cannot map backing file ${backing}: ${(e as Error).message}`);
    }
    if (dev === null || !(await sysfs.realPath(`/sys/dev/block/${dev}`))) {
      return here(
        `${name}: backing file ${backing} is on a filesystem without a block device (tmpfs, overlayfs, btrfs, NFS…)`,
      );
    }
    const out: StackPiece[] = [];
    let pos = fileOff;
    const end = fileOff + length;
    for (const e of extents) {
      if (pos >= end) break;
      if (e.logical + e.length <= pos) continue;
      if (e.logical > pos) {
        const n = Math.min(end, e.logical) - pos;
        out.push(
          ...shift(here(`${name}: hole in backing file ${backing}`, ["hole"]), pos - fileOff)
            .map((p) => ({ ...p, length: n, physicalOffset: pos - loopOff })),
        );
        pos += n;
        if (pos >= end) break;
      }
      const n = Math.min(end, e.logical + e.length) - pos;
      const bad = e.flags.filter((f) =>
        ["unknown", "delalloc", "encoded", "encrypted"].includes(f)
      );
      if (bad.length) {
        out.push(
          ...shift(here(`${name}: backing file extent is ${bad.join(",")}`), pos - fileOff).map((
            p,
          ) => ({
            ...p,
            length: n,
            physicalOffset: pos - loopOff,
          })),
        );
      } else {
        const keep = e.flags.filter((f) => f === "unwritten" || f === "shared");
        const lower = await resolveSys(
          ctx,
          (await sysfs.realPath(`/sys/dev/block/${dev}`))!,
          e.physical + (pos - e.logical),
          n,
          [...new Set([...flags, ...keep])],
          [
            ...layers,
            `${backing}: file byte ${pos} → byte ${e.physical + (pos - e.logical)} on ${dev}`,
          ],
          depth + 1,
        );
        out.push(...shift(lower, pos - fileOff));
      }
      pos += n;
    }
    if (pos < end) {
      out.push(
        ...shift(
          here(`${name}: beyond the end of backing file ${backing}`, ["hole"]),
          pos - fileOff,
        )
          .map((p) => ({ ...p, length: end - pos, physicalOffset: pos - loopOff })),
      );
    }
    return out;
  }

  const dmName = await sysfs.read(`${sys}/dm/name`);
  if (dmName !== null) {
    const text = ctx.dmTable ? await ctx.dmTable(dmName) : null;
    if (!text) {
      return here(
        `${name} (device-mapper "${dmName}"): its table could not be read (DM_TABLE_STATUS on /dev/mapper/control needs root)`,
      );
    }
    const out: StackPiece[] = [];
    let ranges;
    try {
      ranges = mapDmRange(parseDmTable(text), offset, length);
    } catch (e) {
      return here(`${name} (device-mapper "${dmName}"): ${(e as Error).message}`);
    }
    for (const r of ranges) {
      const lower = await sysfs.realPath(`/sys/dev/block/${r.device}`);
      if (!lower) return here(`${name}: dm lower device ${r.device} not found in sysfs`);
      const l2 = [
        ...layers,
        `${name} (dm ${dmName}): byte ${offset + r.rel} → ${r.device} byte ${r.offset}`,
      ];
      out.push(
        ...shift(await resolveSys(ctx, lower, r.offset, r.length, flags, l2, depth + 1), r.rel),
      );
    }
    return out;
  }

  const level = await sysfs.read(`${sys}/md/level`);
  if (level !== null) {
    const members: (MdMember & { sys: string })[] = [];
    for (const rd of (await sysfs.list(`${sys}/md`)).filter((n) => /^rd\d+$/.test(n))) {
      const msys = await sysfs.realPath(`${sys}/md/${rd}/block`);
      const slot = await sysfs.read(`${sys}/md/${rd}/slot`);
      if (!msys || slot === null || slot === "none") continue;
      members.push({
        device: msys,
        sys: msys,
        slot: Number(slot),
        dataOffset: int(await sysfs.read(`${sys}/md/${rd}/offset`)) * 512,
      });
    }
    const chunk = int(await sysfs.read(`${sys}/md/chunk_size`));
    let ranges;
    try {
      ranges = mapMdRange(level, chunk, members, offset, length);
    } catch (e) {
      return here(`${name}: ${(e as Error).message}`);
    }
    if (level === "raid1") ranges = ranges.slice(0, 1); // every mirror holds the same bytes
    const out: StackPiece[] = [];
    for (const r of ranges) {
      const l2 = [
        ...layers,
        `${name} (md ${level}): byte ${offset + r.rel} → ${basename(r.device)} byte ${r.offset}`,
      ];
      out.push(
        ...shift(await resolveSys(ctx, r.device, r.offset, r.length, flags, l2, depth + 1), r.rel),
      );
    }
    return out;
  }
  return here(null);
}
