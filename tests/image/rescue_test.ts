// Copyright 2026 the sectorkit authors. MIT license.
import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import { Rescuer, type RescueSink } from "../../lib/image/rescue.ts";
import { RescueMap } from "../../lib/image/rescue_map.ts";
import { MemoryBlockDevice } from "../../lib/platform/memory_block_device.ts";
import { randomBytes } from "../helpers/random.ts";

function memorySink(size: number, fill = 0xee): RescueSink & { out: Uint8Array; order: number[] } {
  const out = new Uint8Array(size);
  const order: number[] = [];
  return {
    out,
    order,
    write(pos, data) {
      order.push(pos);
      out.set(data, pos);
      return Promise.resolve();
    },
    fill(pos, n) {
      out.fill(fill, pos, pos + n);
      return Promise.resolve();
    },
  };
}

function expected(data: Uint8Array, bad: number[], ss = 512, fill = 0xee): Uint8Array {
  const e = data.slice();
  for (const s of bad) e.fill(fill, s * ss, (s + 1) * ss);
  return e;
}

const alloc = (n: number) => new Uint8Array(n);

Deno.test("Rescuer copies a clean device in large blocks with reads in flight", async () => {
  const data = randomBytes(1 << 20, 3);
  const dev = new MemoryBlockDevice(data);
  const sink = memorySink(data.length);
  const map = RescueMap.fresh(0, data.length);
  const r = new Rescuer(dev, map, sink, {
    start: 0,
    end: data.length,
    blockSize: 65536,
    allocate: alloc,
  });
  assertEquals(await r.run(), "finished");
  assertEquals(sink.out, data);
  assertEquals(map.blocks, [{ pos: 0, size: data.length, status: "+" }]);
  assertEquals(dev.reads.length, 16);
  assertEquals(sink.order, [...sink.order].sort((a, b) => a - b));
  assertEquals(map.currentStatus, "+");
});

Deno.test("Rescuer trims, scrapes and marks only the bad sectors", async () => {
  const data = randomBytes(256 * 1024, 4);
  const bad = [10, 11, 12, 200, 300, 301, 302, 303];
  const dev = new MemoryBlockDevice(data, { badSectors: bad });
  const sink = memorySink(data.length);
  const map = RescueMap.fresh(0, data.length);
  const r = new Rescuer(dev, map, sink, {
    start: 0,
    end: data.length,
    blockSize: 16384,
    allocate: alloc,
  });
  assertEquals(await r.run(), "finished");
  assertEquals(sink.out, expected(data, bad));
  assertEquals(map.totals()["-"], bad.length * 512);
  assertEquals(map.badAreas(), 3);
  // every good sector was read at most twice before retrying (once large, once single)
  const singles = dev.reads.filter(([, n]) => n === 512).length;
  ok(singles < 3 * 32 + 32, `too many sector reads: ${singles}`);
});

Deno.test("Rescuer with 4096-byte sectors and a partial domain", async () => {
  const data = randomBytes(64 * 4096, 5);
  const dev = new MemoryBlockDevice(data, { sectorSize: 4096, badSectors: [20] });
  const start = 8 * 4096;
  const end = 40 * 4096;
  const got = new Uint8Array(data.length);
  const map = RescueMap.fresh(start, end - start);
  const sink: RescueSink = {
    write: (p, d) => Promise.resolve(got.set(d, p)),
    fill: (p, n) => Promise.resolve(void got.fill(0, p, p + n)),
  };
  await new Rescuer(dev, map, sink, { start, end, blockSize: 32768, allocate: alloc }).run();
  const want = data.slice();
  want.fill(0, 0, start);
  want.fill(0, 20 * 4096, 21 * 4096);
  want.fill(0, end);
  assertEquals(got, want);
  assertEquals(map.totals(start, end)["-"], 4096);
  assertEquals(map.statusAt(0), "?");
});

Deno.test("Rescuer --retries recovers flaky sectors in alternating passes", async () => {
  const data = randomBytes(64 * 1024, 6);
  const flaky = new Map([[7, 3], [90, 2]]);
  const dev = new MemoryBlockDevice(data, { flakySectors: flaky });
  const sink = memorySink(data.length);
  const map = RescueMap.fresh(0, data.length);
  await new Rescuer(dev, map, sink, {
    start: 0,
    end: data.length,
    blockSize: 8192,
    retries: 2,
    allocate: alloc,
  }).run();
  // sector 7 fails copy, trim (edge) and retry 1 -> read on retry 2; sector 90 likewise earlier
  assertEquals(map.totals()["-"], 0);
  assertEquals(sink.out, data);
});

Deno.test("Rescuer stops on request with the map matching what was stored, then resumes", async () => {
  const data = randomBytes(512 * 1024, 8);
  const bad = [100, 101, 900];
  const full = memorySink(data.length);
  await new Rescuer(
    new MemoryBlockDevice(data, { badSectors: bad }),
    RescueMap.fresh(0, data.length),
    full,
    { start: 0, end: data.length, blockSize: 16384, allocate: alloc },
  ).run();
  for (const stopAfter of [3, 20, 45]) {
    const sink = memorySink(data.length);
    const map = RescueMap.fresh(0, data.length);
    let reads = 0;
    const r1 = new Rescuer(new MemoryBlockDevice(data, { badSectors: bad }), map, sink, {
      start: 0,
      end: data.length,
      blockSize: 16384,
      allocate: alloc,
      shouldStop: () => reads >= stopAfter,
      onRead: () => void reads++,
    });
    assertEquals(await r1.run(), "interrupted");
    for (const b of map.blocks) {
      if (b.status === "+") {
        assertEquals(
          sink.out.subarray(b.pos, b.pos + b.size),
          data.subarray(b.pos, b.pos + b.size),
        );
      }
    }
    const r2 = new Rescuer(new MemoryBlockDevice(data, { badSectors: bad }), map, sink, {
      start: 0,
      end: data.length,
      blockSize: 16384,
      allocate: alloc,
    });
    assertEquals(await r2.run(), "finished");
    assertEquals(sink.out, full.out, `resume after ${stopAfter} reads differs`);
  }
});

Deno.test("Rescuer in order (stdout) fills bad sectors in place and writes ascending", async () => {
  const data = randomBytes(128 * 1024, 9);
  const bad = [3, 64, 65];
  const sink = memorySink(data.length);
  const map = RescueMap.fresh(0, data.length);
  await new Rescuer(new MemoryBlockDevice(data, { badSectors: bad }), map, sink, {
    start: 0,
    end: data.length,
    blockSize: 16384,
    inOrder: true,
    retries: 1,
    allocate: alloc,
  }).run();
  assertEquals(sink.out, expected(data, bad));
  assertEquals(sink.order, [...sink.order].sort((a, b) => a - b));
  assertEquals(map.totals()["-"], 3 * 512);
});

Deno.test("Rescuer propagates a sink failure (disk full) after in-flight writes end", async () => {
  const data = randomBytes(256 * 1024, 10);
  const map = RescueMap.fresh(0, data.length);
  let writes = 0;
  const sink: RescueSink = {
    write() {
      if (++writes > 3) return Promise.reject(new Error("No space left on device (ENOSPC)"));
      return Promise.resolve();
    },
    fill: () => Promise.resolve(),
  };
  const r = new Rescuer(new MemoryBlockDevice(data), map, sink, {
    start: 0,
    end: data.length,
    blockSize: 16384,
    allocate: alloc,
  });
  const e = await r.run().then(() => null, (e) => e);
  ok(e instanceof Error && e.message.includes("ENOSPC"));
  assertEquals(map.totals()["+"], 3 * 16384);
});
