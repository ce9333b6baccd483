// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * "split" of a DVD/BD dump set as redumper does it for `.iso` dumps: refuse a set whose
 * `NAME.state` holds any ERROR_SKIP sector ("SCSI errors detected") unless `--force-split`, then
 * hash `NAME.iso` (CRC32/MD5/SHA-1, redump DAT line, `NAME.dat`) and describe its ISO 9660 primary
 * volume descriptor.
 *
 * @module
 */
import { ExitCode, NotFoundError, SectorkitError } from "../errors.ts";
import type { Platform } from "../platform/mod.ts";
import { type HashResult, runHash } from "../cd/hash/run_hash.ts";
import { parsePvd, type PrimaryVolume } from "../cd/info/iso9660_mini.ts";
import { DumpLog } from "./dump_log.ts";
import { DVD_SUCCESS } from "./dvd_store.ts";
import { dvdPaths } from "./run_dvd_dump.ts";

/** The set still has unread sectors. */
export class DvdSplitError extends SectorkitError {
  /** Sectors not SUCCESS. */
  readonly errorSectors: number;
  /** The first of them. */
  readonly firstLba: number;
  /** Creates the error. */
  constructor(errorSectors: number, firstLba: number) {
    super(
      `SCSI errors detected, unable to continue (${errorSectors} unread sector(s) from LBA ${firstLba}; refine, or --force-split)`,
    );
    this.name = "DvdSplitError";
    this.errorSectors = errorSectors;
    this.firstLba = firstLba;
    this.exitCode = ExitCode.Unreadable;
  }
}

/** Options of {@linkcode runDvdSplit}. */
export interface DvdSplitOptions {
  /** Directory. */
  imagePath: string;
  /** Image name. */
  imageName: string;
  /** Hash although sectors are missing. */
  forceSplit?: boolean;
  /** Log lines. */
  onLog?: (line: string) => void;
}

/** Result of {@linkcode runDvdSplit}. */
export interface DvdSplitResult {
  /** Sectors in `NAME.state`. */
  sectors: number;
  /** Sectors not SUCCESS (only non-zero with --force-split). */
  errorSectors: number;
  /** Hashes and DAT lines. */
  hash: HashResult;
  /** ISO 9660 primary volume descriptor at LBA 16, or null. */
  pvd: Omit<PrimaryVolume, "raw" | "root"> | null;
}

/**
 * Checks, hashes and describes a DVD/BD dump set.
 *
 * @example Usage
 * ```ts ignore
 * const r = await runDvdSplit({ imagePath: "/tmp/x", imageName: "disc" }, platform);
 * console.log(r.hash.datLines[0]);
 * ```
 */
export async function runDvdSplit(o: DvdSplitOptions, platform: Platform): Promise<DvdSplitResult> {
  const { fs } = platform;
  const paths = dvdPaths(o.imagePath, o.imageName);
  if (!(await fs.stat(paths.state)) || !(await fs.stat(paths.iso))) {
    throw new NotFoundError(`Cannot split ${paths.iso}: the .iso or .state is missing`);
  }
  const states = await fs.readFile(paths.state);
  let bad = 0, first = -1;
  for (let i = 0; i < states.length; i++) {
    if (states[i] !== DVD_SUCCESS) {
      bad++;
      if (first < 0) first = i;
    }
  }
  const log = new DumpLog(fs, paths.log, o.onLog);
  if (bad > 0 && !o.forceSplit) {
    const e = new DvdSplitError(bad, first);
    log.line(`split: ${e.message}`);
    await log.flush();
    throw e;
  }
  if (bad > 0) log.line(`warning: ${bad} unread sector(s) hashed as zeros (--force-split)`);
  let pvd: DvdSplitResult["pvd"] = null;
  const f = await fs.openRead(paths.iso);
  try {
    const b = new Uint8Array(2048);
    if (f.size >= 17 * 2048 && await f.readAt(16 * 2048, b) === 2048) {
      const p = parsePvd(b);
      if (p) {
        const { raw: _raw, root: _root, ...rest } = p;
        pvd = rest;
      }
    }
  } finally {
    f.close();
  }
  if (pvd) {
    log.line("ISO9660 [primary volume descriptor]:");
    if (pvd.systemId) log.line(`  system identifier: ${pvd.systemId}`);
    log.line(`  volume identifier: ${pvd.volumeId}`);
    log.line(`  volume space size: ${pvd.volumeBlocks}`);
    if (pvd.created) log.line(`  volume creation date: ${pvd.created}`);
    if (pvd.volumeBlocks > states.length) {
      log.line(`warning: the volume is larger than the dump (${states.length} sectors)`);
    }
  }
  await log.flush();
  const hash = await runHash(
    { imagePath: o.imagePath, imageName: o.imageName, onLog: o.onLog },
    platform,
  );
  return { sectors: states.length, errorSectors: bad, hash, pvd };
}
