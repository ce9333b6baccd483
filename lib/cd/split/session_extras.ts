// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Multisession lead-in/lead-out extras, as redumper cuts them: the first track of a later session
 * starts at its index 1, and when anything between the previous session's lead-out end and that
 * index 1 (the session's lead-in and pregap) carries non-zero data it becomes
 * `NAME (Track 0.S).bin`; non-zero data in the lead-out of a session before the last becomes
 * `NAME (Track A.S).bin` (from the lead-out start to the last non-zero sector; the last session's
 * lead-out runs to the end of the dump). Both are hashed under `dat (extra)` and not referenced by
 * the CUE. Session 1's Track 0 is planned by {@linkcode planFiles} from the non-zero data range
 * and dropped here when it has no non-zero sector.
 *
 * @module
 */
import { CD_DATA_SIZE, CD_SECTOR_SAMPLES, LBA_START } from "../constants.ts";
import { trackFileName } from "./cue.ts";
import { isData, type Layout } from "./layout.ts";
import { descrambleSector, rangeClean, readSamples, type ScramImage } from "./scram_image.ts";
import type { PlannedFile } from "./track_plan.ts";

/** Whether a sector read as `data` (descrambled when it can be) has non-zero user data. */
function nonZeroSector(buf: Uint8Array, lba: number, data: boolean): boolean {
  let a = 0, b = CD_DATA_SIZE;
  if (data) {
    descrambleSector(buf, 0, lba);
    const mode = buf[15];
    if (mode === 0) [a, b] = [16, 16 + 2336];
    else if (mode === 1) [a, b] = [16, 16 + 2048];
    else if (mode === 2) [a, b] = buf[18] & 0x20 ? [24, 24 + 2324] : [24, 24 + 2048];
  }
  for (let i = a; i < b; i++) if (buf[i] !== 0) return true;
  return false;
}

/**
 * redumper's non-zero count over `[from, to)`: forward, the sectors from the first non-zero one
 * to `to`; `reverse`, the sectors from `from` to the last non-zero one. Sectors with a missing or
 * C2 sample are skipped; 0 when nothing is non-zero.
 *
 * @example Usage
 * ```ts
 * import { nonZeroCount } from "./session_extras.ts";
 * const img = { data: new Uint8Array(4 * 2352), state: new Uint8Array(4 * 588).fill(4), samples: 4 * 588 };
 * img.data[2 * 2352 + 7] = 1; // LBA -45148 (the files start at LBA -45150)
 * if (nonZeroCount(img, -45150, -45146, 0, false, false) !== 2) throw new Error();
 * if (nonZeroCount(img, -45150, -45146, 0, false, true) !== 3) throw new Error();
 * ```
 */
export function nonZeroCount(
  img: ScramImage,
  from: number,
  to: number,
  offset: number,
  data: boolean,
  reverse: boolean,
): number {
  const buf = new Uint8Array(CD_DATA_SIZE);
  const hit = (lba: number): boolean => {
    const s = lba * CD_SECTOR_SAMPLES + offset;
    if (!rangeClean(img, s, CD_SECTOR_SAMPLES)) return false;
    readSamples(img, s, buf);
    return nonZeroSector(buf, lba, data);
  };
  if (reverse) {
    for (let lba = to - 1; lba >= from; lba--) if (hit(lba)) return lba - from + 1;
  } else {
    for (let lba = from; lba < to; lba++) if (hit(lba)) return to - lba;
  }
  return 0;
}

/** File order of redumper's TOC: per session Track 0, the tracks, Track AA. */
function rank(f: PlannedFile): number {
  return f.track === 0 ? 0 : f.track === 0xaa ? 2 : 1;
}

/**
 * Adds the Track 0.S of later sessions and every session's Track A(.S) to `files` (in
 * redumper's order) and returns the warnings redumper logs for them
 * (`warning: lead-in contains non-zero data (session: 2, sectors: 5/4650)`,
 * `warning: lead-out contains non-zero data (session: 1, sectors: 3/6750)`).
 */
export function addSessionExtras(
  img: ScramImage,
  layout: Layout,
  name: string,
  offset: number,
  files: PlannedFile[],
): string[] {
  const sessions = layout.sessions;
  const lines: string[] = [];
  // Session 1's Track 0 (planned from the non-zero data range) is logged the same way.
  const t0 = files.find((f) => f.track === 0 && f.session === sessions[0].number);
  if (t0 && t0.start < 0) {
    const n = nonZeroCount(img, t0.start, 0, offset, t0.data, false);
    if (n) {
      lines.push(
        `warning: lead-in contains non-zero data (session: ${t0.session}, sectors: ${n}/${-t0
          .start})`,
      );
    } else files.splice(files.indexOf(t0), 1);
  }
  // Every session's lead-out (the last one's up to the end of the dump) follows one rule below.
  const lastSession = sessions[sessions.length - 1].number;
  const aa = files.findIndex((f) => f.track === 0xaa && f.session === lastSession);
  if (aa >= 0) files.splice(aa, 1);
  const all = sessions.flatMap((s) => s.tracks);
  const last = Math.max(...all.map((t) => t.number));
  const multi = sessions.length > 1;
  const dumpEnd = Math.floor(img.samples / CD_SECTOR_SAMPLES) + LBA_START;
  const extra: PlannedFile[] = [];
  const like = (session: number, first: boolean): PlannedFile | undefined => {
    const fs = files.filter((f) => f.session === session && f.inCue);
    return first ? fs[0] : fs[fs.length - 1];
  };
  for (let i = 1; i < sessions.length; i++) {
    const s = sessions[i], t = s.tracks[0];
    const from = sessions[i - 1].leadOutEnd, to = t.indices[0];
    if (to <= from) continue;
    const data = isData(t.control);
    const n = nonZeroCount(img, from, to, offset, data, false);
    if (!n) continue;
    lines.push(
      `warning: lead-in contains non-zero data (session: ${s.number}, sectors: ${n}/${to - from})`,
    );
    const f = like(s.number, true);
    extra.push({
      name: trackFileName(name, 0, last, all.length, s.number),
      track: 0,
      session: s.number,
      start: from,
      end: to,
      data,
      mode: 0,
      type: f?.type ?? "AUDIO",
      inCue: false,
      layoutTrack: null,
    });
  }
  for (let i = 0; i < sessions.length; i++) {
    const s = sessions[i];
    const data = isData(s.leadOutControl);
    const end = i + 1 < sessions.length ? s.leadOutEnd : Math.max(dumpEnd, s.leadOutStart);
    const n = nonZeroCount(img, s.leadOutStart, end, offset, data, true);
    if (!n) continue;
    lines.push(
      `warning: lead-out contains non-zero data (session: ${s.number}, sectors: ${n}/${
        end - s.leadOutStart
      })`,
    );
    const f = like(s.number, false);
    extra.push({
      name: trackFileName(name, 0xaa, last, all.length, multi ? s.number : null),
      track: 0xaa,
      session: s.number,
      start: s.leadOutStart,
      end: s.leadOutStart + n,
      data,
      mode: 0,
      type: f?.type ?? "AUDIO",
      inCue: false,
      layoutTrack: null,
    });
  }
  if (extra.length) {
    const merged = [...files, ...extra].sort((a, b) =>
      a.session - b.session || rank(a) - rank(b) || a.start - b.start
    );
    files.splice(0, files.length, ...merged);
  }
  return lines;
}
