// Copyright 2026 the sectorkit authors. MIT license.
// --domain-used on a real ext4 (mkfs.ext4 -d, a file deleted with debugfs so free space holds data),
// checked against e2fsprogs: the domain is exactly the blocks dumpe2fs counts as used, e2fsck
// finds the image clean and debugfs dumps identical files and extended attributes.
import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import { sh } from "../helpers/loop.ts";
import { randomBytes } from "../helpers/random.ts";
import { parseMapfile } from "../../lib/image/mapfile.ts";
import { image } from "./_cli.ts";

const linux = Deno.build.os === "linux";

function field(dump: string, name: string): number {
  const m = new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(dump);
  if (!m) throw new Error(`no "${name}" in dumpe2fs output`);
  return Number(m[1]);
}

Deno.test({
  name: "image --domain-used copies exactly ext4's used blocks; e2fsck and debugfs agree (Linux)",
  ignore: !linux,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const tree = `${dir}/tree`;
      await Deno.mkdir(`${tree}/sub`, { recursive: true });
      const a = randomBytes(300_000, 71);
      const b = randomBytes(5_000, 72);
      await Deno.writeFile(`${tree}/a.bin`, a);
      await Deno.writeFile(`${tree}/sub/b.txt`, b);
      await Deno.writeFile(`${tree}/gone.bin`, new Uint8Array(6 << 20).fill(0xee));
      const src = `${dir}/ext4.img`;
      await Deno.writeFile(src, new Uint8Array(0));
      await Deno.truncate(src, 16 << 20);
      await sh("mkfs.ext4", ["-q", "-F", "-d", tree, src]);
      // free blocks that still hold data: a deleted file
      await sh("debugfs", ["-w", "-R", "rm /gone.bin", src]);
      // an extended attribute too big for the inode: an xattr block no file walk reports
      await Deno.writeTextFile(`${dir}/val`, "V".repeat(900));
      await sh("debugfs", ["-w", "-R", `ea_set -f ${dir}/val /a.bin user.big`, src]);
      const dump = await sh("dumpe2fs", ["-h", src]);
      const blockSize = field(dump, "Block size");
      const used = (field(dump, "Block count") - field(dump, "Free blocks")) * blockSize;

      const r = await image([src, `${dir}/u.img`, "--domain-used", "--json", "--quiet"]);
      assertEquals(r.code, 0, r.stderr);
      assertEquals(r.json.domainBytes, used);
      assertEquals(r.json.bytesRescued, used);
      const map = parseMapfile(await Deno.readTextFile(`${dir}/u.img.map`));
      assertEquals(
        map.blocks.filter((x) => x.status === "+").reduce((n, x) => n + x.size, 0),
        used,
      );
      const out = await Deno.readFile(`${dir}/u.img`);
      assertEquals(out.length, 16 << 20);
      ok(out.filter((v) => v === 0xee).length < 100_000, "the deleted file's blocks were copied");
      await sh("e2fsck", ["-fn", `${dir}/u.img`]);
      await sh("debugfs", ["-R", `dump /a.bin ${dir}/a.out`, `${dir}/u.img`]);
      await sh("debugfs", ["-R", `dump /sub/b.txt ${dir}/b.out`, `${dir}/u.img`]);
      assertEquals(await Deno.readFile(`${dir}/a.out`), a);
      assertEquals(await Deno.readFile(`${dir}/b.out`), b);
      const ea = await sh("debugfs", ["-R", "ea_get /a.bin user.big", `${dir}/u.img`]);
      ok(ea.includes(`user.big (900) = "${"V".repeat(40)}`), ea);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "image --domain-used refuses a source without a readable filesystem, and with -m",
  ignore: !linux,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      await Deno.writeFile(`${dir}/noise.bin`, randomBytes(1 << 20, 73));
      const r = await image([`${dir}/noise.bin`, `${dir}/o.img`, "--domain-used"]);
      assertEquals(r.code, 1, r.stderr);
      ok(r.stderr.startsWith("sectorkit image: --domain-used: no filesystem"), r.stderr);
      assertEquals(r.stderr.trim().split("\n").length, 1);
      const m = await image([`${dir}/noise.bin`, `${dir}/o.img`, "--domain-used", "-m", "x.map"]);
      assertEquals(m.code, 2, m.stderr);
      ok(m.stderr.includes("exclude each other"), m.stderr);
      assertEquals(await Deno.stat(`${dir}/o.img`).then(() => true, () => false), false);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "image --domain-used on a GPT disk keeps tables and gaps, skips FAT free space; fsck.fat and mtools agree (Linux)",
  ignore: !linux,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const src = `${dir}/gpt.img`;
      await Deno.writeFile(src, new Uint8Array(0));
      await Deno.truncate(src, 24 << 20);
      // partition 1: 1 MiB - 13 MiB, FAT16; the rest of the disk is unpartitioned
      await sh(
        "sfdisk",
        ["-q", src],
        new TextEncoder().encode(
          "label: gpt\nstart=2048, size=24576, type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7\n",
        ),
      );
      await sh("mkfs.vfat", ["-F", "16", "--offset", "2048", src, "12288"]);
      const f1 = randomBytes(200_000, 74);
      await Deno.writeFile(`${dir}/f1.bin`, f1);
      await Deno.writeFile(`${dir}/big.bin`, new Uint8Array(3_000_000).fill(0xee));
      const part = `${src}@@1M`;
      await sh("mcopy", ["-i", part, `${dir}/f1.bin`, "::f1.bin"]);
      await sh("mcopy", ["-i", part, `${dir}/big.bin`, "::big.bin"]);
      await sh("mdel", ["-i", part, "::big.bin"]);

      const r = await image([src, `${dir}/u.img`, "--domain-used", "--json", "--quiet"]);
      assertEquals(r.code, 0, r.stderr);
      const map = parseMapfile(await Deno.readTextFile(`${dir}/u.img.map`));
      const notTried = map.blocks.filter((x) => x.status === "?");
      ok(notTried.length > 0, "no free space skipped");
      // only FAT free space is left out: never the GPT, the gap before it or the disk after it
      ok(notTried.every((x) => x.pos >= 1 << 20 && x.pos + x.size <= 13 << 20), "outside FAT");
      ok(Number(r.json.domainBytes) < (24 << 20) - 3_000_000, String(r.json.domainBytes));
      const out = await Deno.readFile(`${dir}/u.img`);
      ok(out.filter((v) => v === 0xee).length < 100_000, "the deleted file's clusters were copied");
      assertEquals(out.subarray(0, 1 << 20), (await Deno.readFile(src)).subarray(0, 1 << 20));
      // the backup GPT too: sfdisk reads the same table (names aside)
      const table = async (p: string) => (await sh("sfdisk", ["-d", p])).replaceAll(p, "DISK");
      assertEquals(await table(`${dir}/u.img`), await table(src));
      await sh("mcopy", ["-i", `${dir}/u.img@@1M`, "::f1.bin", `${dir}/f1.out`]);
      assertEquals(await Deno.readFile(`${dir}/f1.out`), f1);
      await Deno.writeFile(`${dir}/p1.img`, out.subarray(1 << 20, 13 << 20));
      await sh("fsck.fat", ["-n", `${dir}/p1.img`]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "image --domain-used on NTFS follows $Bitmap like ddru_ntfsbitmap; ntfsinfo, ntfsfix, ntfscat agree (Linux)",
  ignore: !linux,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      // a quick format (-Q) leaves the old bytes in free clusters: 0xEE everywhere before
      const src = `${dir}/ntfs.img`;
      await Deno.writeFile(src, new Uint8Array(16 << 20).fill(0xee));
      await sh("mkntfs", ["-F", "-q", "-Q", src]);
      const f1 = randomBytes(200_000, 75);
      await Deno.writeFile(`${dir}/f1.bin`, f1);
      await sh("ntfscp", ["-q", src, `${dir}/f1.bin`, "f1.bin"]);
      const info = await sh("ntfsinfo", ["-m", src]);
      const num = (re: RegExp) => Number(re.exec(info)?.[1] ?? NaN);
      const cs = num(/Cluster Size:\s+(\d+)/);
      const used = (num(/Volume Size in Clusters:\s+(\d+)/) - num(/Free Clusters:\s+(\d+)/)) * cs;

      const r = await image([src, `${dir}/u.img`, "--domain-used", "--json", "--quiet"]);
      assertEquals(r.code, 0, r.stderr);
      // the allocated clusters, plus the backup boot sector past the last cluster
      const got = Number(r.json.domainBytes);
      ok(got >= used && got <= used + cs, `domain ${got}, ntfsinfo says ${used} used`);
      const out = await Deno.readFile(`${dir}/u.img`);
      const before = (await Deno.readFile(src)).filter((v) => v === 0xee).length;
      ok(out.filter((v) => v === 0xee).length < before / 20, "free clusters were copied");
      await sh("ntfsfix", ["-n", `${dir}/u.img`]);
      const cat = await new Deno.Command("ntfscat", { args: [`${dir}/u.img`, "f1.bin"] }).output();
      assertEquals(cat.stdout, f1);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
