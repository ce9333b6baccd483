// Copyright 2026 the sectorkit authors. MIT license.
// ddrescue's -m/-N/-n/-R against GNU ddrescue itself, on a loop device with real kernel EIO
// (FUSE-backed; root, gcc, fuse3 only): same output mapfile, same DEST bytes.
import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import { sh } from "../helpers/loop.ts";
import { canUseFuse, withFaultyLoopDevice } from "../helpers/fuse_bad.ts";
import { randomBytes } from "../helpers/random.ts";
import { type MapBlock, parseMapfile } from "../../lib/image/mapfile.ts";
import { image } from "./_cli.ts";

const fuse = canUseFuse();
const S = 512;
// bad sectors 300-339, 1000, 1500-1502 of a 1 MiB device
const BAD: [number, number][] = [[300 * S, 340 * S], [1000 * S, 1001 * S], [1500 * S, 1503 * S]];
const PATTERN = 0xa5;

async function blocks(path: string): Promise<MapBlock[]> {
  return parseMapfile(await Deno.readTextFile(path)).blocks;
}

/** Runs ddrescue and sectorkit with the same options into DESTs pre-filled with PATTERN. */
async function both(
  dev: string,
  dir: string,
  tag: string,
  ddrescueArgs: string[],
  sectorkitArgs: string[],
  size: number,
): Promise<
  { dr: string; sk: string; code: number; stderr: string; json: Record<string, unknown> }
> {
  const dr = `${dir}/${tag}_dr`;
  const sk = `${dir}/${tag}_sk`;
  await Deno.writeFile(`${dr}.img`, new Uint8Array(size).fill(PATTERN));
  await Deno.writeFile(`${sk}.img`, new Uint8Array(size).fill(PATTERN));
  // ddrescue exits 0 even with bad sectors; its mapfile is what is compared
  await sh("ddrescue", ["-d", "-q", ...ddrescueArgs, dev, `${dr}.img`, `${dr}.map`]);
  const r = await image([
    dev,
    `${sk}.img`,
    "--map",
    `${sk}.map`,
    "--overwrite",
    "--json",
    "--quiet",
    "--block-size",
    "64k", // ddrescue's default cluster: 128 sectors
    "--fill",
    PATTERN.toString(16),
    ...sectorkitArgs,
  ]);
  return { dr, sk, code: r.code, stderr: r.stderr, json: r.json };
}

async function sameMapfiles(dr: string, sk: string): Promise<void> {
  assertEquals(await blocks(`${sk}.map`), await blocks(`${dr}.map`));
  // ddrescuelog agrees: -p exits 0 when both mapfiles have the same block types
  await sh("ddrescuelog", ["-q", "-p", `${dr}.map`, `${sk}.map`]);
}

Deno.test({
  name:
    "image --domain-mapfile gives ddrescue -m's mapfile and DEST bytes, untouched outside (root + FUSE only)",
  ignore: !fuse,
  async fn() {
    const data = randomBytes(1024 * 1024, 41);
    const dir = await Deno.makeTempDir();
    try {
      // by hand: hex and octal numbers, old two-column status line, a comment; the third bad
      // area (sectors 1500-1502) lies outside the domain
      await Deno.writeTextFile(
        `${dir}/dom.map`,
        "# hand-written domain\n0 +\n0 0x10000 ?\n0x10000 0x20000 +\n0x30000 0x48000 -\n" +
          "0x78000 0x18000 +\n0x90000 01600000 ?\n",
      );
      const domain: [number, number][] = [[0x10000, 0x30000], [0x78000, 0x90000]];
      await withFaultyLoopDevice(data, { bad: BAD }, async (dev) => {
        const r = await both(dev, dir, "m", ["-m", `${dir}/dom.map`], [
          "--domain-mapfile",
          `${dir}/dom.map`,
        ], data.length);
        assertEquals(r.code, 3, r.stderr);
        assertEquals(r.json.badSectors, 41);
        await sameMapfiles(r.dr, r.sk);
        const got = await Deno.readFile(`${r.sk}.img`);
        assertEquals(got, await Deno.readFile(`${r.dr}.img`));
        const inDomain = (i: number) => domain.some(([a, b]) => a <= i && i < b);
        const isBad = (i: number) => BAD.some(([a, b]) => a <= i && i < b);
        const wrong = got.findIndex((v, i) => v !== (inDomain(i) && !isBad(i) ? data[i] : PATTERN));
        assertEquals(wrong, -1, `DEST byte ${wrong} is wrong`);
        // outside the domain: non-tried, as ddrescue writes it
        const m = await blocks(`${r.sk}.map`);
        assertEquals(m[0], { pos: 0, size: 0x10000, status: "?" });
        assertEquals(m[m.length - 1], { pos: 0x90000, size: 0x70000, status: "?" });
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "image --no-trim, --no-scrape and --reverse --no-scrape mapfiles equal ddrescue -N, -n and -R -n (root + FUSE only)",
  ignore: !fuse,
  async fn() {
    const data = randomBytes(1024 * 1024, 42);
    const dir = await Deno.makeTempDir();
    try {
      await withFaultyLoopDevice(data, { bad: BAD }, async (dev) => {
        const cases: [string, string[], string[], string][] = [
          ["N", ["-N"], ["--no-trim"], "*"],
          ["n", ["-n"], ["--no-scrape"], "/"],
          ["Rn", ["-R", "-n"], ["-R", "-n"], "/"],
          ["Nn", ["-N", "-n"], ["-nN"], "*"],
        ];
        for (const [tag, drArgs, skArgs, left] of cases) {
          const r = await both(dev, dir, tag, drArgs, skArgs, data.length);
          assertEquals(r.code, 3, `${tag}: ${r.stderr}`);
          await sameMapfiles(r.dr, r.sk);
          ok((await blocks(`${r.sk}.map`)).some((b) => b.status === left), `${tag}: no ${left}`);
          assertEquals(
            await Deno.readFile(`${r.sk}.img`),
            await Deno.readFile(`${r.dr}.img`),
            tag,
          );
        }
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "image -m with a ddrescuelog-made domain and --no-scrape, then --resume, matches ddrescue (root + FUSE only)",
  ignore: !fuse,
  async fn() {
    const data = randomBytes(1024 * 1024, 43);
    const dir = await Deno.makeTempDir();
    try {
      // 64 KiB blocks 2, 3, 7 and 11 (the last holds bad sectors 1500-1502)
      await sh(
        "ddrescuelog",
        ["-b65536", "-s", String(data.length), "-c", `${dir}/dl.map`],
        new TextEncoder().encode("2\n3\n7\n11\n"),
      );
      await withFaultyLoopDevice(data, { bad: BAD }, async (dev) => {
        const r = await both(dev, dir, "mn", ["-n", "-m", `${dir}/dl.map`], [
          "-n",
          "-m",
          `${dir}/dl.map`,
        ], data.length);
        assertEquals(r.code, 3, r.stderr);
        await sameMapfiles(r.dr, r.sk);
        assertEquals(await Deno.readFile(`${r.sk}.img`), await Deno.readFile(`${r.dr}.img`));
        // then the rest of the disk, resuming from those mapfiles: the same again
        await sh("ddrescue", ["-d", "-q", dev, `${r.dr}.img`, `${r.dr}.map`]);
        const rest = await image([
          dev,
          `${r.sk}.img`,
          "--map",
          `${r.sk}.map`,
          "--resume",
          "--block-size",
          "64k",
          "--fill",
          PATTERN.toString(16),
          "--quiet",
        ]);
        assertEquals(rest.code, 3, rest.stderr);
        await sameMapfiles(r.dr, r.sk);
        ok((await blocks(`${r.sk}.map`)).every((b) => b.status === "+" || b.status === "-"));
        assertEquals(await Deno.readFile(`${r.sk}.img`), await Deno.readFile(`${r.dr}.img`));
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "image -n, -N, -R -N, -R and --retries 1 equal ddrescue's on areas crossing clusters and the last sector (root + FUSE only)",
  ignore: !fuse,
  async fn() {
    const data = randomBytes(2 * 1024 * 1024, 44);
    // across a 64 KiB boundary; two small areas in one cluster; 160 KiB (skipping); the end
    const bad: [number, number][] = [
      [0x1f000, 0x21000],
      [0x50000, 0x50200],
      [0x50800, 0x50a00],
      [0x90000, 0xb8000],
      [0x1ffe00, 0x200000],
    ];
    const dir = await Deno.makeTempDir();
    try {
      await withFaultyLoopDevice(data, { bad }, async (dev) => {
        const cases: [string, string[], string[]][] = [
          ["n", ["-n"], ["-n"]],
          ["N", ["-N"], ["-N"]],
          ["RN", ["-R", "-N"], ["-R", "-N"]],
          ["R", ["-R"], ["-R"]],
          ["r1", ["-r1"], ["--retries", "1"]],
        ];
        for (const [tag, drArgs, skArgs] of cases) {
          const r = await both(dev, dir, tag, drArgs, skArgs, data.length);
          assertEquals(r.code, 3, `${tag}: ${r.stderr}`);
          await sameMapfiles(r.dr, r.sk);
          assertEquals(
            await Deno.readFile(`${r.sk}.img`),
            await Deno.readFile(`${r.dr}.img`),
            tag,
          );
        }
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
