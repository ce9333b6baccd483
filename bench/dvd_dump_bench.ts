// Copyright 2026 the sectorkit authors. MIT license.
/**
 * DVD dump throughput against the virtual drive with zero simulated latency: MB/s and × DVD
 * (1385 kB/s) of `runDvdPass` (READ(12) batches of 32 into .iso + .state), next to the virtual
 * drive alone answering the same READ(12)s (no file output), so the split between drive model
 * and pipeline is visible.
 *
 *   deno bench -A bench/dvd_dump_bench.ts          (Deno.bench, 32 MiB)
 *   deno run -A bench/dvd_dump_bench.ts [MIB]      (report, default 256 MiB)
 */
import { createPlatform } from "../ffi/mod.ts";
import { loadIso } from "../lib/cd/disc/iso_disc.ts";
import { PLEXTOR } from "../lib/drive/virtual/profile.ts";
import { VirtualDrive } from "../lib/drive/virtual/virtual_drive.ts";
import { read12Cdb } from "../lib/scsi/cdb_spc.ts";
import { DVD_1X, runDvdPass } from "../lib/dump/run_dvd_dump.ts";

const platform = createPlatform();

async function makeIso(dir: string, mib: number): Promise<string> {
  const path = `${dir}/bench.iso`;
  const f = await Deno.open(path, { write: true, create: true, truncate: true });
  const chunk = new Uint8Array(1 << 20);
  for (let m = 0; m < mib; m++) {
    for (let i = 0; i < chunk.length; i += 4096) chunk[i] = (m + i) & 0xff;
    await f.write(chunk);
  }
  f.close();
  return path;
}

async function drive(iso: string): Promise<VirtualDrive> {
  return new VirtualDrive(await loadIso(iso, platform.fs, "dvd"), PLEXTOR);
}

/** Dumps the ISO; returns bytes per second. */
async function dumpOnce(dir: string, iso: string): Promise<number> {
  const t = await drive(iso);
  const t0 = performance.now();
  const r = await runDvdPass(
    {
      transport: t,
      medium: "dvd",
      imagePath: `${dir}/out`,
      imageName: "b",
      overwrite: true,
    },
    "dump",
    platform,
  );
  const s = (performance.now() - t0) / 1000;
  if (r.errorSectors) throw new Error("errors in the bench dump");
  return r.sectorsRead * 2048 / s;
}

/** The virtual drive alone: READ(12) × 32 over the whole disc; bytes per second. */
async function driveOnly(iso: string): Promise<number> {
  const t = await drive(iso);
  const sectors = (await Deno.stat(iso)).size / 2048;
  const buf = new Uint8Array(32 * 2048);
  const t0 = performance.now();
  for (let lba = 0; lba < sectors; lba += 32) {
    const n = Math.min(32, sectors - lba);
    await t.execute(read12Cdb(lba, n), "in", buf.subarray(0, n * 2048));
  }
  return sectors * 2048 / ((performance.now() - t0) / 1000);
}

if (import.meta.main) {
  const mib = Number(Deno.args[0] ?? 256);
  const dir = await Deno.makeTempDir({ prefix: "sk-dvdbench-" });
  try {
    const iso = await makeIso(dir, mib);
    await dumpOnce(dir, iso); // warm-up (page cache, JIT)
    const rates: number[] = [];
    for (let i = 0; i < 3; i++) rates.push(await dumpOnce(dir, iso));
    const drv = await driveOnly(iso);
    const best = Math.max(...rates);
    const mb = (x: number): string => (x / 1e6).toFixed(1);
    console.log(`DVD dump of ${mib} MiB against the virtual drive (zero latency):`);
    console.log(
      `  dump (runDvdPass):  ${mb(best)} MB/s = ${(best / DVD_1X).toFixed(1)}x DVD` +
        `  (runs: ${rates.map(mb).join(", ")} MB/s)`,
    );
    console.log(`  virtual drive only: ${mb(drv)} MB/s = ${(drv / DVD_1X).toFixed(1)}x DVD`);
    console.log(`  pipeline share of the time: ${((1 - best / drv) * 100).toFixed(0)}%`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
} else {
  const dir = await Deno.makeTempDir({ prefix: "sk-dvdbench-" });
  const iso = await makeIso(dir, 32);
  Deno.bench("runDvdPass dump, 32 MiB DVD, virtual drive", async () => {
    await dumpOnce(dir, iso);
  });
  Deno.bench("virtual drive READ(12) x32 only, 32 MiB", async () => {
    await driveOnly(iso);
  });
  globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
}
