// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Every block device a Linux block device is stored on: the disk holding a partition, the devices
 * under dm and md (`slaves/`), and the device holding a loop device's backing file, recursively.
 *
 * @module
 */
import { devNumberToString, type StackContext } from "./block_stack.ts";

const dirname = (p: string) => p.slice(0, p.lastIndexOf("/"));

/**
 * The "MAJ:MIN" of `majMin` itself and of every device below it. A device that is not in
 * `/sys/dev/block` (e.g. btrfs's anonymous st_dev, tmpfs) has nothing below it.
 *
 * @example Usage
 * ```ts ignore
 * const below = await lowerDevices(platformStackContext(platform), "7:1");
 * below.has("259:0"); // the loop device's backing file lives on nvme0n1p1
 * ```
 */
export async function lowerDevices(ctx: StackContext, majMin: string): Promise<Set<string>> {
  const found = new Set<string>([majMin]);
  const visit = async (sys: string, depth: number): Promise<void> => {
    if (depth > 16) return;
    const dev = await ctx.sysfs.read(`${sys}/dev`);
    if (dev) found.add(dev);
    if ((await ctx.sysfs.read(`${sys}/partition`)) !== null) {
      await visit(dirname(sys), depth + 1);
      return;
    }
    for (const slave of await ctx.sysfs.list(`${sys}/slaves`)) {
      const s = await ctx.sysfs.realPath(`/sys/class/block/${slave}`);
      if (s) await visit(s, depth + 1);
    }
    const backing = await ctx.sysfs.read(`${sys}/loop/backing_file`);
    if (backing) {
      const holder = await ctx.fileDevice(backing.replace(/ \(deleted\)$/, "")).catch(() => null);
      if (holder && !found.has(holder)) {
        found.add(holder);
        const s = await ctx.sysfs.realPath(`/sys/dev/block/${holder}`);
        if (s) await visit(s, depth + 1);
      }
    }
  };
  const sys = await ctx.sysfs.realPath(`/sys/dev/block/${majMin}`);
  if (sys) await visit(sys, 0);
  return found;
}

/** {@linkcode lowerDevices} for a raw st_dev / st_rdev number. */
export function lowerDevicesOf(ctx: StackContext, dev: number): Promise<Set<string>> {
  return lowerDevices(ctx, devNumberToString(dev));
}
