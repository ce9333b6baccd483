// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Live btrfs: FIEMAP gives btrfs *logical* addresses. Find the mount (/proc/self/mountinfo,
 * longest mount-point prefix of type btrfs), read the chunk tree from its device, and map each
 * extent to (device, physical) — then on down the block stack like any other device.
 *
 * @module
 */
import { SectorkitError } from "../errors.ts";
import { type BtrfsChunk, mapBtrfsLogical, readBtrfsChunks } from "../fs/btrfs/chunk_map.ts";
import type { OsFileExtent, Platform } from "../platform/mod.ts";
import { devNumberToString } from "./block_stack.ts";

/** One mountinfo line. */
export interface MountInfo {
  /** "MAJ:MIN" of the mount. */
  majMin: string;
  /** Mount point. */
  mountPoint: string;
  /** Filesystem type. */
  fsType: string;
  /** Mount source (device path). */
  source: string;
}

/**
 * Parses /proc/self/mountinfo (octal escapes in paths decoded).
 *
 * @example Usage
 * ```ts
 * import { parseMountInfo } from "./btrfs_live.ts";
 * const m = parseMountInfo("36 35 0:45 / /mnt/b rw,relatime shared:1 - btrfs /dev/loop5 rw\n");
 * if (m[0].source !== "/dev/loop5" || m[0].fsType !== "btrfs") throw new Error("unexpected");
 * ```
 */
export function parseMountInfo(text: string): MountInfo[] {
  const un = (s: string) =>
    s.replace(/\\([0-7]{3})/g, (_, o) => String.fromCharCode(parseInt(o, 8)));
  return text.split("\n").filter((l) => l.trim()).map((l) => {
    const [pre, post] = l.split(" - ");
    const f = pre.split(" ");
    const g = (post ?? "").split(" ");
    return { majMin: f[2], mountPoint: un(f[4]), fsType: g[0], source: un(g[1] ?? "") };
  });
}

/** A btrfs extent mapped to a device (before the block stack). */
export interface BtrfsMapped {
  /** Offset inside the FIEMAP extent. */
  rel: number;
  /** Length. */
  length: number;
  /** Device path holding the copy. */
  device: string;
  /** Its "MAJ:MIN". */
  majMin: string;
  /** Byte offset on that device. */
  physical: number;
  /** Arithmetic note. */
  layer: string;
}

/** The btrfs mount holding `path`, or null. */
export async function btrfsMountOf(platform: Platform, path: string): Promise<MountInfo | null> {
  const text = await platform.fs.readTextFile("/proc/self/mountinfo").catch(() => "");
  const hits = parseMountInfo(text).filter((m) =>
    m.fsType === "btrfs" &&
    (path === m.mountPoint || path.startsWith(m.mountPoint.replace(/\/$/, "") + "/"))
  );
  hits.sort((a, b) => b.mountPoint.length - a.mountPoint.length);
  return hits[0] ?? null;
}

/** Maps FIEMAP extents of a file on btrfs to (device, physical) of the first copy of each piece. */
export async function mapBtrfsExtents(
  platform: Platform,
  mount: MountInfo,
  extents: OsFileExtent[],
): Promise<BtrfsMapped[][]> {
  const dev = await platform.devices.openBlockDevice(mount.source, { direct: false });
  let chunks: BtrfsChunk[];
  let devid: number;
  try {
    const r = await readBtrfsChunks(dev);
    chunks = r.chunks;
    devid = r.sb.devid;
  } finally {
    dev.close();
  }
  const st = await platform.fs.stat(mount.source);
  if (st?.rdev === null || st?.rdev === undefined) {
    throw new SectorkitError(`locate: btrfs device ${mount.source} is not a device node`);
  }
  const majMin = devNumberToString(st.rdev);
  return extents.map((e) => {
    if (e.flags.includes("inline")) return [];
    const pieces = mapBtrfsLogical(chunks, e.physical, e.length);
    const out: BtrfsMapped[] = [];
    for (const p of pieces.filter((p) => p.copy === 0)) {
      if (p.devid !== devid) {
        throw new SectorkitError(
          `locate: btrfs logical ${
            e.physical + p.rel
          } is on device id ${p.devid}; multi-device btrfs is not mapped`,
        );
      }
      const others = pieces.filter((q) => q.rel === p.rel && q.copy > 0)
        .map((q) => `copy ${q.copy + 1} at byte ${q.physical} of devid ${q.devid}`);
      out.push({
        rel: p.rel,
        length: p.length,
        device: mount.source,
        majMin,
        physical: p.physical,
        layer:
          `btrfs logical ${
            e.physical + p.rel
          } → byte ${p.physical} on ${mount.source} (chunk tree)` +
          (others.length ? `; ${others.join(", ")}` : ""),
      });
    }
    return out;
  });
}
