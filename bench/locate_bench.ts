// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Deno.bench: owner-index build and LBA lookups on a generated ext4 image (2000 files).
 * The side-by-side against TSK is bench/locate_vs_tsk.sh.
 */
import { openDisk } from "../lib/fs/open_filesystem.ts";
import { buildOwnerIndex } from "../lib/locate/owner_index.ts";
import { fileSource } from "../tests/locate/tsk.ts";

const dir = await Deno.makeTempDir();
const src = `${dir}/src`;
for (let i = 0; i < 2000; i++) {
  const d = `${src}/d${Math.floor(i / 100)}`;
  if (i % 100 === 0) await Deno.mkdir(d, { recursive: true });
  await Deno.writeFile(`${d}/f${i}`, new Uint8Array((i * 7919) % 40000));
}
const img = `${dir}/b.img`;
const mk = await new Deno.Command("mke2fs", {
  args: ["-q", "-F", "-t", "ext4", "-d", src, img, "128M"],
  stdout: "null",
  stderr: "null",
}).output();
if (!mk.success) throw new Error("mke2fs failed");
const source = await fileSource(img);
const disk = await openDisk(source);
const ix = await buildOwnerIndex(disk, source.size);
const lbas = Array.from({ length: 1000 }, (_, i) => (i * 104729) % (source.size / 512));

Deno.bench("owner index build (ext4, 2000 files)", async () => {
  await buildOwnerIndex(disk, source.size);
});

Deno.bench("owner lookup of 1000 LBAs (built index)", () => {
  for (const l of lbas) ix.owner(l);
});

globalThis.addEventListener("unload", () => {
  source.close();
  Deno.removeSync(dir, { recursive: true });
});
