// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Whether a block device (or one of its partitions) is mounted, from /proc/self/mountinfo.
 *
 * @module
 */

/** One line of /proc/self/mountinfo. */
export interface MountEntry {
  /** Device number of the mounted filesystem, "major:minor". */
  majorMinor: string;
  /** Where it is mounted. */
  mountPoint: string;
  /** The mount source (usually the device path). */
  source: string;
}

/**
 * Parses /proc/self/mountinfo (fields: id, parent, major:minor, root, mount point, options,
 * optional fields, "-", fstype, source, super options). Octal escapes (`\040`) are decoded.
 *
 * @example Usage
 * ```ts
 * import { parseMountInfo } from "./mount_check.ts";
 * const e = parseMountInfo("36 25 7:0 / /mnt/a\\040b rw,relatime shared:1 - ext4 /dev/loop0 rw\n");
 * if (e[0].majorMinor !== "7:0" || e[0].mountPoint !== "/mnt/a b" || e[0].source !== "/dev/loop0") {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function parseMountInfo(text: string): MountEntry[] {
  const unescape = (s: string): string =>
    s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
  const out: MountEntry[] = [];
  for (const line of text.split("\n")) {
    const f = line.trim().split(" ");
    if (f.length < 10) continue;
    const dash = f.indexOf("-", 6);
    if (dash < 0 || dash + 2 >= f.length) continue;
    out.push({ majorMinor: f[2], mountPoint: unescape(f[4]), source: unescape(f[dash + 2]) });
  }
  return out;
}

/** Linux `major:minor` of a device number (`st_rdev`). */
export function majorMinor(rdev: number): string {
  const major = Math.floor(rdev / 256) & 0xfff | (Math.floor(rdev / 2 ** 32) & ~0xfff);
  const minor = (rdev & 0xff) | (Math.floor(rdev / 4096) & ~0xff);
  return `${major}:${minor}`;
}

/**
 * The mount points that use `device` or one of its partitions (`/dev/loop0p1`, `/dev/sda1`,
 * `/dev/nvme0n1p2`), matched by device number and by source path.
 *
 * @example Usage
 * ```ts
 * import { mountsOf, parseMountInfo } from "./mount_check.ts";
 * const m = parseMountInfo("40 25 259:1 / /boot rw - vfat /dev/nvme0n1p1 rw\n");
 * if (mountsOf("/dev/nvme0n1", null, m).join() !== "/boot") throw new Error("unexpected");
 * ```
 */
export function mountsOf(device: string, rdev: number | null, entries: MountEntry[]): string[] {
  const mm = rdev === null ? null : majorMinor(rdev);
  const sep = /\d$/.test(device) ? "p" : "";
  const part = new RegExp(`^${device.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}${sep}\\d+$`);
  return entries
    .filter((e) => e.majorMinor === mm || e.source === device || part.test(e.source))
    .map((e) => e.mountPoint);
}
