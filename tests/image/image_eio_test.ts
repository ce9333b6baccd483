// Copyright 2026 the sectorkit authors. MIT license.
// Real kernel EIO: a loop device on a FUSE file whose chosen ranges fail (root, gcc, fuse3 only).
import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import { sh } from "../helpers/loop.ts";
import { canUseFuse, withFaultyLoopDevice } from "../helpers/fuse_bad.ts";
import { randomBytes } from "../helpers/random.ts";
import { parseMapfile } from "../../lib/image/mapfile.ts";
import { image, spawnImage } from "./_cli.ts";

const fuse = canUseFuse();

Deno.test({
  name: "image gets real kernel EIO, scrapes to the exact bad sectors, exit 3 (root + FUSE only)",
  ignore: !fuse,
  async fn() {
    const data = randomBytes(2 * 1024 * 1024, 31);
    // bad sectors 1000-1003 and 3000 (512-byte sectors)
    const bad: [number, number][] = [[1000 * 512, 1004 * 512], [3000 * 512, 3001 * 512]];
    const dir = await Deno.makeTempDir();
    try {
      await withFaultyLoopDevice(data, { bad }, async (dev) => {
        const r = await image([
          dev,
          `${dir}/e.img`,
          "--json",
          "--quiet",
          "--fill",
          "BAD0",
          "--retries",
          "1",
          "--block-size",
          "128k",
        ]);
        assertEquals(r.code, 3, r.stderr);
        assertEquals(r.json.badSectors, 5);
        assertEquals(r.json.badAreas, 2);
        const want = data.slice();
        for (const [a, b] of bad) {
          for (let i = a; i < b; i++) want[i] = i % 2 === 0 ? 0xba : 0xd0;
        }
        const got = await Deno.readFile(`${dir}/e.img`);
        assertEquals(got.length, want.length);
        ok(got.every((v, i) => v === want[i]), "image bytes differ from source + fill");
        const md5 = (await sh("md5sum", [`${dir}/e.img`])).split(" ")[0];
        assertEquals((r.json.hashes as Record<string, string>).md5, md5);
        const map = parseMapfile(await Deno.readTextFile(`${dir}/e.img.map`));
        assertEquals(
          map.blocks.filter((b) => b.status === "-").map((b) => [b.pos, b.pos + b.size]),
          bad,
        );
        // ddrescuelog lists the same bad sectors
        const list = (await sh("ddrescuelog", ["-b512", "-l-", `${dir}/e.img.map`])).trim()
          .split("\n");
        assertEquals(list, ["1000", "1001", "1002", "1003", "3000"]);
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "image interrupted at a random point (SIGINT) then --resume gives identical bytes and hashes (root + FUSE only)",
  ignore: !fuse,
  async fn() {
    const data = randomBytes(3 * 1024 * 1024, 32);
    const bad: [number, number][] = [[700 * 512, 702 * 512]];
    const dir = await Deno.makeTempDir();
    try {
      await withFaultyLoopDevice(data, { bad, delayUs: 4000 }, async (dev) => {
        const t0 = performance.now();
        const full = await image([
          dev,
          `${dir}/full.img`,
          "--json",
          "--quiet",
          "--block-size",
          "64k",
        ]);
        // the job's own duration (without process start-up), from its JSON result
        const jobMs = Number(full.json.seconds) * 1000 || (performance.now() - t0) / 2;
        assertEquals(full.code, 3, full.stderr);
        const child = spawnImage([dev, `${dir}/r.img`, "--quiet", "--block-size", "64k"]);
        // the mapfile is written once the job has started (and Ctrl-C is handled)
        while (!(await Deno.stat(`${dir}/r.img.map`).then(() => true, () => false))) {
          await new Promise((r) => setTimeout(r, 10));
        }
        const delay = Math.floor(jobMs * (0.05 + Math.random() * 0.45));
        await new Promise((r) => setTimeout(r, delay));
        child.kill("SIGINT");
        const st = await child.output();
        const err = new TextDecoder().decode(st.stderr);
        assertEquals(st.code, 130, `after ${delay} ms: ${err}`);
        ok(err.includes("rerun with --resume"), err);
        const partial = parseMapfile(await Deno.readTextFile(`${dir}/r.img.map`));
        ok(partial.blocks.some((b) => b.status !== "+"), "job was not interrupted");
        const r = await image([
          dev,
          `${dir}/r.img`,
          "--resume",
          "--json",
          "--quiet",
          "--block-size",
          "64k",
        ]);
        assertEquals(r.code, 3, r.stderr);
        assertEquals(r.json.resumed, true);
        assertEquals(await Deno.readFile(`${dir}/r.img`), await Deno.readFile(`${dir}/full.img`));
        assertEquals(r.json.hashes, full.json.hashes);
        assertEquals(
          await Deno.readTextFile(`${dir}/r.img.map`).then((t) => parseMapfile(t).blocks),
          await Deno.readTextFile(`${dir}/full.img.map`).then((t) => parseMapfile(t).blocks),
        );
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "image --resume continues a GNU ddrescue run from its own mapfile (root + FUSE only)",
  ignore: !fuse,
  async fn() {
    const data = randomBytes(1024 * 1024, 33);
    const bad: [number, number][] = [[300 * 512, 340 * 512], [1500 * 512, 1501 * 512]];
    const dir = await Deno.makeTempDir();
    try {
      await withFaultyLoopDevice(data, { bad }, async (dev) => {
        // ddrescue copies and trims but does not scrape (-n): its mapfile keeps "/" areas
        await sh("ddrescue", ["-d", "-n", "-q", dev, `${dir}/dr.img`, `${dir}/dr.map`]).catch(
          () => {},
        );
        const before = parseMapfile(await Deno.readTextFile(`${dir}/dr.map`));
        ok(before.blocks.some((b) => b.status !== "+" && b.status !== "-"), "nothing left to do");
        const r = await image([
          dev,
          `${dir}/dr.img`,
          "--map",
          `${dir}/dr.map`,
          "--resume",
          "--json",
          "--quiet",
        ]);
        assertEquals(r.code, 3, r.stderr);
        const want = data.slice();
        for (const [a, b] of bad) want.fill(0, a, b);
        assertEquals(await Deno.readFile(`${dir}/dr.img`), want);
        const after = parseMapfile(await Deno.readTextFile(`${dir}/dr.map`));
        assertEquals(
          after.blocks.filter((b) => b.status === "-").map((b) => [b.pos, b.pos + b.size]),
          bad,
        );
        await sh("ddrescuelog", ["-t", `${dir}/dr.map`]);
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "image saves the mapfile periodically and atomically while running (root + FUSE only)",
  ignore: !fuse,
  async fn() {
    const data = randomBytes(2 * 1024 * 1024, 34); // 256 reads of 8 KiB, 10 ms each
    const dir = await Deno.makeTempDir();
    try {
      await withFaultyLoopDevice(data, { delayUs: 10000 }, async (dev) => {
        const child = spawnImage([
          dev,
          `${dir}/p.img`,
          "--quiet",
          "--block-size",
          "8k",
          "--queue-depth",
          "1",
          "--map-interval",
          "1",
        ]);
        const seen = new Set<number>();
        let reads = 0;
        const done = child.output();
        let finished = false;
        done.then(() => finished = true);
        while (!finished) {
          const text = await Deno.readTextFile(`${dir}/p.img.map`).catch(() => null);
          if (text !== null) {
            // never a torn file: every read parses
            const map = parseMapfile(text);
            reads++;
            seen.add(map.blocks.filter((b) => b.status === "+").reduce((n, b) => n + b.size, 0));
          }
          await new Promise((r) => setTimeout(r, 100));
        }
        const st = await done;
        assertEquals(st.code, 0, new TextDecoder().decode(st.stderr));
        ok(reads > 3, `mapfile read only ${reads} times`);
        const partial = [...seen].filter((n) => n > 0 && n < data.length);
        ok(partial.length >= 1, `no intermediate save seen: ${[...seen]}`);
        assertEquals(await Deno.readFile(`${dir}/p.img`), data);
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
