// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * A small CUE sheet reader: FILE entries with their tracks, types and indices.
 *
 * @module
 */
import { FormatError } from "../../errors.ts";

/** One TRACK of a CUE sheet. */
export interface CueSheetTrack {
  /** Track number. */
  number: number;
  /** Type (`AUDIO`, `MODE1/2352`, …). */
  type: string;
  /** INDEX number → frames from the file start. */
  indices: Map<number, number>;
  /** REM SESSION in force (1 when absent). */
  session: number;
}

/** One FILE of a CUE sheet. */
export interface CueSheetFile {
  /** File name as written. */
  name: string;
  /** Tracks in the file. */
  tracks: CueSheetTrack[];
}

/**
 * Parses CUE text.
 *
 * @example Usage
 * ```ts
 * import { parseCueSheet } from "./cue_sheet.ts";
 * const f = parseCueSheet('FILE "a.bin" BINARY\n  TRACK 01 MODE1/2352\n    INDEX 01 00:00:00\n');
 * if (f[0].name !== "a.bin" || f[0].tracks[0].type !== "MODE1/2352") throw new Error("unexpected");
 * ```
 */
export function parseCueSheet(text: string): CueSheetFile[] {
  const files: CueSheetFile[] = [];
  let session = 1;
  for (const [n, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line) continue;
    let m = /^REM SESSION (\d+)/i.exec(line);
    if (m) {
      session = Number(m[1]);
      continue;
    }
    m = /^FILE\s+(?:"([^"]*)"|(\S+))\s+\S+$/i.exec(line);
    if (m) {
      files.push({ name: m[1] ?? m[2], tracks: [] });
      continue;
    }
    m = /^TRACK\s+(\d+)\s+(\S+)$/i.exec(line);
    if (m) {
      const f = files[files.length - 1];
      if (!f) throw new FormatError(`CUE line ${n + 1}: TRACK before FILE`);
      f.tracks.push({
        number: Number(m[1]),
        type: m[2].toUpperCase(),
        indices: new Map(),
        session,
      });
      continue;
    }
    m = /^INDEX\s+(\d+)\s+(\d+):(\d+):(\d+)$/i.exec(line);
    if (m) {
      const t = files[files.length - 1]?.tracks.at(-1);
      if (!t) throw new FormatError(`CUE line ${n + 1}: INDEX before TRACK`);
      t.indices.set(Number(m[1]), (Number(m[2]) * 60 + Number(m[3])) * 75 + Number(m[4]));
    }
  }
  return files;
}
