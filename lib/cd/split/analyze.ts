// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * One pass over the `.scram`: the non-zero sample range and the data-sector sync records
 * (runs of syncs exactly one sector apart with consecutive header LBAs).
 *
 * @module
 */
import { CD_SECTOR_SAMPLES, SampleState } from "../constants.ts";
import { SCRAMBLE_TABLE } from "../scrambler.ts";
import { fromBcd } from "../msf.ts";
import { SCRAM_SAMPLE_BASE, type ScramImage } from "./scram_image.ts";

/** A run of data sectors found by their sync pattern. */
export interface SyncRecord {
  /** Header LBA of the first sector. */
  lba: number;
  /** Number of consecutive sectors. */
  count: number;
  /** Sample index (relative to LBA 0) of the first sector's sync. */
  sample: number;
}

/** Write offset (samples) a record implies. */
export function recordOffset(r: SyncRecord): number {
  return r.sample - r.lba * CD_SECTOR_SAMPLES;
}

/** Result of {@linkcode analyzeScram}. */
export interface ScramAnalysis {
  /** First non-zero sample (relative to LBA 0), or null when all zero. */
  nonZeroStart: number | null;
  /** One past the last non-zero sample. */
  nonZeroEnd: number | null;
  /** Sync records in file order. */
  records: SyncRecord[];
}

const SYNC0 = 0xffffff00, SYNC1 = 0xffffffff, SYNC2 = 0x00ffffff;
const SYNC0_I32 = SYNC0 | 0, SYNC1_I32 = SYNC1 | 0;

/**
 * Scans the image.
 *
 * @example Usage
 * ```ts ignore
 * const a = analyzeScram(img);
 * ```
 */
export function analyzeScram(img: ScramImage): ScramAnalysis {
  const d = img.data;
  if (d.byteOffset % 4 !== 0) throw new Error("scram buffer must be 4-byte aligned");
  const w = new Uint32Array(d.buffer, d.byteOffset, img.samples);
  const wi = new Int32Array(d.buffer, d.byteOffset, img.samples);
  const st = img.state;
  let first = -1, last = -1;
  for (let i = 0; i < w.length; i++) {
    if (w[i] !== 0) {
      first = i;
      break;
    }
  }
  if (first >= 0) {
    for (let i = w.length - 1; i >= first; i--) {
      if (w[i] !== 0) {
        last = i;
        break;
      }
    }
  }
  const records: SyncRecord[] = [];
  let cur: SyncRecord | null = null;
  const t12 = SCRAMBLE_TABLE[12], t13 = SCRAMBLE_TABLE[13], t14 = SCRAMBLE_TABLE[14];
  const end = last < 0 ? 0 : Math.min(last + 1, w.length - 4);
  const ok = SampleState.SuccessC2Off;
  // Stride 3: every sync covers three consecutive words, one of them at a multiple of 3.
  for (let j = Math.max(first, 0); j < end; j += 3) {
    j = nextSyncWord(wi, j, end);
    if (j >= end) break;
    const v = w[j];
    let i: number;
    if (v === SYNC0) i = j;
    else if (v === SYNC1) i = j - 1;
    else if (v === SYNC2) i = j - 2;
    else continue;
    if (i < 0 || w[i] !== SYNC0 || w[i + 1] !== SYNC1 || w[i + 2] !== SYNC2) continue;
    if (st[i] < ok || st[i + 1] < ok || st[i + 2] < ok || st[i + 3] < ok) continue;
    const b = (i + 3) * 4;
    const m = fromBcd(d[b] ^ t12), s = fromBcd(d[b + 1] ^ t13), f = fromBcd(d[b + 2] ^ t14);
    if (Number.isNaN(m + s + f) || s > 59 || f > 74) continue;
    let lba = 75 * (60 * m + s) + f - 150;
    if (m >= 160) lba -= 765000;
    const sample = i + SCRAM_SAMPLE_BASE;
    if (
      cur && sample === cur.sample + cur.count * CD_SECTOR_SAMPLES && lba === cur.lba + cur.count
    ) {
      cur.count++;
    } else {
      cur = { lba, count: 1, sample };
      records.push(cur);
    }
    // Continue just before the next expected sync (the stride finds it in its first 3 words).
    j = i + CD_SECTOR_SAMPLES - 3 > j ? i + CD_SECTOR_SAMPLES - 3 : j;
  }
  return {
    nonZeroStart: first < 0 ? null : first + SCRAM_SAMPLE_BASE,
    nonZeroEnd: last < 0 ? null : last + 1 + SCRAM_SAMPLE_BASE,
    records,
  };
}

/** First `k = j + 3n < end` whose word is one of the three sync words, or `end` (a small loop the
 * JIT keeps tight: most of a disc has no sync). */
function nextSyncWord(w: Int32Array, j: number, end: number): number {
  // Signed words: the compares stay in 32-bit integers.
  for (; j < end; j += 3) {
    const v = w[j];
    if (v === SYNC0_I32 || v === SYNC1_I32 || v === SYNC2) return j;
  }
  return end;
}

/** Records with more than one sector, grouped by their write offset in file order. */
export function offsetGroups(records: SyncRecord[]): { offset: number; records: SyncRecord[] }[] {
  const groups: { offset: number; records: SyncRecord[] }[] = [];
  for (const r of normalizeRecords(records)) {
    if (r.count < 2) continue;
    const o = recordOffset(r);
    const g = groups.find((x) => x.offset === o);
    if (g) g.records.push(r);
    else groups.push({ offset: o, records: [r] });
  }
  return groups;
}

/**
 * Fixes lead-in LBAs: a run that ends exactly where the next one starts but whose header
 * addresses do not continue (lead-in headers wrap) takes its addresses from the next run, and the
 * two are merged.
 */
export function normalizeRecords(records: SyncRecord[]): SyncRecord[] {
  const out = records.map((r) => ({ ...r }));
  for (let i = out.length - 2; i >= 0; i--) {
    const a = out[i], b = out[i + 1];
    if (a.sample + a.count * CD_SECTOR_SAMPLES !== b.sample) continue;
    out.splice(i, 2, { lba: b.lba - a.count, count: a.count + b.count, sample: a.sample });
  }
  return out;
}
