// Copyright 2026 the sectorkit authors. MIT license.
/**
 * A drive that answers READ CD only for data (as QEMU's ide-cd does: no CD-DA reads of data
 * sectors) serving an ISO made by xorriso: dump → split gives back the ISO's user data.
 */
import assert from "node:assert/strict";
import { createPlatform } from "../../ffi/mod.ts";
import { loadIso } from "../../lib/cd/disc/iso_disc.ts";
import { GENERIC } from "../../lib/drive/virtual/profile.ts";
import { VirtualDrive } from "../../lib/drive/virtual/virtual_drive.ts";
import { runCdDump } from "../../lib/dump/run_cd_dump.ts";
import { runSplit } from "../../lib/cd/split/run_split.ts";
import { GENERIC_DRIVE } from "../../lib/dump/drive_config.ts";

const platform = createPlatform();

function hasXorriso(): boolean {
  try {
    return new Deno.Command("xorriso", { args: ["-version"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}

Deno.test({
  name: "dumping an xorriso ISO through a data-only READ CD drive gives back its user data",
  ignore: !hasXorriso(),
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "sk-iso-" });
    try {
      await Deno.mkdir(`${dir}/src`);
      const payload = new Uint8Array(200_000).map((_, i) => (i * 131 + (i >> 9)) & 0xff);
      await Deno.writeFile(`${dir}/src/payload.bin`, payload);
      const mk = await new Deno.Command("xorriso", {
        args: ["-as", "mkisofs", "-quiet", "-V", "SKDUMP", "-o", `${dir}/t.iso`, `${dir}/src`],
        stdout: "null",
        stderr: "piped",
      }).output();
      assert.ok(mk.success, new TextDecoder().decode(mk.stderr));
      const iso = await Deno.readFile(`${dir}/t.iso`);
      const drive = new VirtualDrive(
        await loadIso(`${dir}/t.iso`, platform.fs),
        { ...GENERIC, cddaOnData: "error" },
        { path: "virtual:t.iso" },
      );
      const r = await runCdDump(
        { transport: drive, config: GENERIC_DRIVE, imagePath: dir, imageName: "d" },
        platform,
      );
      assert.equal(r.counters.scsiErrors, 0);
      const s = await runSplit({ imagePath: dir, imageName: "d", writeLog: false }, platform);
      assert.equal(s.tracks.filter((t) => t.inCue).length, 1);
      const bin = await Deno.readFile(`${dir}/d.bin`);
      assert.equal(bin.length / 2352, iso.length / 2048);
      for (let i = 0; i < iso.length / 2048; i++) {
        const user = bin.subarray(i * 2352 + 16, i * 2352 + 16 + 2048);
        if (!user.every((b, k) => b === iso[i * 2048 + k])) throw new Error(`sector ${i} differs`);
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
