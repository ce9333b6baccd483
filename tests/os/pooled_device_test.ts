// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { openPooledDevice, sourceHandles } from "../../lib/os/pooled_device.ts";
import type { BlockDevice } from "../../lib/platform/mod.ts";

/** A device that fails when two reads overlap on it (a Windows synchronous handle serializes). */
function strictHandle(
  log: { open: number; peak: number; now: number; closed: number },
): BlockDevice {
  let busy = false;
  log.open++;
  return {
    path: "mem",
    size: 1 << 20,
    logicalSectorSize: 512,
    physicalSectorSize: 512,
    kind: "memory",
    direct: false,
    alignment: 1,
    async readAt(offset: number, buf: Uint8Array): Promise<number> {
      if (busy) throw new Error("two reads on one handle");
      busy = true;
      log.now++;
      log.peak = Math.max(log.peak, log.now);
      await new Promise((r) => setTimeout(r, 5));
      buf.fill(offset / 512);
      log.now--;
      busy = false;
      return buf.length;
    },
    close(): void {
      log.closed++;
    },
  };
}

Deno.test("openPooledDevice() keeps one read per handle and N reads in flight over N handles", async () => {
  const log = { open: 0, peak: 0, now: 0, closed: 0 };
  const dev = await openPooledDevice(() => Promise.resolve(strictHandle(log)), 4);
  assert.equal(log.open, 4);
  const bufs = Array.from({ length: 12 }, () => new Uint8Array(512));
  const n = await Promise.all(bufs.map((b, i) => dev.readAt(i * 512, b)));
  assert.deepEqual(n, new Array(12).fill(512));
  bufs.forEach((b, i) => assert.equal(b[0], i));
  assert.equal(log.peak, 4);
  dev.close();
  assert.equal(log.closed, 4);
});

Deno.test("openPooledDevice() closes what it opened when a later open fails", async () => {
  const log = { open: 0, peak: 0, now: 0, closed: 0 };
  let k = 0;
  await assert.rejects(
    openPooledDevice(
      () => (k++ < 2 ? Promise.resolve(strictHandle(log)) : Promise.reject(new Error("busy"))),
      4,
    ),
    /busy/,
  );
  assert.equal(log.closed, 2);
});

Deno.test("sourceHandles() opens one handle per read on Windows only", () => {
  assert.equal(sourceHandles("windows", 8), 8);
  assert.equal(sourceHandles("linux", 8), 1);
  assert.equal(sourceHandles("darwin", 8), 1);
});
