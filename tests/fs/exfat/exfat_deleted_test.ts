// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Deleted exFAT entry sets against The Sleuth Kit: an image populated and pruned through
 * exfat-fuse on a loop device (root). Deleted files in the root and a subdirectory, a removed
 * directory, and new files that reuse freed clusters and entry slots: the same entries as
 * `fls -d -r -p`, with `istat -r`'s size and runs, and `ifind -d` agreeing with `owner --deleted`.
 */
import { probeExfat } from "../../../lib/fs/exfat/probe_exfat.ts";
import { parseExfatDeleted } from "../../../lib/fs/exfat/exfat_deleted.ts";
import { isLinuxRoot } from "../../helpers/loop.ts";
import { randomBytes } from "../../helpers/random.ts";
import { compareDeleted } from "../deleted_tsk.ts";
import { assert, memorySource, sh } from "../tsk.ts";
import { fuseExfatImage } from "./fuse_image.ts";

Deno.test({
  name:
    "ExfatFilesystem.deleted() exfat-fuse rm'd files and directory match fls -d, istat and ifind -d (root: loop + FUSE)",
  ignore: !isLinuxRoot(),
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      const img = await fuseExfatImage(dir, "16M", "DEL", async (mnt) => {
        const put = (p: string, n: number, seed: number) =>
          Deno.writeFile(`${mnt}/${p}`, randomBytes(n, seed));
        await Deno.mkdir(`${mnt}/dir`);
        await Deno.mkdir(`${mnt}/gone`);
        await put("keep.bin", 5000, 1);
        await put("del.bin", 9000, 2);
        await put("dir/a long deleted name.bin", 7000, 3);
        await put("dir/other.bin", 13000, 4);
        for (let i = 1; i <= 3; i++) await put(`gone/x${i}.bin`, 3000, 10 + i);
        await put("small.txt", 100, 5);
        await put("tail.bin", 20000, 6);
        await sh("sync", []);
        for (const p of ["del.bin", "dir/other.bin", "small.txt", "tail.bin"]) {
          await Deno.remove(`${mnt}/${p}`);
        }
        await Deno.remove(`${mnt}/gone`, { recursive: true });
        await put("dir/new.bin", 6000, 7); // reuses a slot and freed clusters
      });
      const bytes = await Deno.readFile(img);
      const fs = await probeExfat(memorySource(bytes), 0, bytes.length);
      assert(fs);
      const r = await compareDeleted(img, fs, {
        unit: 512,
        section: (ss) => ss.find((x) => x.key === "Sectors")?.runs ?? null,
        orphans: true,
      });
      assert(r.entries >= 4 && r.sectors >= 4, JSON.stringify(r));
      const names = (await fs.deleted!()).map((n) => n.path);
      assert(names.includes("/gone") && names.includes("/tail.bin"), names.join());
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("parseExfatDeleted() never throws on random directory bytes", () => {
  for (let seed = 1; seed <= 200; seed++) {
    const d = randomBytes(1024, seed);
    for (let at = 0; at < 1024; at += 96) {
      d[at] = 0x05;
      d[at + 1] = 2;
      d[at + 32] = 0x40;
      d[at + 64] = 0x41;
    }
    for (const e of parseExfatDeleted(d, seed % 2 === 0)) {
      assert(e.offset % 32 === 0 && e.name.length > 0 && e.name.length <= 17 * 15);
    }
  }
});
