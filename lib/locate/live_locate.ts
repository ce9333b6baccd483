// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * `locate FILE` on a live system: the OS's file extents (FIEMAP with SYNC), then the block stack
 * down to the whole disk.
 *
 * @module
 */
import { NotFoundError, SectorkitError } from "../errors.ts";
import type { OsFileExtent, Platform } from "../platform/mod.ts";
import { devNumberToString, resolveStack, type StackContext } from "./block_stack.ts";
import { btrfsMountOf, mapBtrfsExtents, type MountInfo } from "./btrfs_live.ts";
import { coveringExtents, type LocatedExtent, type LocateResult } from "./disk_extents.ts";

/** `locate` result with the per-extent stack arithmetic. */
export interface LiveLocateResult extends LocateResult {
  /** Per extent (same order): how each layer moved the offset. */
  layers: string[][];
  /** Per extent: why resolution stopped above the whole disk, or null. */
  stoppedAt: (string | null)[];
}

/** Builds the stack context from the platform (sysfs through Platform.fs). */
export function platformStackContext(platform: Platform, stopAt?: string): StackContext {
  const { fs } = platform;
  const extents = platform.extents;
  const cache = new Map<string, Promise<import("../platform/mod.ts").OsFileExtent[]>>();
  return {
    stopAt,
    sysfs: {
      read: (p) => fs.readTextFile(p).then((t) => t.trim(), () => null),
      realPath: (p) => fs.realPath(p).catch(() => null),
      list: (p) => fs.readDir(p).then((d) => d.map((e) => e.name), () => []),
    },
    fileExtents(path) {
      if (!extents) return Promise.reject(new Error("no file-extent backend on this OS"));
      let p = cache.get(path);
      if (!p) cache.set(path, p = extents.fileExtents(path, { sync: true }));
      return p;
    },
    dmTable: extents?.dmTable ? (name) => extents.dmTable!(name) : undefined,
    async fileDevice(path) {
      const st = await fs.stat(path);
      return st?.dev === null || st?.dev === undefined ? null : devNumberToString(st.dev);
    },
  };
}

/**
 * Maps a live file to whole-disk extents.
 *
 * @example Usage
 * ```ts ignore
 * const r = await locateLive(platform, "/mnt/data/file.bin");
 * console.log(r.extents[0].device, r.extents[0].lba);
 * ```
 */
export async function locateLive(
  platform: Platform,
  path: string,
  range: { offset: number; length: number } | null,
  stopAt?: string,
): Promise<LiveLocateResult> {
  if (!platform.extents) {
    throw new SectorkitError(
      `locate: mapping live files is not implemented on ${platform.runtime.os} (use --image)`,
    );
  }
  const real = await platform.fs.realPath(path);
  const st = await platform.fs.stat(real);
  if (!st) throw new NotFoundError(`locate: ${path} does not exist`);
  if (!st.isFile) throw new SectorkitError(`locate: ${path} is not a regular file`);
  if (platform.runtime.os !== "linux") return await locateOther(platform, real, st.size, range);
  const ctx = platformStackContext(platform, stopAt);
  const dev = devNumberToString(st.dev ?? 0);
  let btrfs: MountInfo | null = null;
  if (!(await ctx.sysfs.realPath(`/sys/dev/block/${dev}`))) {
    btrfs = await btrfsMountOf(platform, real);
    if (!btrfs) {
      throw new SectorkitError(
        `locate: ${path} is on device ${dev}, which is not a block device (overlayfs, tmpfs, NFS, FUSE…); ` +
          `its FIEMAP offsets cannot be tied to a disk`,
      );
    }
  }
  let raw = withHoles(await platform.extents.fileExtents(real, { sync: true }), st.size);
  if (range) {
    raw = coveringExtents(
      raw.map((e) => ({ ...e, fileOffset: e.logical })),
      range.offset,
      range.length,
    );
  }
  const mapped = btrfs ? await mapBtrfsExtents(platform, btrfs, raw) : null;
  const extents: LocatedExtent[] = [];
  const layers: string[][] = [];
  const stoppedAt: (string | null)[] = [];
  let sectorSize = 0;
  const unresolved = (e: OsFileExtent, why: string | null) => {
    extents.push({
      fileOffset: e.logical,
      length: e.length,
      physicalOffset: null,
      lba: null,
      device: "",
      flags: e.flags,
    });
    layers.push([]);
    stoppedAt.push(why);
  };
  for (const [i, e] of raw.entries()) {
    if (e.flags.includes("hole")) {
      unresolved(e, null);
      continue;
    }
    if (e.flags.some((f) => f === "unknown" || f === "delalloc")) {
      unresolved(e, "extent location unknown (delayed allocation)");
      continue;
    }
    const parts = mapped
      ? mapped[i].map((m) => ({
        rel: m.rel,
        length: m.length,
        majMin: m.majMin,
        physical: m.physical,
        head: [
          `${real}: file byte ${e.logical + m.rel} → btrfs logical ${e.physical + m.rel}`,
          m.layer,
        ],
      }))
      : [{
        rel: 0,
        length: e.length,
        majMin: dev,
        physical: e.physical,
        head: [`${real}: file byte ${e.logical} → byte ${e.physical} on ${dev}`],
      }];
    if (parts.length === 0) {
      unresolved(e, "btrfs inline extent: the data is stored inside a metadata leaf");
      continue;
    }
    for (const part of parts) {
      const pieces = await resolveStack(ctx, part.majMin, part.physical, part.length, []);
      for (const [k, p] of pieces.entries()) {
        sectorSize ||= p.sectorSize;
        const lastPiece = part === parts[parts.length - 1] && k === pieces.length - 1;
        extents.push({
          fileOffset: e.logical + part.rel + p.rel,
          length: p.length,
          physicalOffset: p.physicalOffset,
          lba: Math.floor(p.physicalOffset / p.sectorSize),
          device: p.device,
          flags: [...new Set([...e.flags, ...p.flags])].filter((f) => f !== "last" || lastPiece),
        });
        layers.push([...part.head, ...p.layers]);
        stoppedAt.push(p.stoppedAt);
      }
    }
  }
  return { path: real, size: st.size, sectorSize: sectorSize || 512, extents, layers, stoppedAt };
}

/** Windows (extents already on \\.\PhysicalDriveN) and macOS (device-relative offsets). */
async function locateOther(
  platform: Platform,
  path: string,
  size: number,
  range: { offset: number; length: number } | null,
): Promise<LiveLocateResult> {
  let raw = (await platform.extents!.fileExtents(path, { sync: true }))
    .map((e) => ({ ...e, fileOffset: e.logical }));
  if (range) raw = coveringExtents(raw, range.offset, range.length);
  const sectorSize = 512;
  const extents: LocatedExtent[] = raw.map((e) => ({
    fileOffset: e.logical,
    length: e.length,
    physicalOffset: e.flags.includes("unknown") || e.flags.includes("encoded") ? null : e.physical,
    lba: e.flags.includes("unknown") || e.flags.includes("encoded")
      ? null
      : Math.floor(e.physical / sectorSize),
    device: e.device ?? "(filesystem device)",
    flags: e.flags,
  }));
  const note = platform.runtime.os === "darwin"
    ? "offsets are relative to the mounted device; the partition/APFS container offset is not added"
    : null;
  return {
    path,
    size,
    sectorSize,
    extents,
    layers: extents.map(() => []),
    stoppedAt: extents.map(() => note),
  };
}

/**
 * Inserts "hole" extents for the gaps FIEMAP leaves (sparse regions), up to `size`.
 *
 * @example Usage
 * ```ts
 * import { withHoles } from "./live_locate.ts";
 * const r = withHoles([{ logical: 8192, physical: 4096, length: 4096, flags: ["last"] }], 12288);
 * if (r.length !== 2 || r[0].flags[0] !== "hole" || r[0].length !== 8192) throw new Error("unexpected");
 * ```
 */
export function withHoles(extents: OsFileExtent[], size: number): OsFileExtent[] {
  const out: OsFileExtent[] = [];
  let pos = 0;
  for (const e of [...extents].sort((a, b) => a.logical - b.logical)) {
    if (e.logical > pos) {
      out.push({ logical: pos, physical: 0, length: e.logical - pos, flags: ["hole"] });
    }
    out.push(e);
    pos = Math.max(pos, e.logical + e.length);
  }
  if (size > pos) out.push({ logical: pos, physical: 0, length: size - pos, flags: ["hole"] });
  return out;
}
