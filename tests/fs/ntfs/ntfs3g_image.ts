// Copyright 2026 the sectorkit authors. MIT license.
import { sh } from "../tsk.ts";

/**
 * Makes the NTFS image `img` (`size`, e.g. "8M") with `mkntfs -q -F` plus `mkntfs` options, mounts
 * it with ntfs-3g (plus `mount` options; root) on `img`'s directory + "/mnt", lets `populate` work
 * in the mount point, and unmounts even when `populate` throws.
 */
export async function ntfs3gImage(
  img: string,
  size: string,
  mkntfs: string[],
  mount: string[],
  populate: (mnt: string) => Promise<void>,
): Promise<void> {
  const mnt = `${img.slice(0, img.lastIndexOf("/"))}/mnt`;
  await Deno.mkdir(mnt, { recursive: true });
  await sh("truncate", ["-s", size, img]);
  await sh("mkntfs", ["-q", "-F", ...mkntfs, img]);
  await sh("ntfs-3g", [...mount, img, mnt]);
  try {
    await populate(mnt);
  } finally {
    await sh("umount", [mnt]);
  }
}
