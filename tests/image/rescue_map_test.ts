// Copyright 2026 the sectorkit authors. MIT license.
import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { RescueMap } from "../../lib/image/rescue_map.ts";

Deno.test("RescueMap.set() splits and merges blocks", () => {
  const m = RescueMap.fresh(0, 8192);
  m.set(0, 1024, "+");
  m.set(1024, 1024, "+");
  assertEquals(m.blocks, [{ pos: 0, size: 2048, status: "+" }, {
    pos: 2048,
    size: 6144,
    status: "?",
  }]);
  m.set(4096, 512, "-");
  m.set(2048, 2048, "+");
  assertEquals(m.blocks.map((b) => [b.pos, b.size, b.status]), [
    [0, 4096, "+"],
    [4096, 512, "-"],
    [4608, 3584, "?"],
  ]);
  m.set(0, 8192, "+");
  assertEquals(m.blocks, [{ pos: 0, size: 8192, status: "+" }]);
});

Deno.test("RescueMap.nextRun()/prevRun() find runs clipped to the domain", () => {
  const m = RescueMap.fresh(0, 10000);
  m.set(1000, 1000, "*");
  m.set(5000, 1000, "*");
  assertEquals(m.nextRun("*", 0, 10000), [1000, 2000]);
  assertEquals(m.nextRun("*", 1500, 10000), [1500, 2000]);
  assertEquals(m.nextRun("*", 2000, 5500), [5000, 5500]);
  assertEquals(m.prevRun("*", 10000, 0), [5000, 6000]);
  assertEquals(m.prevRun("*", 5000, 0), [1000, 2000]);
  assertEquals(m.prevRun("*", 5000, 1800), [1800, 2000]);
  assertEquals(m.nextRun("-", 0, 10000), null);
});

Deno.test("RescueMap.fresh() with an offset lists earlier bytes as non-tried", () => {
  const m = RescueMap.fresh(4096, 4096);
  assertEquals(m.blocks, [{ pos: 0, size: 8192, status: "?" }]);
  assertEquals(m.covers(4096, 8192), true);
  m.set(4096, 4096, "+");
  assertEquals(m.totals(4096, 8192)["+"], 4096);
  assertEquals(m.badAreas(), 0);
});
