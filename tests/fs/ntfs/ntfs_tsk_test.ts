// Copyright 2026 the sectorkit authors. MIT license.
/**
 * NTFS parser against The Sleuth Kit: images made by mkntfs + ntfscp (no mount), and (root) an
 * ntfs-3g FUSE-populated image with compressed, sparse, fragmented (attribute-list) files,
 * alternate data streams and a multi-level directory index. Every $DATA stream and directory
 * TSK lists must have TSK's size and cluster runs; resident data must sit where we say.
 */
import { probeNtfs } from "../../../lib/fs/ntfs/probe_ntfs.ts";
import type { NtfsFilesystem } from "../../../lib/fs/ntfs/ntfs_filesystem.ts";
import { AT } from "../../../lib/fs/ntfs/ntfs_record.ts";
import type { Filesystem } from "../../../lib/fs/filesystem.ts";
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

async function checkAgainstTsk(
  img: string,
  bytes: Uint8Array,
  fs: Filesystem,
  files: Map<string, Uint8Array>,
): Promise<void> {
  const tsk = (await fls(img)).filter((e) => /-128-/.test(e.inode) || e.type === "d/d");
  assert(tsk.length >= files.size + 12, `TSK listed only ${tsk.length} entries`);
  const ours = await walkAll(fs);
  for (const e of tsk) {
    const node = await fs.lookup(e.path);
    assert(node, `lookup(${e.path})`);
    assert(ours.has(e.path), `walk() misses ${e.path}`);
    assertEquals(node.kind, e.type === "d/d" ? "directory" : "file", e.path);
    const st = await istat(img, e.inode.split("-")[0]);
    const stream = e.path.includes(":") ? e.path.slice(e.path.lastIndexOf(":") + 1) : "";
    const key = e.type === "d/d" ? "$INDEX_ALLOCATION:$I30" : stream ? `$DATA:${stream}` : "$DATA";
    const sec = st.sections.find((s) => s.key === key);
    const ext = await fs.extents(node);
    if (!sec) {
      assertEquals(ext, [], `${e.path} has no ${key} in TSK`);
      continue;
    }
    assertEquals(node.size, sec.size, `size of ${e.path}`);
    if (sec.resident) {
      if (sec.size === 0) continue;
      assertEquals(ext.length, 1, `resident ${e.path}`);
      assert(ext[0].flags.includes("resident"));
      assertEquals(ext[0].length, sec.size);
      const data = await fs.read(node, 0, node.size);
      const at = ext[0].volumeOffset!;
      // Bytes at the end of a 512-byte stride are update-sequence numbers on disk.
      if (Math.floor(at / 512) === Math.floor((at + data.length) / 512)) {
        assertEquals(bytes.subarray(at, at + data.length), data, `resident bytes of ${e.path}`);
      }
    } else {
      assertSameRuns(e.path, ext, sec.runs, fs.blockSize);
      const ourCompressed = ext.some((x) => x.flags.includes("compressed"));
      // TSK clips its run list at EOF, so a unit's sparse tail may be hidden from it.
      if (ourCompressed) assert(sec.compressed, `${e.path} is not compressed for TSK`);
      if (sec.compressed && sec.runs.some((r) => r.start === null)) {
        assert(ourCompressed, `${e.path} should have compressed extents`);
      }
    }
    const want = files.get(e.path);
    if (want) assertEquals(await fs.read(node, 0, node.size), want, `bytes of ${e.path}`);
  }
  // Nodes TSK doesn't list as $DATA streams are files without unnamed data ($Secure, $Extend/*).
  const listed = new Set(tsk.map((e) => e.path));
  for (const [path, node] of ours) {
    if (!listed.has(path)) assertEquals(await fs.extents(node), [], `extra node ${path}`);
  }
}

for (const cs of [512, 4096, 65536]) {
  Deno.test(`probeNtfs() ${cs}-byte-cluster image from mkntfs+ntfscp agrees with TSK (resident, non-resident, index, metadata)`, async () => {
    const dir = await Deno.makeTempDir();
    try {
      const img = `${dir}/ntfs.img`;
      const files = new Map<string, Uint8Array>([
        ["/big.bin", randomBytes(70000, 1)],
        ["/small.txt", new TextEncoder().encode("hello small\n")],
        ["/five.bin", randomBytes(300000, 3)],
        ["/naïve ä.txt", randomBytes(100, 4)],
      ]);
      // Enough long names that the root index needs INDX records ($INDEX_ALLOCATION).
      for (let i = 0; i < 40; i++) {
        files.set(`/file number ${i} with a longer name.txt`, randomBytes(50 + i * 61, 10 + i));
      }
      await Deno.mkdir(`${dir}/src`);
      const script = [
        `set -e; export LANG=C.UTF-8; truncate -s 16M ${img}`,
        `mkntfs -q -F -Q -c ${cs} -L NTFSREF ${img} >/dev/null 2>&1`,
      ];
      for (const [p, data] of files) {
        await Deno.writeFile(`${dir}/src${p}`, data);
        script.push(`ntfscp ${img} "${dir}/src${p}" "${p}"`);
      }
      await sh("bash", ["-c", script.join("\n")]);
      const bytes = await Deno.readFile(img);
      const fs = await probeNtfs(memorySource(bytes), 0, bytes.length);
      assert(fs);
      assertEquals([fs.type, fs.label, fs.blockSize], ["ntfs", "NTFSREF", cs]);
      assert(
        (await fs.extents((await fs.lookup("/"))!)).length > 0,
        "root has an index allocation",
      );
      await checkAgainstTsk(img, bytes, fs, files);
      const small = await fs.extents((await fs.lookup("/SMALL.TXT"))!);
      assertEquals(small[0].flags, ["resident", "last"]);
      // Case folding through the volume's $UpCase table, beyond ASCII.
      assertEquals((await fs.lookup("/NAÏVE Ä.TXT"))?.name, "naïve ä.txt");
      const meta = await fs.metadata();
      for (
        const name of [
          "$MFT",
          "$MFTMirr",
          "$LogFile",
          "$Bitmap",
          "$Boot",
          "boot sector",
          "backup boot sector",
        ]
      ) {
        assert(meta.some((m) => m.name === name), `metadata has ${name}`);
      }
      // $MFT's first cluster is where the boot sector says; TSK: `ifind -d` of it is record 0.
      const mft = meta.find((m) => m.name === "$MFT")!;
      assertEquals(
        (await sh("ifind", ["-d", String(mft.volumeOffset / cs), img])).trim(),
        "0-128-1",
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}

Deno.test({
  name:
    "probeNtfs() ntfs-3g image with compressed, sparse, ADS, fragmented and 150-entry dirs, hard links agrees with TSK (root: FUSE mount)",
  ignore: !isLinuxRoot(),
  fn: async () => {
    const dir = await Deno.makeTempDir();
    const mnt = `${dir}/mnt`;
    let mounted = false;
    try {
      const img = `${dir}/ntfs.img`;
      await Deno.mkdir(mnt);
      await sh("bash", [
        "-c",
        `truncate -s 24M ${img} && mkntfs -q -F -Q -c 4096 -L FUSED ${img} >/dev/null 2>&1`,
      ]);
      await sh("ntfs-3g", ["-o", "streams_interface=windows", img, mnt]);
      mounted = true;
      const files = new Map<string, Uint8Array>();
      const put = async (p: string, data: Uint8Array) => {
        files.set(p, data);
        await Deno.writeFile(`${mnt}${p}`, data);
      };
      await Deno.mkdir(`${mnt}/comp`);
      await sh("python3", [
        "-c",
        `import os; os.setxattr('${mnt}/comp','system.ntfs_attrib_be',(0x810).to_bytes(4,'big'))`,
      ]);
      const text = new TextEncoder().encode("compressible text line\n".repeat(9000));
      await put("/comp/c.txt", text);
      await put("/comp/rand.bin", randomBytes(100000, 5));
      const mixed = new Uint8Array(140000);
      mixed.set(randomBytes(70000, 6));
      mixed.set(text.subarray(0, 70000), 70000);
      await put("/comp/mixed.bin", mixed);
      const sparse = new Uint8Array(413696);
      sparse.set(randomBytes(4096, 7), 409600);
      await Deno.writeFile(`${mnt}/sparse.bin`, sparse.subarray(409600));
      await sh("bash", [
        "-c",
        `cd ${mnt} && rm sparse.bin && dd if=/dev/urandom of=sparse.bin bs=4096 seek=100 count=1 status=none`,
      ]);
      files.set(
        "/sparse.bin",
        new Uint8Array([
          ...sparse.subarray(0, 409600),
          ...await Deno.readFile(`${mnt}/sparse.bin`).then((b) => b.subarray(409600)),
        ]),
      );
      await put("/ads.txt", new TextEncoder().encode("main stream\n"));
      await put("/ads.txt:second", randomBytes(9000, 8));
      await Deno.mkdir(`${mnt}/many`);
      for (let i = 0; i < 150; i++) {
        await Deno.writeTextFile(
          `${mnt}/many/file with a rather long name number ${i}.txt`,
          `${i}\n`,
        );
      }
      // Fragmentation: 200 one-cluster files, a ballast file over the rest of the free space,
      // then free every other small file and write a 300 kB file into the 100 holes.
      await Deno.mkdir(`${mnt}/fill`);
      for (let i = 0; i < 200; i++) {
        await Deno.writeFile(`${mnt}/fill/${i}`, randomBytes(4096, 1000 + i));
      }
      await sh("bash", [
        "-c",
        `cd ${mnt} && n=$(df --output=avail -B4096 . | tail -1) && fallocate -l $(( (n - 8) * 4096 )) ballast || head -c $(( (n - 8) * 4096 )) /dev/zero > ballast`,
      ]);
      for (let i = 0; i < 200; i += 2) await Deno.remove(`${mnt}/fill/${i}`);
      await put("/frag.bin", randomBytes(300000, 9));
      // 20 hard links with long names overflow the 1 KiB record: an $ATTRIBUTE_LIST.
      const linked = randomBytes(20000, 10);
      await put("/linked.bin", linked);
      for (let i = 0; i < 20; i++) {
        const name = `/link ${i} ${"with a long name ".repeat(5)}`;
        await Deno.link(`${mnt}/linked.bin`, `${mnt}${name}`);
        files.set(name, linked);
      }
      await sh("umount", [mnt]);
      mounted = false;
      const bytes = await Deno.readFile(img);
      const fs = await probeNtfs(memorySource(bytes), 0, bytes.length);
      assert(fs);
      await checkAgainstTsk(img, bytes, fs, files);
      const frag = await fs.extents((await fs.lookup("/frag.bin"))!);
      assert(frag.length > 50, `frag.bin has only ${frag.length} extents`);
      const c = await fs.extents((await fs.lookup("/comp/c.txt"))!);
      assert(c.some((e) => e.flags.includes("encoded") && e.flags.includes("compressed")));
      assertEquals((await fs.readDir((await fs.lookup("/many"))!)).length, 150);
      assert((await fs.lookup("/ads.txt:second"))?.size === 9000);
      const linkedRec = await (fs as NtfsFilesystem).mft.record(
        (await fs.lookup("/linked.bin"))!.id,
      );
      assert(linkedRec.attributes.some((a) => a.type === AT.attributeList), "no $ATTRIBUTE_LIST");
    } finally {
      if (mounted) await sh("umount", [mnt]).catch(() => {});
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("probeNtfs() rejects a bad boot sector, bad fixups and a looping runlist with FormatErrors", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const img = `${dir}/ntfs.img`;
    await Deno.writeFile(`${dir}/big.bin`, randomBytes(70000, 1));
    await sh("bash", [
      "-c",
      `truncate -s 8M ${img} && mkntfs -q -F -Q -c 4096 ${img} >/dev/null 2>&1 && ntfscp ${img} ${dir}/big.bin /big.bin`,
    ]);
    const bytes = await Deno.readFile(img);
    const fs = await probeNtfs(memorySource(bytes), 0, bytes.length);
    assert(fs);
    const mftAt = (await fs.metadata()).find((m) => m.name === "$MFT")!.volumeOffset;
    const isFormat = (re: RegExp) => (e: Error) => e instanceof FormatError && re.test(e.message);
    const bpb = bytes.slice();
    bpb[13] = 3; // sectors per cluster not a power of two
    await rejects(
      probeNtfs(memorySource(bpb), 0, bpb.length),
      isFormat(/NTFS boot sector: sectors per cluster/),
    );
    const torn = bytes.slice();
    torn[mftAt + 510] ^= 0xff; // record 0's first stride no longer ends with the sequence number
    await rejects(
      probeNtfs(memorySource(torn), 0, torn.length),
      isFormat(/MFT record 0.*update sequence/),
    );
    // big.bin's runlist: point its single run back into $MFT's clusters twice via a second run.
    const big = await fs.lookup("/big.bin");
    assert(big);
    const rec = mftAt + big.id * 1024;
    const loop = bytes.slice();
    const view = loop.subarray(rec, rec + 1024);
    const at = findRunlist(view);
    // Two runs of 9 clusters: LCN L, then delta 0 (the same clusters again).
    const lcn = view[at + 2] | (view[at + 3] << 8);
    view.set([0x21, 9, lcn & 0xff, lcn >> 8, 0x11, 9, 0x00, 0x00], at);
    const fsLoop = await probeNtfs(memorySource(loop), 0, loop.length);
    await rejects(fsLoop!.extents((await fsLoop!.lookup("/big.bin"))!), isFormat(/twice \(loop\)/));
    assertEquals(await probeNtfs(memorySource(new Uint8Array(8192)), 0, 8192), null);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** Offset of the unnamed $DATA runlist in a (fixed-up-on-disk) FILE record. */
function findRunlist(rec: Uint8Array): number {
  const dv = new DataView(rec.buffer, rec.byteOffset, rec.byteLength);
  let at = dv.getUint16(0x14, true);
  while (dv.getUint32(at, true) !== 0xffffffff) {
    if (dv.getUint32(at, true) === 0x80 && rec[at + 8] === 1) {
      return at + dv.getUint16(at + 32, true);
    }
    at += dv.getUint32(at + 4, true);
  }
  throw new Error("no non-resident $DATA");
}
