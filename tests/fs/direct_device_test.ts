// Copyright 2026 the sectorkit authors. MIT license.
/**
 * The parsers on a real loop device opened with O_DIRECT (root only): through `cachedSource`
 * every read is aligned, so FAT and NTFS volumes parse and read back their files.
 */
import { openLinuxBlockDevice } from "../../ffi/linux/block_device.ts";
import { allocAligned } from "../../ffi/aligned.ts";
import { cachedSource, probeImageFilesystem } from "../../lib/fs/probes.ts";
import { isLinuxRoot, withLoopDevice } from "../helpers/loop.ts";
import { randomBytes } from "../helpers/random.ts";
import { assert, assertEquals, sh } from "./tsk.ts";

Deno.test({
  name:
    "probeImageFilesystem() over cachedSource parses FAT32 and NTFS on an O_DIRECT loop device (root)",
  ignore: !isLinuxRoot(),
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      const data = randomBytes(123457, 9);
      await Deno.writeFile(`${dir}/f.bin`, data);
      await sh("bash", [
        "-c",
        [
          `set -e; cd ${dir}`,
          `mkfs.vfat -C -F 32 -S 512 -s 1 fat.img 40960 >/dev/null && mcopy -i fat.img f.bin "::/A long name.bin"`,
          `truncate -s 16M ntfs.img && mkntfs -q -F -Q -c 4096 ntfs.img >/dev/null 2>&1 && ntfscp ntfs.img f.bin "/A long name.bin"`,
        ].join("\n"),
      ]);
      for (const [img, type] of [["fat.img", "fat32"], ["ntfs.img", "ntfs"]]) {
        await withLoopDevice(`${dir}/${img}`, { directIo: true }, async (dev) => {
          const bd = openLinuxBlockDevice(dev);
          try {
            assert(bd.direct, "opened with O_DIRECT");
            const src = cachedSource(bd, { alloc: (n) => allocAligned(n, bd.alignment) });
            const fs = await probeImageFilesystem(src, 0, bd.size);
            assert(fs);
            assertEquals(fs.type, type);
            const node = await fs.lookup("/a long name.bin");
            assert(node);
            assertEquals(await fs.read(node, 0, node.size), data);
          } finally {
            bd.close();
          }
        });
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
