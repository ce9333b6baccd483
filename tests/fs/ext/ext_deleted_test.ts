// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Deleted ext2/ext4 entries against The Sleuth Kit on images made by mkfs + `debugfs -w` (rm,
 * rmdir; no mount). debugfs keeps a deleted inode's block map (the kernel zeroes ext4 extent trees
 * on delete), so TSK reports blocks: names found in directory slack, inode addresses, sizes and
 * runs must match `fls -d -r -p`, `istat -r` and `ifind -d`.
 */
import { probeExt } from "../../../lib/fs/ext/probe_ext.ts";
import { parseDeletedEntries } from "../../../lib/fs/ext/deleted_entries.ts";
import { randomBytes } from "../../helpers/random.ts";
import { compareDeleted } from "../deleted_tsk.ts";
import { assert, assertEquals, memorySource, sh } from "../tsk.ts";
import { isLinuxRoot, withLoopDevice } from "../../helpers/loop.ts";

async function makeDeletedExt(dir: string, type: string): Promise<string> {
  const img = `${dir}/${type}.img`;
  const cmds: string[] = ["mkdir d", "mkdir gone"];
  for (let i = 0; i < 8; i++) {
    await Deno.writeFile(`${dir}/s${i}`, randomBytes(1500 + i * 2100, 50 + i));
    cmds.push(`write ${dir}/s${i} ${i % 2 ? "d/" : ""}file${i}.bin`);
  }
  cmds.push(`write ${dir}/s7 gone/inner.bin`);
  cmds.push("rm file2.bin", "rm d/file3.bin", "rm d/file5.bin", "rm file6.bin");
  cmds.push("rm gone/inner.bin", "rmdir gone");
  cmds.push(`write ${dir}/s0 new.bin`);
  await Deno.writeTextFile(`${dir}/cmds`, cmds.join("\n") + "\n");
  await sh("bash", [
    "-c",
    `set -e; mkfs.${type} -q -b 1024 -N 64 ${img} 4096 && debugfs -w -f ${dir}/cmds ${img} >/dev/null 2>&1`,
  ]);
  return img;
}

for (const type of ["ext2", "ext4"]) {
  Deno.test(`ExtFilesystem.deleted() ${type}: debugfs rm/rmdir entries match fls -d, istat and ifind -d`, async () => {
    const dir = await Deno.makeTempDir();
    try {
      const img = await makeDeletedExt(dir, type);
      const bytes = await Deno.readFile(img);
      const fs = await probeExt(memorySource(bytes), 0, bytes.length);
      assert(fs);
      const r = await compareDeleted(img, fs, {
        unit: 1024,
        section: () => null,
        runsFromText: true,
      });
      assert(r.entries >= 4, `only ${r.entries} deleted entries`);
      assert(r.runs >= 4 && r.sectors >= 4, JSON.stringify(r));
      const names = (await fs.deleted!()).map((n) => n.path);
      assert(names.includes("/d/file3.bin") && names.includes("/gone"), names.join());
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}

Deno.test({
  name:
    "ExtFilesystem.deleted() ext4 rm'd by the kernel: no names, zeroed extents, TSK's OrphanFile-N entries (root: loop mount)",
  ignore: !isLinuxRoot(),
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      const img = `${dir}/k.img`;
      await sh("bash", ["-c", `truncate -s 8M ${img} && mkfs.ext4 -q -b 1024 -N 64 ${img}`]);
      await withLoopDevice(img, {}, async (dev) => {
        const mnt = `${dir}/mnt`;
        await Deno.mkdir(mnt);
        await sh("mount", [dev, mnt]);
        try {
          await Deno.mkdir(`${mnt}/d`);
          await Deno.writeFile(`${mnt}/a.bin`, randomBytes(5000, 1));
          await Deno.writeFile(`${mnt}/d/b.bin`, randomBytes(30000, 2));
          await Deno.writeFile(`${mnt}/keep`, randomBytes(3000, 3));
          await sh("sync", []);
          await Deno.remove(`${mnt}/a.bin`);
          await Deno.remove(`${mnt}/d`, { recursive: true });
        } finally {
          await sh("umount", [mnt]);
        }
      });
      const bytes = await Deno.readFile(img);
      const fs = await probeExt(memorySource(bytes), 0, bytes.length);
      assert(fs);
      const r = await compareDeleted(img, fs, {
        unit: 1024,
        section: () => null,
        runsFromText: true,
        orphans: true,
      });
      assert(r.entries >= 3, JSON.stringify(r));
      for (const n of await fs.deleted!()) {
        assert(n.path.startsWith("/$OrphanFiles/OrphanFile-"), n.path);
        assertEquals(await fs.extents(n), [], `${n.path}: the kernel zeroes the extent tree`);
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("parseDeletedEntries() never throws on random blocks and keeps inodes in range", () => {
  for (let seed = 1; seed <= 200; seed++) {
    const b = randomBytes(1024, seed);
    for (let p = 0; p < 1024; p += 64) b[p + 6] = b[p + 6] & 15; // short names, more hits
    for (const e of parseDeletedEntries(b, seed % 2 === 0, 5000, seed % 3 === 0)) {
      assert(e.ino <= 5000 && e.offset % 4 === 0 && e.name.length > 0);
    }
  }
});
