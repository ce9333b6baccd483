// Copyright 2026 the sectorkit authors. MIT license.
/**
 * exFAT parser against The Sleuth Kit: an empty mkfs.exfat image (no mount: boot region,
 * allocation bitmap, up-case table), and (root) an image populated through a loop device and
 * exfat-fuse with fragmented (FAT chain) and contiguous (NoFatChain) files, long and non-ASCII
 * names and a multi-cluster directory. Corrupt boot regions, up-case tables and FAT chains give
 * FormatErrors.
 */
import { probeExfat } from "../../../lib/fs/exfat/probe_exfat.ts";
import { bootChecksum } from "../../../lib/fs/exfat/exfat_boot.ts";
import {
  type ExfatFilesystem,
  type ExfatNode,
  upcaseFolder,
} from "../../../lib/fs/exfat/exfat_filesystem.ts";
import { FormatError } from "../../../lib/errors.ts";
import { isLinuxRoot } from "../../helpers/loop.ts";
import { randomBytes } from "../../helpers/random.ts";
import {
  assert,
  assertEquals,
  assertSameRuns,
  fls,
  istat,
  memorySource,
  rejects,
  sh,
  walkAll,
} from "../tsk.ts";
import { fuseExfatImage } from "./fuse_image.ts";

async function open(bytes: Uint8Array): Promise<ExfatFilesystem> {
  const fs = await probeExfat(memorySource(bytes), 0, bytes.length);
  assert(fs);
  return fs as ExfatFilesystem;
}

/** TSK's $ALLOC_BITMAP / $UPCASE_TABLE runs equal our metadata regions. */
async function checkSystemFiles(img: string, fs: ExfatFilesystem): Promise<void> {
  const meta = await fs.metadata();
  const all = await fls(img);
  for (
    const [tskName, ours] of [["/$ALLOC_BITMAP", "allocation bitmap"], [
      "/$UPCASE_TABLE",
      "up-case table",
    ]]
  ) {
    const e = all.find((x) => x.path === tskName);
    assert(e, tskName);
    const st = await istat(img, e.inode);
    const regions = meta.filter((m) => m.name === ours).map((m) => ({
      fileOffset: 0,
      length: m.length,
      volumeOffset: m.volumeOffset,
      flags: [],
    }));
    assertSameRuns(tskName, regions, st.sections.find((s) => s.key === "Sectors")!.runs, 512);
  }
}

Deno.test("probeExfat() empty mkfs.exfat image: label, boot region, bitmap and up-case table agree with TSK", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const img = `${dir}/ex.img`;
    await sh("bash", [
      "-c",
      `truncate -s 16M ${img} && mkfs.exfat -c 4K -L EXREF ${img} >/dev/null`,
    ]);
    const bytes = await Deno.readFile(img);
    const fs = await open(bytes);
    assertEquals([fs.type, fs.label, fs.blockSize], ["exfat", "EXREF", 4096]);
    assertEquals((await walkAll(fs)).size, 0);
    await checkSystemFiles(img, fs);
    const meta = await fs.metadata();
    assertEquals(meta.map((m) => m.name).slice(0, 3), [
      "boot region",
      "backup boot region",
      "FAT 1",
    ]);
    // mkfs.exfat's compressed up-case table folds Latin-1 letters too.
    const up = meta.find((m) => m.name === "up-case table")!;
    const fold = upcaseFolder(bytes.subarray(up.volumeOffset, up.volumeOffset + 5836));
    assertEquals(fold("naïve file ä.txt"), "NAÏVE FILE Ä.TXT");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("probeExfat() uses the backup boot region when the main checksum fails, and rejects corrupt structures", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const img = `${dir}/ex.img`;
    await sh("bash", ["-c", `truncate -s 16M ${img} && mkfs.exfat -c 4K ${img} >/dev/null`]);
    const bytes = await Deno.readFile(img);
    const fs = await open(bytes);
    const isFormat = (re: RegExp) => (e: Error) => e instanceof FormatError && re.test(e.message);
    const main = bytes.slice();
    main[512 + 100] ^= 0xff; // an extended boot sector byte: main checksum no longer matches
    assertEquals((await open(main)).geometry.bootSector, 12);
    const both = main.slice();
    both[12 * 512 + 512 + 100] ^= 0xff;
    await rejects(
      probeExfat(memorySource(both), 0, both.length),
      isFormat(/exFAT boot region: checksum/),
    );
    const up = bytes.slice();
    const upcase = (await fs.metadata()).find((m) => m.name === "up-case table")!;
    up[upcase.volumeOffset + 200] ^= 1;
    await rejects(probeExfat(memorySource(up), 0, up.length), isFormat(/up-case table: checksum/));
    const loop = bytes.slice();
    const g = fs.geometry;
    const dv = new DataView(loop.buffer);
    // The root directory's FAT entry pointing back at itself.
    dv.setUint32(g.fatOffset + g.rootCluster * 4, g.rootCluster, true);
    await rejects(probeExfat(memorySource(loop), 0, loop.length), isFormat(/root directory: loop/));
    const far = bytes.slice();
    const fv = new DataView(far.buffer);
    for (const base of [0, 12 * 512]) {
      // FirstClusterOfRootDirectory out of range in both boot regions, with valid checksums.
      fv.setUint32(base + 96, 0x7fffffff, true);
      const sum = bootChecksum(far.subarray(base), 512);
      for (let at = 11 * 512; at < 12 * 512; at += 4) fv.setUint32(base + at, sum, true);
    }
    await rejects(probeExfat(memorySource(far), 0, far.length), isFormat(/root directory cluster/));
    assertEquals(await probeExfat(memorySource(new Uint8Array(65536)), 0, 65536), null);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name:
    "probeExfat() exfat-fuse image with fragmented, NoFatChain and long-named files agrees with TSK on every file (root: loop + FUSE)",
  ignore: !isLinuxRoot(),
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      const files = new Map<string, Uint8Array>();
      const img = await fuseExfatImage(dir, "32M", "FUSED", async (mnt) => {
        const put = async (p: string, data: Uint8Array) => {
          files.set(p, data);
          await Deno.writeFile(`${mnt}${p}`, data);
        };
        for (let i = 1; i <= 6; i++) await put(`/f${i}`, randomBytes(5000, 100 + i));
        for (const i of [2, 4]) {
          await Deno.remove(`${mnt}/f${i}`);
          files.delete(`/f${i}`);
        }
        await put("/frag.bin", randomBytes(30000, 1));
        await put("/big.bin", randomBytes(70000, 2));
        await put("/small.txt", new TextEncoder().encode("hello small\n"));
        await put("/empty", new Uint8Array(0));
        await put("/Ünïcödé naïve file.txt", randomBytes(300, 3));
        await put(`/${"a rather long file name ".repeat(5)}end.dat`, randomBytes(9000, 4));
        await Deno.mkdir(`${mnt}/sub/deeper`, { recursive: true });
        for (let i = 0; i < 60; i++) {
          await put(
            `/sub/entry number ${i} with a longer name.txt`,
            randomBytes(10 + i, 200 + i),
          );
        }
        await put("/sub/deeper/five.bin", randomBytes(300000, 5));
      });
      const bytes = await Deno.readFile(img);
      const fs = await open(bytes);
      const tsk = (await fls(img)).filter((e) => !e.path.startsWith("/$"));
      assert(tsk.length >= 70, `TSK listed only ${tsk.length} entries`);
      const ours = await walkAll(fs);
      assertEquals([...ours.keys()].sort(), tsk.map((e) => e.path).sort());
      let chained = 0;
      let contiguous = 0;
      for (const e of tsk) {
        const node = (await fs.lookup(e.path)) as ExfatNode | null;
        assert(node, e.path);
        assertEquals(node.kind, e.type === "d/d" ? "directory" : "file");
        const st = await istat(img, e.inode);
        assertEquals(node.size, st.size, `size of ${e.path}`);
        const sec = st.sections.find((s) => s.key === "Sectors");
        assertSameRuns(e.path, await fs.extents(node), sec?.runs ?? [], 512);
        if (node.size) node.noFatChain ? contiguous++ : chained++;
        const want = files.get(e.path);
        if (want) assertEquals(await fs.read(node, 0, node.size), want, `bytes of ${e.path}`);
      }
      assert(chained > 0 && contiguous > 0, `FAT-chained ${chained}, contiguous ${contiguous}`);
      assert(
        (await fs.extents((await fs.lookup("/frag.bin"))!)).length > 1,
        "frag.bin is fragmented",
      );
      assert((await fs.lookup("/sub"))!.size > 4096, "sub spans several clusters");
      await checkSystemFiles(img, fs);
      const upper = await fs.lookup("/ÜNÏCÖDÉ NAÏVE FILE.TXT");
      assertEquals(upper?.name, "Ünïcödé naïve file.txt");
      const big = (await fs.extents((await fs.lookup("/big.bin"))!))[0];
      assert(await fs.isAllocated((big.volumeOffset! - fs.geometry.heapOffset) / 4096 + 2));
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
