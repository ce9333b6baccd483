// Copyright 2026 the sectorkit authors. MIT license.
/**
 * MBR (primary, extended, logical), GPT and ISO detection against sfdisk/mmls/xorriso images.
 */
import assert from "node:assert/strict";
import { readPartitions } from "../../../lib/fs/partition/volumes.ts";
import { fileSource, has, run } from "../../locate/tsk.ts";
import { isLinuxRoot, withLoopDevice } from "../../helpers/loop.ts";

async function sfdisk(img: string, script: string): Promise<void> {
  const p = new Deno.Command("sfdisk", {
    args: ["-q", img],
    stdin: "piped",
    stdout: "null",
    stderr: "piped",
  })
    .spawn();
  const w = p.stdin.getWriter();
  await w.write(new TextEncoder().encode(script));
  await w.close();
  const out = await p.output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
}

/** mmls rows that are partitions: [start, length] in sectors. */
async function mmls(img: string): Promise<number[][]> {
  const t = await run("mmls", [img]);
  return [...t.matchAll(/^\d+:\s+\d+:\d+\s+(\d+)\s+\d+\s+(\d+)\s+(.*)$/gm)]
    .filter((m) => !/Unallocated|Table|Extended|Safety|GPT Header|Partition Table/.test(m[3]))
    .map((m) => [Number(m[1]), Number(m[2])]);
}

Deno.test({
  name: "readPartitions() finds MBR primary and logical partitions like mmls",
  ignore: !has("sfdisk") || !has("mmls"),
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const img = `${dir}/mbr.img`;
      await run("truncate", ["-s", "32M", img]);
      await sfdisk(
        img,
        "label: dos\nstart=2048, size=8192, type=83\nstart=10240, size=40960, type=5\n" +
          "start=12288, size=8192, type=83\nstart=22528, size=16384, type=7\n",
      );
      const src = await fileSource(img);
      try {
        const l = await readPartitions(src);
        assert.equal(l.scheme, "mbr");
        assert.deepEqual(l.volumes.map((v) => v.number), [1, 5, 6]);
        assert.deepEqual(l.volumes.map((v) => [v.offset / 512, v.length / 512]), await mmls(img));
        assert.deepEqual(l.volumes.map((v) => v.type), ["0x83", "0x83", "0x07"]);
      } finally {
        src.close();
      }
      // Make the second EBR's "next" link point back at the first EBR: a loop.
      const f = await Deno.open(img, { read: true, write: true });
      const ebr2 = new Uint8Array(512);
      // locate the second EBR from the first one's link
      const ebr1 = new Uint8Array(512);
      await f.seek(10240 * 512, Deno.SeekMode.Start);
      await f.read(ebr1);
      const next = new DataView(ebr1.buffer).getUint32(446 + 16 + 8, true);
      await f.seek((10240 + next) * 512, Deno.SeekMode.Start);
      await f.read(ebr2);
      const v2 = new DataView(ebr2.buffer);
      v2.setUint8(446 + 16 + 4, 5);
      v2.setUint32(446 + 16 + 8, 0, true);
      v2.setUint32(446 + 16 + 12, 2048, true);
      await f.seek((10240 + next) * 512, Deno.SeekMode.Start);
      await f.write(ebr2);
      f.close();
      const src2 = await fileSource(img);
      try {
        await assert.rejects(readPartitions(src2), /EBR chain loops at sector 10240/);
      } finally {
        src2.close();
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "readPartitions() reads GPT written on a 4Kn loop device, and flags ISO 9660 (root only)",
  ignore: !has("sfdisk") || !has("xorriso") || !isLinuxRoot(),
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const img = `${dir}/g4k.img`;
      await run("truncate", ["-s", "32M", img]);
      // sfdisk writes 512-byte-sector tables on plain files: use a 4096-byte-sector loop device
      await withLoopDevice(
        img,
        { sectorSize: 4096 },
        (dev) => sfdisk(dev, "label: gpt\nstart=256, size=2048\nstart=2304, size=1024, name=two\n"),
      );
      const src = await fileSource(img);
      try {
        const l = await readPartitions(src);
        assert.equal(l.scheme, "gpt");
        assert.equal(l.sectorSize, 4096);
        assert.deepEqual(l.volumes.map((v) => [v.number, v.offset, v.length, v.name]), [
          [1, 256 * 4096, 2048 * 4096, ""],
          [2, 2304 * 4096, 1024 * 4096, "two"],
        ]);
      } finally {
        src.close();
      }
      await Deno.mkdir(`${dir}/iso`);
      await Deno.writeTextFile(`${dir}/iso/a.txt`, "hello");
      await run("xorriso", [
        "-as",
        "mkisofs",
        "-quiet",
        "-R",
        "-J",
        "-o",
        `${dir}/x.iso`,
        `${dir}/iso`,
      ]);
      const iso = await fileSource(`${dir}/x.iso`);
      try {
        const l = await readPartitions(iso);
        assert.deepEqual(l.volumes.map((v) => [v.scheme, v.offset]), [["iso", 0]]);
      } finally {
        iso.close();
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "a hybrid ISO (xorriso -append_partition) gives the ISO view and its MBR partition",
  ignore: !has("xorriso") || !has("mkfs.vfat") || !has("mcopy"),
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      await Deno.mkdir(`${dir}/iso`);
      await Deno.writeTextFile(`${dir}/iso/a.txt`, "hello iso");
      await run("mkfs.vfat", ["-C", `${dir}/fat.img`, "2048"]);
      await Deno.writeTextFile(`${dir}/e.txt`, "hello efi");
      await run("mcopy", ["-i", `${dir}/fat.img`, `${dir}/e.txt`, "::/E.TXT"]);
      const iso = `${dir}/h.iso`;
      await run("xorriso", [
        "-as",
        "mkisofs",
        "-quiet",
        "-R",
        "-append_partition",
        "2",
        "0xef",
        `${dir}/fat.img`,
        "-o",
        iso,
        `${dir}/iso`,
      ]);
      const src = await fileSource(iso);
      try {
        const l = await readPartitions(src);
        assert.equal(l.scheme, "mbr");
        assert.deepEqual(l.volumes.map((v) => [v.scheme, v.number, v.type]), [
          ["iso", 0, "iso9660"],
          ["mbr", 2, "0xef"],
        ]);
        const { openDisk } = await import("../../../lib/fs/open_filesystem.ts");
        const disk = await openDisk(src);
        const fat = disk.volumes[1].filesystem!;
        const node = (await fat.lookup("/E.TXT"))!;
        assert.equal(new TextDecoder().decode(await fat.read(node, 0, node.size)), "hello efi");
        const isoFs = disk.volumes[0].filesystem!;
        assert.equal(isoFs.type, "iso9660");
        assert.ok(await isoFs.lookup("/a.txt"));
      } finally {
        src.close();
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
