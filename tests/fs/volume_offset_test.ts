// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Volumes inside a GPT disk image (built offline with sfdisk, mkfs.vfat --offset, mkntfs -p):
 * probing at the partition's byte offset must agree with TSK's `-o` views, and each probe must
 * answer null for the other filesystems' volumes.
 */
import { probeExfat } from "../../lib/fs/exfat/probe_exfat.ts";
import { probeFat } from "../../lib/fs/fat/probe_fat.ts";
import { probeIso9660 } from "../../lib/fs/iso9660/probe_iso9660.ts";
import { probeNtfs } from "../../lib/fs/ntfs/probe_ntfs.ts";
import { randomBytes } from "../helpers/random.ts";
import { assert, assertEquals, assertSameRuns, fls, istat, memorySource, sh } from "./tsk.ts";

Deno.test("probeFat() and probeNtfs() at GPT partition offsets agree with TSK -o; other probes say null", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const img = `${dir}/gpt.img`;
    const big = randomBytes(70000, 1);
    await Deno.writeFile(`${dir}/big.bin`, big);
    await sh("bash", [
      "-c",
      [
        `set -e; cd ${dir}; truncate -s 40M ${img}`,
        `printf 'label: gpt\\nstart=2048, size=32768, type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7\\nstart=36864, size=32768, type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7\\n' | sfdisk -q ${img}`,
        `mkfs.vfat -F 16 -S 512 -s 4 --offset=2048 -n GPTFAT ${img} 16384 >/dev/null 2>&1`,
        `mcopy -i ${img}@@$((2048*512)) big.bin ::/BIG.BIN`,
        `truncate -s $((32768*512)) p2.img; mkntfs -q -F -Q -c 4096 -p 36864 -H 255 -S 63 p2.img >/dev/null 2>&1`,
        `ntfscp p2.img big.bin /big.bin; dd if=p2.img of=${img} bs=512 seek=36864 conv=notrunc status=none`,
      ].join("\n"),
    ]);
    const bytes = await Deno.readFile(img);
    const src = memorySource(bytes);
    const parts = [
      { start: 2048, probe: probeFat, type: "fat16", path: "/BIG.BIN", unit: 512, key: "Sectors" },
      { start: 36864, probe: probeNtfs, type: "ntfs", path: "/big.bin", unit: 4096, key: "$DATA" },
    ];
    for (const p of parts) {
      const fs = await p.probe(src, p.start * 512, 32768 * 512);
      assert(fs, p.type);
      assertEquals(fs.type, p.type);
      const node = await fs.lookup(p.path);
      assert(node);
      assertEquals(await fs.read(node, 0, node.size), big);
      const e = (await fls(img, p.start)).find((x) => x.path === p.path)!;
      const st = await istat(img, e.inode.split("-")[0], p.start);
      assertSameRuns(
        p.path,
        await fs.extents(node),
        st.sections.find((s) => s.key === p.key)!.runs,
        p.unit,
      );
      for (const other of [probeFat, probeNtfs, probeExfat, probeIso9660]) {
        if (other !== p.probe) assertEquals(await other(src, p.start * 512, 32768 * 512), null);
      }
    }
    // The protective MBR at LBA 0 is no filesystem.
    for (const probe of [probeFat, probeNtfs, probeExfat, probeIso9660]) {
      assertEquals(await probe(src, 0, 2048 * 512), null);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
