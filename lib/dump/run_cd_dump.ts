// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * `dump` and `refine` for CDs: reads the TOC family into the dump set, plans the range from the
 * drive's pregap start through the lead-out, and runs the read pass; a re-run on the same disc
 * resumes (only incomplete sectors are read), refine retries imperfect samples.
 *
 * @module
 */
import { CD_SUBCODE_SIZE, SampleState } from "../cd/constants.ts";
import { IoError, UsageError } from "../errors.ts";
import type { Platform } from "../platform/mod.ts";
import { CdDrive } from "./cd_drive.ts";
import { type DiscLayout, parseDiscLayout } from "./disc_layout.ts";
import { describeDriveConfig, type DumpDriveConfig, isMediatek } from "./drive_config.ts";
import { mediatekLeadout, plextorLeadin } from "./drive_extras.ts";
import { type DumpCounters, type DumpProgress, runReadPass } from "./dump_engine.ts";
import { DumpLog, logHeader } from "./dump_log.ts";
import { type DumpPaths, dumpPaths } from "./dump_paths.ts";
import { DumpStore } from "./dump_store.ts";
import { type LbaRange, planZones, type Zone } from "./read_plan.ts";
import { findWriteOffset, SectorReader } from "./sector_reader.ts";
import { extractQ, qValid } from "./subcode_rule.ts";
import type { ReadPassOptions } from "./read_pass_options.ts";

/** Options shared by dump and refine. */
export interface CdPassOptions extends ReadPassOptions<DumpProgress> {
  /** Drive configuration (database + overrides). */
  config: DumpDriveConfig;
  /** Sample offset for sectors the drive descrambled (default: the read offset). */
  dataOffset?: number;
  /** Refine: a sector is complete only when its stored Q is valid too (`--refine-subchannel`). */
  refineSubchannel?: boolean;
  /** MediaTek cache lead-out after the dump (default true). */
  extras?: boolean;
  /** PLEXTOR lead-in through negative LBAs after the dump (default false). */
  plextorLeadin?: boolean;
}

/** Options of {@linkcode runCdDump}. */
export interface CdDumpOptions extends CdPassOptions {
  /** Start over even when the set exists. */
  overwrite?: boolean;
}

/** Options of {@linkcode runCdRefine}. */
export interface CdRefineOptions extends CdPassOptions {
  /** Attempts per imperfect sector. */
  retries: number;
  /** Refine even when the TOC differs from the stored one. */
  forceRefine?: boolean;
}

/** What a pass did. */
export interface CdPassResult {
  /** The dump set's files. */
  paths: DumpPaths;
  /** Tracks and sessions. */
  layout: DiscLayout;
  /** The planned zones. */
  zones: Zone[];
  /** Counters. */
  counters: DumpCounters;
  /** The set existed and the dump continued it. */
  resumed: boolean;
  /** Stopped by the user. */
  interrupted: boolean;
  /** Wall time in ms. */
  durationMs: number;
  /** Sectors read per second / 75. */
  speedX: number;
  /** Sectors in the program area whose samples are not all good after the pass. */
  errorSectors: number;
  /** Sectors in the program area whose stored subchannel Q has a bad CRC after the pass. */
  qErrorSectors: number;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

async function readDiscInfo(
  drive: CdDrive,
): Promise<{ toc: Uint8Array; extras: Record<string, Uint8Array | null> }> {
  const toc = await drive.readToc(0, 1, false);
  if (!toc || toc.length <= 4) {
    throw new IoError(`Cannot read the TOC of ${drive.path}: no disc or not a CD`);
  }
  return {
    toc,
    extras: {
      fulltoc: await drive.readToc(2, 1, true),
      pma: await drive.readToc(3, 0, true),
      atip: await drive.readToc(4, 0, true),
      cdtext: await drive.readToc(5, 0, false),
    },
  };
}

/** Whether a READ TOC reply has the shape of its format (11-byte descriptors, 18-byte packs…). */
function wellFormed(kind: string, d: Uint8Array): boolean {
  switch (kind) {
    case "fulltoc":
    case "pma":
      return (d.length - 4) % 11 === 0;
    case "atip":
      return d.length >= 28;
    case "cdtext":
      return (d.length - 4) % 18 === 0 && d[4] >= 0x80 && d[4] <= 0x8f;
    default:
      return true;
  }
}

/** LBA ranges of data tracks (from their pregap to the next track). */
function dataTrackRanges(layout: DiscLayout): LbaRange[] {
  return layout.tracks.map((t, i) => ({
    data: (t.control & 4) !== 0,
    start: t.lba - 150,
    end: layout.tracks[i + 1]?.lba ?? layout.leadout,
  })).filter((t) => t.data).map(({ start, end }) => ({ start, end }));
}

/** The data write offset already visible in a dump set (refine, resume), as a placement offset. */
async function storedDataOffset(
  store: DumpStore,
  layout: DiscLayout,
  readOffset: number,
): Promise<number | undefined> {
  for (const t of dataTrackRanges(layout)) {
    for (let lba = t.start; lba < Math.min(t.end, t.start + 400); lba += 50) {
      const first = (lba + 45150) * 588 - readOffset;
      const states = await store.readStates(first, 50 * 588);
      if (!states.some((s) => s >= SampleState.SuccessC2Off)) continue;
      const w = findWriteOffset(await store.readSamples(first, 50 * 588), first);
      if (w !== null) return -w;
    }
  }
  return undefined;
}

/** Counts program-area sectors whose samples are worse than `best`. */
async function countErrorSectors(
  store: DumpStore,
  zones: Zone[],
  config: DumpDriveConfig,
  skip: LbaRange[],
): Promise<{ samples: number; q: number }> {
  let bad = 0, badQ = 0;
  const q = new Uint8Array(12);
  for (const z of zones) {
    if (z.kind !== "program") continue;
    for (let lba = z.start; lba < z.end; lba += 1024) {
      const n = Math.min(1024, z.end - lba);
      const s = await store.readStates((lba + 45150) * 588 - config.readOffset, n * 588);
      const sub = await store.readSubcode(lba, n);
      for (let i = 0; i < n; i++) {
        if (skip.some((r) => lba + i >= r.start && lba + i < r.end)) continue;
        if (!qValid(extractQ(sub, i * CD_SUBCODE_SIZE, q))) badQ++;
        for (let j = i * 588; j < (i + 1) * 588; j++) {
          if (s[j] < SampleState.SuccessC2Off) {
            bad++;
            break;
          }
        }
      }
    }
  }
  return { samples: bad, q: badQ };
}

async function runPass(
  o: CdPassOptions,
  platform: Platform,
  mode: "dump" | "refine",
  retries: number,
  overwrite: boolean,
  forceRefine: boolean,
): Promise<CdPassResult> {
  const { fs, runtime } = platform;
  await fs.mkdir(o.imagePath);
  const paths = dumpPaths(o.imagePath, o.imageName);
  const drive = new CdDrive(o.transport, () => runtime.now());
  const log = new DumpLog(fs, paths.log, o.onLog);
  const t0 = runtime.now();
  log.quiet(logHeader(runtime.date()));
  if (o.argv) log.quiet(`arguments: ${o.argv.join(" ")}`);
  const info = await readDiscInfo(drive);
  const existing = await fs.stat(paths.state);
  let resumed = false;
  if (mode === "refine") {
    if (!existing) {
      throw new UsageError(`No dump set "${o.imageName}" in ${o.imagePath} to refine`);
    }
    const stored = await fs.stat(paths.toc) ? await fs.readFile(paths.toc) : null;
    if (!stored || !equalBytes(stored, info.toc)) {
      if (!forceRefine) {
        throw new UsageError(
          `The disc in ${drive.path} is not the one dumped as "${o.imageName}" (TOC differs); ` +
            "use --force-refine to refine anyway",
        );
      }
      log.line("warning: TOC differs from the dump set, refining anyway (--force-refine)");
    }
  } else if (existing && !overwrite) {
    const stored = await fs.stat(paths.toc) ? await fs.readFile(paths.toc) : null;
    if (!stored || !equalBytes(stored, info.toc)) {
      throw new UsageError(
        `${paths.state} exists and holds another disc; use --overwrite or another --image-name`,
      );
    }
    resumed = true;
  }
  if (mode === "dump") {
    await fs.writeFileAtomic(paths.toc, info.toc);
    for (const [ext, data] of Object.entries(info.extras)) {
      // Some drives (QEMU) answer every format with the TOC: keep only well-formed replies.
      if (data && data.length > 4 && !equalBytes(data, info.toc) && wellFormed(ext, data)) {
        await fs.writeFileAtomic(paths[ext as "fulltoc" | "pma" | "atip" | "cdtext"], data);
      }
    }
  }
  const layout = parseDiscLayout(info.toc, info.extras.fulltoc);
  const inq = await drive.inquiry();
  if (inq) log.line(`drive: ${inq.vendor} - ${inq.product} (revision: ${inq.revision})`);
  log.line(describeDriveConfig(o.config));
  const speed = await drive.setSpeed(o.speed);
  if (!speed.ok && o.speed !== undefined) {
    log.line(`warning: SET CD SPEED failed: ${speed.message}`);
  }
  const zones = planZones(layout, { start: o.lbaStart ?? o.config.pregapStart, end: o.lbaEnd });
  log.line(
    `${mode === "dump" ? (resumed ? "resuming dump" : "dump") : "refine"}: LBA [${
      zones[0]?.start
    } .. ${
      zones[zones.length - 1]?.end
    }), ${layout.tracks.length} tracks, ${layout.sessions.length} session(s)`,
  );
  const store = await DumpStore.open(fs, paths, mode === "dump" && overwrite);
  let result;
  try {
    result = await runReadPass({
      drive,
      reader: new SectorReader(drive, o.config),
      config: o.config,
      store,
      zones,
      skip: o.skip ?? [],
      mode,
      resume: resumed,
      retries,
      refineSubchannel: o.refineSubchannel ?? false,
      dataOffset: o.dataOffset ?? await storedDataOffset(store, layout, o.config.readOffset),
      dataTracks: dataTrackRanges(layout),
      onProgress: o.onProgress,
      log: (l) => log.line(l),
      interrupted: o.interrupted,
    });
    if (mode === "dump" && !result.interrupted && (o.extras ?? true)) {
      const ex = {
        drive,
        config: o.config,
        store,
        leadout: layout.leadout,
        log: (l: string) => log.line(l),
      };
      if (isMediatek(o.config.type) && o.lbaEnd === undefined) await mediatekLeadout(ex);
      if (o.plextorLeadin && o.config.type === "PLEXTOR" && o.config.readMethod === "D8") {
        await plextorLeadin(ex);
      }
    }
    await store.alignLengths();
    await store.sync();
  } finally {
    store.close();
  }
  const reopened = await DumpStore.open(fs, paths, false);
  let errorSectors = 0, qErrorSectors = 0;
  try {
    const bad = await countErrorSectors(reopened, zones, o.config, o.skip ?? []);
    errorSectors = bad.samples;
    qErrorSectors = bad.q;
  } finally {
    reopened.close();
  }
  const c = result.counters;
  const durationMs = runtime.now() - t0;
  const speedX = durationMs > 0 ? c.sectorsRead / (durationMs / 1000) / 75 : 0;
  log.line(
    `${mode} ${result.interrupted ? "interrupted at LBA " + result.stoppedAt : "complete"}: ` +
      `errors: { SCSI: ${c.scsiErrors}, C2: ${c.c2Errors}, Q: ${c.qErrors} }, ` +
      `incomplete sectors: ${errorSectors}, Q errors: ${qErrorSectors}`,
  );
  await log.flush();
  return {
    paths,
    layout,
    zones,
    counters: c,
    resumed,
    interrupted: result.interrupted,
    durationMs,
    speedX,
    errorSectors,
    qErrorSectors,
  };
}

/**
 * Dumps a CD into `imagePath/imageName.*`; on an existing set of the same disc, continues it.
 *
 * @example Usage
 * ```ts ignore
 * const r = await runCdDump({ transport, config, imagePath: "/tmp/x", imageName: "disc" }, platform);
 * ```
 */
export async function runCdDump(o: CdDumpOptions, platform: Platform): Promise<CdPassResult> {
  return await runPass(o, platform, "dump", 0, o.overwrite ?? false, false);
}

/**
 * Re-reads imperfect samples of an existing dump set up to `retries` times per sector.
 *
 * @example Usage
 * ```ts ignore
 * const r = await runCdRefine({ transport, config, imagePath: "/tmp/x", imageName: "disc",
 *   retries: 10 }, platform);
 * ```
 */
export async function runCdRefine(o: CdRefineOptions, platform: Platform): Promise<CdPassResult> {
  return await runPass(o, platform, "refine", o.retries, false, o.forceRefine ?? false);
}
