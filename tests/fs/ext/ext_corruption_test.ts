// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Seeded random corruption of an ext4 image's metadata: opening, walking, mapping and indexing
 * either succeed or fail with a SectorkitError (FormatError) — never another exception or a hang.
 */
import assert from "node:assert/strict";
import { SectorkitError } from "../../../lib/errors.ts";
import type { ByteSource } from "../../../lib/fs/filesystem.ts";
import { openDisk } from "../../../lib/fs/open_filesystem.ts";
import { buildOwnerIndex } from "../../../lib/locate/owner_index.ts";
import { addFragmentedFile, writeSourceTree } from "../../locate/fixtures.ts";
import { has, run } from "../../locate/tsk.ts";
import { randomBytes } from "../../helpers/random.ts";

function memorySource(data: Uint8Array): ByteSource {
  return {
    size: data.length,
    readAt(offset: number, buf: Uint8Array): Promise<number> {
      const n = Math.max(0, Math.min(buf.length, data.length - offset));
      buf.set(data.subarray(offset, offset + n));
      return Promise.resolve(n);
    },
  };
}

Deno.test({
  name: "corrupted ext4 metadata gives FormatErrors, never crashes or hangs (200 seeded cases)",
  ignore: !has("mke2fs") || !has("debugfs"),
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      await writeSourceTree(`${dir}/src`, 9);
      const img = `${dir}/e.img`;
      await run("mke2fs", ["-q", "-F", "-t", "ext4", "-b", "1024", "-d", `${dir}/src`, img, "4M"]);
      await addFragmentedFile(img, dir, randomBytes(120_000, 10));
      const clean = await Deno.readFile(img);
      // target the structures that matter: superblock, descriptors, the first inodes, the root
      // directory's block and /frag.bin's extent-tree block
      const disk0 = await openDisk(memorySource(clean));
      const fs0 = disk0.volumes[0]
        .filesystem as import("../../../lib/fs/ext/ext_filesystem.ts").ExtFilesystem;
      const itable = (await fs0.inode(1)).offset;
      const rootBlock = (await fs0.extents((await fs0.lookup("/"))!))[0].volumeOffset!;
      const etb = (await fs0.nodeMetadata((await fs0.lookup("/frag.bin"))!))[0].volumeOffset;
      const regions = [[1024, 1024], [2048, 1024], [itable, 16 * 256], [rootBlock, 1024], [
        etb,
        1024,
      ]];
      let seed = 12345;
      const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
      let failures = 0;
      for (let i = 0; i < 200; i++) {
        const data = clean.slice();
        const [start, len] = regions[i % regions.length];
        for (let k = 0; k < 6; k++) data[start + rnd(len)] = rnd(256);
        try {
          const disk = await openDisk(memorySource(data));
          const fs = disk.volumes[0].filesystem;
          if (!fs) continue;
          for await (const n of fs.walk()) {
            if (n.kind === "file") await fs.read(n, 0, Math.min(n.size, 1 << 20));
          }
          await buildOwnerIndex(disk, data.length);
        } catch (e) {
          if (!(e instanceof SectorkitError)) {
            throw new Error(`case ${i}: ${(e as Error).name}: ${(e as Error).message}`, {
              cause: e,
            });
          }
          failures++;
        }
      }
      assert.ok(failures > 0, "some corruptions are detected");
      // a directory claiming 1 TiB must not be allocated
      const huge = clean.slice();
      new DataView(huge.buffer).setUint32(itable + 256 + 108, 256, true); // root i_size_high
      const d = await openDisk(memorySource(huge));
      await assert.rejects(
        (async () => {
          for await (const _ of d.volumes[0].filesystem!.walk()) { /* drain */ }
        })(),
        /ext directory \/ \(inode 2\): size \d+ exceeds the filesystem/,
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
