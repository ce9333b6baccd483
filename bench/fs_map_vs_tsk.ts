// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Side-by-side: map every file of an image with sectorkit's parsers (walk + extents) versus The
 * Sleuth Kit (`fls -r -p` once, then `istat -r` per file, as a script would). Prints the ratio;
 * asserts nothing. Run: `deno run -A bench/fs_map_vs_tsk.ts [FILES]` (default 500 files).
 *
 * Images: FAT32 (mkfs.vfat + `mcopy -s`), ISO 9660 + Rock Ridge + Joliet (xorriso), and NTFS
 * (mkntfs + ntfscp, a fifth of the files to keep image creation short).
 */
import { probeFat } from "../lib/fs/fat/probe_fat.ts";
import { probeIso9660 } from "../lib/fs/iso9660/probe_iso9660.ts";
import { probeNtfs } from "../lib/fs/ntfs/probe_ntfs.ts";
import type { ByteSource, Filesystem } from "../lib/fs/filesystem.ts";

const files = Number(Deno.args[0] ?? 500);

async function sh(cmd: string): Promise<string> {
  const out = await new Deno.Command("bash", {
    args: ["-c", cmd],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(`${cmd}: ${new TextDecoder().decode(out.stderr)}`);
  return new TextDecoder().decode(out.stdout);
}

function fileSource(f: Deno.FsFile, size: number): ByteSource {
  return {
    size,
    async readAt(offset: number, buffer: Uint8Array): Promise<number> {
      await f.seek(offset, Deno.SeekMode.Start);
      let done = 0;
      while (done < buffer.length) {
        const n = await f.read(buffer.subarray(done));
        if (n === null) break;
        done += n;
      }
      return done;
    },
  };
}

async function ours(img: string, probe: typeof probeFat): Promise<[number, number]> {
  const t0 = performance.now();
  const f = await Deno.open(img);
  const size = (await f.stat()).size;
  const fs = (await probe(fileSource(f, size), 0, size)) as Filesystem;
  let n = 0;
  for await (const node of fs.walk()) {
    await fs.extents(node);
    n++;
  }
  f.close();
  return [performance.now() - t0, n];
}

async function tsk(img: string): Promise<[number, number, number]> {
  const t0 = performance.now();
  const list = await sh(`fls -r -p ${img}`);
  const listed = performance.now() - t0;
  const inodes = [...list.matchAll(/^[rd]\/[rd] (\d+)(?:-\d+-\d+)?:\t/gm)].map((m) => m[1]);
  for (let i = 0; i < inodes.length; i += 50) {
    // One process per file, batched 50 per shell to keep the spawn cost honest but bounded.
    await sh(inodes.slice(i, i + 50).map((x) => `istat -r ${img} ${x} >/dev/null`).join("; "));
  }
  return [performance.now() - t0, inodes.length, listed];
}

const dir = await Deno.makeTempDir();
try {
  await sh(
    `mkdir -p ${dir}/src/a ${dir}/src/b ${dir}/nt && cd ${dir}/src && for i in $(seq 1 ${files}); do head -c $((i * 37 % 20000 + 1)) /dev/urandom > $([ $((i % 2)) = 0 ] && echo a || echo b)/file_$i.bin; done`,
  );
  await sh(
    `cd ${dir} && mkfs.vfat -C -F 32 -S 512 -s 1 fat.img 65536 >/dev/null && mcopy -s -i fat.img src/a src/b ::/`,
  );
  await sh(`cd ${dir} && xorriso -as mkisofs -quiet -R -J -o iso.img src 2>/dev/null`);
  const nt = Math.max(10, Math.floor(files / 5));
  await sh(
    `cd ${dir} && truncate -s 64M ntfs.img && mkntfs -q -F -Q -c 4096 ntfs.img >/dev/null 2>&1 && for i in $(seq 1 ${nt}); do ntfscp ntfs.img src/b/file_$((i * 2 - 1)).bin /f$i.bin 2>/dev/null || true; done`,
  );
  for (
    const [name, img, probe] of [["FAT32", "fat.img", probeFat], [
      "ISO 9660",
      "iso.img",
      probeIso9660,
    ], ["NTFS", "ntfs.img", probeNtfs]] as const
  ) {
    const [a, na] = await ours(`${dir}/${img}`, probe);
    const [b, nb, listOnly] = await tsk(`${dir}/${img}`);
    console.log(
      `${name}: sectorkit ${na} nodes in ${a.toFixed(0)} ms; TSK fls+istat ${nb} in ${
        b.toFixed(0)
      } ms (fls -r alone ${listOnly.toFixed(0)} ms); ratio ${(b / a).toFixed(1)}x`,
    );
  }
} finally {
  await Deno.remove(dir, { recursive: true });
}
