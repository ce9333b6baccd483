// Copyright 2026 the sectorkit authors. MIT license.
/**
 * FAT12/16/32 parser against The Sleuth Kit on images made by mkfs.vfat + mtools (no mount):
 * every allocated file and directory must have TSK's size and sector runs, and read back the
 * bytes that were copied in. Fragmentation is forced by freeing clusters before copying.
 */
import { probeFat } from "../../../lib/fs/fat/probe_fat.ts";
import type { FatNode } from "../../../lib/fs/fat/fat_filesystem.ts";
import { FormatError } from "../../../lib/errors.ts";
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

interface Made {
  img: string;
  bytes: Uint8Array;
  files: Map<string, Uint8Array>;
}

async function makeFat(
  dir: string,
  bits: number,
  kib: number,
  spc: number,
  sector = 512,
): Promise<Made> {
  const img = `${dir}/fat${bits}.img`;
  const files = new Map<string, Uint8Array>();
  const put = async (name: string, size: number, seed: number): Promise<string> => {
    const data = randomBytes(size, seed);
    const local = `${dir}/src_${seed}`;
    await Deno.writeFile(local, data);
    files.set(name, data);
    return local;
  };
  const script: string[] = [
    `set -e; cd ${dir}`,
    `mkfs.vfat -C -F ${bits} -S ${sector} -s ${spc} -n FAT${bits} ${img} ${kib} >/dev/null`,
  ];
  for (let i = 1; i <= 6; i++) {
    const l = await put(`/F${i}.BIN`, 5000, 100 + i);
    script.push(`mcopy -i ${img} ${l} ::/F${i}.BIN`);
  }
  script.push(`mdel -i ${img} ::/F2.BIN ::/F4.BIN`);
  files.delete("/F2.BIN");
  files.delete("/F4.BIN");
  if (bits === 32) {
    script.push(
      `printf '\\x02\\x00\\x00\\x00' | dd of=${img} bs=1 seek=$((512+0x1EC)) conv=notrunc status=none`,
    );
  }
  script.push(`mcopy -i ${img} ${await put("/BIG.BIN", 70000, 1)} ::/BIG.BIN`);
  script.push(`mcopy -i ${img} ${await put("/small.txt", 12, 2)} ::/small.txt`);
  script.push(
    `mcopy -i ${img} ${await put("/A long File Name.txt", 3000, 3)} "::/A long File Name.txt"`,
  );
  script.push(`touch ${dir}/empty; mcopy -i ${img} ${dir}/empty ::/EMPTY`);
  files.set("/EMPTY", new Uint8Array(0));
  script.push(`mmd -i ${img} ::/Sub ::/Sub/Deeper`);
  for (let i = 0; i < 40; i++) {
    const name = `/Sub/entry number ${i} with a long name.dat`;
    script.push(`mcopy -i ${img} ${await put(name, 100 + i * 37, 200 + i)} "::${name}"`);
  }
  script.push(
    `mcopy -i ${img} ${await put("/Sub/Deeper/five.bin", 300000, 4)} ::/Sub/Deeper/five.bin`,
  );
  script.push(`fsck.fat -n ${img} >/dev/null`);
  await sh("bash", ["-c", script.join("\n")]);
  return { img, bytes: await Deno.readFile(img), files };
}

/** FAT bits, KiB, sectors per cluster, bytes per sector. */
const CASES: [number, number, number, number][] = [
  [12, 8000, 4, 512],
  [16, 32768, 4, 512],
  [32, 40960, 1, 512],
  [16, 32768, 1, 4096],
];

for (const [bits, kib, spc, sector] of CASES) {
  Deno.test(`probeFat() FAT${bits} (${sector}-byte sectors) image from mkfs.vfat+mcopy agrees with TSK on every file`, async () => {
    const dir = await Deno.makeTempDir();
    try {
      const m = await makeFat(dir, bits, kib, spc, sector);
      const fs = await probeFat(memorySource(m.bytes), 0, m.bytes.length);
      assert(fs);
      assertEquals(fs.type, `fat${bits}`);
      assertEquals(fs.label, `FAT${bits}`);
      const tsk = await fls(m.img);
      assert(tsk.length >= 48, `TSK listed only ${tsk.length} entries`);
      const ours = await walkAll(fs);
      assertEquals([...ours.keys()].sort(), tsk.map((e) => e.path).sort());
      let fragmented = false;
      for (const e of tsk) {
        const node = await fs.lookup(e.path);
        assert(node, `lookup(${e.path})`);
        assertEquals(node.kind, e.type === "d/d" ? "directory" : "file");
        const st = await istat(m.img, e.inode);
        const ext = await fs.extents(node);
        const sec = st.sections.find((s) => s.key === "Sectors");
        if (node.kind === "file") assertEquals(node.size, st.size, `size of ${e.path}`);
        assertSameRuns(e.path, ext, sec?.runs ?? [], sector);
        if (e.path === "/BIG.BIN") fragmented = ext.length > 1;
        const want = m.files.get(e.path);
        if (want) assertEquals(await fs.read(node, 0, node.size), want, `bytes of ${e.path}`);
      }
      assert(fragmented, "BIG.BIN should be fragmented");
      assert(ours.has("/Sub/Deeper/five.bin"));
      // The root directory: fixed region (FAT12/16) or a cluster chain (FAT32), as TSK's inode 2.
      const root = await fs.lookup("/");
      assert(root);
      assert(fs);
      const rootTsk = await istat(m.img, "2");
      assertSameRuns("/", await fs.extents(root), rootTsk.sections[0].runs, sector);
      const meta = await fs.metadata();
      assertEquals(meta.filter((r) => r.name.startsWith("FAT ")).length, 2);
      assertEquals(meta.some((r) => r.name === "root directory"), bits !== 32);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}

Deno.test("probeFat() rejects corrupt FAT16 input with FormatErrors naming the structure", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const m = await makeFat(dir, 16, 32768, 4);
    const fs = await probeFat(memorySource(m.bytes), 0, m.bytes.length);
    assert(fs);
    const big = await fs.lookup("/big.bin");
    assert(big);
    const first = (big as FatNode).firstCluster;
    const fatAt = 4 * 512; // reserved sectors of mkfs.vfat FAT16
    const dv = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
    // A loop: the chain's second cluster points back to the first.
    const loop = m.bytes.slice();
    const second = dv(loop).getUint16(fatAt + first * 2, true);
    dv(loop).setUint16(fatAt + second * 2, first, true);
    const fsLoop = await probeFat(memorySource(loop), 0, loop.length);
    await rejects(
      fsLoop!.extents((await fsLoop!.lookup("/BIG.BIN"))!),
      (e: Error) => e instanceof FormatError && /FAT chain of \/BIG.BIN: loop/.test(e.message),
    );
    // An out-of-range cluster number.
    const oor = m.bytes.slice();
    dv(oor).setUint16(fatAt + first * 2, 0xfff0, true);
    const fsOor = await probeFat(memorySource(oor), 0, oor.length);
    await rejects(
      fsOor!.extents((await fsOor!.lookup("/BIG.BIN"))!),
      (e: Error) => e instanceof FormatError && /out of range/.test(e.message),
    );
    // A bad BPB: 0 sectors per cluster.
    const bpb = m.bytes.slice();
    bpb[13] = 0;
    await rejects(
      probeFat(memorySource(bpb), 0, bpb.length),
      (e: Error) => e instanceof FormatError && /BPB.*sectors per cluster/.test(e.message),
    );
    // A volume cut short before its data region.
    await rejects(probeFat(memorySource(m.bytes), 0, 4096), FormatError);
    // Not FAT at all.
    assertEquals(await probeFat(memorySource(new Uint8Array(65536)), 0, 65536), null);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("probeFat() follows the active FAT when FAT32 mirroring is disabled (BPB_ExtFlags)", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const m = await makeFat(dir, 32, 40960, 1);
    const fs = await probeFat(memorySource(m.bytes), 0, m.bytes.length);
    assert(fs);
    const big = (await fs.lookup("/BIG.BIN")) as FatNode;
    const want = await fs.extents(big);
    const g =
      (fs as unknown as { geometry: { reservedSectors: number; bytesPerSector: number } }).geometry;
    const fat1 = g.reservedSectors * g.bytesPerSector;
    const bytes = m.bytes.slice();
    const dv = new DataView(bytes.buffer);
    dv.setUint32(fat1 + big.firstCluster * 4, big.firstCluster, true); // FAT 1: a loop
    const broken = await probeFat(memorySource(bytes), 0, bytes.length);
    await rejects(broken!.extents((await broken!.lookup("/BIG.BIN"))!), FormatError);
    dv.setUint16(40, 0x81, true); // mirroring off, FAT 2 active
    const active = await probeFat(memorySource(bytes), 0, bytes.length);
    assertEquals(await active!.extents((await active!.lookup("/BIG.BIN"))!), want);
    dv.setUint16(40, 0x85, true); // FAT 6 of 2
    await rejects(probeFat(memorySource(bytes), 0, bytes.length), /active FAT 5 of 2/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
