// Copyright 2026 the sectorkit authors. MIT license.
import { deepStrictEqual as assertEquals, ok, throws } from "node:assert/strict";
import { parseFill } from "../../lib/image/image_command.ts";
import { UsageError } from "../../lib/errors.ts";
import { image } from "./_cli.ts";

Deno.test("parseFill() reads hex byte patterns", () => {
  assertEquals([...parseFill("00")], [0]);
  assertEquals([...parseFill("0xDEADBEEF")], [0xde, 0xad, 0xbe, 0xef]);
  assertEquals([...parseFill("de:ad")], [0xde, 0xad]);
  throws(() => parseFill("abc"), UsageError);
  throws(() => parseFill(""), UsageError);
});

Deno.test("sectorkit image --help shows usage, options and examples", async () => {
  const r = await image(["--help"]);
  assertEquals(r.code, 0);
  const text = new TextDecoder().decode(r.stdout);
  ok(text.includes("Usage: sectorkit image [options] SOURCE DEST"), text);
  for (const opt of ["--resume", "--hash", "--retries", "--fill", "--sparse", "--verify"]) {
    ok(text.includes(opt), opt);
  }
  ok(text.includes("sectorkit image /dev/sdb disk.img"), text);
});
