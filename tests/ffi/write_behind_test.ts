// Copyright 2026 the sectorkit authors. MIT license.
import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { openWriteBehind } from "../../ffi/linux/write_behind.ts";
import { createFileStore } from "../../ffi/file_store.ts";

const linux = Deno.build.os === "linux";

Deno.test({
  name: "openWriteBehind() starts writeback of written ranges and leaves the data intact (Linux)",
  ignore: !linux,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const path = `${dir}/img`;
      const data = new Uint8Array(1 << 16).map((_, i) => i * 7);
      await Deno.writeFile(path, data);
      const wb = openWriteBehind(path);
      assert(wb !== null);
      await wb.start(0, data.length);
      await wb.start(4096, 4096);
      wb.close();
      wb.close();
      await wb.start(0, 10); // after close: a no-op, not an error
      assertEquals(await Deno.readFile(path), data);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "openWriteBehind() is null for a missing file (Linux)",
  ignore: !linux,
  fn() {
    assertEquals(openWriteBehind("/nonexistent/sectorkit/img"), null);
  },
});

Deno.test({
  name: "createFileStore().openWrite({ writeBehind }) writes positional blocks unchanged",
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const path = `${dir}/img`;
      const f = await createFileStore().openWrite(path, { truncate: true, writeBehind: true });
      const a = new Uint8Array(8192).fill(1);
      const b = new Uint8Array(8192).fill(2);
      await Promise.all([f.writeAt(8192, b), f.writeAt(0, a)]);
      f.close();
      const got = await Deno.readFile(path);
      assertEquals(got.length, 16384);
      assertEquals(got[0], 1);
      assertEquals(got[16383], 2);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
