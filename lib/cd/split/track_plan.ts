// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Which files split writes (track files, Track 0 / Track AA extras) and the per-track error
 * check with redumper's policy (data modes: track_modes.ts).
 *
 * @module
 */
import { CD_SECTOR_SAMPLES } from "../constants.ts";
import { type CueFile, trackFileName } from "./cue.ts";
import { isData, type Layout, type LayoutTrack } from "./layout.ts";
import { countErrors, rangeClean, type ScramImage } from "./scram_image.ts";

/** One output file. */
export interface PlannedFile {
  /** File name. */
  name: string;
  /** Track number (0 lead-in, 0xAA lead-out). */
  track: number;
  /** Session. */
  session: number;
  /** First LBA written. */
  start: number;
  /** LBA after the last written. */
  end: number;
  /** Data track (descrambled) or audio. */
  data: boolean;
  /** Mode byte for regenerated data sectors (1 or 2; 0 for mode 0). */
  mode: number;
  /** CUE type. */
  type: string;
  /** Referenced by the CUE (false for Track 0/AA). */
  inCue: boolean;
  /** The layout track, for CUE indices. */
  layoutTrack: LayoutTrack | null;
}

/** Per-track error counts. */
export interface TrackErrors {
  /** File/track label ("1", "0", "AA"). */
  track: string;
  /** Sectors with a missing sample. */
  skipSectors: number;
  /** Sectors with a C2 sample. */
  c2Sectors: number;
  /** Missing samples. */
  skipSamples: number;
  /** C2 samples. */
  c2Samples: number;
  /** LBAs of bad sectors counted as errors (first 4096). */
  lbas: number[];
  /** Every LBA with a missing/C2 sample, tolerated or not. */
  bad: Set<number>;
  /** CD-R: C2 sectors at the start that continue the previous track's trailing run. */
  c2Leading: number;
  /** CD-R: C2 sectors of the trailing run (within the threshold; 0 above it). */
  c2Trailing: number;
}

/** The C2 run still open at the end of the previous track of the same session. */
export interface C2Carry {
  /** Sectors in the run. */
  run: number;
}

/**
 * Plans the output files (data modes and CUE types are filled in later by `fillTrackModes` in
 * track_modes.ts: mode 0 until then). Track 0 starts at the sector of the first non-zero sample
 * read at `leadInOffset`: with an offset shift, redumper's offset of the LBA that sample has at
 * offset 0 (default `offset`).
 */
export function planFiles(
  layout: Layout,
  name: string,
  offset: number,
  dataRange: [number, number] | null,
  leadInOffset: number = offset,
): PlannedFile[] {
  const all = layout.sessions.flatMap((s) => s.tracks);
  const last = Math.max(...all.map((t) => t.number));
  const multi = layout.sessions.length > 1;
  const files: PlannedFile[] = [];
  for (const s of layout.sessions) {
    s.tracks.forEach((t, i) => {
      const data = isData(t.control);
      const start = i === 0 ? (s.number === 1 ? 0 : t.indices[0]) : t.start;
      files.push({
        name: trackFileName(name, t.number, last, all.length),
        track: t.number,
        session: s.number,
        start,
        end: t.end,
        data,
        mode: 0,
        type: data ? "MODE0/2352" : "AUDIO",
        inCue: true,
        layoutTrack: t,
      });
    });
  }
  if (dataRange) {
    const first = layout.sessions[0].tracks[0];
    const startLba = Math.floor((dataRange[0] - leadInOffset) / CD_SECTOR_SAMPLES);
    if (startLba < 0) {
      files.unshift({
        name: trackFileName(name, 0, last, all.length, multi ? 1 : null),
        track: 0,
        session: 1,
        start: startLba,
        end: 0,
        data: isData(first.control) && files[0].data,
        mode: 0,
        type: files[0].type,
        inCue: false,
        layoutTrack: null,
      });
    }
    const ls = layout.sessions[layout.sessions.length - 1];
    const endLba = Math.ceil((dataRange[1] - offset) / CD_SECTOR_SAMPLES);
    if (endLba > ls.leadOutEnd) {
      const lf = files[files.length - 1];
      files.push({
        name: trackFileName(name, 0xaa, last, all.length, multi ? ls.number : null),
        track: 0xaa,
        session: ls.number,
        start: ls.leadOutStart,
        end: endLba,
        data: isData(ls.leadOutControl) && lf.data,
        mode: 0,
        type: lf.type,
        inCue: false,
        layoutTrack: null,
      });
    }
  }
  return files;
}

/**
 * Counts errors in a file's range as redumper's `check_tracks` does; protected sectors
 * (SafeDisc/Datel C2 ranges, `--skip`) are not counted. With a CD-R threshold it also measures the
 * runs a CD-R may have: `c2Trailing`, a C2 run at the end of the file of at most `cdrThreshold`
 * sectors, and `c2Leading`, a C2 run at the start that continues the previous file's trailing run
 * (`carry`, per session) with at most `cdrThreshold` sectors in all. A leading run that does not
 * continue one is not tolerated.
 */
export function checkFile(
  img: ScramImage,
  f: PlannedFile,
  offset: number,
  cdrThreshold: number | null,
  protectedLbas: Set<number> | null = null,
  carry: C2Carry = { run: 0 },
): TrackErrors {
  const e: TrackErrors = {
    // redumper's track string: the number padded like the file names ("01", "A", "AA").
    track: /\(Track ([0-9A]+)(?:\.\d+)?\)\.bin$/.exec(f.name)?.[1] ?? String(f.track),
    skipSectors: 0,
    c2Sectors: 0,
    skipSamples: 0,
    c2Samples: 0,
    lbas: [],
    bad: new Set(),
    c2Leading: 0,
    c2Trailing: 0,
  };
  const limit = cdrThreshold ?? 0;
  let run = carry.run;
  const clean = (lba: number): void => {
    if (run > 0 && run <= limit && run > lba - f.start) e.c2Leading = lba - f.start;
    run = 0;
  };
  for (let lba = f.start; lba < f.end; lba++) {
    if (protectedLbas?.has(lba)) continue;
    const s = lba * CD_SECTOR_SAMPLES + offset;
    if (rangeClean(img, s, CD_SECTOR_SAMPLES)) {
      clean(lba);
      continue;
    }
    const c = countErrors(img, s, CD_SECTOR_SAMPLES);
    if (c.skip) {
      e.skipSectors++;
      e.skipSamples += c.skip;
    }
    if (c.c2) {
      e.c2Sectors++;
      e.c2Samples += c.c2;
      run++;
    } else clean(lba);
    if (c.skip || c.c2) {
      e.bad.add(lba);
      if (e.lbas.length < 4096) e.lbas.push(lba);
    }
  }
  if (run > limit) run = 0;
  carry.run = run;
  if (cdrThreshold !== null) e.c2Trailing = run;
  return e;
}

/**
 * Whether a file's errors stop the split, by redumper's rule: missing samples in a CUE track; C2
 * anywhere, except on a CD-R in Track 0/AA (a warning) or in the leading/trailing runs
 * {@linkcode checkFile} measured.
 */
export function fileErrorVerdict(
  e: TrackErrors,
  inCue: boolean,
  cdr: boolean,
): { error: boolean; warnings: string[] } {
  if (e.skipSectors && inCue) return { error: true, warnings: [] };
  if (!e.c2Sectors) return { error: false, warnings: [] };
  if (!cdr) return { error: true, warnings: [] };
  if (!inCue) {
    return { error: false, warnings: ["warning: CD-R lead-in/lead-out C2 errors detected"] };
  }
  const warnings: string[] = [];
  if (e.c2Leading) {
    warnings.push(`warning: CD-R leading C2 errors detected (sectors: ${e.c2Leading})`);
  }
  if (e.c2Trailing) {
    warnings.push(`warning: CD-R trailing C2 errors detected (sectors: ${e.c2Trailing})`);
  }
  return { error: e.c2Leading + e.c2Trailing !== e.c2Sectors, warnings };
}

/** Builds the CUE entries of the files referenced by the CUE. */
export function cueFiles(files: PlannedFile[]): CueFile[] {
  return files.filter((f) => f.inCue && f.layoutTrack).map((f) => {
    const t = f.layoutTrack!;
    const indices: [number, number][] = [];
    if (f.start < t.indices[0]) indices.push([0, 0]);
    t.indices.forEach((l, i) => {
      if (l >= f.start) indices.push([i + 1, l - f.start]);
    });
    return {
      name: f.name,
      track: f.track,
      session: f.session,
      type: f.type,
      control: t.control,
      isrc: t.isrc,
      indices,
    };
  });
}
