// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";

const MAIN = new URL("../../../main.ts", import.meta.url).pathname;

async function sectorkit(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await new Deno.Command(Deno.execPath(), { args: ["run", "-A", MAIN, ...args] })
    .output();
  const dec = new TextDecoder();
  return { code: r.code, stdout: dec.decode(r.stdout), stderr: dec.decode(r.stderr) };
}

Deno.test("sectorkit disc write writes the demo disc as a dump set and refuses to clobber it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const r = await sectorkit("disc", "write", "demo", "--out", dir, "--json");
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.disc.writeOffset, 12);
    assert.equal(j.disc.tracks.length, 4);
    assert.equal(j.files.scram, `${dir}/demo.scram`);
    const toc = await Deno.readFile(`${dir}/demo.toc`);
    assert.deepEqual([...toc.subarray(0, 4)], [0, 0x2a, 1, 4]);
    const again = await sectorkit("disc", "write", "demo", "--out", dir);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /file exists/);
    const info = await sectorkit("disc", "info", `${dir}/demo.scram`);
    assert.equal(info.code, 0, info.stderr);
    assert.match(info.stdout, /write offset \+12/);
    assert.match(info.stdout, /ISRC XXSKT2600001/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("sectorkit disc rejects a bad subcommand with a usage error", async () => {
  const r = await sectorkit("disc", "frobnicate", "demo");
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim().split("\n").length, 1);
});

Deno.test("sectorkit disc info decodes the source's CD-TEXT (text and --json)", async () => {
  const t = await sectorkit("disc", "info", "demo");
  assert.equal(t.code, 0, t.stderr);
  assert.match(t.stdout, /CD-TEXT: \d+ pack\(s\)\n/);
  assert.match(t.stdout, /block 0 \(language 0x09\) track 2: title "Sine Wave Blues"/);
  const j = await sectorkit("disc", "info", "demo", "--json");
  assert.equal(j.code, 0, j.stderr);
  const blocks = JSON.parse(j.stdout).cdTextBlocks;
  assert.equal(blocks[0].title[0], "sectorkit demo");
  assert.equal(blocks[0].performer[4], "Guest");
});
