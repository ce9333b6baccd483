// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Data track modes and CD-i detection, as redumper's `fill_track_modes` and its CD-i check in
 * `redumper_split_cd` (cd/cd_split.ixx) decide them:
 *
 * - Every data file is scanned from its first sector: sectors with a missing or C2 sample are
 *   skipped, the others descrambled; a mode byte below 3 is taken, and the scan stops at the
 *   first such sector at or after index 1 (mixed-mode pregaps: index 1 wins; a pregap mode stays
 *   only when no sector from index 1 on decodes). Track 0 / Track AA stop at their first one.
 *   Nothing found: mode 0 (`MODE0/2352`), redumper's initial value.
 * - With a corrected offset shift (several write offsets) descrambling is plain XOR with no
 *   acceptance test: transitional sectors around the shift would fail it.
 * - CD-i: the first primary volume descriptor read from index 1 + 16 (plain XOR, sync required,
 *   Mode 1 or Mode 2 form 1 user data, stopping at a descriptor that is not `CD001`/`CD-I `, at
 *   the terminator or at a sector without user data) has the standard identifier `CD-I `: the
 *   CUE type is `CDI/2352` whatever the mode.
 *
 * @module
 */
import { CD_DATA_SIZE, CD_SECTOR_SAMPLES, CD_SYNC } from "../constants.ts";
import {
  descrambleSector,
  rangeClean,
  readSamples,
  type ScramImage,
  xorTable,
} from "./scram_image.ts";
import { offsetAt, type OffsetEntry } from "./offset_shift.ts";
import type { PlannedFile } from "./track_plan.ts";

/** Options of {@linkcode dataMode}. */
export interface DataModeOptions {
  /** Descramble by plain XOR (offset shift corrected). */
  forceDescramble?: boolean;
}

/** Options of {@linkcode fillTrackModes}. */
export interface TrackModeOptions extends DataModeOptions {
  /**
   * With an offset shift corrected: the original image and its offsets. redumper reads the CD-i
   * descriptor from the original `.scram` at the offset of index 1 for the whole track (its
   * `Image_SCRAM_Reader`), not sector by sector.
   */
  original?: { img: ScramImage; offsets: readonly OffsetEntry[] };
}

/**
 * The mode redumper records for data sectors `[from, to)` read at `offset`; `index1` is the LBA
 * from which the first decoded mode wins (null: the first decoded sector wins). 0 when no
 * sector decodes.
 *
 * @example An image without sectors gives mode 0
 * ```ts
 * import { dataMode } from "./track_modes.ts";
 * const img = { data: new Uint8Array(0), state: new Uint8Array(0), samples: 0 };
 * if (dataMode(img, 0, 10, 0, 0) !== 0) throw new Error();
 * ```
 */
export function dataMode(
  img: ScramImage,
  from: number,
  to: number,
  index1: number | null,
  offset: number,
  options: DataModeOptions = {},
): number {
  const buf = new Uint8Array(CD_DATA_SIZE);
  let mode = 0;
  for (let lba = from; lba < to; lba++) {
    const s = lba * CD_SECTOR_SAMPLES + offset;
    if (!rangeClean(img, s, CD_SECTOR_SAMPLES)) continue;
    readSamples(img, s, buf);
    if (options.forceDescramble) xorTable(buf, 0);
    else if (!descrambleSector(buf, 0, lba)) continue;
    if (buf[15] >= 3) continue;
    mode = buf[15];
    if (index1 === null || lba >= index1) break;
  }
  return mode;
}

/**
 * Whether the data track whose index 1 is `index1` (ending before `end`) carries a CD-i disc
 * label: the first primary volume descriptor from sector 16 on says `CD-I `.
 *
 * @example No descriptor, no CD-i
 * ```ts
 * import { isCdiTrack } from "./track_modes.ts";
 * const img = { data: new Uint8Array(0), state: new Uint8Array(0), samples: 0 };
 * if (isCdiTrack(img, 0, 100, 0)) throw new Error();
 * ```
 */
export function isCdiTrack(img: ScramImage, index1: number, end: number, offset: number): boolean {
  const buf = new Uint8Array(CD_DATA_SIZE);
  for (let lba = index1 + 16; lba < end; lba++) {
    readSamples(img, lba * CD_SECTOR_SAMPLES + offset, buf);
    if (CD_SYNC.some((b, i) => buf[i] !== b)) return false;
    xorTable(buf, 0);
    let at: number;
    if (buf[15] === 1) at = 16;
    else if (buf[15] === 2 && !(buf[18] & 0x20)) at = 24;
    else return false;
    const id = String.fromCharCode(...buf.subarray(at + 1, at + 6));
    if (id !== "CD001" && id !== "CD-I ") return false;
    if (buf[at] === 1) return id === "CD-I ";
    if (buf[at] === 0xff) return false;
  }
  return false;
}

/**
 * Sets `mode` and (for CUE tracks) `type` of every data file as redumper does, from the image
 * split reads (the relocated copy when an offset shift is corrected, with `forceDescramble`).
 *
 * @example Usage
 * ```ts ignore
 * const files = planFiles(img, layout, "game", offset, dataRange);
 * fillTrackModes(img, files, offset, { forceDescramble: shifted });
 * ```
 */
export function fillTrackModes(
  img: ScramImage,
  files: PlannedFile[],
  offset: number,
  options: TrackModeOptions = {},
): void {
  for (const f of files) {
    if (!f.data || f.end <= f.start) continue;
    const t = f.layoutTrack;
    f.mode = dataMode(img, f.start, f.end, t ? t.indices[0] : null, offset, options);
    if (!f.inCue || !t) continue;
    const o = options.original;
    const cdi = o
      ? isCdiTrack(o.img, t.indices[0], t.end, offsetAt(o.offsets, t.indices[0]))
      : isCdiTrack(img, t.indices[0], t.end, offset);
    f.type = cdi ? "CDI/2352" : `MODE${f.mode}/2352`;
  }
}
