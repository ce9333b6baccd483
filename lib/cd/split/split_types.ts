// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * What `runSplit` takes and gives: its options, its result, the error for damaged
 * sectors, and the LBA-run formatting its messages use.
 *
 * @module
 */
import { SectorkitError } from "../../errors.ts";
import type { RomDigest } from "../hash/rom_hasher.ts";
import type { TrackErrors } from "./track_plan.ts";
import type { OffsetMethod } from "./write_offset.ts";

/** Options of `runSplit`. */
export interface SplitOptions {
  /** Directory of the dump files. */
  imagePath: string;
  /** Dump file prefix. */
  imageName: string;
  /** Write even with errors (regenerating bad sectors unless `leaveUnchanged`). */
  forceSplit?: boolean;
  /** With `forceSplit`: keep bad sectors as read. */
  leaveUnchanged?: boolean;
  /** Use this write offset (samples). */
  forceOffset?: number;
  /** Split by the TOC built from subchannel Q instead of the drive's TOC. */
  forceQtoc?: boolean;
  /** LBA ranges treated as protected (`a-b:c-d`, inclusive), like detected SafeDisc C2 ranges. */
  skip?: string;
  /** Fill byte of regenerated sectors (0x55). */
  skipFill?: number;
  /** CD-R: tolerated leading/trailing C2 sectors per track (16). */
  cdrErrorThreshold?: number;
  /** Silence threshold for the perfect audio offset (32). */
  audioSilenceThreshold?: number;
  /** Read each range of a shifting data disc with its own offset (`--correct-offset-shift`). */
  correctOffsetShift?: boolean;
  /** Merge sync records only when their offsets are equal (`--offset-shift-relocate`). */
  offsetShiftRelocate?: boolean;
  /** Replace existing output files. */
  overwrite?: boolean;
  /** Command line for the log header. */
  arguments?: string;
  /** Receives each log line as it is produced. */
  onLog?: (line: string) => void;
  /** Append to `NAME.log` (default true). */
  writeLog?: boolean;
  /** Hash on Web Workers overlapping the rest (default true). */
  hashWorkers?: boolean;
  /** Progress while writing tracks: sectors written of the total. */
  onProgress?: (done: number, total: number) => void;
}

/** One written file. */
export interface SplitFile extends RomDigest {
  /** File name. */
  name: string;
  /** Track number (0 lead-in, 170 lead-out). */
  track: number;
  /** Session. */
  session: number;
  /** CUE type. */
  type: string;
  /** First LBA. */
  lbaStart: number;
  /** LBA after the last. */
  lbaEnd: number;
  /** Referenced by the CUE. */
  inCue: boolean;
  /** Regenerated sector LBAs. */
  generatedSectors: number[];
  /** Data sectors whose EDC does not match (LBAs). */
  edcErrors: number[];
  /** Data sectors whose ECC does not match (LBAs). */
  eccErrors: number[];
}

/** Result of `runSplit`. */
export interface SplitResult {
  /** Image name. */
  imageName: string;
  /** Disc write offset in samples. */
  writeOffset: number;
  /** How it was found. */
  offsetMethod: OffsetMethod;
  /** Offsets used per LBA range `[first LBA, offset]` (several only with `correctOffsetShift`). */
  writeOffsets: [number, number][];
  /** Track files (CUE order) and Track 0/AA extras. */
  tracks: SplitFile[];
  /** CUE path and text. */
  cuePath: string;
  /** CUE text. */
  cue: string;
  /** Every CUE written: `NAME.cue`, then `NAME_LL.cue` per further CD-TEXT language. */
  cueSheets: { name: string; language: number | null; cue: string }[];
  /** Universal Hash, or null when skipped. */
  universalHash: string | null;
  /** `dat:` lines. */
  datLines: string[];
  /** `dat (extra):` lines. */
  datExtraLines: string[];
  /** Media catalog number. */
  mcn: string | null;
  /** Protections found (redumper's descriptions; their C2 sectors are regenerated). */
  protection: string[];
  /** Warnings logged. */
  warnings: string[];
  /** Per-track error counts (non-empty only with `forceSplit`). */
  errors: TrackErrors[];
  /** All log lines of the run. */
  log: string[];
}

/**
 * Split refused because of damaged sectors.
 *
 * @example Usage
 * ```ts ignore
 * try {
 *   await runSplit({ imagePath: "dumps", imageName: "game" }, platform);
 * } catch (e) {
 *   if (e instanceof SplitDataError) console.log(e.errors.map((t) => t.track));
 * }
 * ```
 */
export class SplitDataError extends SectorkitError {
  /** Errors per track. */
  errors: TrackErrors[];
  /** Creates the error. */
  constructor(errors: TrackErrors[]) {
    const where = errors.map((e) =>
      `track ${e.track} LBA ${formatLbaRuns(e.lbas)}${
        e.skipSectors + e.c2Sectors > e.lbas.length ? ",…" : ""
      }`
    ).join("; ");
    super(
      `data errors detected, unable to continue (${where}); use --force-split to write regenerated sectors`,
    );
    this.name = "SplitDataError";
    this.errors = errors;
  }
}

/**
 * `1,2,3,7` → `1-3,7`.
 *
 * @example Usage
 * ```ts
 * import { formatLbaRuns } from "./split_types.ts";
 * if (formatLbaRuns([1, 2, 3, 7]) !== "1-3,7") throw new Error("unexpected");
 * ```
 */
export function formatLbaRuns(lbas: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < lbas.length;) {
    let j = i;
    while (j + 1 < lbas.length && lbas[j + 1] === lbas[j] + 1) j++;
    out.push(j > i ? `${lbas[i]}-${lbas[j]}` : `${lbas[i]}`);
    i = j + 1;
  }
  return out.join(",");
}
