// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { createPlatform } from "../../ffi/mod.ts";
import { runInfo } from "../../lib/cd/info/run_info.ts";

const haveXorriso = (() => {
  try {
    return new Deno.Command("xorriso", { args: ["-version"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
})();

Deno.test({
  name: "runInfo() reads the PVD, files and PSX serial of an xorriso-made NAME.iso (needs xorriso)",
  ignore: !haveXorriso,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "sectorkit-info-iso-" });
    try {
      await Deno.mkdir(`${dir}/root/DATA`, { recursive: true });
      await Deno.writeTextFile(`${dir}/root/SYSTEM.CNF`, "BOOT = cdrom:\\SLUS_012.34;1\r\n");
      await Deno.writeFile(`${dir}/root/DATA/A.BIN`, new Uint8Array(5000));
      const o = await new Deno.Command("xorriso", {
        args: [
          "-as",
          "mkisofs",
          "-V",
          "ISO_TEST",
          "-sysid",
          "PLAYSTATION",
          "-o",
          `${dir}/g.iso`,
          `${dir}/root`,
        ],
        stdout: "null",
        stderr: "piped",
      }).output();
      assert.ok(o.success, new TextDecoder().decode(o.stderr));
      const r = await runInfo(
        { imagePath: dir, imageName: "g", writeLog: false },
        createPlatform(),
      );
      const t = r.dataTracks[0];
      assert.equal(t.pvd?.volumeId, "ISO_TEST");
      assert.equal(t.pvd?.systemId, "PLAYSTATION");
      assert.ok(t.files.some((e) => /^\/DATA\/A\.BIN/.test(e.path) && e.size === 5000));
      assert.deepEqual(t.playstation, { system: "PSX", exe: "SLUS_012.34", serial: "SLUS-01234" });
      assert.ok(r.lines.includes("  serial: SLUS-01234"));
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
