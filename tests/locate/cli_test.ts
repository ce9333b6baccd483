// Copyright 2026 the sectorkit authors. MIT license.
/**
 * The CLI as users run it: `locate --image` with OFFSET/LENGTH, `owner --lbas-from` (mapfile and
 * dmesg), `ls --json/--csv`, usage errors.
 */
import assert from "node:assert/strict";
import { cli } from "./cli.ts";
import { addFragmentedFile, writeSourceTree } from "./fixtures.ts";
import { has, run } from "./tsk.ts";
import { randomBytes } from "../helpers/random.ts";

const ready = has("mke2fs") && has("debugfs");

Deno.test({
  name: "locate/owner/ls --image on a fragmented ext4 image",
  ignore: !ready,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      await writeSourceTree(`${dir}/src`, 5);
      const img = `${dir}/e.img`;
      await run("mke2fs", ["-q", "-F", "-t", "ext4", "-b", "1024", "-d", `${dir}/src`, img, "8M"]);
      const frag = randomBytes(120_000, 6);
      await addFragmentedFile(img, dir, frag);

      const all = await cli(["locate", "--image", img, "/frag.bin", "--json", "--verify"]);
      assert.equal(all.code, 0, all.err);
      const j = JSON.parse(all.out);
      assert.deepEqual(Object.keys(j), ["path", "size", "sectorSize", "extents"]);
      assert.deepEqual(Object.keys(j.extents[0]), [
        "fileOffset",
        "length",
        "physicalOffset",
        "lba",
        "device",
        "flags",
        "verify",
      ]);
      assert.ok(j.extents.length > 4);
      assert.ok(j.extents.every((e: { verify: string }) => e.verify === "verified"));

      // OFFSET LENGTH: only the covering runs
      const mid = j.extents[2];
      const part = await cli([
        "locate",
        "--image",
        img,
        "/frag.bin",
        String(mid.fileOffset + 10),
        "2",
        "--json",
      ]);
      const { verify: _verify, ...plain } = mid;
      assert.deepEqual(JSON.parse(part.out).extents, [plain]);

      // owner: a mapfile naming the 2nd extent's first sector bad, and a dmesg line
      const lba = j.extents[1].lba;
      await Deno.writeTextFile(
        `${dir}/map`,
        `# mapfile\n0x0 +\n0x0 0x${(lba * 512).toString(16)} +\n0x${
          (lba * 512).toString(16)
        } 0x200 -\n`,
      );
      const o = await cli(["owner", img, "--lbas-from", `${dir}/map`, "--json", "--quiet"]);
      assert.equal(o.code, 0, o.err);
      assert.deepEqual(JSON.parse(o.out), [{
        lba,
        partition: 0,
        filesystem: "ext4",
        kind: "file",
        path: "/frag.bin",
        fileOffset: j.extents[1].fileOffset,
      }]);
      await Deno.writeTextFile(
        `${dir}/dmesg`,
        `[1.0] I/O error, dev sdb, sector ${lba + 1} op 0x0:(READ)\n`,
      );
      const d = await cli(["owner", img, "--lbas-from", `${dir}/dmesg`, "--json", "--quiet"]);
      assert.equal(JSON.parse(d.out)[0].fileOffset, j.extents[1].fileOffset + 512);
      const sb = await cli(["owner", img, "2", "--json", "--quiet"]);
      assert.deepEqual(JSON.parse(sb.out)[0].path, "superblock (group 0)");

      const csv = await cli(["ls", "--image", img, "/", "-r", "--csv"]);
      assert.equal(csv.code, 0, csv.err);
      const rows = csv.out.trim().split("\n");
      assert.equal(rows[0], "path,kind,size,fileOffset,length,physicalOffset,lba,flags");
      assert.equal(rows.filter((r) => r.startsWith("/frag.bin,")).length, j.extents.length);
      assert.ok(rows.some((r) => r.startsWith("/small.txt,file,12,0,1024,")));
      const ls = JSON.parse((await cli(["ls", "--image", img, "/sub", "--json"])).out);
      assert.deepEqual(ls.map((e: { path: string }) => e.path).sort(), [
        "/sub/deeper",
        "/sub/five.bin",
      ]);

      const bad = await cli(["owner", img, "999999999"]);
      assert.equal(bad.code, 2);
      assert.match(bad.err, /beyond the end/);
      const missing = await cli(["locate", "--image", img, "/nope"]);
      assert.equal(missing.code, 1);
      assert.match(missing.err, /\/nope not found/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("locate without FILE is a usage error (exit 2)", async () => {
  const r = await cli(["locate"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /missing FILE/);
});
