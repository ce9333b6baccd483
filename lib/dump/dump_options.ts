// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Options shared by `dump`, `refine` and `disc`: drive selection and configuration (database +
 * `--drive-*` overrides), image naming, range, progress and interruption.
 *
 * @module
 */
import type { OptionSpecs, ParsedOptions } from "../cli/parse_options.ts";
import { parseInteger } from "../cli/parse_options.ts";
import { formatDuration, Progress } from "../cli/progress.ts";
import { UsageError } from "../errors.ts";
import type { Platform } from "../platform/mod.ts";
import { lookupDrive } from "../drive/drive_database.ts";
import { loadOffsets, offsetsPath } from "../drive/drive_offsets.ts";
import { DRIVE_OPTIONS, DRIVE_OPTIONS_HELP } from "../drive/drive_options.ts";
import { CdDrive } from "./cd_drive.ts";
import { applyDriveOverrides, type DumpDriveConfig } from "./drive_config.ts";
import type { DumpProgress } from "./dump_engine.ts";
import { defaultImageName } from "./dump_paths.ts";
import { type LbaRange, parseSkipRanges } from "./read_plan.ts";
import type { ScsiTransport } from "../platform/scsi_transport.ts";
import type { CdPassOptions } from "./run_cd_dump.ts";

/** Option specs of every CD-reading command. */
export const READ_OPTIONS: OptionSpecs = {
  ...DRIVE_OPTIONS,
  speed: { type: "string" },
  "drive-type": { type: "string" },
  "drive-read-offset": { type: "string" },
  "drive-c2-shift": { type: "string" },
  "drive-pregap-start": { type: "string" },
  "drive-read-method": { type: "string" },
  "drive-sector-order": { type: "string" },
  "dump-write-offset": { type: "string" },
  retries: { type: "string" },
  "refine-subchannel": { type: "boolean" },
  "image-path": { type: "string" },
  "image-name": { type: "string" },
  skip: { type: "string" },
  "lba-start": { type: "string" },
  "lba-end": { type: "string" },
  quiet: { type: "boolean", short: "q" },
};

/** Help lines for {@linkcode READ_OPTIONS}. */
export const READ_OPTIONS_HELP = `${DRIVE_OPTIONS_HELP}
  --speed X               read speed multiplier (default: the drive's optimum)
  --drive-type TYPE       GENERIC, PLEXTOR, MTK2, MTK2B, MTK3, MTK8A, MTK8B, MTK8C
  --drive-read-offset N   read offset in samples (default: drive database / AccurateRip list)
  --drive-c2-shift N      C2 pointer shift in bytes (PLEXTOR 294/295)
  --drive-pregap-start N  first LBA read before track 1 (PLEXTOR -75, MediaTek -135, GENERIC 0)
  --drive-read-method M   BE (READ CD, CD-DA first) or D8 (PLEXTOR READ CDDA)
  --drive-sector-order O  DATA_C2_SUB, DATA_SUB_C2, DATA_SUB or DATA_C2
  --dump-write-offset N   disc write offset hint for data sectors the drive descrambles
  --retries N             refine attempts per imperfect sector
  --refine-subchannel     refine also re-reads sectors whose stored Q has a bad CRC
  --image-path DIR        output directory (default: .)
  --image-name NAME       file prefix (default: dump_YYMMDD_HHMMSS_<drive>)
  --skip RANGES           LBA ranges not to read: START-END[:START-END…] (END inclusive, as redumper)
  --lba-start N           first LBA to read (default: the drive's pregap start)
  --lba-end N             end LBA, exclusive (default: lead-out + overread)
  --quiet                 no progress, only errors
  --json                  one JSON result object on stdout`;

/** The read-related settings parsed from options. */
export interface ReadSettings {
  /** `--speed`. */
  speed?: number;
  /** `--retries` (0 when absent). */
  retries: number;
  /** `--refine-subchannel`: refine also retries sectors whose stored Q is invalid. */
  refineSubchannel: boolean;
  /** `--image-path`. */
  imagePath: string;
  /** `--image-name` (undefined: generate). */
  imageName?: string;
  /** `--skip`. */
  skip: LbaRange[];
  /** `--lba-start`. */
  lbaStart?: number;
  /** `--lba-end`. */
  lbaEnd?: number;
  /** `--dump-write-offset` as a placement offset for descrambled data sectors. */
  dataOffset?: number;
  /** `--quiet`. */
  quiet: boolean;
  /** `--json`. */
  json: boolean;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** Parses the read settings. */
export function readSettings(values: ParsedOptions["values"]): ReadSettings {
  let speed: number | undefined;
  if (str(values.speed) !== undefined) {
    speed = Number(values.speed);
    if (!Number.isFinite(speed) || speed <= 0) {
      throw new UsageError(`Cannot parse --speed "${values.speed}": expected a positive number`);
    }
  }
  const int = (name: string, neg = true): number | undefined =>
    str(values[name]) !== undefined
      ? parseInteger(values[name] as string, `--${name}`, neg)
      : undefined;
  const lbaStart = int("lba-start");
  const lbaEnd = int("lba-end");
  if (lbaStart !== undefined && lbaEnd !== undefined && lbaEnd <= lbaStart) {
    throw new UsageError("--lba-end must be greater than --lba-start");
  }
  const wo = int("dump-write-offset");
  const name = str(values["image-name"]);
  if (name !== undefined && (name === "" || /[\\/]/.test(name))) {
    throw new UsageError(`--image-name "${name}" must be a file name without a directory`);
  }
  return {
    speed,
    retries: int("retries", false) ?? 0,
    refineSubchannel: values["refine-subchannel"] === true,
    imagePath: str(values["image-path"]) ?? ".",
    imageName: name,
    skip: str(values.skip) ? parseSkipRanges(values.skip as string) : [],
    lbaStart,
    lbaEnd,
    dataOffset: wo === undefined ? undefined : -wo,
    quiet: values.quiet === true,
    json: values.json === true,
  };
}

/** The drive configuration: database lookup by INQUIRY, then `--drive-*` overrides. */
export async function resolveDriveConfig(
  transport: ScsiTransport,
  values: ParsedOptions["values"],
  platform: Platform,
): Promise<{ config: DumpDriveConfig; identity: string; notes: string[] }> {
  const drive = new CdDrive(transport);
  const inq = await drive.inquiry();
  let offsets = new Map<string, number>();
  try {
    offsets = await loadOffsets(platform.fs, offsetsPath(platform.runtime));
  } catch {
    // An unreadable offset list only loses AccurateRip offsets.
  }
  const lookup = lookupDrive(
    inq ?? { vendor: "", product: "", revision: "" },
    offsets,
  );
  const r = lookup.config;
  const base: DumpDriveConfig = {
    type: r.type,
    readOffset: r.readOffset,
    c2Shift: r.c2Shift,
    pregapStart: r.pregapStart,
    readMethod: r.readMethod,
    sectorOrder: r.sectorOrder,
  };
  const config = applyDriveOverrides(base, {
    type: str(values["drive-type"]),
    readOffset: str(values["drive-read-offset"]),
    c2Shift: str(values["drive-c2-shift"]),
    pregapStart: str(values["drive-pregap-start"]),
    readMethod: str(values["drive-read-method"]),
    sectorOrder: str(values["drive-sector-order"]),
  });
  const identity = inq ? `${inq.vendor} - ${inq.product} (revision: ${inq.revision})` : "unknown";
  return { config, identity, notes: [`drive status: ${lookup.status}`, ...lookup.notes] };
}

/** The image name to use: `--image-name` or `dump_YYMMDD_HHMMSS_<drive>`. */
export function imageNameFor(settings: ReadSettings, drive: string, platform: Platform): string {
  return settings.imageName ?? defaultImageName(platform.runtime.date(), drive);
}

/** Progress line: `[ 45%] LBA 1234/2400  52.3× ETA 0m12s  errors: SCSI 0, C2 0, Q 0`. */
export function progressReporter(
  platform: Platform,
  quiet: boolean,
  label: string,
): { progress: Progress; update: (p: DumpProgress) => void } {
  const progress = new Progress(platform.console, platform.runtime, { quiet });
  const t0 = platform.runtime.now();
  const update = (p: DumpProgress): void => {
    progress.update(() => {
      const done = p.lba - p.start;
      const total = Math.max(1, p.end - p.start);
      const pct = Math.min(100, Math.floor((100 * done) / total));
      const secs = (platform.runtime.now() - t0) / 1000;
      const rate = secs > 0 ? (p.counters.sectorsRead + p.counters.sectorsComplete) / secs : 0;
      const eta = rate > 0 ? (p.end - p.lba) / rate : Infinity;
      const c = p.counters;
      return `${label} [${String(pct).padStart(3)}%] LBA ${p.lba}/${p.end}  ${
        (c.sectorsRead / Math.max(secs, 1e-3) / 75).toFixed(1)
      }x  ETA ${
        formatDuration(eta)
      }  errors: SCSI ${c.scsiErrors}, C2 ${c.c2Errors}, Q ${c.qErrors}`;
    });
  };
  return { progress, update };
}

/** Installs a Ctrl-C handler; `stop()` removes it. */
export function interruptFlag(
  platform: Platform,
): { interrupted: () => boolean; stop: () => void } {
  let flag = false;
  const remove = platform.runtime.onInterrupt(() => {
    flag = true;
  });
  return { interrupted: () => flag, stop: remove };
}

/** What a pass needs besides the settings: the drive, its configuration and the callbacks. */
export type PassContext = Pick<
  CdPassOptions,
  "transport" | "config" | "imageName" | "interrupted" | "onProgress" | "onLog" | "argv"
>;

/** The options `dump`, `refine` and `disc` pass to a dump or refine run, from their settings. */
export function passOptions(s: ReadSettings, context: PassContext): CdPassOptions {
  return {
    ...context,
    imagePath: s.imagePath,
    speed: s.speed,
    skip: s.skip,
    lbaStart: s.lbaStart,
    lbaEnd: s.lbaEnd,
    dataOffset: s.dataOffset,
    refineSubchannel: s.refineSubchannel,
  };
}
