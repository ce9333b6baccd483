// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { writeDumpSet } from "../helpers/dump_set.ts";
import { runMain } from "../helpers/run_main.ts";

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await runMain(args);
  return { code: r.code, stdout: r.out, stderr: r.err };
}

async function withDump(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "sectorkit-split-cli-" });
  try {
    await writeDumpSet(
      {
        seed: 21,
        writeOffset: 6,
        tracks: [{ type: "mode1", length: 120, volumeId: "CLI" }, { type: "audio", length: 80 }],
      },
      dir,
      "d",
    );
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function outputs(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    if (/\.(bin|cue|dat)$|partial/.test(e.name)) names.push(e.name);
  }
  return names.sort();
}

function oneLine(stderr: string): void {
  assert.equal(stderr.trim().split("\n").length, 1, `one error line: ${stderr}`);
}

Deno.test("sectorkit split/hash/info --json run as a user does", async () => {
  await withDump(async (dir) => {
    const s = await cli(["split", "--image-path", dir, "--image-name", "d", "--json"]);
    assert.equal(s.code, 0, s.stderr);
    const r = JSON.parse(s.stdout);
    assert.equal(r.writeOffset, 6);
    assert.deepEqual(r.tracks.map((t: { name: string }) => t.name), [
      "d (Track 1).bin",
      "d (Track 2).bin",
    ]);
    const again = await cli(["split", "--image-path", dir, "--image-name", "d"]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists.*--overwrite/);
    const h = await cli(["hash", "--image-path", dir, "--image-name", "d"]);
    assert.equal(h.code, 0);
    assert.match(h.stdout, /^dat:\n<rom name="d \(Track 1\)\.bin" size="282240" crc="[0-9a-f]{8}"/);
    assert.match(await Deno.readTextFile(`${dir}/d.dat`), /<rom name="d.cue"/);
    const i = await cli(["info", "--image-path", dir, "--image-name", "d", "--json"]);
    assert.equal(i.code, 0, i.stderr);
    const info = JSON.parse(i.stdout);
    assert.equal(info.dataTracks[0].stats.mode1, 120);
    assert.equal(info.dataTracks[0].stats.redumpErrors, 0);
    assert.equal(info.dataTracks[0].pvd.volumeId, "CLI");
    assert.match(info.accurateRipId.url, /dBAR-002-/);
    const log = await Deno.readTextFile(`${dir}/d.log`);
    assert.equal(
      log.match(/^=== \d{4}-/gm)?.length,
      4,
      "four runs in the log (the refused split too)",
    );
  });
});

Deno.test("sectorkit split refuses bad input with one line and leaves nothing behind", async () => {
  await withDump(async (dir) => {
    const run = () => cli(["split", "--image-path", dir, "--image-name", "d"]);
    let r = await cli(["split", "--image-path", dir, "--image-name", "nope"]);
    assert.equal(r.code, 1);
    oneLine(r.stderr);
    assert.match(r.stderr, /Cannot find nope\.scram/);
    assert.ok(!(await Array.fromAsync(Deno.readDir(dir))).some((e) => e.name === "nope.log"));
    r = await cli(["split", "--image-path", dir]);
    assert.equal(r.code, 2);
    const scram = await Deno.readFile(`${dir}/d.scram`);
    // Truncated .scram (not whole samples), then shorter than the TOC lead-out.
    await Deno.writeFile(`${dir}/d.scram`, scram.subarray(0, scram.length - 3));
    r = await run();
    assert.equal(r.code, 1);
    oneLine(r.stderr);
    assert.match(r.stderr, /d\.scram is truncated/);
    await Deno.writeFile(`${dir}/d.scram`, scram.subarray(0, scram.length - 300 * 2352));
    r = await run();
    assert.match(r.stderr, /d\.state has \d+ bytes but d\.scram has \d+ samples/);
    const state = await Deno.readFile(`${dir}/d.state`);
    await Deno.writeFile(`${dir}/d.state`, state.subarray(0, state.length - 300 * 588));
    r = await run();
    assert.match(r.stderr, /lead-out at LBA 350 but d\.scram ends at LBA/);
    oneLine(r.stderr);
    await Deno.writeFile(`${dir}/d.scram`, scram);
    await Deno.writeFile(`${dir}/d.state`, state);
    const sub = await Deno.readFile(`${dir}/d.subcode`);
    const garbage = new Uint8Array(sub.length);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 2654435761) >>> 24;
    await Deno.writeFile(`${dir}/d.subcode`, garbage);
    r = await run();
    assert.match(r.stderr, /d\.subcode has no valid Q frame/);
    await Deno.writeFile(`${dir}/d.subcode`, sub.subarray(0, sub.length - 10 * 96));
    r = await run();
    assert.match(r.stderr, /d\.subcode has \d+ records but d\.scram has \d+ sectors/);
    assert.deepEqual(await outputs(dir), []);
    await Deno.writeFile(`${dir}/d.subcode`, sub);
    r = await run();
    assert.equal(r.code, 0, r.stderr);
  });
});
