// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Names and positions of a redumper-format dump set (optical.md §2).
 *
 * @module
 */
import { CD_DATA_SIZE, CD_SAMPLE_SIZE, CD_SECTOR_SAMPLES, LBA_START } from "../cd/constants.ts";

/** The files of one dump set `DIR/NAME.*`. */
export interface DumpPaths {
  /** Directory holding the set. */
  dir: string;
  /** Image name (file name without extension). */
  name: string;
  /** Scrambled main channel. */
  scram: string;
  /** One state byte per sample. */
  state: string;
  /** Raw P–W subchannel, one 96-byte record per LBA. */
  subcode: string;
  /** READ TOC format 0 reply. */
  toc: string;
  /** READ TOC format 2 reply. */
  fulltoc: string;
  /** READ TOC format 3 reply. */
  pma: string;
  /** READ TOC format 4 reply. */
  atip: string;
  /** READ TOC format 5 reply. */
  cdtext: string;
  /** Text log (appended). */
  log: string;
}

/**
 * The paths of dump set `name` in `dir`.
 *
 * @example Usage
 * ```ts
 * import { dumpPaths } from "./dump_paths.ts";
 * if (dumpPaths("/tmp/x", "disc").scram !== "/tmp/x/disc.scram") throw new Error();
 * ```
 */
export function dumpPaths(dir: string, name: string): DumpPaths {
  const base = `${dir.replace(/\/+$/, "") || "."}/${name}`;
  return {
    dir,
    name,
    scram: `${base}.scram`,
    state: `${base}.state`,
    subcode: `${base}.subcode`,
    toc: `${base}.toc`,
    fulltoc: `${base}.fulltoc`,
    pma: `${base}.pma`,
    atip: `${base}.atip`,
    cdtext: `${base}.cdtext`,
    log: `${base}.log`,
  };
}

/**
 * Index of the first `.scram` sample (and `.state` byte) of a sector read at `lba` by a drive
 * with read offset `offsetSamples`: `(lba + 45150) * 588 − offset`.
 *
 * @example Usage
 * ```ts
 * import { sampleIndex } from "./dump_paths.ts";
 * if (sampleIndex(0, 0) * 4 !== 0x6545fa0) throw new Error();
 * if (sampleIndex(0, 6) !== 45150 * 588 - 6) throw new Error();
 * ```
 */
export function sampleIndex(lba: number, offsetSamples: number): number {
  return (lba - LBA_START) * CD_SECTOR_SAMPLES - offsetSamples;
}

/** Byte offset in `.scram` of the sector read at `lba` with read offset `offsetSamples`. */
export function scramByteOffset(lba: number, offsetSamples: number): number {
  return sampleIndex(lba, offsetSamples) * CD_SAMPLE_SIZE;
}

/** Byte offset in `.subcode` of the record for `lba`. */
export function subcodeByteOffset(lba: number): number {
  return (lba - LBA_START) * 96;
}

/** Sectors covered by a `.scram` of `bytes` bytes (rounded up). */
export function scramSectors(bytes: number): number {
  return Math.ceil(bytes / CD_DATA_SIZE);
}

/**
 * redumper's default image name: `dump_YYMMDD_HHMMSS_<drive>` where drive is the device's base
 * name without `:` and other characters unsafe in file names.
 *
 * @example Usage
 * ```ts
 * import { defaultImageName } from "./dump_paths.ts";
 * const n = defaultImageName(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), "/dev/sr0", true);
 * if (n !== "dump_260102_030405_sr0") throw new Error(n);
 * ```
 */
export function defaultImageName(date: Date, drive: string, utc = false): string {
  const p = (n: number): string => String(n).padStart(2, "0");
  const [y, mo, d, h, mi, s] = utc
    ? [
      date.getUTCFullYear(),
      date.getUTCMonth() + 1,
      date.getUTCDate(),
      date.getUTCHours(),
      date.getUTCMinutes(),
      date.getUTCSeconds(),
    ]
    : [
      date.getFullYear(),
      date.getMonth() + 1,
      date.getDate(),
      date.getHours(),
      date.getMinutes(),
      date.getSeconds(),
    ];
  const base = drive.replace(/[\\/]+$/, "").split(/[\\/]/).pop() ?? drive;
  const safe = base.replace(/[:]/g, "").replace(/[^A-Za-z0-9._-]/g, "_") || "drive";
  return `dump_${p(y % 100)}${p(mo)}${p(d)}_${p(h)}${p(mi)}${p(s)}_${safe}`;
}
