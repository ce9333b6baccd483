// Copyright 2026 the sectorkit authors. MIT license.
// Stress of the io_uring benchmark engine, to show it cannot corrupt Deno's memory: child processes
// keep 1–64 requests of 4 KiB–1 MiB in flight on a file (tmpfs and /var/tmp; a loop device too when root), submit at
// every reap (calls with min_complete 0), create garbage so that V8 collects and compacts all the
// time, sometimes close the queue with requests still in flight, and check every block they read
// (each 4 KiB block holds its own index), yielding to the event loop now and then. A crash (signal)
// or a wrong block fails the round.
//
//   deno run -A bench/io_uring_stress.ts [ROUNDS=30] [SECONDS=4]
import { openLinuxBenchQueue } from "../ffi/linux/bench_queue.ts";

const BLOCKS = 8192; // 32 MiB

async function child(path: string, seed: number, seconds: number): Promise<void> {
  let x = seed >>> 0 || 1;
  const rnd = (n: number): number => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
  const end = performance.now() + seconds * 1000;
  let checked = 0;
  let garbage: unknown[] = [];
  while (performance.now() < end) {
    const depth = [1, 4, 32, 64][rnd(4)];
    // One queue in four uses 64 KiB–1 MiB buffers: the engine puts those in transparent huge pages.
    const bs = rnd(4) === 0 ? 65536 << rnd(5) : 4096 * (1 + rnd(4));
    const q = openLinuxBenchQueue(path, {
      write: false,
      direct: rnd(4) !== 0,
      exclusive: false,
      depth,
      bufferSize: bs,
      engine: "io_uring",
    });
    const offsets = new Float64Array(depth);
    const issue = (slot: number): void => {
      offsets[slot] = rnd(BLOCKS - bs / 4096) * 4096;
      q.submit(slot, offsets[slot], bs, false);
    };
    for (let s = 0; s < depth; s++) issue(s);
    const ios = 500 + rnd(5000);
    for (let n = 0; n < ios; n++) {
      const k = q.reap(1) as number;
      for (let i = 0; i < k; i++) {
        const slot = q.done.slot[i];
        if (q.done.result[i] !== bs) throw new Error(`result ${q.done.result[i]}`);
        const v = new Uint32Array(q.buffer(slot).buffer, q.buffer(slot).byteOffset, bs / 4);
        for (let b = 0; b < bs / 4096; b++) {
          if (v[b * 1024] !== offsets[slot] / 4096 + b) {
            throw new Error(`block at ${offsets[slot] + b * 4096} holds ${v[b * 1024]}`);
          }
        }
        checked++;
        issue(slot);
      }
      if (n % 64 === 0) garbage.push(new Array(200).fill({ n }), new Uint8Array(rnd(100_000)));
      // Let the event loop run now and then (timers, as the CLI does while it measures).
      if (n % 256 === 0) await new Promise((r) => setTimeout(r, rnd(2)));
      if (garbage.length > 2000) garbage = [];
    }
    // Half of the time: close with everything still in flight.
    if (rnd(2)) { while ((q.reap(64) as number) > 0); }
    q.close();
  }
  console.log(`child ${seed}: ${checked} blocks checked`);
}

async function main(): Promise<void> {
  const rounds = Number(Deno.args[0] ?? 30);
  const seconds = Number(Deno.args[1] ?? 4);
  const data = new Uint8Array(BLOCKS * 4096);
  const v = new Uint32Array(data.buffer);
  for (let b = 0; b < BLOCKS; b++) v.fill(b, b * 1024, b * 1024 + 1024);
  const targets: string[] = [];
  for (const dir of ["/dev/shm", "/var/tmp"]) {
    const p = await Deno.makeTempFile({ dir, suffix: ".stress" });
    await Deno.writeFile(p, data);
    targets.push(p);
  }
  let loop = "";
  if (Deno.uid() === 0) {
    const out = await new Deno.Command("losetup", {
      args: ["-f", "--show", "-r", "--direct-io=on", targets[1]],
    }).output();
    if (out.success) targets.push(loop = new TextDecoder().decode(out.stdout).trim());
  }
  let crashes = 0;
  let failures = 0;
  try {
    for (let r = 0; r < rounds; r++) {
      const target = targets[r % targets.length];
      const out = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          new URL(import.meta.url).pathname,
          "--child",
          target,
          String(r + 1),
          String(seconds),
        ],
        stdout: "piped",
        stderr: "piped",
      }).output();
      const text = new TextDecoder().decode(out.stdout).trim();
      if (out.signal) crashes++;
      else if (!out.success) failures++;
      console.log(
        `round ${r + 1} ${target}: ${
          out.signal ? `CRASH ${out.signal}` : out.success ? "ok" : "FAILED"
        } ${text}` +
          (out.success ? "" : ` ${new TextDecoder().decode(out.stderr).slice(-400)}`),
      );
    }
  } finally {
    if (loop) await new Deno.Command("losetup", { args: ["-d", loop] }).output();
    for (const t of targets.slice(0, 2)) await Deno.remove(t);
  }
  console.log(`${rounds} rounds: ${crashes} crashes, ${failures} failures`);
  if (crashes || failures) Deno.exit(1);
}

if (Deno.args[0] === "--child") {
  await child(Deno.args[1], Number(Deno.args[2]), Number(Deno.args[3]));
} else await main();
