// Copyright 2026 the sectorkit authors. MIT license.
// The drive commands run as a user runs them: `deno run -A main.ts …` in a subprocess.
import assert from "node:assert/strict";

const main = new URL("../../main.ts", import.meta.url).pathname;

async function sectorkit(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const o = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", main, ...args],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const d = new TextDecoder();
  return { code: o.code, stdout: d.decode(o.stdout), stderr: d.decode(o.stderr) };
}

Deno.test("sectorkit drive test --drive virtual:demo --virtual-drive mediatek prints an option line", async () => {
  const r = await sectorkit(
    "drive",
    "test",
    "--drive",
    "virtual:demo",
    "--virtual-drive",
    "mediatek",
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /MediaTek cache \(F1\): yes, 3 MiB readable/);
  assert.match(
    r.stdout,
    /^--drive-type=MTK3 --drive-read-offset=\+6 .*--drive-read-method=BE --drive-sector-order=DATA_C2_SUB$/m,
  );
});

Deno.test("sectorkit drive info --json and --help; bad drive spec exits non-zero with one line", async () => {
  const r = await sectorkit("drive", "info", "--drive", "virtual:demo", "--json");
  assert.equal(r.code, 0, r.stderr);
  const info = JSON.parse(r.stdout);
  assert.equal(info.inquiry.vendor, "PLEXTOR");
  assert.equal(info.database.status, "known-good");
  const h = await sectorkit("drive", "--help");
  assert.equal(h.code, 0);
  assert.match(h.stdout, /EXPERIMENTAL/);
  assert.match(h.stdout, /sectorkit drive test --drive virtual:demo/);
  const bad = await sectorkit("drive", "info", "--drive", "/nonexistent/sr9");
  assert.notEqual(bad.code, 0);
  assert.equal(bad.stderr.trim().split("\n").length, 1, bad.stderr);
  assert.match(
    bad.stderr,
    /^sectorkit drive: Cannot open \/nonexistent\/sr9: No such file or directory \(ENOENT\)/,
  );
});

Deno.test({
  name: "sectorkit drives --json lists this machine's block devices (Linux)",
  ignore: Deno.build.os !== "linux",
  async fn() {
    const r = await sectorkit("drives", "--json");
    assert.equal(r.code, 0, r.stderr);
    const { drives } = JSON.parse(r.stdout) as { drives: { path: string; kind: string }[] };
    assert.ok(Array.isArray(drives));
    for (const d of drives) assert.match(d.path, /^\/dev\//);
  },
});

Deno.test("sectorkit drive info shows DVD physical format information for a DVD-sized disc", async () => {
  const iso = await Deno.makeTempFile({ suffix: ".iso" });
  try {
    await Deno.truncate(iso, 800 * 1024 * 1024); // sparse: above the 737,280,000-byte CD limit
    const r = await sectorkit(
      "drive",
      "info",
      "--drive",
      `virtual:${iso}`,
      "--virtual-drive",
      "plextor",
      "--json",
    );
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.configuration.currentProfile, "DVD-ROM");
    assert.deepEqual([j.dvd.layers, j.dvd.startPsn, j.dvd.bookType], [1, 0x30000, 0]);
    assert.ok(j.dvd.structures.includes(0));
    assert.equal(j.toc.tracks.length, 2);
  } finally {
    await Deno.remove(iso);
  }
});
