// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { createDeviceBenchOpener, DeviceBenchQueue } from "../../lib/bench/device_queue.ts";
import { IoError, UsageError } from "../../lib/errors.ts";
import type { BlockDevice, DeviceOpener } from "../../lib/platform/mod.ts";
import { runTest } from "../../lib/bench/run_job.ts";
import { parseTestName } from "../../lib/bench/presets.ts";

/** A device over memory whose reads finish after `delay(offset)` ms, failing in `bad`. */
function memoryDevice(
  data: Uint8Array,
  delay: (offset: number) => number,
  bad: [number, number] | null = null,
): BlockDevice & { closed: boolean; running: number } {
  const dev = {
    path: "mem:",
    size: data.length,
    logicalSectorSize: 512,
    physicalSectorSize: 512,
    kind: "block" as const,
    direct: true,
    alignment: 512,
    closed: false,
    running: 0,
    readAt(offset: number, buf: Uint8Array): Promise<number> {
      dev.running++;
      return new Promise((resolve, reject) =>
        setTimeout(() => {
          dev.running--;
          if (bad && offset < bad[1] && bad[0] < offset + buf.length) {
            reject(new IoError(`Cannot read at ${offset}`, { code: "EIO", errno: 5, offset }));
            return;
          }
          buf.set(data.subarray(offset, offset + buf.length));
          resolve(buf.length);
        }, delay(offset))
      );
    },
    close(): void {
      dev.closed = true;
    },
  };
  return dev;
}

const alloc = (n: number): Uint8Array => new Uint8Array(n);

Deno.test("DeviceBenchQueue keeps reads in flight and completes them in finishing order", async () => {
  const data = new Uint8Array(64 * 1024).map((_, i) => (i >> 12) + 1);
  // Later offsets finish first: 4 reads submitted together come back in reverse.
  const dev = memoryDevice(data, (off) => 40 - off / 4096);
  const q = new DeviceBenchQueue(dev, 4, 4096, alloc, () => performance.now());
  for (let s = 0; s < 4; s++) q.submit(s, s * 4096, 4096, false);
  assert.equal(dev.running, 4);
  let got = 0;
  const order: number[] = [];
  while (got < 4) {
    const n = await q.reap(1);
    for (let i = 0; i < n; i++) {
      order.push(q.done.slot[i]);
      assert.equal(q.done.result[i], 4096);
      // Each slot's buffer holds its own 4 KiB block.
      assert.ok(q.buffer(q.done.slot[i]).every((b) => b === q.done.slot[i] + 1));
    }
    got += n;
  }
  assert.deepEqual(order, [3, 2, 1, 0]);
  q.close();
  assert.ok(dev.closed);
});

Deno.test("DeviceBenchQueue reports a failed read as -EIO and closes only after running reads", async () => {
  const dev = memoryDevice(new Uint8Array(16384), (off) => (off ? 30 : 1), [0, 512]);
  const q = new DeviceBenchQueue(dev, 2, 4096, alloc, () => performance.now());
  q.submit(0, 0, 4096, false);
  q.submit(1, 8192, 4096, false);
  assert.equal(await q.reap(1), 1);
  assert.deepEqual([q.done.slot[0], q.done.result[0]], [0, -5]);
  q.close(); // slot 1 still reading
  assert.equal(dev.closed, false);
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(dev.closed, true);
});

Deno.test("runTest() drives DeviceBenchQueue at queue depth 8", async () => {
  const dev = memoryDevice(new Uint8Array(1 << 20), () => 2);
  const q = new DeviceBenchQueue(dev, 8, 4096, alloc, () => performance.now());
  const r = await runTest(q, parseTestName("RND4K Q8T1", false), {
    regionStart: 0,
    regionSize: q.size,
    warmupMs: 20,
    durationMs: 150,
    now: () => performance.now(),
    yieldNow: () => Promise.resolve(),
  });
  q.close();
  // 8 reads of ~2 ms in flight: well above what one read at a time could do (≤ ~500/s).
  assert.ok(r.ios > 0 && r.iops > 1000, `iops ${r.iops}`);
});

Deno.test("createDeviceBenchOpener() refuses write tests with a usage error", async () => {
  const devices: DeviceOpener = {
    openBlockDevice: () => Promise.resolve(memoryDevice(new Uint8Array(4096), () => 0)),
    allocAligned: alloc,
  };
  const b = createDeviceBenchOpener(devices, () => performance.now());
  await assert.rejects(
    b.open("x", { write: true, direct: true, exclusive: false, depth: 1, bufferSize: 4096 }),
    (e) => e instanceof UsageError && /reads only/.test(e.message),
  );
  const q = await b.open("x", {
    write: false,
    direct: true,
    exclusive: false,
    depth: 1,
    bufferSize: 4096,
  });
  assert.equal(q.engine, "device (thread pool)");
  q.close();
});

Deno.test("createDeviceBenchOpener() gives each slot its own handle (up to 32) and closes them all", async () => {
  const opened: ReturnType<typeof memoryDevice>[] = [];
  const devices: DeviceOpener = {
    openBlockDevice: () => {
      const d = memoryDevice(new Uint8Array(1 << 16).fill(7), () => 1);
      opened.push(d);
      return Promise.resolve(d);
    },
    allocAligned: alloc,
  };
  const b = createDeviceBenchOpener(devices, () => performance.now());
  const q = await b.open("x", {
    write: false,
    direct: true,
    exclusive: false,
    depth: 8,
    bufferSize: 4096,
  });
  assert.equal(opened.length, 8);
  for (let s = 0; s < 8; s++) q.submit(s, s * 4096, 4096, false);
  // Every handle has one read in flight: none is shared.
  assert.deepEqual(opened.map((d) => d.running), new Array(8).fill(1));
  let n = 0;
  while (n < 8) n += await q.reap(8);
  q.close();
  assert.ok(opened.every((d) => d.closed));
  const big = await b.open("x", {
    write: false,
    direct: true,
    exclusive: false,
    depth: 64,
    bufferSize: 4096,
  });
  assert.equal(opened.length, 8 + 32);
  big.close();
});
