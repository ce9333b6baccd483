// Copyright 2026 the sectorkit authors. MIT license.
// --domain-mapfile and ddrescue's phase options as a user runs them, on regular files.
import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import { randomBytes } from "../helpers/random.ts";
import { parseMapfile } from "../../lib/image/mapfile.ts";
import { image } from "./_cli.ts";

const exists = (p: string): Promise<boolean> => Deno.stat(p).then(() => true, () => false);

Deno.test({
  name: "image refuses a missing, garbled, empty or too long domain mapfile and writes nothing",
  ignore: Deno.build.os !== "linux",
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const src = `${dir}/src.bin`;
      await Deno.writeFile(src, randomBytes(64 * 1024, 61));
      await Deno.writeTextFile(`${dir}/garbled.map`, "0 +\n0 4096 +\n8192 4096 +\n");
      await Deno.writeTextFile(`${dir}/empty.map`, "0 +\n0 0x10000 -\n");
      await Deno.writeTextFile(`${dir}/long.map`, "0 +\n0 0x20000 +\n");
      await Deno.writeTextFile(`${dir}/ok.map`, "0 +\n0 0x1000 +\n");
      const cases: [string[], number, string][] = [
        [["-m", `${dir}/nope.map`], 2, "Cannot read domain mapfile"],
        [["-m", `${dir}/garbled.map`], 1, "not contiguous"],
        [["-m", `${dir}/empty.map`], 2, "no finished (+) blocks"],
        [["-m", `${dir}/long.map`], 1, "beyond the end of SOURCE"],
        [["--domain-mapfile", `${dir}/ok.map`, "--offset", "8k"], 2, "no finished block inside"],
        [["-m", `${dir}/ok.map`, "--verify"], 2, "cannot be used with a domain"],
      ];
      for (const [args, code, text] of cases) {
        const r = await image([src, `${dir}/o.img`, ...args]);
        assertEquals(r.code, code, `${args.join(" ")}: ${r.stderr}`);
        ok(r.stderr.includes(text), `${args.join(" ")}: ${r.stderr}`);
        assertEquals(r.stderr.trim().split("\n").length, 1, r.stderr);
        assertEquals(await exists(`${dir}/o.img`), false, args.join(" "));
        assertEquals(await exists(`${dir}/o.img.map`), false, args.join(" "));
      }
      for (const opt of ["-m", "-N", "-n", "-R", "-D"]) {
        const args = [src, "-", opt, ...(opt === "-m" ? [`${dir}/ok.map`] : [])];
        const r = await image(args);
        assertEquals(r.code, 2, r.stderr);
        ok(r.stderr.includes("need a DEST file"), r.stderr);
        assertEquals(r.stdout.length, 0);
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "image --domain-mapfile into an existing DEST keeps the bytes outside the domain",
  ignore: Deno.build.os !== "linux",
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const data = randomBytes(64 * 1024, 62);
      await Deno.writeFile(`${dir}/src.bin`, data);
      await Deno.writeFile(`${dir}/o.img`, new Uint8Array(data.length + 512).fill(0x77));
      await Deno.writeTextFile(`${dir}/d.map`, "0 +\n0 0x1000 ?\n0x1000 0x3000 +\n");
      const r = await image([
        `${dir}/src.bin`,
        `${dir}/o.img`,
        "--overwrite",
        "-m",
        `${dir}/d.map`,
        "--json",
        "--quiet",
      ]);
      assertEquals(r.code, 0, r.stderr);
      assertEquals(r.json.bytesRescued, 0x3000);
      assertEquals(r.json.bytesUnreadable, 0);
      const got = await Deno.readFile(`${dir}/o.img`);
      assertEquals(got.length, data.length + 512);
      const wrong = got.findIndex((v, i) => v !== (i >= 0x1000 && i < 0x4000 ? data[i] : 0x77));
      assertEquals(wrong, -1);
      const map = parseMapfile(await Deno.readTextFile(`${dir}/o.img.map`));
      assertEquals(map.blocks.map((b) => b.status).join(""), "?+?");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "image -D (--odirect) uses O_DIRECT where dd oflag=direct can, image exact with an unaligned tail (Linux)",
  ignore: Deno.build.os !== "linux",
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      // not a multiple of 4096: the last 1728 bytes cannot go through O_DIRECT
      const data = randomBytes(3 * 1024 * 1024 - 2048 - 1728, 63);
      await Deno.writeFile(`${dir}/src.bin`, data);
      // does this filesystem take O_DIRECT at all? (tmpfs on older kernels does not) — ask dd
      const probe = await new Deno.Command("dd", {
        args: ["if=/dev/zero", `of=${dir}/probe`, "bs=4096", "count=1", "oflag=direct"],
        stdout: "null",
        stderr: "null",
      }).output();
      const r = await image([`${dir}/src.bin`, `${dir}/o.img`, "-D", "--json", "--quiet"]);
      assertEquals(r.code, 0, r.stderr);
      assertEquals(r.json.odirect, probe.success);
      assertEquals(await Deno.readFile(`${dir}/o.img`), data);
      // with a domain and bad-sector-sized writes too
      await Deno.writeTextFile(
        `${dir}/d.map`,
        "0 +\n0 0x1000 ?\n0x1000 0x1000 +\n0x2000 0x1000 ?\n0x3000 0x100600 +\n",
      );
      const d = await image([
        `${dir}/src.bin`,
        `${dir}/o.img`,
        "--overwrite",
        "-D",
        "-m",
        `${dir}/d.map`,
        "--block-size",
        "6k",
        "--json",
        "--quiet",
      ]);
      assertEquals(d.code, 0, d.stderr);
      assertEquals(await Deno.readFile(`${dir}/o.img`), data);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
