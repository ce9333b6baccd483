// Copyright 2026 the sectorkit authors. MIT license.
/**
 * End-to-end split of the 74-minute fixture (make it first with bench/make_split_fixture.ts):
 * read .scram/.state/.subcode, analyse, detect the offset, check, descramble, write 13 tracks,
 * CRC-32/MD5/SHA-1 + Universal Hash. Prints wall time, process CPU time and MB/s of .scram, with
 * hashing on workers and inline, and (Linux) the main thread's share of the CPU time (the rest is the
 * hash worker and the native hashing/write threads). Ratios only; the box is shared, so note the
 * load average.
 *
 *   deno run -A bench/make_split_fixture.ts && deno run -A bench/split_74min.ts [runs]
 */
import process from "node:process";
import { loadavg } from "node:os";
import { createPlatform } from "../ffi/mod.ts";
import { runSplit } from "../lib/cd/split/run_split.ts";
import { BENCH_DIR, BENCH_NAME } from "./make_split_fixture.ts";

const runs = Number(Deno.args[0] ?? 2);

/** CPU seconds of the main thread so far (Linux /proc), or NaN. */
function mainThreadCpu(): number {
  try {
    const s = Deno.readTextFileSync(`/proc/self/task/${Deno.pid}/stat`);
    const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

const size = (await Deno.stat(`${BENCH_DIR}/${BENCH_NAME}.scram`)).size;
const platform = createPlatform();
// Interleaved (on, off, on, off, …) so both modes see the same page-cache and writeback state.
for (let i = 0; i < runs; i++) {
  for (const workers of [true, false]) {
    const m0 = mainThreadCpu();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await runSplit({
      imagePath: BENCH_DIR,
      imageName: BENCH_NAME,
      overwrite: true,
      writeLog: false,
      hashWorkers: workers,
    }, platform);
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    const mainS = mainThreadCpu() - m0;
    console.log(
      `hash workers: ${workers ? "on " : "off"}  wall ${wall.toFixed(2)} s  ${
        (size / 1e6 / wall).toFixed(0)
      } MB/s  process CPU ${cpuS.toFixed(2)} s (${(size / 1e6 / cpuS).toFixed(0)} MB per CPU-s, ` +
        `main thread ${mainS.toFixed(2)} s)  ` +
        `load ${loadavg()[0].toFixed(1)}  offset ${r.writeOffset}  tracks ${r.tracks.length}`,
    );
  }
}
