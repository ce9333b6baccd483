// Copyright 2026 the sectorkit authors. MIT license.
/**
 * ext metadata regions (superblock copies, descriptor blocks incl. meta_bg, reserved GDT, bitmaps,
 * inode tables with flex_bg) against dumpe2fs, for several layouts. (TSK 4.11 rejects the
 * meta_bg layout as corrupt, so dumpe2fs is the oracle here.)
 */
import assert from "node:assert/strict";
import { probeExt } from "../../../lib/fs/ext/probe_ext.ts";
import { fileSource, has, run } from "../../locate/tsk.ts";

/** "kind block" strings from dumpe2fs group lines. */
async function dumpe2fsBlocks(img: string): Promise<string[]> {
  const t = await run("dumpe2fs", [img]);
  const out: string[] = [];
  const range = (kind: string, a: string, b?: string) => {
    for (let x = Number(a); x <= Number(b ?? a); x++) out.push(`${kind} ${x}`);
  };
  for (const line of t.split("\n")) {
    let m = /(?:Primary|Backup) superblock at (\d+)/.exec(line);
    if (m) range("superblock", m[1]);
    m = /Group descriptors? at (\d+)(?:-(\d+))?/.exec(line);
    if (m) range("descriptors", m[1], m[2]);
    m = /Reserved GDT blocks at (\d+)-(\d+)/.exec(line);
    if (m) range("reserved", m[1], m[2]);
    m = /Block bitmap at (\d+)/.exec(line);
    if (m) range("block-bitmap", m[1]);
    m = /Inode bitmap at (\d+)/.exec(line);
    if (m) range("inode-bitmap", m[1]);
    m = /Inode table at (\d+)-(\d+)/.exec(line);
    if (m) range("inode-table", m[1], m[2]);
  }
  return out.sort();
}

const KINDS: [RegExp, string][] = [
  [/^superblock/, "superblock"],
  [/^group descriptors/, "descriptors"],
  [/^reserved GDT/, "reserved"],
  [/^block bitmap/, "block-bitmap"],
  [/^inode bitmap/, "inode-bitmap"],
  [/^inode table/, "inode-table"],
];

Deno.test({
  name: "ext metadata() regions match dumpe2fs (flex_bg, meta_bg+64bit, ext2, 4 KiB)",
  ignore: !has("mke2fs") || !has("dumpe2fs"),
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const layouts: [string, string[], string][] = [
        ["flex", ["-t", "ext4", "-b", "1024"], "40M"],
        ["metabg", ["-t", "ext4", "-b", "1024", "-O", "64bit,meta_bg,^resize_inode"], "160M"],
        ["ext2", ["-t", "ext2", "-b", "1024"], "40M"],
        ["big", ["-t", "ext4", "-b", "4096"], "300M"],
      ];
      for (const [name, args, size] of layouts) {
        const img = `${dir}/${name}.img`;
        await run("mke2fs", ["-q", "-F", ...args, img, size]);
        const src = await fileSource(img);
        try {
          const fs = (await probeExt(src, 0, src.size))!;
          const ours: string[] = [];
          for (const r of await fs.metadata()) {
            const kind = KINDS.find(([re]) => re.test(r.name))?.[1];
            if (!kind) continue;
            for (let b = 0; b < r.length / fs.blockSize; b++) {
              ours.push(`${kind} ${r.volumeOffset / fs.blockSize + b}`);
            }
          }
          assert.ok(ours.length > 10, `${name}: regions found`);
          assert.deepEqual(ours.sort(), await dumpe2fsBlocks(img), `${name}: metadata vs dumpe2fs`);
        } finally {
          src.close();
        }
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
