// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * `dump` and `refine` for DVD/BD (optical.md §7): structures first, then READ(12) batches of 32
 * sectors into `NAME.iso` + `NAME.state`. In the dump pass a SCSI error marks the whole batch
 * ERROR_SKIP (no per-sector fallback); a re-run continues with the sectors not yet SUCCESS.
 * Refine re-reads the failed runs (batches clamped to the run end) up to `--retries` times, with
 * FUA on every retry, and refuses a disc whose `.physical` differs unless `--force-refine`.
 *
 * @module
 */
import { NotFoundError, UsageError } from "../errors.ts";
import type { Platform } from "../platform/mod.ts";
import { read12Cdb } from "../scsi/cdb_spc.ts";
import { Mmc } from "../scsi/mmc.ts";
import { setCdSpeed } from "../scsi/mmc_commands.ts";
import { parsePvd } from "../cd/info/iso9660_mini.ts";
import { DumpLog, logHeader } from "./dump_log.ts";
import {
  type DvdDiscInfo,
  type OpticalMedium,
  readDvdDiscInfo,
  samePhysical,
  structureFiles,
  writeStructureFiles,
} from "./dvd_disc_info.ts";
import { badRuns, DvdStore } from "./dvd_store.ts";
import type { ReadPassOptions } from "./read_pass_options.ts";

/** Sectors per READ(12) (redumper's DVD_READ_SIZE). */
export const DVD_READ_SIZE = 32;
/** 1× DVD in bytes per second. */
export const DVD_1X = 1_385_000;
/** 1× BD in bytes per second. */
export const BD_1X = 4_500_000;

/** Options of a DVD/BD pass. */
export interface DvdPassOptions extends ReadPassOptions<DvdProgress> {
  /** DVD or BD. */
  medium: OpticalMedium;
  /** The drive's current profile (BD: 0x40 BD-ROM, else recordable); optional. */
  profile?: number;
  /** Dump: start over even when the set exists. */
  overwrite?: boolean;
  /** Refine: attempts per failed batch (minimum 1). */
  retries?: number;
  /** Refine: go on although `.physical` differs. */
  forceRefine?: boolean;
}

/** Progress of a pass. */
export interface DvdProgress {
  /** Next LBA. */
  lba: number;
  /** Range start. */
  start: number;
  /** Range end. */
  end: number;
  /** Sectors read so far. */
  sectorsRead: number;
  /** Sectors marked ERROR_SKIP so far (dump) / still failing (refine). */
  scsiErrors: number;
  /** Speed in × DVD/BD. */
  speedX: number;
}

/** The files of a DVD/BD dump set. */
export interface DvdPaths {
  /** Directory. */
  dir: string;
  /** Image name. */
  name: string;
  /** `NAME.iso`. */
  iso: string;
  /** `NAME.state`. */
  state: string;
  /** `NAME.log`. */
  log: string;
  /** Structure files written or compared (`.physical[.N]`, `.manufacturer[.N]`, `.bca`). */
  structures: string[];
}

/** What a DVD/BD pass did. */
export interface DvdPassResult {
  /** Files. */
  paths: DvdPaths;
  /** The disc's structures and counts. */
  info: DvdDiscInfo;
  /** Range read. */
  range: { start: number; end: number };
  /** The dump continued an existing set. */
  resumed: boolean;
  /** Stopped by the user. */
  interrupted: boolean;
  /** Sectors read successfully in this pass. */
  sectorsRead: number;
  /** Dump: sectors marked ERROR_SKIP; refine: sectors corrected. */
  scsiErrors: number;
  /** Refine: sectors that read this time. */
  corrected: number;
  /** Sectors in the range (skips excepted) that are not SUCCESS after the pass. */
  errorSectors: number;
  /** Wall time in ms. */
  durationMs: number;
  /** Bytes read per second. */
  bytesPerSecond: number;
  /** Speed in × DVD (1385 kB/s) or × BD (4500 kB/s). */
  speedX: number;
}

/** The `NAME.*` paths of a DVD/BD set. */
export function dvdPaths(dir: string, name: string): DvdPaths {
  const base = `${dir.replace(/\/+$/, "") || "."}/${name}`;
  return {
    dir,
    name,
    iso: `${base}.iso`,
    state: `${base}.state`,
    log: `${base}.log`,
    structures: [],
  };
}

/** Runs a DVD/BD dump or refine pass. */
export async function runDvdPass(
  o: DvdPassOptions,
  mode: "dump" | "refine",
  platform: Platform,
): Promise<DvdPassResult> {
  const { fs, runtime } = platform;
  const paths = dvdPaths(o.imagePath, o.imageName);
  const base = paths.iso.slice(0, -4);
  const exists = (await fs.stat(paths.state)) !== null;
  if (mode === "refine" && !exists) {
    throw new NotFoundError(
      `Cannot refine ${paths.state}: not found (dump the disc first, or check --image-name)`,
    );
  }
  const mmc = new Mmc(o.transport);
  const info = await readDvdDiscInfo(mmc, o.medium, o.profile);
  const start = o.lbaStart ?? 0;
  const end = o.lbaEnd ?? info.sectors;
  if (start < 0 || end <= start) {
    throw new UsageError(`Empty or negative LBA range ${start}..${end} (DVD/BD LBAs start at 0)`);
  }
  const same = exists ? await samePhysical(fs, base, info) : null;
  if (same === null && exists && !(mode === "dump" && o.overwrite)) {
    throw new UsageError(
      `${paths.state} is not a DVD/BD dump set (no ${base}.physical); use another --image-name` +
        (mode === "dump" ? " or --overwrite" : ""),
    );
  }
  if (same === false) {
    if (mode === "refine" && !o.forceRefine) {
      throw new UsageError(
        `${base}.physical differs from the disc in ${o.transport.path}: refining from a different disc? (--force-refine)`,
      );
    }
    if (mode === "dump" && !o.overwrite) {
      throw new UsageError(
        `${paths.state} exists and holds another disc; use --overwrite or another --image-name`,
      );
    }
  }
  const fresh = mode === "dump" && (o.overwrite === true || !exists);
  const resumed = mode === "dump" && !fresh;
  await fs.mkdir(o.imagePath);
  const log = new DumpLog(fs, paths.log, o.onLog);
  log.quiet(logHeader(runtime.date()));
  if (o.argv) log.quiet(`arguments: ${o.argv.join(" ")}`);
  log.line(`medium: ${o.medium === "bd" ? "BD" : "DVD"}`);
  // Refine re-reads the structures to compare them; the dump already showed them.
  for (const l of info.lines) {
    if (mode === "dump") log.line(l);
    else log.quiet(l);
  }
  if (same === false && mode === "refine") {
    log.line(
      "warning: physical structure differs from the dump set, refining anyway (--force-refine)",
    );
  }
  paths.structures = structureFiles(base, info);
  if (mode === "dump" && (fresh || same !== true)) await writeStructureFiles(fs, base, info);
  if (o.speed !== undefined) {
    try {
      await setCdSpeed(mmc, Math.round(o.speed * (o.medium === "bd" ? BD_1X : DVD_1X) / 1000));
    } catch (e) {
      log.line(`warning: SET CD SPEED failed: ${(e as Error).message}`);
    }
  }
  const skip = o.skip ?? [];
  const store = await DvdStore.open(fs, paths.iso, paths.state, end, fresh);
  const runs = badRuns(store.states, start, end, skip);
  if (resumed) {
    const todo = runs.reduce((n, [a, b]) => n + b - a, 0);
    log.line(`resuming: ${todo} sector(s) not yet read`);
  }
  // Sectors of the runs still not SUCCESS (every sector of a run is unread when the pass starts).
  let remaining = runs.reduce((n, [a, b]) => n + b - a, 0);
  if (mode === "refine") log.line(`refine: ${remaining} sector(s) to re-read`);
  const unit = o.medium === "bd" ? BD_1X : DVD_1X;
  const t0 = runtime.now();
  let sectorsRead = 0, scsiErrors = 0, corrected = 0, interrupted = false;
  const attempts = mode === "refine" ? Math.max(1, o.retries ?? 1) : 1;
  // 32 sectors a command, fewer when the transport cannot move 64 KiB at once.
  const batch = Math.max(1, Math.min(DVD_READ_SIZE, Math.floor(mmc.maxTransferBytes / 2048)));
  const buf = new Uint8Array(batch * 2048);
  const speedX = (): number => {
    const s = (runtime.now() - t0) / 1000;
    return s > 0 ? sectorsRead * 2048 / s / unit : 0;
  };
  try {
    let single = 0;
    outer: for (const [from, to] of runs) {
      for (let lba = from; lba < to;) {
        if (o.interrupted?.()) {
          interrupted = true;
          log.line(`[LBA: ${lba}] forced stop`);
          break outer;
        }
        // Refine: a batch that failed every attempt is retried sector by sector, so only the
        // unreadable sectors stay ERROR_SKIP (redumper keeps the whole batch).
        const n = single > lba ? 1 : Math.min(batch, to - lba);
        const view = buf.subarray(0, n * 2048);
        let ok = false;
        let message = "";
        for (let a = 0; a < attempts && !ok; a++) {
          const r = await mmc.tryExec(
            read12Cdb(lba, n, { fua: mode === "refine" && a > 0 }),
            "in",
            view,
            { lba },
          );
          ok = r.error === null;
          if (r.error) message = r.error.message;
        }
        if (!ok && mode === "refine" && n > 1) {
          single = lba + n;
          continue;
        }
        if (ok) {
          await store.write(lba, view, n);
          sectorsRead += n;
          remaining -= n;
          if (mode === "refine") corrected += n;
          if (lba <= 16 && lba + n > 16) {
            const pvd = parsePvd(view.subarray((16 - lba) * 2048, (17 - lba) * 2048));
            if (pvd) log.line(`sectors count (ISO9660): ${pvd.volumeBlocks}`);
          }
        } else {
          await store.fail(lba, n);
          if (mode === "dump") scsiErrors += n;
          log.quiet(
            `[LBA: ${n > 1 ? `${lba} .. ${lba + n - 1}` : lba}] SCSI error (${message})${
              mode === "refine" ? `, retries: ${attempts}` : ""
            }`,
          );
        }
        lba += n;
        o.onProgress?.({
          lba,
          start,
          end,
          sectorsRead,
          scsiErrors: mode === "dump" ? scsiErrors : remaining,
          speedX: speedX(),
        });
      }
    }
    await store.sync();
  } finally {
    store.close();
  }
  const durationMs = runtime.now() - t0;
  const errorSectors = badRuns(store.states, start, end, skip).reduce((n, [a, b]) => n + b - a, 0);
  if (mode === "dump") {
    log.line("media errors: ");
    log.line(`  SCSI: ${errorSectors}`);
  } else {
    log.line("correction statistics: ");
    log.line(`  SCSI: ${corrected}`);
    log.line(`sectors still unreadable: ${errorSectors}`);
  }
  const bytesPerSecond = durationMs > 0 ? sectorsRead * 2048 / (durationMs / 1000) : 0;
  log.quiet(
    `${mode} ${interrupted ? "interrupted" : "done"}: ${sectorsRead} sectors read at ${
      (bytesPerSecond / unit).toFixed(1)
    }x ${o.medium === "bd" ? "BD" : "DVD"}`,
  );
  await log.flush();
  return {
    paths,
    info,
    range: { start, end },
    resumed,
    interrupted,
    sectorsRead,
    scsiErrors,
    corrected,
    errorSectors,
    durationMs,
    bytesPerSecond,
    speedX: bytesPerSecond / unit,
  };
}
