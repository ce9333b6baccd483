// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The DVD/BD branch of `dump`, `refine` and `disc`: medium detection by the drive's current
 * profile, progress, the `--json` objects and the `disc` summary.
 *
 * @module
 */
import type { ParsedOptions } from "../cli/parse_options.ts";
import { formatDuration, Progress } from "../cli/progress.ts";
import { ExitCode } from "../errors.ts";
import type { Platform } from "../platform/mod.ts";
import type { ScsiTransport } from "../platform/scsi_transport.ts";
import { profileFamily, profileName } from "../scsi/configuration.ts";
import { Mmc } from "../scsi/mmc.ts";
import { currentProfile, inquiry } from "../scsi/mmc_commands.ts";
import type { ReadSettings } from "./dump_options.ts";
import { imageNameFor, interruptFlag } from "./dump_options.ts";
import type { OpticalMedium } from "./dvd_disc_info.ts";
import { DvdSplitError, type DvdSplitResult, runDvdSplit } from "./dvd_split.ts";
import { type DvdPassResult, type DvdProgress, runDvdPass } from "./run_dvd_dump.ts";

/** The medium in the drive as dumping cares: `cd` (also when the drive cannot tell), `dvd`, `bd`. */
export async function detectMedium(
  transport: ScsiTransport,
): Promise<{ medium: "cd" | OpticalMedium; profile: number }> {
  const mmc = new Mmc(transport);
  // Twice: the first command after a disc change may only report UNIT ATTENTION.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const profile = await currentProfile(mmc);
      const f = profileFamily(profile);
      return { medium: f === "bd" ? "bd" : f === "dvd" || f === "hddvd" ? "dvd" : "cd", profile };
    } catch {
      // Drives without GET CONFIGURATION are CD drives.
    }
  }
  return { medium: "cd", profile: 0 };
}

/** The `--json` object of a DVD/BD dump or refine. */
export function dvdPassJson(
  command: string,
  drive: string,
  profile: number,
  r: DvdPassResult,
): Record<string, unknown> {
  return {
    command,
    drive,
    medium: r.info.medium,
    profile: profileName(profile),
    imagePath: r.paths.dir,
    imageName: r.paths.name,
    files: {
      iso: r.paths.iso,
      state: r.paths.state,
      log: r.paths.log,
      structures: r.paths.structures,
    },
    sectors: r.info.sectors,
    capacity: r.info.capacity,
    layers: r.info.layers,
    bca: r.info.bca !== null,
    copyright: r.info.cpst,
    range: r.range,
    resumed: r.resumed,
    interrupted: r.interrupted,
    sectorsRead: r.sectorsRead,
    errors: { scsi: r.scsiErrors },
    corrected: r.corrected,
    incompleteSectors: r.errorSectors,
    durationMs: Math.round(r.durationMs),
    bytesPerSecond: Math.round(r.bytesPerSecond),
    speed: Number(r.speedX.toFixed(2)),
    speedUnit: r.info.medium === "bd" ? "BD" : "DVD",
  };
}

/** Exit code of a pass: 130 interrupted, 3 unreadable sectors left, else 0. */
function exitCodeOf(r: DvdPassResult): number {
  if (r.interrupted) return ExitCode.Interrupted;
  return r.errorSectors > 0 ? ExitCode.Unreadable : ExitCode.Ok;
}

/** Progress line: `dump [ 45%] LBA 1234/2400  3.2x DVD  ETA 0m12s  errors: SCSI 0`. */
function dvdProgress(
  platform: Platform,
  quiet: boolean,
  label: string,
  unit: string,
): { progress: Progress; update: (p: DvdProgress) => void } {
  const progress = new Progress(platform.console, platform.runtime, { quiet });
  const update = (p: DvdProgress): void => {
    progress.update(() => {
      const total = Math.max(1, p.end - p.start);
      const pct = Math.min(100, Math.floor(100 * (p.lba - p.start) / total));
      const rate = p.speedX > 0 ? p.speedX * (unit === "BD" ? 4_500_000 : 1_385_000) / 2048 : 0;
      const eta = rate > 0 ? (p.end - p.lba) / rate : Infinity;
      return `${label} [${String(pct).padStart(3)}%] LBA ${p.lba}/${p.end}  ${
        p.speedX.toFixed(1)
      }x ${unit}  ETA ${formatDuration(eta)}  errors: SCSI ${p.scsiErrors}`;
    });
  };
  return { progress, update };
}

/** What the DVD branch needs from the command. */
export interface DvdCommandContext {
  /** The opened drive. */
  transport: ScsiTransport;
  /** Detected medium. */
  medium: OpticalMedium;
  /** Current profile number. */
  profile: number;
  /** Parsed options. */
  values: ParsedOptions["values"];
  /** Read settings. */
  settings: ReadSettings;
  /** The command line (for the log). */
  argv: string[];
}

async function driveIdentity(transport: ScsiTransport): Promise<string> {
  try {
    const i = await inquiry(new Mmc(transport));
    return `${i.vendor} - ${i.product} (revision: ${i.revision})`;
  } catch {
    return "unknown";
  }
}

async function pass(
  c: DvdCommandContext,
  kind: "dump" | "refine",
  platform: Platform,
  interrupted: () => boolean,
  imageName: string,
): Promise<DvdPassResult> {
  const s = c.settings;
  const unit = c.medium === "bd" ? "BD" : "DVD";
  const { progress, update } = dvdProgress(platform, s.quiet, kind, unit);
  try {
    return await runDvdPass(
      {
        transport: c.transport,
        medium: c.medium,
        profile: c.profile,
        imagePath: s.imagePath,
        imageName,
        speed: s.speed,
        skip: s.skip,
        lbaStart: s.lbaStart,
        lbaEnd: s.lbaEnd,
        overwrite: c.values.overwrite === true,
        retries: s.retries,
        forceRefine: c.values["force-refine"] === true,
        interrupted,
        onProgress: update,
        onLog: (l) => progress.log(l),
        argv: c.argv,
      },
      kind,
      platform,
    );
  } finally {
    progress.done();
  }
}

/** `dump` / `refine` of a DVD/BD. */
export async function runDvdPassCommand(
  c: DvdCommandContext,
  kind: "dump" | "refine",
  platform: Platform,
): Promise<number> {
  const s = c.settings;
  const stop = interruptFlag(platform);
  try {
    const imageName = imageNameFor(s, c.transport.path, platform);
    const progressLog = (l: string): void => {
      if (!s.quiet) platform.console.err(l + "\n");
    };
    progressLog(`drive: ${c.transport.path}: ${await driveIdentity(c.transport)}`);
    const r = await pass(c, kind, platform, stop.interrupted, imageName);
    if (s.json) {
      platform.console.out(
        JSON.stringify(dvdPassJson(kind, c.transport.path, c.profile, r)) + "\n",
      );
    } else if (!s.quiet) {
      platform.console.err(
        `${kind} ${r.interrupted ? "interrupted" : "done"}: ${r.paths.iso}, ${r.sectorsRead} ` +
          `sectors read at ${r.speedX.toFixed(1)}x ${r.info.medium === "bd" ? "BD" : "DVD"}, ` +
          `${r.errorSectors} unread sector(s)\n`,
      );
    }
    return exitCodeOf(r);
  } finally {
    stop.stop();
  }
}

/** `disc` of a DVD/BD: dump, refine when there were errors and --retries, split, summary. */
export async function runDvdDisc(c: DvdCommandContext, platform: Platform): Promise<number> {
  const s = c.settings;
  const { console } = platform;
  const stop = interruptFlag(platform);
  try {
    const imageName = imageNameFor(s, c.transport.path, platform);
    const identity = await driveIdentity(c.transport);
    const say = (l: string): void => {
      if (!s.quiet) console.err(l + "\n");
    };
    say(`drive: ${c.transport.path}: ${identity}`);
    const dump = await pass(c, "dump", platform, stop.interrupted, imageName);
    let final = dump;
    let refine: DvdPassResult | null = null;
    if (!dump.interrupted && dump.errorSectors > 0 && s.retries > 0) {
      refine = await pass(c, "refine", platform, stop.interrupted, imageName);
      final = refine;
    }
    const json = (extra: Record<string, unknown>): Record<string, unknown> => ({
      command: "disc",
      drive: c.transport.path,
      medium: c.medium,
      imagePath: s.imagePath,
      imageName,
      dump: dvdPassJson("dump", c.transport.path, c.profile, dump),
      refine: refine ? dvdPassJson("refine", c.transport.path, c.profile, refine) : null,
      incompleteSectors: final.errorSectors,
      ...extra,
    });
    if (final.interrupted) {
      say(`interrupted: run the same command again to continue (${dump.paths.state})`);
      if (s.json) console.out(JSON.stringify(json({ interrupted: true })) + "\n");
      return ExitCode.Interrupted;
    }
    c.transport.close();
    let split: DvdSplitResult | null = null;
    let splitError: string | null = null;
    try {
      split = await runDvdSplit({
        imagePath: s.imagePath,
        imageName,
        forceSplit: c.values["force-split"] === true,
        onLog: s.quiet ? undefined : say,
      }, platform);
    } catch (e) {
      if (!(e instanceof DvdSplitError)) throw e;
      splitError = e.message;
    }
    if (s.json) {
      console.out(
        JSON.stringify(json({
          split: split
            ? {
              iso: dump.paths.iso,
              sectors: split.sectors,
              errorSectors: split.errorSectors,
              pvd: split.pvd,
              hashes: split.hash.files.filter((f) => !f.extra).map((f) => ({
                name: f.name,
                size: f.size,
                crc32: f.crc32,
                md5: f.md5,
                sha1: f.sha1,
              })),
            }
            : null,
          splitError,
          dat: split?.hash.datLines ?? [],
          datExtra: split?.hash.datExtraLines ?? [],
        })) + "\n",
      );
    } else if (!s.quiet) {
      const unit = c.medium === "bd" ? "BD" : "DVD";
      const lines = ["", `summary: ${s.imagePath}/${imageName}`];
      lines.push(`  drive: ${c.transport.path} (${identity})`);
      lines.push(
        `  medium: ${unit}, ${dump.info.sectors} sectors, layers: ${dump.info.layers.join(" + ")}`,
      );
      lines.push(
        `  dump: ${dump.sectorsRead} sectors at ${
          dump.speedX.toFixed(1)
        }x ${unit}, errors: SCSI ${dump.scsiErrors}` +
          (refine ? `; after refine: ${final.errorSectors} unread sector(s)` : ""),
      );
      if (split) {
        if (split.pvd) {
          lines.push(`  volume: ${split.pvd.volumeId} (${split.pvd.volumeBlocks} sectors)`);
        }
        lines.push("  dat:");
        for (const d of split.hash.datLines) lines.push(`    ${d}`);
      } else {
        lines.push(`  split failed: ${splitError}`);
        lines.push("  retry with --retries N, another drive (sectorkit refine), or --force-split");
      }
      console.err(lines.join("\n") + "\n");
    }
    return final.errorSectors > 0 || splitError ? ExitCode.Unreadable : ExitCode.Ok;
  } finally {
    stop.stop();
  }
}
