// Copyright 2026 the sectorkit authors. MIT license.
// The Linux benchmark engines (io_uring over raw syscalls, psync on the thread pool) read and write
// the right bytes at the right offsets with many requests in flight. Linux only.
import assert from "node:assert/strict";
import { openLinuxBenchQueue } from "../../ffi/linux/bench_queue.ts";
import { randomBytes } from "../helpers/random.ts";

const linux = Deno.build.os === "linux";

for (const engine of ["io_uring", "psync"]) {
  Deno.test({
    name:
      `openLinuxBenchQueue(${engine}) reads and writes the right blocks with 16 in flight (Linux only)`,
    ignore: !linux,
    async fn() {
      const path = await Deno.makeTempFile({ dir: "/var/tmp" });
      const data = randomBytes(1 << 20, 11);
      await Deno.writeFile(path, data);
      const q = openLinuxBenchQueue(path, {
        write: true,
        direct: true,
        exclusive: false,
        depth: 16,
        bufferSize: 4096,
        engine,
      });
      try {
        assert.equal(q.size, 1 << 20);
        assert.equal(q.kind, "file");
        assert.ok(q.engine.startsWith(engine), q.engine);
        assert.equal(await q.reap(1), 0); // nothing in flight: no wait
        const order = Array.from({ length: 16 }, (_, i) => (i * 37) % 256);
        order.forEach((block, slot) => q.submit(slot, block * 4096, 4096, false));
        let done = 0;
        while (done < 16) {
          const n = await q.reap(1);
          for (let i = 0; i < n; i++) {
            const slot = q.done.slot[i];
            assert.equal(q.done.result[i], 4096);
            const off = order[slot] * 4096;
            assert.deepEqual(q.buffer(slot).subarray(0, 4096), data.subarray(off, off + 4096));
          }
          done += n;
        }
        q.buffer(3).fill(0x5a);
        q.submit(3, 8192, 4096, true);
        assert.equal(await q.reap(1), 1);
        assert.equal(q.done.result[0], 4096);
        await q.sync();
        q.submit(0, 1 << 20, 4096, false); // at the end: 0 bytes
        assert.equal(await q.reap(1), 1);
        assert.equal(q.done.result[0], 0);
      } finally {
        q.close();
      }
      const back = await Deno.readFile(path);
      assert.ok(back.subarray(8192, 12288).every((b) => b === 0x5a));
      assert.deepEqual(back.subarray(0, 8192), data.subarray(0, 8192));
      await Deno.remove(path);
    },
  });
}
