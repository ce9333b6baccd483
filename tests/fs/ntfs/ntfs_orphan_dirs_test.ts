// Copyright 2026 the sectorkit authors. MIT license.
/**
 * NTFS orphan directories against The Sleuth Kit: `/top/mid/f.bin` and `/top/a.bin` removed
 * through an ntfs-3g FUSE mount (root), then `top`'s record sequence number bumped as if it had
 * been reused: `mid` becomes an orphan and TSK lists its file below it (`$OrphanFiles/mid/f.bin`),
 * `a.bin` at the top of `$OrphanFiles`.
 */
import { probeNtfs } from "../../../lib/fs/ntfs/probe_ntfs.ts";
import type { NtfsFilesystem } from "../../../lib/fs/ntfs/ntfs_filesystem.ts";
import { isLinuxRoot } from "../../helpers/loop.ts";
import { randomBytes } from "../../helpers/random.ts";
import { compareDeleted } from "../deleted_tsk.ts";
import { assert, assertEquals, memorySource, sh } from "../tsk.ts";
import { ntfs3gImage } from "./ntfs3g_image.ts";

Deno.test({
  name:
    "NtfsFilesystem.deleted() opens orphan directories like fls -d ($OrphanFiles/DIR/NAME) (root: FUSE mount)",
  ignore: !isLinuxRoot(),
  async fn() {
    const dir = await Deno.makeTempDir();
    const img = `${dir}/n.img`;
    try {
      await ntfs3gImage(img, "8M", ["-f", "-s", "512", "-c", "1024"], [], async (mnt) => {
        await Deno.mkdir(`${mnt}/top/mid`, { recursive: true });
        await Deno.writeFile(`${mnt}/top/mid/f.bin`, randomBytes(3000, 1));
        await Deno.writeFile(`${mnt}/top/a.bin`, randomBytes(2000, 2));
        await sh("sync", []);
        await Deno.remove(`${mnt}/top`, { recursive: true });
      });
      const bytes = await Deno.readFile(img);
      const fs = await probeNtfs(memorySource(bytes), 0, bytes.length) as NtfsFilesystem;
      assert(fs);
      const top = (await fs.deleted()).find((n) => n.path === "/top");
      assert(top);
      const at = fs.mft.recordPieces(top.id)[0].volumeOffset;
      const dv = new DataView(bytes.buffer);
      dv.setUint16(at + 0x10, dv.getUint16(at + 0x10, true) + 1, true);
      const img2 = `${dir}/orphans.img`;
      await Deno.writeFile(img2, bytes);
      const fs2 = await probeNtfs(memorySource(bytes), 0, bytes.length);
      assert(fs2);
      const r = await compareDeleted(img2, fs2, {
        unit: fs2.blockSize,
        section: (ss) =>
          ss.find((x) => x.key === "$DATA")?.runs ??
            ss.find((x) => x.key === "$INDEX_ALLOCATION:$I30")?.runs ?? null,
        orphans: (p) => !/\/OrphanFile-\d+$/.test(p),
      });
      assert(r.entries === 4, JSON.stringify(r));
      const orphans = (await fs2.deleted!()).filter((n) => n.path.startsWith("/$OrphanFiles/"));
      assertEquals(orphans.map((n) => n.path).sort(), [
        "/$OrphanFiles/a.bin",
        "/$OrphanFiles/mid",
        "/$OrphanFiles/mid/f.bin",
      ]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
