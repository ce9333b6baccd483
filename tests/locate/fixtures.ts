// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Builds small reference images with mke2fs -d, debugfs (forced fragmentation) and sfdisk.
 *
 * @module
 */
import { randomBytes } from "../helpers/random.ts";
import { run } from "./tsk.ts";

/** A built image and where its filesystem starts. */
export interface RefImage {
  /** Name for test output. */
  name: string;
  /** Image path. */
  path: string;
  /** Partition start in 512-byte sectors (TSK -o). */
  sectorOffset: number;
  /** Source tree written into it (path in fs → bytes). */
  files: Map<string, Uint8Array>;
}

/** Writes the source tree used by mke2fs -d. */
export async function writeSourceTree(dir: string, seed: number): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const put = async (rel: string, data: Uint8Array) => {
    const full = `${dir}/${rel}`;
    await Deno.mkdir(full.slice(0, full.lastIndexOf("/")), { recursive: true });
    await Deno.writeFile(full, data);
    files.set("/" + rel, data);
  };
  await put("big.bin", randomBytes(70000, seed));
  await put("small.txt", new TextEncoder().encode("hello small\n"));
  await put("medium.txt", new TextEncoder().encode("x".repeat(150) + "\n"));
  await put("sub/five.bin", randomBytes(700_000, seed + 1));
  await put("sub/deeper/empty", new Uint8Array(0));
  for (let i = 0; i < 30; i++) {
    await put(`many/f${i}.dat`, randomBytes(100 + i * 97, seed + 10 + i));
  }
  // sparse: one block at 400 KiB
  const sparse = `${dir}/sparse.bin`;
  const f = await Deno.open(sparse, { write: true, create: true });
  await f.seek(409600, Deno.SeekMode.Start);
  const tail = randomBytes(4096, seed + 2);
  await f.write(tail);
  f.close();
  const s = new Uint8Array(409600 + 4096);
  s.set(tail, 409600);
  files.set("/sparse.bin", s);
  return files;
}

/**
 * Frees every other small file with debugfs and writes `bytes` as /frag.bin so it lands in the
 * holes (a fragmented file with an extent tree of depth ≥ 1 on ext4).
 */
export async function addFragmentedFile(
  img: string,
  dir: string,
  bytes: Uint8Array,
): Promise<void> {
  await Deno.writeFile(`${dir}/frag.src`, bytes);
  const cmds = Array.from({ length: 15 }, (_, i) => `rm /many/f${2 * i}.dat`);
  cmds.push(`write ${dir}/frag.src /frag.bin`);
  await Deno.writeTextFile(`${dir}/cmds`, cmds.join("\n") + "\n");
  await run("debugfs", ["-w", "-f", `${dir}/cmds`, img]);
}

/** ext images of several kinds in `dir`. */
export async function buildExtImages(dir: string): Promise<RefImage[]> {
  const src = `${dir}/src`;
  const files = await writeSourceTree(src, 7);
  const frag = randomBytes(120_000, 99);
  const out: RefImage[] = [];
  const mk = async (name: string, args: string[], size: string, fragment: boolean) => {
    const path = `${dir}/${name}.img`;
    await run("mke2fs", ["-q", "-F", ...args, "-d", src, path, size]);
    const f = new Map(files);
    if (fragment) {
      await addFragmentedFile(path, dir, frag);
      for (let i = 0; i < 15; i++) f.delete(`/many/f${2 * i}.dat`);
      f.set("/frag.bin", frag);
    }
    out.push({ name, path, sectorOffset: 0, files: f });
  };
  await mk("ext4-4k", ["-t", "ext4", "-b", "4096"], "16M", false);
  await mk("ext4-1k-frag", ["-t", "ext4", "-b", "1024"], "8M", true);
  await mk(
    "ext4-64bit-inline",
    ["-t", "ext4", "-b", "1024", "-O", "64bit,inline_data"],
    "8M",
    true,
  );
  await mk("ext3-1k", ["-t", "ext3", "-b", "1024"], "8M", true);
  await mk("ext2-1k", ["-t", "ext2", "-b", "1024"], "8M", true);
  return out;
}

/** A GPT disk: p1 ext4 (4 KiB), p2 ext2 (1 KiB, fragmented), p3 unformatted. */
export async function buildGptDisk(dir: string): Promise<RefImage[]> {
  const src = `${dir}/gsrc`;
  const files = await writeSourceTree(src, 21);
  const path = `${dir}/gpt.img`;
  const f = await Deno.open(path, { write: true, create: true, truncate: true });
  await f.truncate(24 * 1024 * 1024);
  f.close();
  const script =
    "label: gpt\nstart=2048, size=16384\nstart=18432, size=20480\nstart=38912, size=8192\n";
  const p = new Deno.Command("sfdisk", {
    args: ["-q", path],
    stdin: "piped",
    stdout: "null",
    stderr: "piped",
  })
    .spawn();
  const w = p.stdin.getWriter();
  await w.write(new TextEncoder().encode(script));
  await w.close();
  if (!(await p.output()).success) throw new Error("sfdisk failed");
  await run("mke2fs", [
    "-q",
    "-F",
    "-t",
    "ext4",
    "-b",
    "4096",
    "-E",
    `offset=${2048 * 512}`,
    "-d",
    src,
    path,
    "2048",
  ]);
  // p2: build separately (fragmented via debugfs), then copy in.
  const p2 = `${dir}/p2.img`;
  await run("mke2fs", ["-q", "-F", "-t", "ext2", "-b", "1024", "-d", src, p2, "10M"]);
  const frag = randomBytes(90_000, 5);
  await addFragmentedFile(p2, dir, frag);
  await run("dd", [
    `if=${p2}`,
    `of=${path}`,
    "bs=512",
    `seek=18432`,
    "conv=notrunc",
    "status=none",
  ]);
  const f2 = new Map(files);
  for (let i = 0; i < 15; i++) f2.delete(`/many/f${2 * i}.dat`);
  f2.set("/frag.bin", frag);
  return [
    { name: "gpt-p1-ext4", path, sectorOffset: 2048, files },
    { name: "gpt-p2-ext2", path, sectorOffset: 18432, files: f2 },
  ];
}
