// Copyright 2026 the sectorkit authors. MIT license.
import { withLoopDevice } from "../../helpers/loop.ts";
import { sh } from "../tsk.ts";

/**
 * Makes `dir/ex.img` (`size`, e.g. "16M") with `mkfs.exfat -c 4K -L label`, mounts it with
 * exfat-fuse on a loop device (root), lets `populate` work in the mount point, unmounts, and
 * returns the image path.
 */
export async function fuseExfatImage(
  dir: string,
  size: string,
  label: string,
  populate: (mnt: string) => Promise<void>,
): Promise<string> {
  const img = `${dir}/ex.img`;
  await sh("bash", [
    "-c",
    `truncate -s ${size} ${img} && mkfs.exfat -c 4K -L ${label} ${img} >/dev/null`,
  ]);
  await withLoopDevice(img, {}, async (dev) => {
    const mnt = `${dir}/mnt`;
    await Deno.mkdir(mnt);
    await sh("mount.exfat-fuse", [dev, mnt]);
    try {
      await populate(mnt);
    } finally {
      await sh("umount", [mnt]);
    }
  });
  return img;
}
