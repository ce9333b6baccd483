// Copyright 2026 the sectorkit authors. MIT license.
/**
 * exFAT orphans against The Sleuth Kit: an exfat-fuse image (loop device, root) where a removed
 * directory of 60 files and a nested subtree spans two clusters, so that TSK's `$OrphanFiles`
 * holds the sets past the first cluster, a set cut at the cluster end (`OrphanFile-N`) and an
 * orphan directory with its own contents (`$OrphanFiles/zsub/deeper/d.txt`).
 */
import { probeExfat } from "../../../lib/fs/exfat/probe_exfat.ts";
import { scanExfatOrphans } from "../../../lib/fs/exfat/exfat_orphans.ts";
import { isLinuxRoot } from "../../helpers/loop.ts";
import { randomBytes } from "../../helpers/random.ts";
import { compareDeleted } from "../deleted_tsk.ts";
import { assert, assertEquals, memorySource, sh } from "../tsk.ts";
import { fuseExfatImage } from "./fuse_image.ts";

Deno.test({
  name:
    "ExfatFilesystem.deleted() orphans and orphan directory contents match fls -d, istat and ifind -d (root: loop + FUSE)",
  ignore: !isLinuxRoot(),
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      const img = await fuseExfatImage(dir, "16M", "ORPH", async (mnt) => {
        const put = (p: string, n: number, seed: number) =>
          Deno.writeFile(`${mnt}/${p}`, randomBytes(n, seed));
        await Deno.mkdir(`${mnt}/top/mid/leaf`, { recursive: true });
        await Deno.mkdir(`${mnt}/keep`);
        await Deno.mkdir(`${mnt}/big`);
        await put("top/a.bin", 3000, 1);
        await put("top/mid/b.bin", 5000, 2);
        await put("top/mid/leaf/c.bin", 7000, 3);
        for (let i = 1; i <= 60; i++) await put(`big/file${i}.bin`, 1000, 10 + i);
        await Deno.mkdir(`${mnt}/big/zsub/deeper`, { recursive: true });
        await put("big/zsub/inner.bin", 2000, 4);
        await put("big/zsub/deeper/d.txt", 100, 5);
        await put("keep/k.bin", 4000, 6);
        await sh("sync", []);
        await Deno.remove(`${mnt}/top`, { recursive: true });
        await Deno.remove(`${mnt}/big`, { recursive: true });
      });
      const bytes = await Deno.readFile(img);
      const fs = await probeExfat(memorySource(bytes), 0, bytes.length);
      assert(fs);
      const r = await compareDeleted(img, fs, {
        unit: 512,
        section: (ss) => ss.find((x) => x.key === "Sectors")?.runs ?? null,
        orphans: true,
      });
      assert(r.entries >= 60 && r.sectors >= 50, JSON.stringify(r));
      const names = (await fs.deleted!()).map((n) => n.path);
      for (const p of ["/top/mid/leaf/c.bin", "/$OrphanFiles/zsub/deeper/d.txt"]) {
        assert(names.includes(p), names.join());
      }
      assert(names.some((n) => /^\/\$OrphanFiles\/OrphanFile-\d+$/.test(n)), names.join());
      assert(!names.includes("/$OrphanFiles/inner.bin"), "listed below zsub only");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("scanExfatOrphans() never throws on random sectors and keeps entries in range", () => {
  const lim = { heapBytes: 1 << 24, lastCluster: 5000 };
  for (let seed = 1; seed <= 200; seed++) {
    const b = randomBytes(2048, 900 + seed);
    for (let at = 0; at < 2048; at += 96) {
      b[at] = seed % 2 ? 0x05 : 0x85;
      b[at + 1] = 2 + (b[at + 1] % 3);
      b[at + 32] = 0x40 | (b[at] & 0x80);
      b[at + 64] = 0x41;
    }
    for (const e of scanExfatOrphans(b, 1536, 512, lim)) {
      assert(e.offset % 32 === 0 && e.offset < 1536);
      assert(e.size === 0 || (e.size <= lim.heapBytes && e.firstCluster <= 5000));
    }
  }
});

Deno.test("scanExfatOrphans() reads TSK's way: stream with the same InUse bit, names cut short, zero timestamps refused", () => {
  const lim = { heapBytes: 1 << 20, lastCluster: 100 };
  const set = (b: Uint8Array, at: number, type: number, names: string[]) => {
    b[at] = type;
    b[at + 1] = 1 + names.length;
    b[at + 12] = 1;
    b[at + 32] = 0x40 | (type & 0x80);
    b[at + 35] = names.join("").length;
    b[at + 52] = 7;
    b[at + 56] = 200;
    names.forEach((n, i) => {
      b[at + 64 + i * 32] = 0x41;
      for (let k = 0; k < n.length; k++) b[at + 66 + i * 32 + k * 2] = n.charCodeAt(k);
    });
  };
  const b = new Uint8Array(1024);
  set(b, 0, 0x05, ["abcdefghijklmno", "pq"]);
  set(b, 128, 0x85, ["live"]); // a live set in a free cluster is an orphan too
  set(b, 256, 0x05, ["x"]);
  b[256 + 32] = 0xc0; // stream InUse while the file entry is not: no stream, no name
  set(b, 384, 0x05, ["cut", "off"]);
  b[384 + 96] = 0; // second name entry missing: partial name
  set(b, 512, 0x05, ["zero"]);
  b[512 + 12] = 0; // all timestamps zero: not an entry
  const got = scanExfatOrphans(b, 1024, 512, lim).map((e) => [e.offset, e.name, e.size]);
  assertEquals(got, [[0, "abcdefghijklmnopq", 200], [128, "live", 200], [256, "", 0], [
    384,
    "cut",
    200,
  ]]);
});
