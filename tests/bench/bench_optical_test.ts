// Copyright 2026 the sectorkit authors. MIT license.
// `sectorkit bench virtual:DISC` against the virtual drive's timing model (lib/drive/virtual):
// the CAV PLEXTOR profile and the CLV generic profile, SET CD SPEED, and the SVG chart.
import assert from "node:assert/strict";
import { sh } from "../helpers/loop.ts";
import { runMain } from "../helpers/run_main.ts";

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await runMain(["bench", ...args]);
  return { code: r.code, stdout: r.out, stderr: r.err };
}

Deno.test("bench on the virtual drive tells CAV from CLV, sets the speed and draws the curve", async () => {
  const dir = await Deno.makeTempDir();
  try {
    // 60000 sectors (13:20) of mode-1 data: the radius grows from 25 to about 33 mm.
    const disc = `${dir}/disc.json`;
    await Deno.writeTextFile(disc, JSON.stringify({ tracks: [{ type: "mode1", length: 60000 }] }));
    const cav = await cli([`virtual:${disc}`, "--surface", "12", "--seeks", "4", "--json", "-q"]);
    assert.equal(cav.code, 0, cav.stderr);
    const j = JSON.parse(cav.stdout);
    assert.equal(j.engine, "scsi");
    assert.deepEqual(j.results, []);
    assert.equal(j.zones.length, 12);
    assert.equal(j.optical.media, "cd");
    assert.equal(j.optical.sectors, 60000);
    assert.equal(j.optical.strategy, "CAV");
    // 48× CAV at the edge (58 mm): 48 × 25/58 ≈ 20.7× at LBA 0.
    assert.ok(Math.abs(j.optical.speedX.start - 20.7) < 0.5, String(j.optical.speedX.start));
    assert.ok(j.optical.speedX.end > j.optical.speedX.start * 1.2);
    assert.ok(j.optical.seekMs.full > j.optical.seekMs.third);

    const svg = `${dir}/clv.svg`;
    const clv = await cli([
      `virtual:${disc}`,
      "--virtual-drive",
      "generic",
      "--speed",
      "8",
      "--surface",
      "12",
      "--seeks",
      "4",
      "--svg",
      svg,
      "--json",
      "-q",
    ]);
    assert.equal(clv.code, 0, clv.stderr);
    const c = JSON.parse(clv.stdout);
    assert.equal(c.optical.strategy, "CLV");
    assert.equal(c.optical.requestedSpeed, 8);
    assert.ok(
      c.optical.speedX.max <= 8.01 && c.optical.speedX.max > 7.5,
      String(c.optical.speedX.max),
    );
    const text = await Deno.readTextFile(svg);
    assert.equal(/class="speed-curve" points="([^"]*)"/.exec(text)![1].split(" ").length, 12);
    assert.equal(text.match(/class="seek-bar"/g)?.length, 3);
    await sh("rsvg-convert", ["-o", `${dir}/clv.png`, svg]);
    const png = await Deno.readFile(`${dir}/clv.png`);
    const v = new DataView(png.buffer);
    assert.deepEqual([v.getUint32(16), v.getUint32(20)], [900, 640]);

    const bad = await cli([`virtual:${disc}`, "--speed", "fast"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--speed must be/);
    const notOptical = await cli([dir, "--speed", "8"]);
    assert.equal(notOptical.code, 2);
    assert.match(notOptical.stderr, /need --optical/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
