// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Live `locate` (root only): ext4 and ext3 mounted from partitions of a GPT loop device, plus a
 * second loop layer (an image file inside the ext4, attached with an offset and mounted). Every
 * extent is verified by raw O_DIRECT reads at the computed whole-disk offset, and compared with
 * filefrag -v. (vfat cannot be mounted on this host's kernel: no vfat driver, no FUSE FAT.)
 */
import assert from "node:assert/strict";
import { isLinuxRoot, sh } from "../helpers/loop.ts";
import { randomBytes } from "../helpers/random.ts";
import { cli } from "./cli.ts";

interface Json {
  path: string;
  size: number;
  sectorSize: number;
  extents: {
    fileOffset: number;
    length: number;
    physicalOffset: number;
    lba: number;
    device: string;
    flags: string[];
    verify: string;
    layers: string[];
    stoppedAt: string | null;
  }[];
}

async function locate(args: string[]): Promise<Json> {
  const r = await cli(["locate", "--json", ...args]);
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out);
}

/** filefrag -v extents: [logical block, physical block, length] in fs blocks. */
async function filefrag(path: string): Promise<{ bs: number; runs: number[][] }> {
  const t = await sh("filefrag", ["-v", "-s", path]);
  const bs = Number(/blocks? of (\d+) bytes/.exec(t)![1]);
  const runs = [...t.matchAll(/^\s*\d+:\s+(\d+)\.\.\s*\d+:\s+(\d+)\.\.\s*\d+:\s+(\d+):/gm)]
    .map((m) => [Number(m[1]), Number(m[2]), Number(m[3])]);
  return { bs, runs };
}

/** Merges [fileOffset, physicalOffset, length] runs that continue each other. */
function mergeRuns(runs: number[][]): number[][] {
  const out: number[][] = [];
  for (const [f, p, n] of runs) {
    const last = out[out.length - 1];
    if (last && last[0] + last[2] === f && last[1] + last[2] === p) last[2] += n;
    else out.push([f, p, n]);
  }
  return out;
}

async function fragment(mnt: string, dev: string, bytes: Uint8Array): Promise<string> {
  // locate.md: fill with unwritten extents, punch 8 KiB holes every 64 KiB, then write the file.
  const name = dev.slice(dev.lastIndexOf("/") + 1);
  await Deno.writeTextFile(`/sys/fs/ext4/${name}/reserved_clusters`, "0").catch(() => {});
  const avail = Number((await sh("df", ["-B4096", "--output=avail", mnt])).trim().split("\n")[1]);
  await sh("fallocate", ["-l", String(avail * 4096), `${mnt}/filler`]);
  for (let i = 0; i < 40; i++) {
    await sh("fallocate", ["--punch-hole", "-o", String(i * 65536), "-l", "8192", `${mnt}/filler`]);
  }
  const path = `${mnt}/frag.bin`;
  await Deno.writeFile(path, bytes);
  return path;
}

Deno.test({
  name:
    "locate on mounted ext4/ext3 in GPT partitions of a loop device, and a 2nd loop layer (root only)",
  ignore: !isLinuxRoot(),
  async fn() {
    const dir = await Deno.makeTempDir();
    const img = `${dir}/disk.img`;
    const cleanup: (() => Promise<unknown>)[] = [];
    try {
      const f = await Deno.open(img, { write: true, create: true });
      await f.truncate(48 * 1024 * 1024);
      f.close();
      await sh(
        "sfdisk",
        ["-q", img],
        new TextEncoder().encode("label: gpt\nstart=2048, size=49152\nstart=51200, size=40960\n"),
      );
      const loop = (await sh("losetup", ["-f", "--show", "-P", img])).trim();
      cleanup.push(() => sh("losetup", ["-d", loop]));
      await sh("partx", ["-a", loop]).catch(() => {}); // the kernel has no GPT parser: BLKPG
      cleanup.push(() => sh("partx", ["-d", loop]).catch(() => {}));
      const p1 = `${loop}p1`, p2 = `${loop}p2`;
      await sh("mkfs.ext4", ["-q", "-F", "-m", "0", "-b", "4096", "-O", "inline_data", p1]);
      await sh("mkfs.ext3", ["-q", "-F", "-b", "1024", p2]);
      const m1 = `${dir}/m1`, m2 = `${dir}/m2`, m3 = `${dir}/m3`;
      for (const m of [m1, m2, m3]) await Deno.mkdir(m);
      await sh("mount", [p1, m1]);
      cleanup.push(() => sh("umount", [m1]));
      await sh("mount", [p2, m2]);
      cleanup.push(() => sh("umount", [m2]));

      // second layer: inner.img in the ext4, attached with a 1 MiB offset, ext4 with 1 KiB blocks
      const inner = `${m1}/inner.img`;
      // fully written (no holes, no unwritten extents) so that filling the outer ext4 later
      // cannot make writes through the inner layer fail with ENOSPC
      await Deno.writeFile(inner, new Uint8Array(10 * 1024 * 1024));
      const loop2 =
        (await sh("losetup", ["-f", "--show", "-o", "1048576", "--sizelimit", "8388608", inner]))
          .trim();
      cleanup.push(() => sh("losetup", ["-d", loop2]));
      await sh("mkfs.ext4", ["-q", "-F", "-E", "nodiscard", "-b", "1024", loop2]);
      await sh("mount", [loop2, m3]);
      cleanup.push(() => sh("umount", [m3]));

      const files: [string, Uint8Array][] = [
        [`${m2}/three.bin`, randomBytes(300_000, 3)],
        [`${m3}/deep.bin`, randomBytes(200_000, 4)],
        [`${m1}/small.txt`, new TextEncoder().encode("hello\n")],
      ];
      for (const [p, d] of files) await Deno.writeFile(p, d);
      const frag = await fragment(m1, p1, randomBytes(300_000, 5));
      files.push([frag, await Deno.readFile(frag)]);
      await sh("sync", []);

      for (const [path, data] of files) {
        const r = await locate(["--verify", "--stop-at", loop, path]);
        assert.equal(r.size, data.length);
        assert.ok(r.extents.length > 0, path);
        let covered = 0;
        for (const e of r.extents) {
          assert.equal(e.device, loop, `${path}: resolved to the outer loop device`);
          assert.equal(e.stoppedAt, null);
          assert.equal(e.verify, "verified", `${path} @${e.fileOffset}: ${e.verify}`);
          assert.equal(e.lba, Math.floor(e.physicalOffset / 512));
          covered += Math.min(e.length, data.length - e.fileOffset);
        }
        assert.equal(covered, data.length, `${path}: extents cover the file`);
        if (path.startsWith(m3)) {
          assert.ok(
            r.extents[0].layers.some((l) => l.includes("loop offset +1048576")),
            "inner loop layer",
          );
          continue;
        }
        if (path.endsWith("small.txt")) {
          // ext4 inline_data: the bytes live inside the inode (FIEMAP: inline, not_aligned); the
          // raw read at that unaligned disk offset was verified above.
          assert.deepEqual(r.extents.map((e) => e.flags.includes("inline")), [true]);
          continue;
        }
        // filefrag -v (fs blocks on the partition) + partition start = our whole-disk offset
        const ff = await filefrag(path);
        const start = path.startsWith(m1) ? 2048 * 512 : 51200 * 512;
        const want = ff.runs.map(([l, p, n]) => [l * ff.bs, start + p * ff.bs, n * ff.bs]);
        // filefrag merges logically and physically adjacent extents (FIEMAP on an indirect-mapped
        // ext3 file may report them separately): compare both merged the same way.
        const got = mergeRuns(r.extents.map((e) => [e.fileOffset, e.physicalOffset, e.length]));
        assert.deepEqual(got, mergeRuns(want), `${path} vs filefrag -v`);
        if (path === frag) {
          assert.ok(r.extents.length > 10, `frag.bin has ${r.extents.length} extents`);
        }
      }
      // a sparse file: the gap is a "hole" extent, the data after it is verified
      const sparse = `${m2}/sparse.bin`; // m2: the ext4 on m1 is full by now
      const sf = await Deno.open(sparse, { write: true, create: true });
      await sf.seek(3 * 4096, Deno.SeekMode.Start);
      await sf.write(randomBytes(8192, 12));
      sf.close();
      const sp = await locate(["--verify", "--stop-at", loop, sparse]);
      const [hole, ...data] = sp.extents;
      assert.deepEqual([hole.fileOffset, hole.length, hole.flags, hole.physicalOffset], [0, 12288, [
        "hole",
      ], null]);
      assert.equal(data[0].fileOffset, 12288);
      assert.equal(data.reduce((n, e) => n + e.length, 0), 8192);
      assert.ok(data.every((e) => e.verify === "verified" && !e.flags.includes("hole")));

      // OFFSET/LENGTH: only the covering run
      const one = await locate(["--stop-at", loop, frag, "100000", "1"]);
      assert.equal(one.extents.length, 1);
      assert.ok(
        one.extents[0].fileOffset <= 100000 &&
          one.extents[0].fileOffset + one.extents[0].length > 100000,
      );
    } finally {
      for (const c of cleanup.reverse()) await c().catch(() => {});
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    }
  },
});
