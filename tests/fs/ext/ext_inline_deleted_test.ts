// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Deleted names in ext4 inline-data directories against The Sleuth Kit: small directories made by
 * the kernel on a loop mount (`mke2fs -O inline_data`: entries live in i_block and the
 * `system.data` xattr), then entries removed with `debugfs -w` (which leaves the names in the
 * previous entry's slack, or clears the inode of the first one) and by the kernel (which wipes
 * them: TSK and we list only `OrphanFile-N`). An orphan directory is opened: `OrphanFile-N/z.txt`.
 */
import { probeExt } from "../../../lib/fs/ext/probe_ext.ts";
import { isLinuxRoot, withLoopDevice } from "../../helpers/loop.ts";
import { randomBytes } from "../../helpers/random.ts";
import { compareDeleted } from "../deleted_tsk.ts";
import { assert, memorySource, sh } from "../tsk.ts";

Deno.test({
  name:
    "ExtFilesystem.deleted() inline-data directory slack matches fls -d, istat and ifind -d (root: loop mount)",
  ignore: !isLinuxRoot(),
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      const img = `${dir}/inline.img`;
      await sh("bash", [
        "-c",
        `truncate -s 8M ${img} && mke2fs -q -t ext4 -O inline_data -b 1024 -N 64 ${img}`,
      ]);
      await withLoopDevice(img, {}, async (dev) => {
        const mnt = `${dir}/mnt`;
        await Deno.mkdir(mnt);
        await sh("mount", [dev, mnt]);
        try {
          const put = (p: string, n: number, seed: number) =>
            Deno.writeFile(`${mnt}/${p}`, randomBytes(n, seed));
          for (const d of ["small", "small/sub", "kern"]) await Deno.mkdir(`${mnt}/${d}`);
          await put("small/a.txt", 6, 1);
          await put("small/bfile.bin", 3000, 2);
          await put("small/c.txt", 20, 3);
          await put("small/dd.txt", 2, 4);
          await put("small/sub/z.txt", 2, 5);
          await put("kern/gone.bin", 5000, 6);
          await put("kern/stay.txt", 10, 7);
          await sh("sync", []);
          await Deno.remove(`${mnt}/kern/gone.bin`);
        } finally {
          await sh("umount", [mnt]);
        }
      });
      const rm = "rm small/bfile.bin\nrm small/c.txt\nrm small/sub/z.txt\nrmdir small/sub\n";
      await sh("debugfs", ["-w", "-f", "-", img], new TextEncoder().encode(rm));
      const stat = await sh("debugfs", ["-R", "stat /small", img]);
      assert(/Size of inline data/.test(stat), "the directory is inline");
      const bytes = await Deno.readFile(img);
      const fs = await probeExt(memorySource(bytes), 0, bytes.length);
      assert(fs);
      const r = await compareDeleted(img, fs, {
        unit: 1024,
        section: () => null,
        runsFromText: true,
        orphans: true,
      });
      assert(r.entries >= 5, JSON.stringify(r));
      const names = (await fs.deleted!()).map((n) => n.path);
      for (const p of ["/small/bfile.bin", "/small/c.txt", "/small/sub"]) {
        assert(names.includes(p), names.join());
      }
      // The cleared name of sub leaves its inode an orphan directory, opened like TSK does.
      assert(names.some((n) => /^\/\$OrphanFiles\/OrphanFile-\d+\/z\.txt$/.test(n)), names.join());
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
