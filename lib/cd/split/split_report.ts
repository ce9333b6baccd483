// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Helpers for what split reports: data range alignment, the final TOC listing, pre-gap
 * completeness, the Universal Hash.
 *
 * @module
 */
import type { ParallelHashPool } from "../hash/parallel_hasher.ts";
import { CD_DATA_SIZE, CD_SECTOR_SAMPLES } from "../constants.ts";
import { formatMsf, lbaToMsf } from "../msf.ts";
import type { ScramAnalysis } from "./analyze.ts";
import { isData, type Layout } from "./layout.ts";
import {
  countErrors,
  descrambleSector,
  rangeClean,
  readSamples,
  SCRAM_SAMPLE_BASE,
  type ScramImage,
} from "./scram_image.ts";

/** Whether a descrambled data sector carries non-zero user data. */
export function hasUserData(s: Uint8Array): boolean {
  let a = 16, b = CD_DATA_SIZE;
  if (s[15] === 1) b = 2064;
  else if (s[15] === 2 && s[16] === s[20] && s[17] === s[21] && s[18] === s[22]) {
    a = 24;
    b = s[18] & 0x20 ? 2348 : 2072;
  }
  for (let i = a; i < b; i++) if (s[i] !== 0) return true;
  return false;
}

/**
 * The non-zero data start, moved past leading data sectors without user data when it falls in
 * a sync record (their scrambled headers are non-zero but carry nothing).
 */
export function alignDataStart(img: ScramImage, a: ScramAnalysis): number {
  let start = a.nonZeroStart!;
  const buf = new Uint8Array(CD_DATA_SIZE);
  for (const r of a.records) {
    const end = r.sample + r.count * CD_SECTOR_SAMPLES;
    if (start < r.sample - CD_SECTOR_SAMPLES || start >= end) continue;
    let k = Math.max(0, Math.floor((start - r.sample) / CD_SECTOR_SAMPLES));
    for (; k < r.count; k++) {
      const s = r.sample + k * CD_SECTOR_SAMPLES;
      readSamples(img, s, buf);
      descrambleSector(buf, 0, r.lba + k);
      if (hasUserData(buf)) return Math.max(s, start);
    }
    start = end;
  }
  return start;
}

/** The "final TOC" block of the log. */
export function formatLayout(layout: Layout): string[] {
  const out: string[] = [];
  const multi = layout.sessions.length > 1;
  const ind = multi ? "    " : "  ";
  const range = (a: number, b: number): string =>
    `{ LBA: [${String(a).padStart(6)} .. ${String(b - 1).padStart(6)}], length: ${
      String(b - a).padStart(6)
    }, MSF: ${formatMsf(lbaToMsf(a))}-${formatMsf(lbaToMsf(b - 1))} }`;
  const flags = (c: number): string =>
    (isData(c) ? " data" : "audio") + (c & 2 ? ", dcp" : "") + (c & 8 ? ", 4ch" : "") +
    (c & 1 ? ", pre" : "");
  for (const s of layout.sessions) {
    if (multi) out.push(`  session ${s.number}`);
    for (const t of s.tracks) {
      out.push(`${ind}track ${t.number} { ${flags(t.control)} }`);
      if (t.start < t.indices[0]) out.push(`${ind}  index 00 ${range(t.start, t.indices[0])}`);
      t.indices.forEach((l, i) => {
        const e = i + 1 < t.indices.length ? t.indices[i + 1] : t.end;
        out.push(`${ind}  index ${String(i + 1).padStart(2, "0")} ${range(l, e)}`);
      });
    }
    out.push(`${ind}track A { ${flags(s.leadOutControl)} }`);
    out.push(`${ind}  index 01 ${range(s.leadOutStart, s.leadOutEnd)}`);
  }
  return out;
}

/** `warning: incomplete pre-gap` lines: the 150 sectors before LBA 0 / each later session's index 1. */
export function pregapWarnings(img: ScramImage, layout: Layout, offset: number): string[] {
  const out: string[] = [];
  for (const [k, s] of layout.sessions.entries()) {
    // Session 1's pregap is LBA −150..−1 (track 1 is cut at LBA 0), later ones end at index 1.
    const i1 = k === 0 ? 0 : s.tracks[0].indices[0];
    let missing = 0;
    for (let lba = i1 - 150; lba < i1; lba++) {
      if (countErrors(img, lba * CD_SECTOR_SAMPLES + offset, CD_SECTOR_SAMPLES).skip) missing++;
    }
    if (missing) {
      out.push(`warning: incomplete pre-gap (session: ${s.number}, unavailable: ${missing}/150)`);
    }
  }
  return out;
}

/** SHA-1 of the raw samples in the range, or null when the range has missing/C2 samples. */
export function universalHash(
  img: ScramImage,
  range: [number, number],
  pool: ParallelHashPool,
): Promise<string | null> {
  const [a, b] = range;
  const i0 = a - SCRAM_SAMPLE_BASE, i1 = b - SCRAM_SAMPLE_BASE;
  if (i0 < 0 || i1 > img.samples) return Promise.resolve(null);
  if (!pool.native && !rangeClean(img, a, b - a)) return Promise.resolve(null);
  // Native hashing starts before the (slower) error check, which runs meanwhile on this thread; a
  // range with errors discards the hash.
  const sha1 = pool.sha1(img.data.subarray(i0 * 4, i1 * 4));
  if (rangeClean(img, a, b - a)) return sha1;
  sha1.catch(() => {});
  return Promise.resolve(null);
}
