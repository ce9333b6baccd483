// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Every file and directory of mke2fs-made ext2/3/4 images (and of a GPT disk) against The Sleuth
 * Kit: block runs (istat -r), extent-tree/indirect blocks, inline data, file bytes, and LBA →
 * owner (ifind -d) for a sample of blocks.
 */
import nodeAssert from "node:assert/strict";
import { openDisk } from "../../lib/fs/open_filesystem.ts";
import type { Filesystem } from "../../lib/fs/filesystem.ts";
import { buildOwnerIndex } from "../../lib/locate/owner_index.ts";
import { buildExtImages, buildGptDisk, type RefImage } from "./fixtures.ts";
import { fileSource, has, tskBlocks, tskFiles, tskIfind } from "./tsk.ts";

const ready = has("fls") && has("mke2fs") && has("debugfs") && has("sfdisk");

async function compareImage(img: RefImage): Promise<void> {
  const src = await fileSource(img.path);
  try {
    const disk = await openDisk(src);
    const vol = disk.volumes.find((v) => v.volume.offset === img.sectorOffset * 512);
    nodeAssert.ok(vol?.filesystem, `${img.name}: no filesystem at sector ${img.sectorOffset}`);
    const fs: Filesystem & { nodeMetadata?: (n: unknown) => Promise<{ volumeOffset: number }[]> } =
      vol.filesystem;
    const bs = fs.blockSize;
    // TSK lists a missing (zero) indirect pointer of a sparse ext2/3 file as "X" among the
    // indirect blocks; only real blocks are compared.
    const tsk = await tskFiles(img.path, img.sectorOffset);
    const ours = new Map<string, number>();
    for await (const n of fs.walk()) ours.set(n.path, n.id);
    nodeAssert.deepStrictEqual(
      [...ours.keys()].sort(),
      tsk.map((t) => t.path).sort(),
      `${img.name}: walk() lists the same allocated paths as fls -r`,
    );
    const firstBlocks: number[] = [];
    for (const t of tsk) {
      const node = await fs.lookup(t.path);
      nodeAssert.ok(node, `${img.name}: lookup(${t.path})`);
      nodeAssert.deepStrictEqual(node.id, t.inode, `${img.name}: ${t.path} inode`);
      nodeAssert.deepStrictEqual(
        node.kind,
        t.type === "d" ? "directory" : "file",
        `${img.name}: ${t.path} kind`,
      );
      const want = await tskBlocks(img.path, t.inode, img.sectorOffset);
      nodeAssert.deepStrictEqual(node.size, want.size, `${img.name}: ${t.path} size`);
      const ext = await fs.extents(node);
      if (want.inline) {
        nodeAssert.ok(
          ext.every((e) => e.flags.includes("inline")),
          `${img.name}: ${t.path} inline`,
        );
      } else {
        const nBlocks = Math.ceil(node.size / bs);
        const got: number[] = [];
        for (const e of ext) {
          for (let i = 0; i < e.length / bs; i++) {
            got.push(e.volumeOffset === null ? -1 : e.volumeOffset / bs + i);
          }
        }
        nodeAssert.deepStrictEqual(
          got.slice(0, nBlocks),
          want.blocks.slice(0, nBlocks),
          `${img.name}: ${t.path} blocks`,
        );
        for (const e of ext) if (e.volumeOffset !== null) firstBlocks.push(e.volumeOffset / bs);
        const meta = (await fs.nodeMetadata!(node)).map((r) => r.volumeOffset / bs).sort((a, b) =>
          a - b
        );
        nodeAssert.deepStrictEqual(
          meta,
          want.meta.filter((b) => b >= 0).sort((a, b) => a - b),
          `${img.name}: ${t.path} mapping blocks`,
        );
        firstBlocks.push(...meta);
        if (t.path === "/frag.bin" && fs.type === "ext4") {
          nodeAssert.ok(
            meta.length >= 1,
            `${img.name}: /frag.bin has an extent tree of depth >= 1`,
          );
          nodeAssert.ok(ext.length > 4, `${img.name}: /frag.bin is fragmented`);
        }
      }
      const data = img.files.get(t.path);
      if (data && t.type === "r") {
        nodeAssert.deepStrictEqual(
          await fs.read(node, 0, node.size),
          data,
          `${img.name}: ${t.path} bytes`,
        );
      }
    }
    // LBA → owner against ifind -d for a sample of blocks.
    const ix = await buildOwnerIndex(disk, src.size);
    const total = fs.size / bs;
    const sample = [...firstBlocks.slice(0, 14)];
    for (let i = 0; i < 10; i++) sample.push(Math.floor(((i * 7919 + 13) % 1000) / 1000 * total));
    const byInode = new Map(tsk.map((t) => [t.inode, t.path]));
    for (const b of sample) {
      const want = await tskIfind(img.path, b, img.sectorOffset);
      const lba = img.sectorOffset + b * bs / 512;
      const got = ix.owner(lba);
      const where = `${img.name}: block ${b} (LBA ${lba})`;
      if (want === null) {
        nodeAssert.deepStrictEqual(
          got.kind,
          "free",
          `${where}: ifind says unallocated, we say ${got.kind} ${got.path}`,
        );
      } else if (want === "meta") nodeAssert.deepStrictEqual(got.kind, "metadata", where);
      else if (byInode.has(want)) {
        const p = byInode.get(want)!;
        if (got.kind === "metadata") {
          nodeAssert.ok(got.path!.includes(`inode ${want} `), `${where}: ${got.path}`);
        } else nodeAssert.deepStrictEqual(got.path, p, where);
      } else {nodeAssert.deepStrictEqual(
          got.kind,
          "metadata",
          `${where}: TSK says reserved inode ${want}`,
        );}
    }
  } finally {
    src.close();
  }
}

Deno.test({
  name: "ext2/3/4 images agree with TSK (istat -r, ifind -d) for every file",
  ignore: !ready,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      for (const img of await buildExtImages(dir)) await compareImage(img);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "GPT disk with ext4 and ext2 partitions agrees with TSK (-o partition start)",
  ignore: !ready,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      for (const img of await buildGptDisk(dir)) await compareImage(img);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
