// Copyright 2026 the sectorkit authors. MIT license.
import { deepStrictEqual as assertEquals, throws } from "node:assert/strict";
import { createHash } from "node:crypto";
import { InlineHasher, WorkerHasher } from "../../lib/hash/multi_hasher.ts";
import { parseHashList } from "../../lib/hash/hash_names.ts";
import { UsageError } from "../../lib/errors.ts";
import { randomBytes } from "../helpers/random.ts";

const data = randomBytes(3 * 1024 * 1024 + 123, 11);
const want = {
  md5: createHash("md5").update(data).digest("hex"),
  sha1: createHash("sha1").update(data).digest("hex"),
  sha256: createHash("sha256").update(data).digest("hex"),
};

function chunks(d: Uint8Array, n: number): Uint8Array[] {
  const out = [];
  for (let i = 0; i < d.length; i += n) out.push(d.subarray(i, i + n));
  return out;
}

Deno.test("InlineHasher matches node:crypto over chunks; crc32 matches the known check value", async () => {
  const h = new InlineHasher(["md5", "sha1", "sha256"]);
  for (const c of chunks(data, 100_000)) await h.update(c);
  assertEquals(await h.digest(), want);
  const c = new InlineHasher(["crc32"]);
  await c.update(new TextEncoder().encode("123456789"));
  assertEquals((await c.digest()).crc32, "cbf43926");
});

Deno.test("WorkerHasher matches with shared and plain buffers, several chunks in flight", async () => {
  const h = new WorkerHasher(["md5", "sha1", "sha256", "crc32"]);
  try {
    const pending = [];
    let i = 0;
    for (const c of chunks(data, 1 << 20)) {
      if (i++ % 2 === 0) {
        const shared = new Uint8Array(new SharedArrayBuffer(c.length));
        shared.set(c);
        pending.push(h.update(shared));
      } else pending.push(h.update(c));
    }
    await Promise.all(pending);
    const d = await h.digest();
    assertEquals({ md5: d.md5, sha1: d.sha1, sha256: d.sha256 }, want);
    const inline = new InlineHasher(["crc32"]);
    await inline.update(data);
    assertEquals(d.crc32, (await inline.digest()).crc32);
  } finally {
    h.close();
  }
});

Deno.test("parseHashList() accepts lists and none, rejects unknown names", () => {
  assertEquals(parseHashList("SHA256,md5"), ["md5", "sha256"]);
  assertEquals(parseHashList("sha-1"), ["sha1"]);
  assertEquals(parseHashList("none"), []);
  throws(() => parseHashList("md4"), UsageError);
  throws(() => parseHashList(","), UsageError);
});
