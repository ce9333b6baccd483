// Copyright 2026 the sectorkit authors. MIT license.
/**
 * ISO 9660 parser against The Sleuth Kit (which reads Joliet names, else plain ISO names) and
 * xorriso's `report_lba` (which reads Rock Ridge names and multi-extent files), on images made by
 * xorriso: Rock Ridge + Joliet, Joliet only, Rock Ridge only, plain ISO 9660, and a multi-extent
 * file made by turning two adjacent records into the two sections of one file.
 */
import { probeIso9660 } from "../../../lib/fs/iso9660/probe_iso9660.ts";
import type { Filesystem } from "../../../lib/fs/filesystem.ts";
import type { IsoFilesystem } from "../../../lib/fs/iso9660/iso_filesystem.ts";
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

const SOURCES: [string, Uint8Array][] = [
  ["/big.bin", randomBytes(70000, 1)],
  ["/small.txt", new TextEncoder().encode("hello small\n")],
  ["/A Long Mixed Case Name.data", randomBytes(100, 2)],
  ["/empty", new Uint8Array(0)],
  ["/sub/deeper/five.bin", randomBytes(300000, 3)],
  ["/d1/d2/d3/d4/d5/d6/d7/d8/d9/deep.txt", new TextEncoder().encode("deep\n")],
];

async function makeSource(dir: string): Promise<string> {
  const src = `${dir}/src`;
  for (const [p, data] of SOURCES) {
    await Deno.mkdir(`${src}${p.slice(0, p.lastIndexOf("/"))}`, { recursive: true });
    await Deno.writeFile(`${src}${p}`, data);
  }
  await Deno.symlink("../small.txt", `${src}/sub/link`);
  return src;
}

async function open(img: string): Promise<{ fs: Filesystem; bytes: Uint8Array }> {
  const bytes = await Deno.readFile(img);
  const fs = await probeIso9660(memorySource(bytes), 0, bytes.length);
  assert(fs);
  return { fs, bytes };
}

/** Every TSK entry (TSK does not list symlinks) has our node, size and 2048-byte runs. */
async function checkAgainstTsk(img: string, fs: Filesystem, dirRuns: boolean): Promise<void> {
  const byPath = (p: string) => p;
  const tsk = await fls(img);
  assert(tsk.length >= 14, `TSK listed only ${tsk.length} entries`);
  const ours = await walkAll(fs);
  const nonLinks = [...ours.values()].filter((n) => n.kind !== "symlink").map((n) =>
    byPath(n.path)
  );
  assertEquals(nonLinks.sort(), tsk.map((e) => e.path).sort());
  const want = new Map(SOURCES.map(([p, d]) => [byPath(p), d]));
  if (!want.has("/big.bin")) { for (const [p, d] of SOURCES) want.set(p.toUpperCase(), d); }
  for (const e of tsk) {
    const node = [...ours.values()].find((n) => byPath(n.path) === e.path);
    assert(node, e.path);
    assertEquals(node.kind, e.type === "d/d" ? "directory" : "file");
    const st = await istat(img, e.inode);
    if (node.kind === "file") assertEquals(node.size, st.size, `size of ${e.path}`);
    const sec = st.sections.find((s) => s.key === "Sectors");
    // With Rock Ridge we read the primary tree, TSK the Joliet tree: directories differ.
    if (node.kind === "directory" && !dirRuns) continue;
    assertSameRuns(e.path, await fs.extents(node), node.size ? sec?.runs ?? [] : [], 2048);
    const data = want.get(e.path);
    if (data) assertEquals(await fs.read(node, 0, node.size), data, `bytes of ${e.path}`);
  }
}

/** xorriso's report_lba (Rock Ridge paths): "File data lba: xt, start, blocks, size, 'path'". */
async function xorrisoExtents(
  img: string,
): Promise<Map<string, { lba: number; blocks: number; size: number }[]>> {
  const out = await sh("xorriso", [
    "-indev",
    img,
    "-find",
    "/",
    "-type",
    "f",
    "-exec",
    "report_lba",
    "--",
  ]);
  const m = new Map<string, { lba: number; blocks: number; size: number }[]>();
  for (const line of out.split("\n")) {
    const r = /^File data lba:\s*\d+\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*'(.*)'$/.exec(line);
    if (!r) continue;
    m.set(r[4], [...(m.get(r[4]) ?? []), {
      lba: Number(r[1]),
      blocks: Number(r[2]),
      size: Number(r[3]),
    }]);
  }
  return m;
}

Deno.test("probeIso9660() Rock Ridge + Joliet image from xorriso agrees with TSK (Joliet names) and xorriso (RR names)", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const src = await makeSource(dir);
    const img = `${dir}/rj.iso`;
    await sh("xorriso", ["-as", "mkisofs", "-quiet", "-R", "-J", "-V", "ISOREF", "-o", img, src]);
    const { fs } = await open(img);
    assertEquals([fs.type, fs.label, (fs as IsoFilesystem).names], [
      "iso9660",
      "ISOREF",
      "rockridge",
    ]);
    await checkAgainstTsk(img, fs, false);
    assertEquals((await fs.lookup("/sub/link"))?.kind, "symlink");
    const xo = await xorrisoExtents(img);
    for (const [path, sections] of xo) {
      const node = await fs.lookup(path);
      assert(node, path);
      const ext = await fs.extents(node);
      assertEquals(
        ext.map((e) => e.volumeOffset! / 2048),
        sections.filter((s) => s.blocks).map((s) => s.lba),
        path,
      );
    }
    const meta = await fs.metadata();
    assert(meta.some((m) => m.name === "primary path table L"));
    assert(meta.some((m) => m.name === "Joliet path table M"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("probeIso9660() Joliet-only and plain ISO 9660 images agree with TSK", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const src = await makeSource(dir);
    await Deno.remove(`${src}/sub/link`);
    const jol = `${dir}/j.iso`;
    await sh("xorriso", ["-outdev", jol, "-rockridge", "off", "-joliet", "on", "-map", src, "/"]);
    const j = await open(jol);
    assertEquals((j.fs as IsoFilesystem).names, "joliet");
    await checkAgainstTsk(jol, j.fs, true);
    const plain = `${dir}/p.iso`;
    await sh("xorriso", ["-outdev", plain, "-rockridge", "off", "-map", src, "/"]);
    const p = await open(plain);
    assertEquals((p.fs as IsoFilesystem).names, "iso9660");
    assert(await p.fs.lookup("/BIG.BIN"));
    await checkAgainstTsk(plain, p.fs, true);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("probeIso9660() joins multi-extent sections into one file, as xorriso reports it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/src`);
    const m = randomBytes(6144, 4); // a non-final section must fill whole blocks
    const n = randomBytes(7000, 5);
    await Deno.writeFile(`${dir}/src/m.bin`, m);
    await Deno.writeFile(`${dir}/src/n.bin`, n);
    const img = `${dir}/m.iso`;
    await sh("xorriso", ["-outdev", img, "-rockridge", "off", "-map", `${dir}/src`, "/"]);
    const bytes = await Deno.readFile(img);
    const text = new TextDecoder("latin1").decode(bytes);
    const mi = text.indexOf("M.BIN;1");
    const ni = text.indexOf("N.BIN;1");
    bytes[mi - 33 + 25] |= 0x80; // M.BIN: "not the final section"
    bytes.set(new TextEncoder().encode("M"), ni); // N.BIN becomes M.BIN's second section
    await Deno.writeFile(img, bytes);
    const xo = (await xorrisoExtents(img)).get("/M.BIN");
    assert(xo && xo.length === 2, "xorriso sees two sections");
    const fs = await probeIso9660(memorySource(bytes), 0, bytes.length);
    assert(fs);
    const node = await fs.lookup("/M.BIN");
    assert(node);
    assertEquals(node.size, 6144 + 7000);
    assertEquals(xo[0].size, node.size);
    const ext = await fs.extents(node);
    assertEquals(ext.map((e) => [e.fileOffset, e.volumeOffset! / 2048]), [[0, xo[0].lba], [
      6144,
      xo[1].lba,
    ]]);
    assertEquals(await fs.read(node, 0, node.size), new Uint8Array([...m, ...n]));
    assertEquals((await walkAll(fs)).size, 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("probeIso9660() rejects disagreeing both-endian fields and out-of-volume extents; survives a directory loop", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const src = await makeSource(dir);
    const img = `${dir}/rj.iso`;
    await sh("xorriso", ["-as", "mkisofs", "-quiet", "-R", "-J", "-o", img, src]);
    const bytes = await Deno.readFile(img);
    const isFormat = (re: RegExp) => (e: Error) => e instanceof FormatError && re.test(e.message);
    const pvd = 16 * 2048;
    const bad = bytes.slice();
    bad[pvd + 80] ^= 1; // volume space size LE copy
    await rejects(
      probeIso9660(memorySource(bad), 0, bad.length),
      isFormat(/volume space size.*both-endian/),
    );
    // big.bin's extent moved past the end: patch both copies of its LBA in its directory record.
    const { fs } = await open(img);
    const big = await fs.lookup("/big.bin");
    assert(big);
    const far = bytes.slice();
    const dv = new DataView(far.buffer);
    dv.setUint32(big.id + 2, 0x00ffffff, true);
    dv.setUint32(big.id + 6, 0x00ffffff, false);
    const fsFar = await probeIso9660(memorySource(far), 0, far.length);
    await rejects(
      fsFar!.extents((await fsFar!.lookup("/big.bin"))!),
      isFormat(/beyond the volume/),
    );
    // /sub's record pointing at the root directory: walking must end (the loop is entered once).
    const sub = await fs.lookup("/sub");
    const root = await fs.lookup("/");
    assert(sub && root);
    const rootLba = (root as unknown as { records: { lba: number }[] }).records[0].lba;
    const loop = bytes.slice();
    const lv = new DataView(loop.buffer);
    lv.setUint32(sub.id + 2, rootLba, true);
    lv.setUint32(sub.id + 6, rootLba, false);
    const fsLoop = await probeIso9660(memorySource(loop), 0, loop.length);
    const seen = await walkAll(fsLoop!);
    assert(seen.size < 40, `walk visited ${seen.size} nodes`);
    assertEquals(await probeIso9660(memorySource(new Uint8Array(65536)), 0, 65536), null);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("probeIso9660() reports the El Torito catalog and boot image where xorriso -report_el_torito says", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/src`);
    await Deno.writeFile(`${dir}/src/boot.img`, randomBytes(4096, 6));
    await Deno.writeFile(`${dir}/src/x.txt`, new TextEncoder().encode("x\n"));
    const img = `${dir}/boot.iso`;
    await sh("xorriso", [
      ...["-as", "mkisofs", "-quiet", "-R", "-J", "-b", "boot.img", "-no-emul-boot"],
      ...["-boot-load-size", "4", "-o", img, `${dir}/src`],
    ]);
    const report = await sh("xorriso", ["-indev", img, "-report_el_torito", "plain"]);
    const catalog = Number(/El Torito catalog\s*:\s*(\d+)/.exec(report)![1]);
    const bootLba = Number(/El Torito boot img :.*\s(\d+)\s*$/m.exec(report)![1]);
    const { fs } = await open(img);
    const meta = await fs.metadata();
    assertEquals(
      meta.find((m) => m.name === "El Torito boot catalog")?.volumeOffset,
      catalog * 2048,
    );
    const boot = meta.find((m) => m.name === "El Torito boot image 1");
    assertEquals([boot?.volumeOffset, boot?.length], [bootLba * 2048, 2048]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("probeIso9660() reads 200+ character Rock Ridge names from SUSP continuation areas, as xorriso does", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const long = "a very long Rock Ridge name ".repeat(8).trim(); // 223 characters
    await Deno.mkdir(`${dir}/src/${long} dir`, { recursive: true });
    const data = randomBytes(5000, 11);
    await Deno.writeFile(`${dir}/src/${long} dir/${long}.bin`, data);
    const img = `${dir}/rr.iso`;
    await sh("xorriso", ["-as", "mkisofs", "-quiet", "-R", "-o", img, `${dir}/src`]);
    // A directory record is at most 255 bytes: a 227-byte NM entry must live in a CE area.
    const bytes = await Deno.readFile(img);
    assert(new TextDecoder("latin1").decode(bytes).includes("CE\x1c\x01"), "image has a CE entry");
    const { fs } = await open(img);
    const xo = await xorrisoExtents(img);
    const path = `/${long} dir/${long}.bin`;
    assert(xo.has(path), "xorriso lists the long path");
    const node = await fs.lookup(path);
    assert(node);
    assertEquals((await fs.extents(node))[0].volumeOffset, xo.get(path)![0].lba * 2048);
    assertEquals(await fs.read(node, 0, node.size), data);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
