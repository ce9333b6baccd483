// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * `sectorkit bench --optical DRIVE` / `sectorkit bench virtual:SOURCE`: the optical benchmark
 * through the drive's SCSI transport (or the virtual drive), printed as text, JSON or SVG.
 *
 * @module
 */
import { Progress } from "../cli/progress.ts";
import { ExitCode, InterruptedError } from "../errors.ts";
import type { Platform } from "../platform/mod.ts";
import { openDrive } from "../drive/open_drive.ts";
import type { BenchOptions } from "./bench_options.ts";
import { type OpticalReport, runOpticalBench } from "./optical_bench.ts";
import type { OpticalMedia } from "./optical_speed.ts";
import { renderOpticalSvg } from "./svg_optical.ts";

/** The JSON of an optical benchmark: the common keys plus `optical`. */
export function opticalJson(target: string, r: OpticalReport): Record<string, unknown> {
  const round = (v: number): number => Math.round(v * 1000) / 1000;
  return {
    target,
    engine: "scsi",
    results: [],
    zones: r.zones.map((z) => ({ ...z, speedX: round(z.speedX), mbps: round(z.mbps) })),
    optical: {
      media: r.media,
      profile: r.profile,
      sectors: r.sectors,
      requestedSpeed: r.requestedSpeed,
      strategy: r.strategy,
      speedX: {
        start: round(r.speed.start),
        end: round(r.speed.end),
        average: round(r.speed.average),
        max: round(r.speed.max),
      },
      seekMs: {
        random: round(r.seekMs.random),
        third: round(r.seekMs.third),
        full: round(r.seekMs.full),
      },
      spinUpMs: r.spinUpMs === null ? null : round(r.spinUpMs),
    },
  };
}

/** Runs the optical benchmark for the CLI; resolves to the exit code. */
export async function runOpticalCommand(o: BenchOptions, platform: Platform): Promise<number> {
  const { console, runtime } = platform;
  const t = await openDrive(o.target, platform, { virtualProfile: o.virtualDrive ?? undefined });
  let stop = false;
  const removeInterrupt = runtime.onInterrupt(() => (stop = true));
  const progress = new Progress(console, runtime, { quiet: o.quiet });
  try {
    const r = await runOpticalBench(t, {
      zones: o.surface || 20,
      media: (o.media ?? undefined) as OpticalMedia | undefined,
      speed: o.speed ?? undefined,
      seekSamples: o.seeks,
      now: () => runtime.now(),
      shouldStop: () => stop,
      onProgress: (z, n) => progress.update(() => `read-speed curve: zone ${z}/${n}`),
    });
    progress.done();
    if (stop) throw new InterruptedError();
    if (o.svg) await platform.fs.writeTextFile(o.svg, renderOpticalSvg(o.target, r));
    if (o.json) {
      console.out(JSON.stringify(opticalJson(o.target, r), null, 2) + "\n");
    } else if (o.csv) {
      console.out("zone,lba,speed_x,mbps\n");
      for (const z of r.zones) {
        console.out(`${z.index},${z.lba},${z.speedX.toFixed(2)},${z.mbps.toFixed(3)}\n`);
      }
    } else {
      const x = r.speed;
      console.out(
        `${o.target}: ${r.media.toUpperCase()}, ${r.sectors} sectors, ${r.strategy}` +
          `${r.requestedSpeed !== null ? ` (speed set to ${r.requestedSpeed}×)` : ""}\n` +
          `Read speed: start ${x.start.toFixed(2)}×, end ${x.end.toFixed(2)}×, average ${
            x.average.toFixed(2)
          }×, max ${x.max.toFixed(2)}×\n` +
          `Seek: random ${r.seekMs.random.toFixed(1)} ms, 1/3 stroke ${
            r.seekMs.third.toFixed(1)
          } ms, full stroke ${r.seekMs.full.toFixed(1)} ms` +
          `${r.spinUpMs !== null ? `; spin-up ${(r.spinUpMs / 1000).toFixed(2)} s` : ""}\n`,
      );
      for (const z of r.zones) {
        console.out(
          `  zone ${String(z.index).padStart(3)}  LBA ${String(z.lba).padStart(8)}  ` +
            `${z.speedX.toFixed(2).padStart(6)}×  ${z.mbps.toFixed(2).padStart(7)} MB/s\n`,
        );
      }
    }
    return ExitCode.Ok;
  } finally {
    removeInterrupt();
    t.close();
  }
}
