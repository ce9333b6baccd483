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

Deno.test("runImageJob() stopped by Ctrl-C during --verify keeps the image and reports verifyInterrupted", async () => {
  const { createPlatform } = await import("../../ffi/mod.ts");
  const { runImageJob } = await import("../../lib/image/image_job.ts");
  const { randomBytes } = await import("../helpers/random.ts");
  const base = createPlatform();
  let interrupt = (): void => {};
  let opens = 0;
  const platform = {
    ...base,
    runtime: Object.assign(Object.create(base.runtime), {
      onInterrupt(h: () => void) {
        interrupt = h;
        return () => {};
      },
    }),
    devices: Object.assign(Object.create(base.devices), {
      openBlockDevice(path: string, o: { direct?: boolean }) {
        if (++opens === 2) interrupt(); // the verify pass opens SOURCE a second time
        return base.devices.openBlockDevice(path, o);
      },
    }),
  };
  const dir = await Deno.makeTempDir();
  try {
    const data = randomBytes(3 << 20, 7);
    await Deno.writeFile(`${dir}/src.bin`, data);
    const r = await runImageJob(platform, {
      source: `${dir}/src.bin`,
      dest: `${dir}/out.img`,
      map: `${dir}/out.map`,
      offset: 0,
      size: null,
      blockSize: null,
      hashes: ["md5"],
      retries: 0,
      fill: new Uint8Array(1),
      sparse: false,
      verify: true,
      resume: false,
      overwrite: false,
      queueDepth: 4,
      mapInterval: 30000,
      quiet: true,
      commandLine: "test",
    });
    assertEquals(opens, 2);
    assertEquals(r.status, "finished");
    assertEquals(r.verifyInterrupted, true);
    assertEquals(r.verify, null);
    ok(r.hashes.md5 && r.hashes.md5.length === 32);
    assertEquals(await Deno.readFile(`${dir}/out.img`), data);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
