// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Runs INSIDE the QEMU test guest (scripts/qemu/run_guest.sh): `sectorkit dump` of the ide-cd
 * drive holding the test ISO, written straight to the shared result directory so the host can
 * split it. Writes `<outdir>/results.jsonl` (one JSON object per line).
 *
 * usage (guest): deno run -A scripts/qemu/guest_dump.ts OUTDIR
 *
 * @module
 */
import { createPlatform } from "../../ffi/mod.ts";
import { openSgIo } from "../../ffi/linux/sg_io.ts";
import { COMMANDS } from "../../lib/cli/registry.ts";
import { runCli } from "../../lib/cli/run_cli.ts";
import { Mmc } from "../../lib/scsi/mmc.ts";
import * as cmd from "../../lib/scsi/mmc_commands.ts";

const out = Deno.args[0] ?? "/share";

function emit(name: string, data: Record<string, unknown>): void {
  const line = JSON.stringify({ name, ...data });
  console.log(`SKQ ${line}`);
  Deno.writeTextFileSync(`${out}/results.jsonl`, line + "\n", { append: true });
}

const platform = createPlatform();
try {
  let dev = "/dev/sr0";
  let dvdDev: string | null = null;
  let found = false;
  for (const d of (await platform.scsi!.list()).filter((d) => d.kind === "optical")) {
    if (d.product === "QEMU CD-ROM") continue; // the virtio scsi-cd
    const t = openSgIo(d.path);
    try {
      let e = await cmd.testUnitReady(new Mmc(t));
      for (let i = 0; i < 3 && e && e.senseKey === 6; i++) e = await cmd.testUnitReady(new Mmc(t));
      if (e !== null) continue;
      // The optional 4th drive holds a DVD-sized image (run_guest.sh DVD_IMAGE).
      if (await cmd.currentProfile(new Mmc(t)) === 0x10) dvdDev ??= d.path;
      else if (!found) {
        dev = d.path;
        found = true;
      }
    } finally {
      t.close();
    }
  }
  let stdout = "", stderr = "";
  const console = {
    ...platform.console,
    out: (t: string) => void (stdout += t),
    err: (t: string) => void (stderr += t),
    stderrIsTerminal: false,
  };
  const t0 = performance.now();
  const code = await runCli(
    ["dump", "--drive", dev, "--image-path", `${out}/dump`, "--image-name", "g", "--json"],
    COMMANDS,
    { ...platform, console },
  );
  emit("dump", {
    ok: true,
    device: dev,
    code,
    json: stdout ? JSON.parse(stdout) : null,
    stderr: stderr.slice(-2000),
    ms: Math.round(performance.now() - t0),
  });
  if (dvdDev) {
    // DVD path over SG_IO: structures + READ(12) batches, a short range (TCG is slow).
    stdout = "";
    stderr = "";
    const t1 = performance.now();
    const dvdArgs = ["--image-path", `${out}/dvd`, "--image-name", "d", "--lba-end", "320"];
    const dvdCode = await runCli(
      ["dump", "--drive", dvdDev, ...dvdArgs, "--json"],
      COMMANDS,
      { ...platform, console },
    );
    emit("dvd_dump", {
      ok: true,
      device: dvdDev,
      code: dvdCode,
      json: stdout ? JSON.parse(stdout) : null,
      stderr: stderr.slice(-2000),
      ms: Math.round(performance.now() - t1),
    });
  }
} catch (e) {
  emit("dump", { ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
}
emit("done", { ok: true });
