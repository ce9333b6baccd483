// Copyright 2026 the sectorkit authors. MIT license.
/** `sectorkit disc`, `dump` and `refine` run as a user runs them, against the virtual drive. */
import assert from "node:assert/strict";
import { lockPath } from "../../lib/dump/drive_lock.ts";
import { runMain } from "../helpers/run_main.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;

const cli = runMain;

Deno.test("sectorkit disc --drive virtual:demo dumps, splits and prints the DAT lines", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sk-disc-" });
  try {
    const r = await cli([
      "disc",
      "--drive",
      "virtual:demo",
      "--image-path",
      dir,
      "--image-name",
      "demo",
    ]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /write offset: \+12/);
    assert.match(r.err, /<rom name="demo \(Track 1\)\.bin" size="2352000" crc="ca42918c"/);
    for (const ext of ["scram", "state", "subcode", "toc", "fulltoc", "cdtext", "cue", "log"]) {
      assert.ok((await Deno.stat(`${dir}/demo.${ext}`)).isFile, ext);
    }
    const log = await Deno.readTextFile(`${dir}/demo.log`);
    assert.match(log, /^=== \d{4}-\d\d-\d\d \d\d:\d\d:\d\d ===/m);
    assert.match(log, /disc write offset: \+12/);
    // A second run on the same set resumes: nothing left to read.
    const j = await cli([
      "dump",
      "--drive",
      "virtual:demo",
      "--image-path",
      dir,
      "--image-name",
      "demo",
      "--json",
    ]);
    assert.equal(j.code, 0, j.err);
    const res = JSON.parse(j.out);
    assert.equal(res.resumed, true);
    assert.equal(res.incompleteSectors, 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("sectorkit dump --json with the mediatek profile, then refine; a different disc is refused", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sk-dump-" });
  try {
    const spec = `${dir}/other.json`;
    await Deno.writeTextFile(spec, JSON.stringify({ tracks: [{ type: "audio", length: 300 }] }));
    const d = await cli([
      "dump",
      "--drive",
      "virtual:demo",
      "--virtual-drive",
      "mediatek",
      "--image-path",
      dir,
      "--image-name",
      "m",
      "--json",
    ]);
    assert.equal(d.code, 0, d.err);
    const j = JSON.parse(d.out);
    assert.equal(j.command, "dump");
    assert.equal(j.config.type, "MTK3");
    assert.equal(j.config.readOffset, 6);
    assert.equal(j.range.start, -135);
    assert.deepEqual(j.errors, { scsi: 0, c2: 0, c2Samples: 0, q: 0 });
    const rf = await cli([
      "refine",
      "--drive",
      "virtual:demo",
      "--image-path",
      dir,
      "--image-name",
      "m",
      "--retries",
      "2",
      "--json",
    ]);
    assert.equal(rf.code, 0, rf.err);
    assert.equal(JSON.parse(rf.out).incompleteSectors, 0);
    const other = await cli([
      "refine",
      "--drive",
      `virtual:${spec}`,
      "--image-path",
      dir,
      "--image-name",
      "m",
      "--retries",
      "1",
    ]);
    assert.equal(other.code, 2);
    assert.match(other.err, /TOC differs.*--force-refine/);
    const clobber = await cli([
      "dump",
      "--drive",
      `virtual:${spec}`,
      "--image-path",
      dir,
      "--image-name",
      "m",
    ]);
    assert.equal(clobber.code, 2);
    assert.match(clobber.err, /another disc; use --overwrite/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("sectorkit disc refuses a drive another disc job holds (lock file)", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sk-lock-" });
  try {
    const lock = lockPath(dir, "virtual:demo");
    await Deno.writeTextFile(lock, "{}\n");
    const r = await cli(["disc", "--drive", "virtual:demo", "--image-path", dir], { TMPDIR: dir });
    assert.equal(r.code, 1);
    assert.match(r.err, /virtual:demo is in use by another sectorkit job/);
    await Deno.remove(lock);
    const ok = await cli(
      ["disc", "--drive", "virtual:demo", "--image-path", dir, "--image-name", "x", "--quiet"],
      { TMPDIR: dir },
    );
    assert.equal(ok.code, 0, ok.err);
    await assert.rejects(Deno.stat(lock), "the lock is released at the end");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("dump/refine/disc: --help, bad options and the default command", async () => {
  for (const c of ["dump", "refine", "disc"]) {
    const h = await cli([c, "--help"]);
    assert.equal(h.code, 0);
    assert.match(h.out, /Example/);
  }
  const bad = await cli(["dump", "--drive", "virtual:demo", "--drive-type", "SONY"]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /Unknown --drive-type "SONY"/);
  const noName = await cli(["refine", "--drive", "virtual:demo"]);
  assert.equal(noName.code, 2);
  assert.match(noName.err, /--image-name/);
  const skip = await cli(["dump", "--drive", "virtual:demo", "--skip", "9-3"]);
  assert.equal(skip.code, 2);
  // With no command, sectorkit runs disc: options go to it.
  const def = await cli(["--drive-type", "SONY", "--drive", "virtual:demo"]);
  assert.equal(def.code, 2);
  assert.match(def.err, /sectorkit disc: Unknown --drive-type/);
});

Deno.test("sectorkit dump stops cleanly on SIGINT (exit 130) and a re-run completes the set", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sk-sigint-" });
  try {
    const spec = `${dir}/long.json`;
    await Deno.writeTextFile(
      spec,
      JSON.stringify({ seed: 3, tracks: [{ type: "audio", length: 40000 }] }),
    );
    const args = ["run", "-A", MAIN, "dump", "--drive", `virtual:${spec}`, "--image-path", dir];
    const child = new Deno.Command(Deno.execPath(), {
      args: [...args, "--image-name", "s", "--json"],
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    // Wait until sectors are being written, then interrupt.
    for (let i = 0; i < 600; i++) {
      const st = await Deno.stat(`${dir}/s.state`).catch(() => null);
      if (st && st.size > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill("SIGINT");
    const out = await child.output();
    const text = new TextDecoder().decode(out.stdout);
    if (out.code === 0) {
      console.log("the dump finished before SIGINT arrived; interruption not exercised");
    } else {
      assert.equal(out.code, 130, new TextDecoder().decode(out.stderr));
      assert.equal(JSON.parse(text).interrupted, true);
      assert.match(await Deno.readTextFile(`${dir}/s.log`), /dump interrupted at LBA/);
    }
    const again = await cli([...args.slice(3), "--image-name", "s", "--json", "--quiet"]);
    assert.equal(again.code, 0, again.err);
    const j = JSON.parse(again.out);
    assert.equal(j.resumed, true);
    assert.equal(j.incompleteSectors, 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
