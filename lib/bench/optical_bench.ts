// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The optical drive benchmark over a {@linkcode ScsiTransport}: read-speed curve by timed READ(12)
 * (DVD/BD) or READ CD (CD) per zone, the reading strategy from the curve, random / ⅓ / full-stroke
 * seek times, spin-up time, and SET CD SPEED. CDBs come from lib/scsi/.
 *
 * @module
 */
import { IoError } from "../errors.ts";
import type { ScsiTransport } from "../platform/scsi_transport.ts";
import { be32 } from "../scsi/bytes.ts";
import { getConfigurationCdb, setCdSpeedCdb } from "../scsi/cdb_mmc.ts";
import { read12Cdb, readCapacityCdb, startStopUnitCdb } from "../scsi/cdb_spc.ts";
import { READ_CD_PRESETS, readCdCdb } from "../scsi/read_cd.ts";
import {
  classifyCurve,
  mediaOfProfile,
  ONE_X_BYTES_PER_SECOND,
  type OpticalMedia,
  type ReadStrategy,
  speedX,
} from "./optical_speed.ts";
import { xorshift } from "./run_job.ts";

/** Options of {@linkcode runOpticalBench}. */
export interface OpticalBenchOptions {
  /** Zones of the curve (default 20). */
  zones?: number;
  /** Sectors read per zone (default 1024). */
  sectorsPerZone?: number;
  /** Sectors per command (default 16 for CD raw, 32 otherwise). */
  sectorsPerRead?: number;
  /** Media family, when GET CONFIGURATION cannot tell. */
  media?: OpticalMedia;
  /** Set the read speed (X) with SET CD SPEED first; 0 = the drive's maximum. */
  speed?: number;
  /** Seek samples per kind (default 10). */
  seekSamples?: number;
  /** Measure spin-up (stops the disc first; default true). */
  spinUp?: boolean;
  /** Monotonic ms clock, used when the transport does not report command times. */
  now: () => number;
  /** Progress per zone. */
  onProgress?: (zone: number, zones: number) => void;
  /** Stop early. */
  shouldStop?: () => boolean;
  /** Seed for the random seeks. */
  seed?: number;
}

/** One zone of the optical curve. */
export interface OpticalZone {
  /** Zone number. */
  index: number;
  /** First LBA read. */
  lba: number;
  /** Read speed in X. */
  speedX: number;
  /** Read speed in MB/s (10^6 B/s of sector data as transferred). */
  mbps: number;
}

/** What the optical benchmark measured. */
export interface OpticalReport {
  /** Media family. */
  media: OpticalMedia;
  /** MMC current profile, or null. */
  profile: number | null;
  /** Readable sectors (READ CAPACITY). */
  sectors: number;
  /** Speed requested with SET CD SPEED, in X (null: not set). */
  requestedSpeed: number | null;
  /** The curve. */
  zones: OpticalZone[];
  /** Start / end / average / maximum speed in X. */
  speed: { start: number; end: number; average: number; max: number };
  /** CLV, CAV, P-CAV, Z-CLV or unknown. */
  strategy: ReadStrategy;
  /** Average seek + read times of one sector, ms. */
  seekMs: { random: number; third: number; full: number };
  /** Time from a stopped disc to the first sector read, ms (null when not measured). */
  spinUpMs: number | null;
}

async function exec(
  t: ScsiTransport,
  cdb: Uint8Array,
  buf: Uint8Array | null,
  now: () => number,
  what: string,
): Promise<{ ok: boolean; ms: number }> {
  const t0 = now();
  const r = await t.execute(cdb, buf ? "in" : "none", buf, 30000);
  const ms = r.durationMs ?? now() - t0;
  const ok = r.status === 0 && r.transportError === 0;
  if (!ok && what) {
    const sense = r.sense.length >= 14
      ? ` (sense ${(r.sense[2] & 0xf).toString(16)}/${r.sense[12].toString(16)}/${
        r.sense[13].toString(16)
      })`
      : "";
    throw new IoError(`Cannot ${what} on ${t.path}: status ${r.status}${sense}`, { path: t.path });
  }
  return { ok, ms };
}

/**
 * Runs the optical benchmark.
 *
 * @example Usage
 * ```ts ignore
 * const report = await runOpticalBench(transport, { zones: 20, now: () => performance.now() });
 * console.log(report.strategy, report.speed.max);
 * ```
 */
export async function runOpticalBench(
  t: ScsiTransport,
  o: OpticalBenchOptions,
): Promise<OpticalReport> {
  const now = o.now;
  const cfg = new Uint8Array(8);
  const c = await exec(t, getConfigurationCdb("current", 0, 8), cfg, now, "");
  const profile = c.ok ? (cfg[6] << 8) | cfg[7] : null;
  const media = o.media ?? (profile === null ? null : mediaOfProfile(profile));
  if (!media) {
    throw new IoError(
      `Cannot tell the disc type in ${t.path} (profile ${profile}); pass the media type`,
      { path: t.path },
    );
  }
  const cap = new Uint8Array(8);
  await exec(t, readCapacityCdb(), cap, now, "read the capacity");
  const sectors = be32(cap, 0) + 1;
  let requestedSpeed: number | null = null;
  if (o.speed !== undefined) {
    const kbps = o.speed === 0 ? 0xffff : (o.speed * ONE_X_BYTES_PER_SECOND[media]) / 1000;
    await exec(t, setCdSpeedCdb(kbps), null, now, "set the read speed");
    requestedSpeed = o.speed;
  }
  const raw = media === "cd";
  const sectorBytes = raw ? 2352 : 2048;
  const perRead = o.sectorsPerRead ?? (raw ? 16 : 32);
  const buf = new Uint8Array(perRead * sectorBytes);
  const read = (lba: number, count: number, what: string) =>
    exec(
      t,
      raw ? readCdCdb(lba, count, READ_CD_PRESETS.raw) : read12Cdb(lba, count),
      buf.subarray(0, count * sectorBytes),
      now,
      what,
    );
  let spinUpMs: number | null = null;
  if (o.spinUp !== false) {
    const stop = await exec(t, startStopUnitCdb("stop"), null, now, "");
    if (stop.ok) {
      const start = await exec(t, startStopUnitCdb("start"), null, now, "spin up the disc");
      const first = await read(0, 1, "read sector 0");
      spinUpMs = start.ms + first.ms;
    }
  }
  const zonesN = Math.max(4, Math.min(o.zones ?? 20, Math.floor(sectors / perRead)));
  const perZone = Math.max(perRead * 2, o.sectorsPerZone ?? 1024);
  const zones: OpticalZone[] = [];
  for (let z = 0; z < zonesN && !o.shouldStop?.(); z++) {
    const first = Math.floor((z * sectors) / zonesN);
    const last = Math.min(sectors, first + perZone, Math.floor(((z + 1) * sectors) / zonesN));
    // The first read carries the seek; time the rest.
    await read(first, Math.min(perRead, last - first), `read sector ${first}`);
    let n = 0;
    let ms = 0;
    for (let lba = first + perRead; lba < last; lba += perRead) {
      const count = Math.min(perRead, last - lba);
      const r = await read(lba, count, `read sector ${lba}`);
      n += count;
      ms += r.ms;
    }
    if (n > 0 && ms > 0) {
      zones.push({
        index: z,
        lba: first,
        speedX: speedX(media, n, ms),
        mbps: (n * sectorBytes) / (ms / 1000) / 1e6,
      });
    }
    o.onProgress?.(z + 1, zonesN);
  }
  const rand = xorshift(o.seed ?? 4242);
  const samples = o.seekSamples ?? 10;
  const seek = async (from: (i: number) => number, to: (i: number) => number) => {
    let total = 0;
    const clamp = (lba: number): number => Math.max(0, Math.min(sectors - 1, lba));
    for (let i = 0; i < samples; i++) {
      await read(clamp(from(i)), 1, "seek");
      total += (await read(clamp(to(i)), 1, "seek")).ms;
    }
    return samples ? total / samples : 0;
  };
  const span = Math.max(1, sectors - 64 * samples - 2);
  const random = await seek(
    () => Math.floor(rand() * span),
    () => Math.floor(rand() * span),
  );
  const third = await seek(
    (i) => Math.floor(sectors / 3) + i * 64,
    (i) => Math.floor((2 * sectors) / 3) + i * 64,
  );
  const full = await seek((i) => i * 64, (i) => span - i * 64);
  const speeds = zones.map((z) => z.speedX);
  const strategy = classifyCurve(
    zones.map((z) => ({ position: (z.lba + perZone / 2) / sectors, speed: z.speedX })),
  );
  return {
    media,
    profile,
    sectors,
    requestedSpeed,
    zones,
    speed: {
      start: speeds[0] ?? 0,
      end: speeds[speeds.length - 1] ?? 0,
      average: speeds.length ? speeds.reduce((a, b) => a + b, 0) / speeds.length : 0,
      max: speeds.length ? Math.max(...speeds) : 0,
    },
    strategy,
    seekMs: { random, third, full },
    spinUpMs,
  };
}
