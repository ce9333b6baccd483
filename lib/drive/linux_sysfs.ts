// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Linux drive enumeration from sysfs, through a {@linkcode FileStore} (so it runs on a fake tree in
 * tests): `/sys/class/scsi_generic/sgN/device/type` 5 → optical drive `/dev/sgN` + its block node
 * `/dev/srN`; `/sys/block/*` for the other block devices and for `sr*` without the sg module.
 *
 * @module
 */
import type { DriveListing } from "../platform/scsi_opener.ts";
import type { FileStore } from "../platform/file_store.ts";

async function read(fs: FileStore, path: string): Promise<string | null> {
  try {
    return (await fs.readTextFile(path)).trim();
  } catch {
    return null;
  }
}

async function list(fs: FileStore, path: string): Promise<string[]> {
  try {
    return (await fs.readDir(path)).map((e) => e.name).sort(naturalCompare);
  } catch {
    return [];
  }
}

function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

/**
 * Lists optical drives (by SCSI generic node, with their block node) and block devices.
 *
 * @example On a fake sysfs
 * ```ts ignore
 * const drives = await listLinuxDrives(fs);
 * // [{ path: "/dev/sr0", genericPath: "/dev/sg0", kind: "optical", vendor: "QEMU", … }]
 * ```
 */
export async function listLinuxDrives(fs: FileStore, sys = "/sys"): Promise<DriveListing[]> {
  const optical: DriveListing[] = [];
  const seenBlocks = new Set<string>();
  for (const sg of await list(fs, `${sys}/class/scsi_generic`)) {
    const dev = `${sys}/class/scsi_generic/${sg}/device`;
    if ((await read(fs, `${dev}/type`)) !== "5") continue;
    const blocks = await list(fs, `${dev}/block`);
    const block = blocks[0];
    if (block) seenBlocks.add(block);
    optical.push({
      path: block ? `/dev/${block}` : `/dev/${sg}`,
      kind: "optical",
      genericPath: `/dev/${sg}`,
      blockPath: block ? `/dev/${block}` : undefined,
      vendor: (await read(fs, `${dev}/vendor`)) ?? "",
      product: (await read(fs, `${dev}/model`)) ?? "",
      revision: (await read(fs, `${dev}/rev`)) ?? "",
      sizeBytes: block ? Number(await read(fs, `${sys}/block/${block}/size`) ?? 0) * 512 : 0,
      removable: true,
    });
  }
  const disks: DriveListing[] = [];
  for (const name of await list(fs, `${sys}/block`)) {
    if (seenBlocks.has(name) || /^(ram|zram)\d/.test(name)) continue;
    const base = `${sys}/block/${name}`;
    const sizeBytes = Number(await read(fs, `${base}/size`) ?? 0) * 512;
    const type = await read(fs, `${base}/device/type`);
    const isOptical = /^sr\d+$/.test(name) || type === "5";
    if (!isOptical && sizeBytes === 0) continue;
    const entry: DriveListing = {
      path: `/dev/${name}`,
      kind: isOptical ? "optical" : "disk",
      blockPath: `/dev/${name}`,
      vendor: (await read(fs, `${base}/device/vendor`)) ?? "",
      product: (await read(fs, `${base}/device/model`)) ?? "",
      revision: (await read(fs, `${base}/device/rev`)) ??
        (await read(fs, `${base}/device/firmware_rev`)) ?? "",
      sizeBytes,
      removable: (await read(fs, `${base}/removable`)) === "1",
    };
    (isOptical ? optical : disks).push(entry);
  }
  return [...optical, ...disks];
}

/** The sysfs block name behind a device path: `/dev/sr0` → `sr0`; `/dev/sg1` → its `srN`. */
export async function sysfsBlockName(
  fs: FileStore,
  path: string,
  sys = "/sys",
): Promise<string | null> {
  const m = /^\/dev\/(\w+)$/.exec(path);
  if (!m) return null;
  if (/^sg\d+$/.test(m[1])) {
    return (await list(fs, `${sys}/class/scsi_generic/${m[1]}/device/block`))[0] ?? null;
  }
  return m[1];
}
