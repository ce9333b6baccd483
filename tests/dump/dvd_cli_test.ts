// Copyright 2026 the sectorkit authors. MIT license.
/** `sectorkit disc`, `dump` and `refine` on a virtual DVD, run as a user runs them. */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { hasXorriso, makeIso, writeSpec } from "./helpers/dvd_fixture.ts";
import { runMain } from "../helpers/run_main.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;

const cli = runMain;

const ignore = !hasXorriso();

Deno.test({
  name: "sectorkit disc --json on a virtual DVD: dump, refine, hashes, DAT line and volume",
  ignore,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "sk-dvdcli-" });
    try {
      const iso = await makeIso(dir);
      const spec = await writeSpec(dir, "dvd", { medium: "dvd", bca: true });
      const profile = `${dir}/flaky.json`;
      await Deno.writeTextFile(
        profile,
        JSON.stringify({ base: "plextor", errors: { scsi: 0.004, seed: 5 } }),
      );
      const r = await cli([
        "disc",
        "--drive",
        `virtual:${spec}`,
        "--virtual-drive",
        profile,
        "--image-path",
        `${dir}/out`,
        "--image-name",
        "Game (USA)",
        "--retries",
        "8",
        "--json",
      ]);
      assert.equal(r.code, 0, r.err);
      const j = JSON.parse(r.out);
      assert.equal(j.medium, "dvd");
      assert.ok(j.dump.errors.scsi > 0);
      assert.equal(j.refine.incompleteSectors, 0);
      assert.equal(j.splitError, null);
      const src = await Deno.readFile(iso);
      const sha1 = createHash("sha1").update(src).digest("hex");
      const md5 = createHash("md5").update(src).digest("hex");
      assert.equal(j.split.hashes[0].sha1, sha1);
      assert.equal(j.split.pvd.volumeId, "DVDTEST");
      assert.match(
        j.dat[0],
        new RegExp(
          `^<rom name="Game \\(USA\\)\\.iso" size="${src.length}" crc="[0-9a-f]{8}" md5="${md5}" sha1="${sha1}" />$`,
        ),
      );
      for (const ext of ["iso", "state", "physical", "manufacturer", "bca", "log", "dat"]) {
        assert.ok((await Deno.stat(`${dir}/out/Game (USA).${ext}`)).isFile, ext);
      }
      // `sectorkit split` on the DVD set checks the states and hashes NAME.iso the same way
      const sp = await cli([
        "split",
        "--image-path",
        `${dir}/out`,
        "--image-name",
        "Game (USA)",
        "--json",
      ]);
      assert.equal(sp.code, 0, sp.err);
      const sj = JSON.parse(sp.out);
      assert.equal(sj.errorSectors, 0);
      assert.equal(sj.hash.datLines[0], j.dat[0]);
      // an unread sector makes split refuse with one line
      const state = await Deno.readFile(`${dir}/out/Game (USA).state`);
      state[5] = 0;
      await Deno.writeFile(`${dir}/out/Game (USA).state`, state);
      const bad = await cli(["split", "--image-path", `${dir}/out`, "--image-name", "Game (USA)"]);
      assert.notEqual(bad.code, 0);
      assert.match(
        bad.err,
        /SCSI errors detected, unable to continue \(1 unread sector\(s\) from LBA 5/,
      );
      assert.equal(bad.err.trim().split("\n").length, 1, bad.err);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "refine of a missing DVD set and dump of another disc into a set: one line, non-zero exit",
  ignore,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "sk-dvdcli-" });
    try {
      await makeIso(dir);
      const a = await writeSpec(dir, "a", { medium: "dvd" });
      const b = await writeSpec(dir, "b", { medium: "dvd", layers: 2 });
      const common = ["--image-path", `${dir}/out`, "--image-name", "x", "-q"];
      const missing = await cli(["refine", "--drive", `virtual:${a}`, ...common, "--retries", "2"]);
      assert.notEqual(missing.code, 0);
      assert.equal(missing.err.trim().split("\n").length, 1, missing.err);
      assert.match(missing.err, /not found/);
      const d = await cli(["dump", "--drive", `virtual:${a}`, ...common]);
      assert.equal(d.code, 0, d.err);
      const other = await cli(["refine", "--drive", `virtual:${b}`, ...common, "--retries", "2"]);
      assert.equal(other.code, 2);
      assert.equal(other.err.trim().split("\n").length, 1, other.err);
      assert.match(other.err, /different disc/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "sectorkit disc on a damaged virtual DVD: split refuses (exit 3), --force-split hashes",
  ignore,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "sk-dvdcli-" });
    try {
      await makeIso(dir);
      const spec = await writeSpec(dir, "dmg", {
        medium: "dvd",
        damage: { unreadable: [[40, 41]] },
      });
      const common = [
        "--drive",
        `virtual:${spec}`,
        "--image-path",
        `${dir}/out`,
        "--image-name",
        "d",
      ];
      const r = await cli(["disc", ...common, "--retries", "1"]);
      assert.equal(r.code, 3, r.err);
      assert.match(
        r.err,
        /split failed: SCSI errors detected, unable to continue \(1 unread sector\(s\) from LBA 40/,
      );
      const f = await cli(["disc", ...common, "--force-split", "--json"]);
      assert.equal(f.code, 3, f.err);
      const j = JSON.parse(f.out);
      assert.equal(j.splitError, null);
      assert.equal(j.split.errorSectors, 1);
      assert.match(j.dat[0], /^<rom name="d\.iso" /);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("sectorkit dump of a DVD stops cleanly on SIGINT (exit 130); a re-run completes the set", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sk-dvdsig-" });
  try {
    // 32 MiB, sparse but for a marker per MiB: long enough to be interrupted, cheap to write.
    const f = await Deno.open(`${dir}/big.iso`, { write: true, create: true });
    for (let m = 0; m < 32; m++) {
      await f.seek(m << 20, Deno.SeekMode.Start);
      await f.write(new TextEncoder().encode(`MiB ${m}`));
    }
    await f.truncate(32 << 20);
    f.close();
    await Deno.writeTextFile(`${dir}/big.json`, JSON.stringify({ medium: "dvd", iso: "big.iso" }));
    const args = ["dump", "--drive", `virtual:${dir}/big.json`, "--image-path", `${dir}/out`];
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", MAIN, ...args, "--image-name", "s", "--json"],
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    // The structures are written just before the reads start.
    for (let i = 0; i < 600; i++) {
      if (await Deno.stat(`${dir}/out/s.physical`).catch(() => null)) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill("SIGINT");
    const out = await child.output();
    if (out.code === 0) {
      console.log("the dump finished before SIGINT arrived; interruption not exercised");
    } else {
      assert.equal(out.code, 130, new TextDecoder().decode(out.stderr));
      const j = JSON.parse(new TextDecoder().decode(out.stdout));
      assert.equal(j.interrupted, true);
      assert.ok(j.sectorsRead < 16384);
      assert.match(await Deno.readTextFile(`${dir}/out/s.log`), /forced stop/);
    }
    const again = await cli([...args, "--image-name", "s", "--json", "--quiet"]);
    assert.equal(again.code, 0, again.err);
    const j = JSON.parse(again.out);
    assert.equal(j.resumed, true);
    assert.equal(j.incompleteSectors, 0);
    assert.deepEqual(
      await Deno.readFile(`${dir}/out/s.iso`),
      await Deno.readFile(`${dir}/big.iso`),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
