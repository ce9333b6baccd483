// Copyright 2026 the sectorkit authors. MIT license.
import { deepStrictEqual as assertEquals, throws } from "node:assert/strict";
import { formatMapfile, parseMapfile, parseMapInteger } from "../../lib/image/mapfile.ts";
import { FormatError } from "../../lib/errors.ts";

Deno.test("parseMapfile() reads ddrescue 1.27 output", () => {
  const text = `# Mapfile. Created by GNU ddrescue version 1.27
# Command line: ddrescue -f -d /dev/loop0 out/dr.img out/dr.map
# Finished
# current_pos  current_status  current_pass
0x7FFF0000     +               1
#      pos        size  status
0x00000000  0x80000000  +
`;
  const m = parseMapfile(text);
  assertEquals(m.currentPos, 0x7fff0000);
  assertEquals(m.currentStatus, "+");
  assertEquals(m.currentPass, 1);
  assertEquals(m.blocks, [{ pos: 0, size: 0x80000000, status: "+" }]);
});

Deno.test("parseMapfile() accepts two-column status lines", () => {
  const m = parseMapfile("0x1000 *\n0 4096 + # done\n4096 0x200 -\n");
  assertEquals(m.currentStatus, "*");
  assertEquals(m.currentPass, 1);
  assertEquals(m.blocks[1], { pos: 4096, size: 512, status: "-" });
});

Deno.test("parseMapInteger() reads decimal, hex and octal like C++", () => {
  assertEquals(parseMapInteger("0"), 0);
  assertEquals(parseMapInteger("10"), 10);
  assertEquals(parseMapInteger("0x1F"), 31);
  assertEquals(parseMapInteger("017"), 15);
  throws(() => parseMapInteger("08"), RangeError);
  throws(() => parseMapInteger("-1"), RangeError);
});

Deno.test("parseMapfile() rejects gaps, bad statuses and a missing status line", () => {
  throws(
    () => parseMapfile("0 +\n0 512 +\n1024 512 +\n"),
    (e: Error) => e instanceof FormatError && e.message.includes("line 3"),
  );
  throws(
    () => parseMapfile("0 +\n0 512 x\n"),
    (e: Error) => e instanceof FormatError && e.message.includes("line 2"),
  );
  throws(
    () => parseMapfile("# nothing\n"),
    (e: Error) => e instanceof FormatError && e.message.includes("no status line"),
  );
  throws(
    () => parseMapfile("0 + 0\n"),
    (e: Error) => e instanceof FormatError && e.message.includes("current_pass"),
  );
});

Deno.test("formatMapfile() round-trips through parseMapfile()", () => {
  const map = {
    currentPos: 0x2000,
    currentStatus: "-" as const,
    currentPass: 2,
    blocks: [
      { pos: 0, size: 0x1000, status: "+" as const },
      { pos: 0x1000, size: 0x200, status: "-" as const },
      { pos: 0x1200, size: 0xe00, status: "?" as const },
    ],
  };
  const text = formatMapfile(map, {
    creator: "sectorkit 0.1.0",
    commandLine: "sectorkit image a b",
    startTime: new Date(),
    currentTime: new Date(),
    forwards: false,
  });
  assertEquals(parseMapfile(text), map);
  assertEquals(text.includes("# Retrying bad sectors... Pass 2 (backwards)"), true);
  assertEquals(text.includes("0x00001000  0x00000200  -"), true);
});
