// Copyright 2026 the sectorkit authors. MIT license.
/**
 * A GPT disk with FAT16, NTFS and ext4 partitions (sfdisk, mkfs.vfat --offset + mcopy, mkntfs +
 * ntfscp, mke2fs -E offset): `locate --image` and `owner` against TSK's istat -r / ifind -d
 * with each filesystem's units (FAT: 512-byte sectors, NTFS: clusters, ext: blocks).
 */
import assert from "node:assert/strict";
import { randomBytes } from "../helpers/random.ts";
import { cli } from "./cli.ts";
import { has, run } from "./tsk.ts";

const ready = ["sfdisk", "mkfs.vfat", "mcopy", "mkntfs", "ntfscp", "mke2fs", "istat"].every(has);

interface Part {
  start: number;
  unit: number;
  big: string;
  tskPath: string;
}

Deno.test({
  name: "GPT disk with FAT16, NTFS and ext4: locate --image and owner agree with TSK",
  ignore: !ready,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const img = `${dir}/disk.img`;
      const data = randomBytes(70000, 11);
      await Deno.writeFile(`${dir}/big.bin`, data);
      await Deno.mkdir(`${dir}/src`);
      await Deno.writeFile(`${dir}/src/big.bin`, data);
      await run("truncate", ["-s", "64M", img]);
      const sf = new Deno.Command("sfdisk", { args: ["-q", img], stdin: "piped", stdout: "null" })
        .spawn();
      const w = sf.stdin.getWriter();
      await w.write(
        new TextEncoder().encode(
          "label: gpt\nstart=2048, size=40960\nstart=43008, size=40960\nstart=83968, size=40960\n",
        ),
      );
      await w.close();
      assert.ok((await sf.output()).success);
      await run("mkfs.vfat", ["-F", "16", "-s", "4", "--offset=2048", img, "20480"]).catch(
        () => {},
      );
      await run("mcopy", ["-i", `${img}@@${2048 * 512}`, `${dir}/big.bin`, "::/BIG.BIN"]);
      const n = `${dir}/n.img`;
      await run("truncate", ["-s", "20M", n]);
      await run("mkntfs", ["-q", "-F", "-f", "-c", "4096", "-p", "43008", n]);
      await run("ntfscp", [n, `${dir}/big.bin`, "/big.bin"]);
      await run("dd", [
        `if=${n}`,
        `of=${img}`,
        "bs=512",
        "seek=43008",
        "conv=notrunc",
        "status=none",
      ]);
      await run("mke2fs", [
        "-q",
        "-F",
        "-t",
        "ext4",
        "-b",
        "4096",
        "-E",
        `offset=${83968 * 512}`,
        "-d",
        `${dir}/src`,
        img,
        "5120",
      ]);
      const parts: Part[] = [
        { start: 2048, unit: 512, big: "/BIG.BIN", tskPath: "BIG.BIN" },
        { start: 43008, unit: 4096, big: "/big.bin", tskPath: "big.bin" },
        { start: 83968, unit: 4096, big: "/big.bin", tskPath: "big.bin" },
      ];
      for (const [i, p] of parts.entries()) {
        const fls = await run("fls", ["-o", String(p.start), img]);
        const ino = new RegExp(`(\\d+)(?:-\\d+-\\d+)?:\\t${p.tskPath.replace(".", "\\.")}$`, "m")
          .exec(fls)![1];
        const istat = await run("istat", ["-r", "-o", String(p.start), img, ino]);
        const runs = [...istat.matchAll(/Starting address: (\d+), length: (\d+)/g)]
          .map((m) => [Number(m[1]), Number(m[2])]);
        const r = await cli([
          "locate",
          "--image",
          img,
          "--partition",
          String(i + 1),
          p.big,
          "--json",
          "--verify",
        ]);
        assert.equal(r.code, 0, r.err);
        const j = JSON.parse(r.out);
        assert.equal(j.size, 70000);
        // TSK's run list stops at the end of the file (ceil(size/unit)), ours at the cluster end.
        const got = j.extents.map((e: { lba: number; length: number; fileOffset: number }) => [
          (e.lba - p.start) * 512 / p.unit,
          Math.ceil(Math.min(e.length, j.size - e.fileOffset) / p.unit),
        ]);
        assert.deepEqual(got, runs, `partition ${i + 1} vs istat -r`);
        assert.ok(j.extents.every((e: { verify: string }) => e.verify === "verified"), r.out);
        // owner of the first sector of each run, against ifind -d
        const lbas = j.extents.map((e: { lba: number }) => String(e.lba));
        const o = await cli(["owner", img, ...lbas, "--json", "--quiet"]);
        assert.equal(o.code, 0, o.err);
        for (const [k, x] of JSON.parse(o.out).entries()) {
          assert.equal(x.partition, i + 1);
          assert.equal(x.kind, "file");
          assert.equal(x.path, p.big);
          assert.equal(x.fileOffset, j.extents[k].fileOffset);
          const unit = (x.lba - p.start) * 512 / p.unit;
          const ifind = (await run("ifind", ["-o", String(p.start), "-d", String(unit), img]))
            .trim();
          assert.equal(ifind.split("-")[0], ino, `ifind -d ${unit}`);
        }
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
