// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Corrupted images give one clear error naming the broken structure (never a hang or a crash).
 */
import assert from "node:assert/strict";
import { openDisk } from "../../lib/fs/open_filesystem.ts";
import type { Filesystem, FsNode, MetadataRegion } from "../../lib/fs/filesystem.ts";
import { cli } from "./cli.ts";
import { addFragmentedFile, buildGptDisk, writeSourceTree } from "./fixtures.ts";
import { fileSource, has, run } from "./tsk.ts";
import { randomBytes } from "../helpers/random.ts";

const ready = has("mke2fs") && has("debugfs") && has("sfdisk");

async function patch(path: string, offset: number, bytes: Uint8Array): Promise<void> {
  const f = await Deno.open(path, { write: true });
  try {
    await f.seek(offset, Deno.SeekMode.Start);
    await f.write(bytes);
  } finally {
    f.close();
  }
}

function u16(v: number): Uint8Array {
  return new Uint8Array([v & 0xff, v >> 8]);
}
function u32(v: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v, true);
  return b;
}

async function expectError(args: string[], pattern: RegExp): Promise<void> {
  const r = await cli(args);
  assert.equal(r.code, 1, `exit code for ${args.join(" ")}: ${r.err}`);
  assert.equal(r.err.trim().split("\n").length, 1, `one line: ${r.err}`);
  assert.match(r.err, pattern);
}

/** A fragmented ext4 (1 KiB blocks) with /frag.bin's inode offset and its extent-tree block. */
async function fragImage(dir: string) {
  await writeSourceTree(`${dir}/src`, 3);
  const img = `${dir}/e.img`;
  await run("mke2fs", ["-q", "-F", "-t", "ext4", "-b", "1024", "-d", `${dir}/src`, img, "8M"]);
  await addFragmentedFile(img, dir, randomBytes(120_000, 4));
  const src = await fileSource(img);
  try {
    const fs = (await openDisk(src)).volumes[0].filesystem as Filesystem & {
      nodeMetadata(n: FsNode): Promise<MetadataRegion[]>;
      inode(n: number): Promise<{ offset: number }>;
    };
    const node = (await fs.lookup("/frag.bin"))!;
    const etb = (await fs.nodeMetadata(node))[0].volumeOffset;
    const inodeOffset = (await fs.inode(node.id)).offset;
    return { img, etb, inodeOffset };
  } finally {
    src.close();
  }
}

Deno.test({
  name: "locate --image names a corrupted ext superblock field",
  ignore: !ready,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const { img } = await fragImage(dir);
      await patch(img, 1024 + 24, u32(9)); // s_log_block_size
      await expectError(
        ["locate", "--image", img, "/frag.bin"],
        /ext superblock: bad s_log_block_size 9/,
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "a loop in an ext4 extent tree is reported, not followed forever",
  ignore: !ready,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const { img, etb, inodeOffset } = await fragImage(dir);
      await patch(img, inodeOffset + 40 + 6, u16(2)); // root claims depth 2
      // The extent block becomes an index node (depth 1) whose only entry points at itself.
      const node = new Uint8Array(24);
      const v = new DataView(node.buffer);
      v.setUint16(0, 0xf30a, true);
      v.setUint16(2, 1, true);
      v.setUint16(4, 84, true);
      v.setUint16(6, 1, true);
      v.setUint32(12, 0, true);
      v.setUint32(16, etb / 1024, true);
      await patch(img, etb, node);
      await expectError(
        ["locate", "--image", img, "/frag.bin"],
        /ext extent tree of inode \d+: loop at block \d+/,
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "an out-of-range extent is reported with the filesystem size",
  ignore: !ready,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const { img, etb } = await fragImage(dir);
      await patch(img, etb + 12 + 8, u32(0x7fffffff)); // first leaf extent's ee_start_lo
      await expectError(
        ["locate", "--image", img, "/frag.bin"],
        /ext extent tree of inode \d+: extent \d+\+\d+ beyond the filesystem \(8192 blocks\)/,
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "GPT header and entry-array CRC32 mismatches are named",
  ignore: !ready,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const [{ path }] = await buildGptDisk(dir);
      const ok = await cli(["locate", "--image", path, "/big.bin", "--json"]);
      assert.equal(ok.code, 0, ok.err);
      await patch(path, 1024 + 128 + 32, u32(2049)); // entry 2's first LBA
      await expectError(["owner", path, "0"], /GPT entry array: CRC32 mismatch/);
      await patch(path, 512 + 40, u32(99)); // header's first usable LBA
      await expectError(["ls", "--image", path], /GPT header: CRC32 mismatch/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
