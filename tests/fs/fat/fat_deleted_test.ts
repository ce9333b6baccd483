// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Deleted FAT entries against The Sleuth Kit on images made by mkfs.vfat + mtools (mdel,
 * mdeltree; no mount): names (long names of deleted entries, `_` for the lost first character),
 * addresses, sizes and reconstructed runs must match `fls -d -r -p`, `istat` and `ifind -d`.
 */
import { probeFat } from "../../../lib/fs/fat/probe_fat.ts";
import { parseFatDeleted, recoverClusters } from "../../../lib/fs/fat/fat_deleted.ts";
import { scanOrphanSectors } from "../../../lib/fs/fat/fat_orphans.ts";
import { randomBytes } from "../../helpers/random.ts";
import { compareDeleted } from "../deleted_tsk.ts";
import { assert, assertEquals, memorySource, sh } from "../tsk.ts";

async function makeDeletedFat(dir: string, bits: number, kib: number, spc: number) {
  const img = `${dir}/fat${bits}.img`;
  const src = async (size: number, seed: number): Promise<string> => {
    const p = `${dir}/s${seed}`;
    await Deno.writeFile(p, randomBytes(size, seed));
    return p;
  };
  const s: string[] = [
    `set -e; cd ${dir}`,
    `mkfs.vfat -C -F ${bits} -s ${spc} -n DEL ${img} ${kib} >/dev/null`,
    `mmd -i ${img} ::/Keep ::/Keep/Many`,
    ...await Promise.all(
      Array.from(
        { length: 40 },
        async (_, i) => `mcopy -i ${img} ${await src(300, 60 + i)} ::/Keep/Many/m${i}.bin`,
      ),
    ),
    // Past Many's first cluster: an orphan directory whose own contents TSK lists below it.
    `mmd -i ${img} ::/Keep/Many/ZSub ::/Keep/Many/ZSub/Deeper`,
    `mcopy -i ${img} ${await src(2000, 43)} ::/Keep/Many/ZSub/inner.bin`,
    `mcopy -i ${img} ${await src(300, 44)} ::/Keep/Many/ZSub/Deeper/d.txt`,
    `mcopy -i ${img} ${await src(3000, 1)} ::/AAA.BIN`,
    `mcopy -i ${img} ${await src(700, 2)} "::/A long deleted name.txt"`,
    `mcopy -i ${img} ${await src(9000, 3)} ::/KEEP.BIN`,
    `mmd -i ${img} ::/Sub ::/Sub/Inner`,
  ];
  for (let i = 0; i < 24; i++) {
    s.push(`mcopy -i ${img} ${await src(200 + i * 97, 10 + i)} "::/Sub/file number ${i}.dat"`);
  }
  s.push(`mcopy -i ${img} ${await src(5000, 40)} ::/Sub/Inner/deep.bin`);
  s.push(`touch ${dir}/empty; mcopy -i ${img} ${dir}/empty ::/EMPTY`);
  s.push(`mcopy -i ${img} ${await src(4000, 41)} ::/LAST.BIN`);
  s.push(`mdel -i ${img} ::/AAA.BIN "::/A long deleted name.txt" ::/EMPTY ::/LAST.BIN`);
  s.push(`mdel -i ${img} "::/Sub/file number 3.dat" "::/Sub/file number 7.dat"`);
  // A new file reuses freed clusters: deleted runs must skip them (or stop, TSK's rule).
  s.push(`mcopy -i ${img} ${await src(1500, 42)} ::/NEW.BIN`);
  s.push(`mdeltree -i ${img} ::/Sub/Inner`);
  // A deleted directory of several clusters: entries past its first cluster become orphans.
  s.push(`mdeltree -i ${img} ::/Keep/Many`);
  await sh("bash", ["-c", s.join("\n")]);
  return img;
}

const CASES: [number, number, number][] = [[12, 4000, 2], [16, 16384, 1], [32, 40960, 1]];

for (const [bits, kib, spc] of CASES) {
  Deno.test(`FatFilesystem.deleted() FAT${bits}: mdel/mdeltree entries and orphan directory contents match fls -d, istat and ifind -d`, async () => {
    const dir = await Deno.makeTempDir();
    try {
      const img = await makeDeletedFat(dir, bits, kib, spc);
      const bytes = await Deno.readFile(img);
      const fs = await probeFat(memorySource(bytes), 0, bytes.length);
      assert(fs);
      const r = await compareDeleted(img, fs, {
        unit: 512,
        section: (ss) => ss.find((x) => x.key === "Sectors")?.runs ?? null,
        // TSK gives an empty deleted file (first cluster 0) the sector "before cluster 2".
        skipRuns: (n) => n.size === 0 && n.kind === "file",
        orphans: true,
      });
      assert(r.entries >= 7 + 16, `only ${r.entries} deleted entries`);
      assert(r.sectors >= 6);
      const names = (await fs.deleted!()).map((n) => n.path);
      assert(names.includes("/A long deleted name.txt"), names.join());
      assert(names.includes("/Sub/file number 3.dat"), names.join());
      assert(names.some((n) => n.startsWith("/Sub/Inner/_")), names.join());
      assert(names.some((n) => n.startsWith("/$OrphanFiles/_")), names.join());
      assert(names.includes("/$OrphanFiles/_SUB/Deeper/_.txt"), names.join());
      // Default walks are unchanged: no deleted entry shows up.
      for await (const n of fs.walk()) assert(!n.deleted && !names.includes(n.path));
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}

Deno.test("recoverClusters() follows TSK: skip allocated clusters, first cluster only when taken", async () => {
  const used = new Set([4, 6]);
  const free = (c: number) => Promise.resolve(!used.has(c));
  assertEquals(await recoverClusters(3, 2048, 512, 100, free), [3, 5, 7, 8]);
  assertEquals(await recoverClusters(4, 2048, 512, 100, free), [4]);
  assertEquals(await recoverClusters(98, 4096, 512, 100, free), [98]);
  assertEquals(await recoverClusters(0, 100, 512, 100, free), []);
  assertEquals(await recoverClusters(3, 0, 512, 100, free), []);
});

Deno.test("parseFatDeleted() never throws on random directory bytes and bounds clusters", () => {
  for (let seed = 1; seed <= 200; seed++) {
    const d = randomBytes(512, seed);
    for (let at = 0; at < 512; at += 32) if (d[at + 1] & 1) d[at] = 0xe5;
    for (const e of parseFatDeleted(d, seed % 2 === 0, 1000, seed % 3 === 0)) {
      assert(e.firstCluster <= 1000 && e.firstCluster !== 1);
      assert(e.offset % 32 === 0);
    }
  }
});

Deno.test("scanOrphanSectors() never throws on random sectors and keeps entries in range", () => {
  for (let seed = 1; seed <= 100; seed++) {
    const b = randomBytes(4096, 500 + seed);
    for (let at = 0; at < 4096; at += 64) {
      b[at + 11] &= 0x37; // plausible attributes more often
      b[at + 12] &= 0x18;
      b[at + 13] %= 201;
    }
    for (const e of scanOrphanSectors(b, 512, seed % 2 === 0, 5000, 1 << 24)) {
      assert(e.firstCluster <= 5000 && e.size <= 1 << 24 && e.offset % 32 === 0);
    }
  }
});
