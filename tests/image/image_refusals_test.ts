// Copyright 2026 the sectorkit authors. MIT license.
// Bad input of every kind: one clear line on stderr, a non-zero exit, nothing clobbered.
import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import { isLinuxRoot, sh, withLoopDevice } from "../helpers/loop.ts";
import { randomBytes } from "../helpers/random.ts";
import { parseMapfile } from "../../lib/image/mapfile.ts";
import { image } from "./_cli.ts";

const linux = Deno.build.os === "linux";

async function expectRefusal(args: string[], code: number, text: string): Promise<void> {
  const r = await image(args);
  assertEquals(r.code, code, `${args.join(" ")}: ${r.stderr}`);
  ok(r.stderr.includes(text), `${args.join(" ")}: expected "${text}" in: ${r.stderr}`);
  assertEquals(r.stderr.trim().split("\n").length, 1, r.stderr);
}

Deno.test({
  name: "image refuses bad paths and options with one clear line",
  ignore: !linux,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const src = `${dir}/src.bin`;
      await Deno.writeFile(src, randomBytes(64 * 1024, 41));
      await Deno.writeFile(`${dir}/empty.bin`, new Uint8Array(0));
      await Deno.writeTextFile(`${dir}/exists.img`, "keep me");
      await expectRefusal([`${dir}/nope`, `${dir}/o.img`], 1, "No such file or directory (ENOENT)");
      await expectRefusal([dir, `${dir}/o.img`], 1, "is a directory");
      await expectRefusal([src, src, "--overwrite"], 2, "onto itself");
      await expectRefusal([src, dir], 2, "is a directory");
      await expectRefusal([src, `${dir}/exists.img`], 1, "already exists: use --overwrite");
      assertEquals(await Deno.readTextFile(`${dir}/exists.img`), "keep me");
      await expectRefusal([src, `${dir}/no/such/dir/o.img`], 1, "does not exist");
      await expectRefusal([`${dir}/empty.bin`, `${dir}/o.img`], 1, "it is empty");
      await expectRefusal([src], 2, "expected SOURCE and DEST");
      await expectRefusal([src, `${dir}/o.img`, "--hash", "md4"], 2, 'Unknown hash "md4"');
      await expectRefusal([src, `${dir}/o.img`, "--fill", "zz"], 2, "Cannot parse --fill");
      await expectRefusal([src, `${dir}/o.img`, "--bogus"], 2, "bogus");
      await expectRefusal([src, "-", "--json"], 2, "--json cannot be used with DEST -");
      await expectRefusal([src, `${dir}/o.img`, "--verify", "--hash", "none"], 2, "--verify");
      await expectRefusal([src, `${dir}/o.img`, "--offset", "1M"], 2, "beyond the end");
      await expectRefusal([src, `${dir}/o.img`, "--size", "1M"], 2, "beyond the end");
      await expectRefusal([src, `${dir}/o.img`, "--block-size", "1000"], 2, "not a multiple");
      // a mapfile without its image, or an image without its mapfile
      await Deno.writeTextFile(`${dir}/m.img.map`, "0 ?\n0 65536 ?\n");
      await expectRefusal([src, `${dir}/m.img`], 1, "Mapfile");
      await expectRefusal([src, `${dir}/m.img`, "--resume"], 1, "is missing but its mapfile");
      await expectRefusal([src, `${dir}/exists.img`, "--resume"], 1, "Cannot resume: mapfile");
      await Deno.writeTextFile(`${dir}/exists.img.map`, "garbage\n");
      await expectRefusal([src, `${dir}/exists.img`, "--resume"], 1, "Cannot parse");
      assertEquals(await Deno.readTextFile(`${dir}/exists.img`), "keep me");
      await expectRefusal([src, `${dir}/o.img`, "--map", `${dir}/o.img`], 2, "--map must differ");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "image refuses a DEST on a filesystem stored on SOURCE (root only)",
  ignore: !isLinuxRoot(),
  async fn() {
    const mnt = await Deno.makeTempDir();
    await withLoopDevice(new Uint8Array(8 * 1024 * 1024), {}, async (dev) => {
      await sh("mkfs.ext4", ["-q", "-F", dev]);
      await sh("mount", [dev, mnt]);
      try {
        await expectRefusal([dev, `${mnt}/self.img`], 2, "filesystem stored on SOURCE");
        assertEquals(await Deno.stat(`${mnt}/self.img`).then(() => true, () => false), false);
      } finally {
        await sh("umount", [mnt]);
      }
    });
    await Deno.remove(mnt, { recursive: true });
  },
});

Deno.test({
  name:
    "image refuses a DEST stored on SOURCE through a partition or a loop device's backing file (root only)",
  ignore: !isLinuxRoot(),
  async fn() {
    const dir = await Deno.makeTempDir();
    const [part, outer, inner] = [`${dir}/part`, `${dir}/outer`, `${dir}/inner`];
    for (const d of [part, outer, inner]) await Deno.mkdir(d);
    try {
      // SOURCE is a whole disk; DEST is on its first partition
      await withLoopDevice(new Uint8Array(16 << 20), { partscan: true }, async (dev) => {
        await sh("sfdisk", ["-q", dev], new TextEncoder().encode("label: gpt\n,12M\n,2M\n"));
        await sh("partx", ["-u", dev]).catch(() => "");
        await sh("mkfs.ext4", ["-q", "-F", `${dev}p1`]);
        await sh("mount", [`${dev}p1`, part]);
        try {
          await expectRefusal([dev, `${part}/disk.img`], 2, "filesystem stored on SOURCE");
          // the other partition as SOURCE is fine
          const r = await image([`${dev}p2`, `${part}/p2.img`, "--hash", "none", "--quiet"]);
          assertEquals(r.code, 0, r.stderr);
        } finally {
          await sh("umount", [part]);
        }
      });
      // SOURCE holds a filesystem with a file that backs a second loop device, which DEST is on
      await withLoopDevice(new Uint8Array(24 << 20), {}, async (dev) => {
        await sh("mkfs.ext4", ["-q", "-F", dev]);
        await sh("mount", [dev, outer]);
        try {
          await Deno.writeFile(`${outer}/inner.img`, new Uint8Array(8 << 20));
          await withLoopDevice(`${outer}/inner.img`, {}, async (innerDev) => {
            await sh("mkfs.ext4", ["-q", "-F", innerDev]);
            await sh("mount", [innerDev, inner]);
            try {
              await expectRefusal([dev, `${inner}/x.img`], 2, "filesystem stored on SOURCE");
              assertEquals(await Deno.stat(`${inner}/x.img`).then(() => 1, () => 0), 0);
            } finally {
              await sh("umount", [inner]);
            }
          });
        } finally {
          await sh("umount", [outer]);
        }
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "image on a full disk stops with a clear error and an intact mapfile (root only)",
  ignore: !isLinuxRoot(),
  async fn() {
    const dir = await Deno.makeTempDir();
    const small = `${dir}/small`;
    await Deno.mkdir(small);
    await sh("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", small]);
    try {
      const src = `${dir}/src.bin`;
      const data = randomBytes(4 * 1024 * 1024, 42);
      await Deno.writeFile(src, data);
      // checked before starting
      await expectRefusal([src, `${small}/a.img`], 1, "only");
      // --sparse skips the check: the write fails with ENOSPC during the copy
      const r = await image([
        src,
        `${small}/b.img`,
        "--sparse",
        "--map",
        `${dir}/b.map`,
        "--block-size",
        "64k",
        "--quiet",
      ]);
      assertEquals(r.code, 1, r.stderr);
      ok(r.stderr.includes("No space left on device (ENOSPC)"), r.stderr);
      ok(r.stderr.includes("rerun with --resume"), r.stderr);
      const map = parseMapfile(await Deno.readTextFile(`${dir}/b.map`));
      const done = map.blocks.filter((b) => b.status === "+");
      ok(done.length >= 1 && done[0].pos === 0 && done[0].size > 0, JSON.stringify(map.blocks));
      const img = await Deno.readFile(`${small}/b.img`);
      for (const b of done) {
        assertEquals(img.subarray(b.pos, b.pos + b.size), data.subarray(b.pos, b.pos + b.size));
      }
    } finally {
      await sh("umount", [small]);
      await Deno.remove(dir, { recursive: true });
    }
  },
});

const MAIN = new URL("../../main.ts", import.meta.url).pathname;
const NOBODY = ["--reuid=65534", "--regid=65534", "--clear-groups"];

/** Whether an unprivileged user can run this checkout here (root, setpriv, world-readable tree). */
function nobodyCanRun(): boolean {
  if (!isLinuxRoot()) return false;
  try {
    const r = new Deno.Command("setpriv", {
      args: [...NOBODY, "test", "-r", MAIN, "-a", "-x", Deno.execPath()],
      stdout: "null",
      stderr: "null",
    }).outputSync();
    return r.success;
  } catch {
    return false;
  }
}

Deno.test({
  name:
    "image run by an unprivileged user names EACCES for an unreadable file and device (root + setpriv only)",
  ignore: !nobodyCanRun(),
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      await Deno.chmod(dir, 0o777);
      await Deno.writeFile(`${dir}/secret.bin`, randomBytes(4096, 43), { mode: 0o600 });
      await Deno.chmod(`${dir}/secret.bin`, 0o600);
      await withLoopDevice(randomBytes(65536, 44), {}, async (dev) => {
        for (const src of [`${dir}/secret.bin`, dev]) {
          const out = await new Deno.Command("setpriv", {
            args: [...NOBODY, Deno.execPath(), "run", "-A", MAIN, "image", src, `${dir}/o.img`],
            env: { DENO_DIR: `${dir}/.deno`, HOME: dir, NO_COLOR: "1" },
            stdout: "piped",
            stderr: "piped",
          }).output();
          const err = new TextDecoder().decode(out.stderr);
          assertEquals(out.code, 1, err);
          assertEquals(
            err.trim(),
            `sectorkit image: Cannot open ${src}: Permission denied (EACCES)`,
          );
        }
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
