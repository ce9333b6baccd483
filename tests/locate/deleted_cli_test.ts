// Copyright 2026 the sectorkit authors. MIT license.
/**
 * `ls --deleted`, `locate --image --inode/--deleted` and `owner --deleted` on a FAT16 image made by
 * mkfs.vfat + mtools, against `fls -d` / `ifind -d`; default outputs stay unchanged.
 */
import { assert, assertEquals, sh } from "../fs/tsk.ts";
import { randomBytes } from "../helpers/random.ts";
import { cli } from "./cli.ts";

async function makeImage(dir: string): Promise<string> {
  const img = `${dir}/card.img`;
  await Deno.writeFile(`${dir}/a`, randomBytes(3000, 1));
  await Deno.writeFile(`${dir}/b`, randomBytes(700, 2));
  await sh("bash", [
    "-c",
    [
      `set -e; cd ${dir}`,
      `mkfs.vfat -C -F 16 -s 1 -n CARD ${img} 4096 >/dev/null`,
      `mcopy -i ${img} a ::/PHOTO.JPG`,
      `mcopy -i ${img} b ::/KEEP.TXT`,
      `mmd -i ${img} ::/DCIM`,
      `mcopy -i ${img} a "::/DCIM/holiday picture.jpg"`,
      `mdel -i ${img} ::/PHOTO.JPG "::/DCIM/holiday picture.jpg"`,
    ].join("\n"),
  ]);
  return img;
}

Deno.test("ls --deleted, locate --inode and owner --deleted report mdel'd FAT files like fls -d / ifind -d", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const img = await makeImage(dir);
    const tsk = (await sh("fls", ["-d", "-r", "-p", img])).trim().split("\n");
    const ls = await cli(["ls", "--image", img, "-r", "--deleted", "--json"]);
    assertEquals(ls.code, 0, ls.err);
    const entries = JSON.parse(ls.out) as {
      path: string;
      inode: number;
      deleted: boolean;
      extents: { lba: number }[];
    }[];
    assertEquals(
      entries.map((e) => `r/r * ${e.inode}:\t${e.path.slice(1)}`).sort(),
      tsk.filter((l) => !l.includes("$OrphanFiles")).sort(),
    );
    assert(entries.every((e) => e.deleted === true));
    const photo = entries.find((e) => e.path === "/_HOTO.JPG");
    assert(photo && photo.extents.length === 1);
    const lba = photo.extents[0].lba;
    assertEquals((await sh("ifind", ["-d", String(lba), img])).trim(), String(photo.inode));
    // owner: only with --deleted; the allocated KEEP.TXT still wins its own sectors.
    const plain = await cli(["owner", img, String(lba), "--json", "--quiet"]);
    assertEquals(JSON.parse(plain.out)[0].kind, "free");
    assert(!("deleted" in JSON.parse(plain.out)[0]));
    const own = await cli(["owner", img, String(lba + 1), "--json", "--quiet", "--deleted"]);
    const o = JSON.parse(own.out)[0];
    assertEquals([o.kind, o.path, o.fileOffset, o.deleted], ["file", "/_HOTO.JPG", 512, true]);
    const txt = await cli(["owner", img, String(lba), "--quiet", "--deleted"]);
    assert(txt.out.includes("/_HOTO.JPG @ 0 (deleted)"), txt.out);
    // locate by TSK address and by deleted path.
    const inner = entries.find((e) => e.path.startsWith("/DCIM/"));
    assert(inner);
    const loc = await cli(["locate", "--image", img, "--inode", String(inner.inode), "--json"]);
    assertEquals(loc.code, 0, loc.err);
    const l = JSON.parse(loc.out);
    assertEquals([l.path, l.deleted, l.inode, l.size], [inner.path, true, inner.inode, 3000]);
    const byPath = await cli(["locate", "--image", img, "--deleted", inner.path, "--json"]);
    assertEquals(JSON.parse(byPath.out).extents, l.extents);
    const missing = await cli(["locate", "--image", img, "--inode", "99999"]);
    assertEquals(missing.code, 1);
    // Default ls output has no deleted entries and no deleted fields.
    const live = JSON.parse((await cli(["ls", "--image", img, "-r", "--json"])).out);
    assert(live.every((e: Record<string, unknown>) => !("deleted" in e)));
    assert(!live.some((e: { path: string }) => e.path.startsWith("/_")));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
