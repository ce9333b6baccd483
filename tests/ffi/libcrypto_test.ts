// Copyright 2026 the sectorkit authors. MIT license.
import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import { createHash } from "node:crypto";
import { createLibcryptoProvider } from "../../ffi/linux/libcrypto.ts";
import { createHasher, NativeHasher } from "../../lib/hash/multi_hasher.ts";
import { randomBytes } from "../helpers/random.ts";

const provider = Deno.build.os === "linux" ? createLibcryptoProvider() : undefined;

Deno.test({
  name: "NativeHasher over OpenSSL libcrypto matches node:crypto, with updates in flight (Linux)",
  ignore: !provider,
  async fn() {
    const data = randomBytes(5 * 1024 * 1024 + 77, 51);
    const h = NativeHasher.create(["md5", "sha1", "sha256", "crc32"], provider!);
    ok(h);
    const pending = [];
    for (let i = 0; i < data.length; i += 1 << 20) {
      const shared = new Uint8Array(new SharedArrayBuffer(Math.min(1 << 20, data.length - i)));
      shared.set(data.subarray(i, i + shared.length));
      pending.push(h.update(shared));
    }
    await Promise.all(pending);
    const d = await h.digest();
    h.close();
    assertEquals(d.md5, createHash("md5").update(data).digest("hex"));
    assertEquals(d.sha1, createHash("sha1").update(data).digest("hex"));
    assertEquals(d.sha256, createHash("sha256").update(data).digest("hex"));
    const inline = createHasher(["crc32"], "inline");
    await inline.update(data);
    assertEquals(d.crc32, (await inline.digest()).crc32);
    ok(createHasher(["md5"], "native", provider) instanceof NativeHasher);
  },
});
