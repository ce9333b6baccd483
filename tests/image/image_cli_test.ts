// Copyright 2026 the sectorkit authors. MIT license.
// Integration tests: the CLI as a user runs it, on real loop devices (root only) and files,
// compared with md5sum/sha1sum/zlib crc32 and ddrescuelog.
import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import { isLinuxRoot, sh, withLoopDevice } from "../helpers/loop.ts";
import { randomBytes } from "../helpers/random.ts";
import { parseMapfile } from "../../lib/image/mapfile.ts";
import { image } from "./_cli.ts";

const root = isLinuxRoot();

async function peerHashes(path: string): Promise<Record<string, string>> {
  const md5 = (await sh("md5sum", [path])).split(" ")[0];
  const sha1 = (await sh("sha1sum", [path])).split(" ")[0];
  const crc32 = (await sh("python3", [
    "-c",
    "import sys,zlib;print('%08x'%zlib.crc32(open(sys.argv[1],'rb').read()))",
    path,
  ])).trim();
  return { md5, sha1, crc32 };
}

Deno.test({
  name: "image copies a 512-byte-sector loop device; hashes match md5sum/sha1sum/zlib (root only)",
  ignore: !root,
  async fn() {
    const data = randomBytes(6 * 1024 * 1024 + 512 * 7, 21);
    const dir = await Deno.makeTempDir();
    try {
      await withLoopDevice(data, {}, async (dev, backing) => {
        const r = await image([dev, `${dir}/a.img`, "--json", "--quiet", "--block-size", "256k"]);
        assertEquals(r.code, 0, r.stderr);
        assertEquals(await Deno.readFile(`${dir}/a.img`), data);
        assertEquals(r.json.hashes, await peerHashes(backing));
        assertEquals(r.json.direct, true);
        assertEquals(r.json.badSectors, 0);
        // ddrescuelog accepts our mapfile and agrees it is all rescued
        const t = await sh("ddrescuelog", ["-t", `${dir}/a.img.map`]);
        ok(/rescued:\s+6295 kB,\s+in\s+1 area/.test(t), t);
        await sh("ddrescuelog", ["-D", `${dir}/a.img.map`]);
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "image reads a 4096-byte-sector loop device, --offset/--size ranges, DEST - (root only)",
  ignore: !root,
  async fn() {
    const data = randomBytes(4 * 1024 * 1024, 22);
    const dir = await Deno.makeTempDir();
    try {
      await withLoopDevice(data, { sectorSize: 4096 }, async (dev) => {
        const r = await image([dev, `${dir}/b.img`, "--json", "--quiet", "--hash", "sha256"]);
        assertEquals(r.code, 0, r.stderr);
        assertEquals(r.json.sectorSize, 4096);
        assertEquals(await Deno.readFile(`${dir}/b.img`), data);
        const { createHash } = await import("node:crypto");
        assertEquals(r.json.hashes, { sha256: createHash("sha256").update(data).digest("hex") });
        const part = await image([
          dev,
          `${dir}/part.img`,
          "--quiet",
          "--offset",
          "12k",
          "--size",
          "1M",
        ]);
        assertEquals(part.code, 0, part.stderr);
        assertEquals(
          await Deno.readFile(`${dir}/part.img`),
          data.subarray(12288, 12288 + 1024 * 1024),
        );
        const bad = await image([dev, `${dir}/c.img`, "--block-size", "6k"]);
        assertEquals(bad.code, 2);
        ok(bad.stderr.includes("not a multiple of the logical sector size 4096"), bad.stderr);
        const unaligned = await image([dev, `${dir}/c.img`, "--offset", "512"]);
        assertEquals(unaligned.code, 2, unaligned.stderr);
        const piped = await image([dev, "-", "--quiet", "--block-size", "64k"]);
        assertEquals(piped.code, 0, piped.stderr);
        assertEquals(piped.stdout, data);
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "image of a regular file: --sparse leaves holes, --verify matches, --overwrite needed",
  ignore: Deno.build.os !== "linux",
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const data = randomBytes(3 * 1024 * 1024 + 100, 23);
      data.fill(0, 1024 * 1024, 2 * 1024 * 1024);
      await Deno.writeFile(`${dir}/src.bin`, data);
      const r = await image([
        `${dir}/src.bin`,
        `${dir}/s.img`,
        "--sparse",
        "--verify",
        "--json",
        "--quiet",
        "--block-size",
        "128k",
      ]);
      assertEquals(r.code, 0, r.stderr);
      assertEquals(await Deno.readFile(`${dir}/s.img`), data);
      assertEquals((r.json.verify as { match: boolean }).match, true);
      const st = await Deno.stat(`${dir}/s.img`);
      ok(st.blocks! * 512 < data.length - 512 * 1024, `not sparse: ${st.blocks} blocks`);
      const again = await image([`${dir}/src.bin`, `${dir}/s.img`]);
      assertEquals(again.code, 1);
      ok(again.stderr.includes("already exists: use --overwrite"), again.stderr);
      const over = await image([`${dir}/src.bin`, `${dir}/s.img`, "--overwrite", "--quiet"]);
      assertEquals(over.code, 0, over.stderr);
      assertEquals(await Deno.readFile(`${dir}/s.img`), data);
      const m = parseMapfile(await Deno.readTextFile(`${dir}/s.img.map`));
      assertEquals(m.blocks, [{ pos: 0, size: data.length, status: "+" }]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
