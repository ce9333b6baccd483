// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Deleted NTFS records against The Sleuth Kit: an image populated and pruned through an ntfs-3g
 * FUSE mount (root): unused MFT records must be listed under the same paths and record numbers
 * as `fls -d -r -p`, with `istat -r`'s $DATA runs, and `ifind -d` must agree with
 * `owner --deleted`; with the deleted directory's sequence number bumped (its record "reused"),
 * its children must become the same `$OrphanFiles` entries as TSK's.
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
    "NtfsFilesystem.deleted() ntfs-3g rm'd files and directory match fls -d, istat and ifind -d (root: FUSE mount)",
  ignore: !isLinuxRoot(),
  async fn() {
    const dir = await Deno.makeTempDir();
    const img = `${dir}/ntfs.img`;
    try {
      await ntfs3gImage(img, "8M", ["-f", "-s", "512", "-c", "1024"], [
        "-o",
        "streams_interface=windows",
      ], async (mnt) => {
        await Deno.mkdir(`${mnt}/dir/sub`, { recursive: true });
        await Deno.mkdir(`${mnt}/gone`);
        const put = (p: string, n: number, seed: number) =>
          Deno.writeFile(`${mnt}/${p}`, randomBytes(n, seed));
        await put("keep.bin", 5000, 1);
        await put("del.bin", 9000, 2);
        await put("dir/inner.bin", 7000, 3);
        await put("dir/sub/deep.bin", 20000, 4);
        await put("gone/x.bin", 3000, 5);
        await put("small.txt", 100, 6);
        await put("del.bin:ads", 6000, 7);
        await put("dir/sub/deep.bin:tiny", 50, 8);
        await sh("sync", []);
        for (const p of ["del.bin", "dir/inner.bin", "dir/sub/deep.bin", "small.txt"]) {
          await Deno.remove(`${mnt}/${p}`);
        }
        await Deno.remove(`${mnt}/gone`, { recursive: true });
      });
      const bytes = await Deno.readFile(img);
      const fs = await probeNtfs(memorySource(bytes), 0, bytes.length);
      assert(fs);
      const r = await compareDeleted(img, fs, {
        unit: fs.blockSize,
        section: (ss, path) => {
          const stream = /:([^/:]+)$/.exec(path)?.[1];
          return ss.find((x) => x.key === (stream ? `$DATA:${stream}` : "$DATA"))?.runs ??
            ss.find((x) => x.key === "$INDEX_ALLOCATION:$I30")?.runs ?? null;
        },
      });
      assert(r.entries >= 6 && r.sectors >= 4, JSON.stringify(r));
      const names = (await fs.deleted!()).map((n) => n.path);
      assert(names.includes("/gone/x.bin") && names.includes("/dir/sub/deep.bin"), names.join());
      assert(names.includes("/del.bin:ads"), names.join());
      // Orphans: bump the deleted directory's sequence number as if its record had been reused;
      // TSK then lists its children under $OrphanFiles (its own OrphanFile-N entries for the
      // empty reserved records 16-23 are not ours to list).
      const gone = (await fs.deleted!()).find((n) => n.path === "/gone");
      assert(gone);
      const mftStart = (fs as NtfsFilesystem).mft.recordPieces(gone.id)[0].volumeOffset;
      assert(new TextDecoder().decode(bytes.subarray(mftStart, mftStart + 4)) === "FILE");
      const patched = bytes.slice();
      const dv = new DataView(patched.buffer);
      dv.setUint16(mftStart + 0x10, dv.getUint16(mftStart + 0x10, true) + 1, true);
      const img2 = `${dir}/orphans.img`;
      await Deno.writeFile(img2, patched);
      const fs2 = await probeNtfs(memorySource(patched), 0, patched.length);
      assert(fs2);
      const r2 = await compareDeleted(img2, fs2, {
        unit: fs2.blockSize,
        section: (ss, path) => {
          const stream = /:([^/:]+)$/.exec(path)?.[1];
          return ss.find((x) => x.key === (stream ? `$DATA:${stream}` : "$DATA"))?.runs ??
            ss.find((x) => x.key === "$INDEX_ALLOCATION:$I30")?.runs ?? null;
        },
        orphans: (p) => !/\/OrphanFile-\d+$/.test(p),
      });
      const orphans = (await fs2.deleted!()).filter((n) => n.path.startsWith("/$OrphanFiles/"));
      assertEquals(orphans.map((n) => n.path), ["/$OrphanFiles/x.bin"]);
      assert(r2.entries === r.entries, JSON.stringify([r, r2]));
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
