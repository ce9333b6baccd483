// Copyright 2026 the sectorkit authors. MIT license.
import { deepStrictEqual as assertEquals, ok, throws } from "node:assert/strict";
import {
  clipDomain,
  domainFromMapfile,
  domainTotals,
  nextInDomain,
  prevInDomain,
} from "../../lib/image/domain.ts";
import { FormatError, UsageError } from "../../lib/errors.ts";
import { Rescuer, type RescueSink } from "../../lib/image/rescue.ts";
import { RescueMap } from "../../lib/image/rescue_map.ts";
import { MemoryBlockDevice } from "../../lib/platform/memory_block_device.ts";
import { randomBytes } from "../helpers/random.ts";

function memorySink(size: number): RescueSink & { out: Uint8Array } {
  const out = new Uint8Array(size).fill(0x5a);
  return {
    out,
    write(pos, data) {
      out.set(data, pos);
      return Promise.resolve();
    },
    fill(pos, n) {
      out.fill(0xee, pos, pos + n);
      return Promise.resolve();
    },
  };
}

Deno.test("domainFromMapfile() keeps only finished blocks and merges adjacent ones", () => {
  const d = domainFromMapfile(
    "0x0 +\n0x0 0x200 +\n0x200 0x200 +\n0x400 0x200 -\n0x600 0x200 ?\n0x800 01000 +\n",
  );
  assertEquals(d, [[0, 0x400], [0x800, 0xa00]]);
});

Deno.test("domainFromMapfile() rejects garbled text with a FormatError naming the line", () => {
  throws(() => domainFromMapfile("0 +\n0 512 x\n", "domain mapfile d.map"), (e: Error) => {
    ok(e instanceof FormatError);
    ok(e.message.includes("d.map line 2"), e.message);
    return true;
  });
});

Deno.test("clipDomain() clips to the imaged range and refuses empty or too long domains", () => {
  assertEquals(clipDomain([[0, 1024], [2048, 4096]], "d", 4096, 512, 3072), [[512, 1024], [
    2048,
    3072,
  ]]);
  throws(() => clipDomain([], "d", 4096, 0, 4096), UsageError);
  throws(() => clipDomain([[0, 8192]], "d", 4096, 0, 4096), /beyond the end of SOURCE/);
  throws(() => clipDomain([[0, 512]], "d", 4096, 1024, 4096), /no finished block inside/);
});

Deno.test("nextInDomain()/prevInDomain() never return bytes outside the domain", () => {
  const map = RescueMap.fresh(0, 8192);
  map.set(0, 1024, "+");
  const d: [number, number][] = [[512, 2048], [4096, 5120]];
  assertEquals(nextInDomain(map, d, "?", 0), [1024, 2048]);
  assertEquals(nextInDomain(map, d, "?", 2048), [4096, 5120]);
  assertEquals(nextInDomain(map, d, "?", 5120), null);
  assertEquals(prevInDomain(map, d, "?", 8192), [4096, 5120]);
  assertEquals(prevInDomain(map, d, "?", 4096), [1024, 2048]);
  assertEquals(prevInDomain(map, d, "?", 1024), null);
  assertEquals(domainTotals(map, d), { "?": 2048, "*": 0, "/": 0, "-": 0, "+": 512 });
});

Deno.test("Rescuer with a domain reads and writes only inside it", async () => {
  const data = randomBytes(64 * 1024, 51);
  const dev = new MemoryBlockDevice(data, { badSectors: [3, 40, 100] });
  const sink = memorySink(data.length);
  const map = RescueMap.fresh(0, data.length);
  const domain: [number, number][] = [[1024, 8192], [16384, 32768]];
  const r = new Rescuer(dev, map, sink, {
    start: 0,
    end: data.length,
    blockSize: 4096,
    domain,
    allocate: (n) => new Uint8Array(n),
  });
  assertEquals(await r.run(), "finished");
  const inside = (p: number) => domain.some(([a, b]) => a <= p && p < b);
  ok(dev.reads.every(([p, n]) => inside(p) && inside(p + n - 1)), "read outside the domain");
  const bad = (p: number) => (p >= 1536 && p < 2048) || (p >= 20480 && p < 20992);
  assertEquals(map.blocks.map((b) => [b.pos, b.size, b.status]), [
    [0, 1024, "?"],
    [1024, 512, "+"],
    [1536, 512, "-"],
    [2048, 6144, "+"],
    [8192, 8192, "?"],
    [16384, 4096, "+"],
    [20480, 512, "-"],
    [20992, 11776, "+"],
    [32768, 32768, "?"],
  ]);
  const wrong = sink.out.findIndex((v, i) => v !== (inside(i) ? (bad(i) ? 0xee : data[i]) : 0x5a));
  assertEquals(wrong, -1);
});

Deno.test("Rescuer --no-trim leaves failed blocks non-trimmed, --no-scrape non-scraped", async () => {
  const data = randomBytes(64 * 1024, 52);
  for (const [opt, left] of [["noTrim", "*"], ["noScrape", "/"]] as const) {
    const dev = new MemoryBlockDevice(data, { badSectors: [20, 21, 22, 23] });
    const map = RescueMap.fresh(0, data.length);
    const r = new Rescuer(dev, map, memorySink(data.length), {
      start: 0,
      end: data.length,
      blockSize: 8192,
      [opt]: true,
      allocate: (n) => new Uint8Array(n),
    });
    assertEquals(await r.run(), "finished");
    const want = opt === "noTrim"
      ? [[8192, 16384, "*"]]
      : [[20 * 512, 21 * 512, "-"], [21 * 512, 23 * 512, "/"], [23 * 512, 24 * 512, "-"]];
    assertEquals(
      map.blocks.filter((b) => b.status !== "+").map((b) => [b.pos, b.pos + b.size, b.status]),
      want,
      opt,
    );
    ok(map.blocks.some((b) => b.status === left));
  }
});

Deno.test("Rescuer reverse copies backwards first and scrapes backwards", async () => {
  const data = randomBytes(64 * 1024, 53);
  const dev = new MemoryBlockDevice(data, { badSectors: [20, 23] });
  const map = RescueMap.fresh(0, data.length);
  const sink = memorySink(data.length);
  const r = new Rescuer(dev, map, sink, {
    start: 0,
    end: data.length,
    blockSize: 8192,
    reverse: true,
    allocate: (n) => new Uint8Array(n),
  });
  assertEquals(await r.run(), "finished");
  assertEquals(dev.reads[0], [56 * 1024, 8192]);
  // trimming reads the trailing edge first (sector 31 down to 23), then 16 up to 20; scraping
  // reads 22 then 21
  const singles = dev.reads.filter(([, n]) => n === 512).map(([p]) => p / 512);
  assertEquals(singles, [31, 30, 29, 28, 27, 26, 25, 24, 23, 16, 17, 18, 19, 20, 22, 21]);
  assertEquals(
    map.blocks.filter((b) => b.status !== "+").map((b) => [b.pos / 512, b.size / 512]),
    [[20, 1], [23, 1]],
  );
});
