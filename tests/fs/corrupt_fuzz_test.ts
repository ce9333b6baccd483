// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Corrupt-input robustness: real images (mkfs.vfat+mcopy, mkntfs+ntfscp, xorriso, mkfs.exfat)
 * with deterministic random bytes flipped in their metadata areas. Opening, walking, mapping
 * and reading must either work or fail with a FormatError — never another exception or a hang.
 */
import { FormatError } from "../../lib/errors.ts";
import type { ByteSource, Filesystem } from "../../lib/fs/filesystem.ts";
import { probeExfat } from "../../lib/fs/exfat/probe_exfat.ts";
import { probeFat } from "../../lib/fs/fat/probe_fat.ts";
import { probeIso9660 } from "../../lib/fs/iso9660/probe_iso9660.ts";
import { probeNtfs } from "../../lib/fs/ntfs/probe_ntfs.ts";
import { randomBytes } from "../helpers/random.ts";
import { assert, memorySource, sh } from "./tsk.ts";

const ITERATIONS = 150;

type Probe = (src: ByteSource, offset: number, length: number) => Promise<Filesystem | null>;

async function exercise(probe: Probe, bytes: Uint8Array): Promise<number> {
  let steps = 1;
  const fs = await probe(memorySource(bytes), 0, bytes.length);
  if (!fs) return 0;
  await fs.metadata();
  for await (const n of fs.walk()) {
    if (++steps > 5000) throw new Error("walk did not end");
    await fs.extents(n);
    if (n.kind === "file") await fs.read(n, 0, Math.min(n.size, 65536));
  }
  for (const n of await fs.deleted?.() ?? []) {
    if (++steps > 20000) throw new Error("too many deleted entries");
    await fs.extents(n);
  }
  return steps;
}

async function fuzz(
  name: string,
  probe: Probe,
  img: Uint8Array,
  regions: [number, number][],
): Promise<void> {
  assert((await exercise(probe, img)) > 0, `${name}: pristine image opens`);
  const rnd = randomBytes(4 * ITERATIONS * 8, 42);
  const dv = new DataView(rnd.buffer);
  let formatErrors = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    const bad = img.slice();
    const [start, len] = regions[i % regions.length];
    for (let k = 0; k < 8; k++) {
      const r = dv.getUint32((i * 8 + k) * 4, true);
      bad[start + (r % len)] = r >>> 24;
    }
    try {
      await exercise(probe, bad);
    } catch (e) {
      if (!(e instanceof FormatError)) {
        throw new Error(`${name} iteration ${i}: ${e instanceof Error ? e.stack : e}`);
      }
      formatErrors++;
    }
  }
  assert(formatErrors > 0, `${name}: some corruption must be detected`);
}

Deno.test("FAT, NTFS, ISO 9660 and exFAT parsers fail only with FormatError on randomly corrupted metadata", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeFile(`${dir}/a.bin`, randomBytes(70000, 1));
    await Deno.writeFile(`${dir}/b.txt`, new TextEncoder().encode("small\n"));
    await Deno.mkdir(`${dir}/src/sub`, { recursive: true });
    await Deno.writeFile(`${dir}/src/a.bin`, randomBytes(70000, 1));
    await Deno.writeFile(`${dir}/src/sub/b.txt`, new TextEncoder().encode("small\n"));
    await sh("bash", [
      "-c",
      [
        `set -e; cd ${dir}`,
        `mkfs.vfat -C -F 16 -S 512 -s 4 fat.img 16384 >/dev/null`,
        `mcopy -i fat.img a.bin ::/A.BIN; mmd -i fat.img ::/SUB; mcopy -i fat.img b.txt "::/SUB/A long name.txt"`,
        `truncate -s 8M ntfs.img; mkntfs -q -F -Q -c 4096 ntfs.img >/dev/null 2>&1`,
        `ntfscp ntfs.img a.bin /a.bin; ntfscp ntfs.img b.txt /b.txt`,
        `xorriso -as mkisofs -quiet -R -J -o iso.img src 2>/dev/null`,
        `truncate -s 8M exfat.img; mkfs.exfat -c 4K exfat.img >/dev/null`,
      ].join("\n"),
    ]);
    const fat = await Deno.readFile(`${dir}/fat.img`);
    await fuzz("FAT16", probeFat, fat, [[0, 512], [2048, 4 * 512 * 2], [2048 + 64 * 1024, 16384]]);
    const ntfs = await Deno.readFile(`${dir}/ntfs.img`);
    await fuzz("NTFS", probeNtfs, ntfs, [[0, 512], [16384, 70 * 1024]]);
    const iso = await Deno.readFile(`${dir}/iso.img`);
    await fuzz("ISO 9660", probeIso9660, iso, [[16 * 2048, 3 * 2048], [19 * 2048, 20 * 2048]]);
    const exfat = await Deno.readFile(`${dir}/exfat.img`);
    await fuzz("exFAT", probeExfat, exfat, [[0, 24 * 512], [1024 * 1024, 64], [
      2 * 1024 * 1024 + 3 * 4096,
      4096,
    ]]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
