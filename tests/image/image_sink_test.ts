// Copyright 2026 the sectorkit authors. MIT license.
import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  FileImageSink,
  fillBytes,
  HashCursor,
  isAllZero,
  StreamImageSink,
} from "../../lib/image/image_sink.ts";
import { InlineHasher } from "../../lib/hash/multi_hasher.ts";
import type { WritableFile } from "../../lib/platform/mod.ts";
import { randomBytes } from "../helpers/random.ts";

function memoryFile(): WritableFile & { data: Uint8Array; writes: number } {
  const f = {
    data: new Uint8Array(0),
    writes: 0,
    writeAt(offset: number, d: Uint8Array) {
      f.writes++;
      if (offset + d.length > f.data.length) {
        const n = new Uint8Array(offset + d.length);
        n.set(f.data);
        f.data = n;
      }
      f.data.set(d, offset);
      return Promise.resolve();
    },
    truncate(size: number) {
      const n = new Uint8Array(size);
      n.set(f.data.subarray(0, size));
      f.data = n;
      return Promise.resolve();
    },
    sync: () => Promise.resolve(),
    close() {},
  };
  return f;
}

Deno.test("fillBytes() repeats the pattern from device byte 0; isAllZero() checks every byte", () => {
  assertEquals([...fillBytes(new Uint8Array([0xde, 0xad]), 3, 5)], [0xad, 0xde, 0xad, 0xde, 0xad]);
  assertEquals([...fillBytes(new Uint8Array([7]), 100, 3)], [7, 7, 7]);
  const z = new Uint8Array(4099);
  assertEquals(isAllZero(z), true);
  z[4098] = 1;
  assertEquals(isAllZero(z), false);
  assertEquals(isAllZero(new Uint8Array(8192).subarray(1, 8000)), true);
});

Deno.test("HashCursor hashes in order, skips out-of-order bytes and reads them back at the end", async () => {
  const data = randomBytes(10000, 61);
  const hasher = new InlineHasher(["md5"]);
  const cursor = new HashCursor(hasher, 1000, 11000);
  await cursor.offer(1000, data.subarray(0, 3000));
  await cursor.offer(6000, data.subarray(5000, 6000)); // ahead of the cursor: ignored
  await cursor.offer(4000, data.subarray(3000, 4000));
  assertEquals(cursor.pos, 5000);
  await cursor.finish((pos, buf) => {
    buf.set(data.subarray(pos - 1000, pos - 1000 + buf.length));
    return Promise.resolve(buf.length);
  }, 1536);
  assertEquals(cursor.reread, 6000);
  assertEquals((await hasher.digest()).md5, createHash("md5").update(data).digest("hex"));
});

Deno.test("FileImageSink writes at pos - start, fills, and skips zero blocks when sparse", async () => {
  const file = memoryFile();
  const sink = new FileImageSink(file, {
    start: 4096,
    fill: new Uint8Array([0xee]),
    sparse: true,
    cursor: null,
  });
  await sink.write(4096, new Uint8Array(512).fill(1));
  await sink.write(4608, new Uint8Array(512)); // zeros: not written
  await sink.fill(5120, 512);
  assertEquals(file.writes, 2);
  assertEquals(file.data[0], 1);
  assertEquals(file.data[1024], 0xee);
  assertEquals(file.data.subarray(512, 1024).every((b) => b === 0), true);
});

Deno.test("StreamImageSink keeps call order even when writes overlap", async () => {
  const got: number[] = [];
  let delay = 30;
  const sink = new StreamImageSink(
    async (d) => {
      await new Promise((r) => setTimeout(r, delay -= 10));
      got.push(d[0]);
    },
    new Uint8Array(1),
    null,
  );
  await Promise.all([1, 2, 3].map((v, i) => sink.write(i, new Uint8Array([v]))));
  assertEquals(got, [1, 2, 3]);
});
