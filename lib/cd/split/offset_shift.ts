// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Offset shift: discs whose write offset changes part way (mastering glitches, relocated data).
 * The data-sector sync records are normalised as redumper does (lead-in addresses, false syncs,
 * merging, transitional sectors) into a list of `(first LBA, write offset)` entries; with
 * `--correct-offset-shift` every sector is read with the offset of its entry, which
 * {@linkcode relocateImage} does once by moving each range of the `.scram` to where a single
 * offset expects it.
 *
 * @module
 */
import { CD_DATA_SIZE, CD_SECTOR_SAMPLES, CD_SYNC } from "../constants.ts";
import { recordOffset, type SyncRecord } from "./analyze.ts";
import { readSamples, SCRAM_SAMPLE_BASE, type ScramImage } from "./scram_image.ts";

/** `(first LBA, write offset in samples)`, sorted by LBA. */
export type OffsetEntry = [lba: number, offset: number];

/** Sync bytes that may differ for a transitional sector to count as one. */
export const OFFSET_SHIFT_SYNC_TOLERANCE = 2;

/**
 * Joins consecutive sync records that continue the same sample alignment and address sequence
 * (sectors missing in between, e.g. damaged ones, do not start a new record): the records
 * redumper's sync analyzer produces, where a record's count spans from its first to its last
 * sync.
 *
 * @example Usage
 * ```ts
 * import { joinSyncRecords } from "./offset_shift.ts";
 * const r = joinSyncRecords([
 *   { lba: 0, count: 10, sample: 0 },
 *   { lba: 11, count: 5, sample: 11 * 588 },
 * ]);
 * if (r.length !== 1 || r[0].count !== 16) throw new Error();
 * ```
 */
export function joinSyncRecords(records: readonly SyncRecord[]): SyncRecord[] {
  const out: SyncRecord[] = [];
  for (const r of records) {
    const b = out[out.length - 1];
    if (b && (r.lba - b.lba) * CD_SECTOR_SAMPLES === r.sample - b.sample && r.lba > b.lba) {
      b.count = r.lba + r.count - b.lba;
    } else out.push({ ...r });
  }
  return out;
}

/** Options of {@linkcode normalizeOffsetRecords}. */
export interface NormalizeOptions {
  /** `--offset-shift-relocate`: merge only records whose LBA spacing matches their sample
   * spacing (same offset); otherwise records whose offsets differ by whole sectors merge. */
  relocate?: boolean;
}

/**
 * redumper's record normalisation: lead-in LBAs taken from the record crossing sample 0, single
 * sector (false) syncs dropped, neighbours merged (see {@linkcode NormalizeOptions}), and records
 * after an unaligned shift extended backwards over transitional sectors whose sync differs by at
 * most {@linkcode OFFSET_SHIFT_SYNC_TOLERANCE} bytes (read at the later record's offset).
 *
 * @example Two offsets
 * ```ts
 * import { normalizeOffsetRecords } from "./offset_shift.ts";
 * const img = { data: new Uint8Array(0), state: new Uint8Array(0), samples: 0 };
 * const r = normalizeOffsetRecords(img, [
 *   { lba: 0, count: 100, sample: 12 },
 *   { lba: 100, count: 50, sample: 100 * 588 + 300 },
 * ]);
 * if (r.length !== 2) throw new Error();
 * ```
 */
export function normalizeOffsetRecords(
  img: ScramImage,
  records: readonly SyncRecord[],
  options: NormalizeOptions = {},
): SyncRecord[] {
  const recs = joinSyncRecords(records);
  // Lead-in: records before the one crossing sample 0 take their LBAs from it.
  const cross = recs.findIndex((r) => r.sample <= 0 && r.sample + r.count * CD_SECTOR_SAMPLES > 0);
  for (let j = cross; j > 0; j--) {
    const p = recs[j - 1];
    p.lba = recs[j].lba - Math.ceil((recs[j].sample - p.sample) / CD_SECTOR_SAMPLES);
  }
  const out = recs.filter((r) => r.count !== 1);
  for (let merged = true; merged;) {
    merged = false;
    for (let i = 0; i + 1 < out.length; i++) {
      const diff = out[i + 1].sample - out[i].sample;
      const m = options.relocate
        ? (out[i + 1].lba - out[i].lba) * CD_SECTOR_SAMPLES === diff
        : diff % CD_SECTOR_SAMPLES === 0;
      if (m) {
        out[i].count += out[i + 1].count;
        out.splice(i + 1, 1);
        merged = true;
        break;
      }
    }
  }
  const buf = new Uint8Array(CD_DATA_SIZE);
  for (let i = 0; i + 1 < out.length; i++) {
    const l = out[i], r = out[i + 1];
    if ((r.sample - l.sample) % CD_SECTOR_SAMPLES === 0) continue;
    const offset = recordOffset(r);
    let count = 0;
    for (let lba = r.lba - 1; lba >= l.lba + l.count; lba--) {
      readSamples(img, lba * CD_SECTOR_SAMPLES + offset, buf);
      let diff = 0;
      for (let k = 0; k < CD_SYNC.length; k++) if (buf[k] !== CD_SYNC[k]) diff++;
      if (diff > OFFSET_SHIFT_SYNC_TOLERANCE) break;
      count++;
    }
    r.lba -= count;
    r.sample -= count * CD_SECTOR_SAMPLES;
  }
  return out;
}

/**
 * The write offset for `lba`: the entry with the greatest first LBA not after it (the first
 * entry before all of them).
 *
 * @example Usage
 * ```ts
 * import { offsetAt } from "./offset_shift.ts";
 * const o = [[-150, 12], [150, 300]] as [number, number][];
 * if (offsetAt(o, 0) !== 12 || offsetAt(o, 200) !== 300 || offsetAt(o, -200) !== 12) throw new Error();
 * ```
 */
export function offsetAt(offsets: readonly OffsetEntry[], lba: number): number {
  let o = offsets[0][1];
  for (const [l, off] of offsets) {
    if (l > lba) break;
    o = off;
  }
  return o;
}

/**
 * A copy of the image in which every sector `L` lies where the single offset `base` expects it
 * (`L×588 + base`), taken from `L×588 + offsetAt(offsets, L)`; samples taken from outside the
 * files read as zero with state ERROR_SKIP. The rest of split then works with `base` alone.
 *
 * @example Usage
 * ```ts ignore
 * const fixed = relocateImage(img, [[-150, 12], [150, 300]], 12);
 * ```
 */
export function relocateImage(
  img: ScramImage,
  offsets: readonly OffsetEntry[],
  base: number,
): ScramImage {
  const n = img.samples;
  const data = new Uint8Array(img.data.length);
  const state = new Uint8Array(img.state.length);
  offsets.forEach(([lba, offset], k) => {
    // Destination file samples of this entry's sectors.
    const from = k === 0 ? 0 : lba * CD_SECTOR_SAMPLES + base - SCRAM_SAMPLE_BASE;
    const next = offsets[k + 1];
    const to = next ? next[0] * CD_SECTOR_SAMPLES + base - SCRAM_SAMPLE_BASE : n;
    const delta = offset - base;
    const a = Math.max(from, 0, -delta), b = Math.min(to, n, n - delta);
    if (b <= a) return;
    data.set(img.data.subarray((a + delta) * 4, (b + delta) * 4), a * 4);
    state.set(img.state.subarray(a + delta, b + delta), a);
  });
  return { data, state, samples: n };
}

/** The log block redumper writes after the disc write offset when the shift is corrected. */
export function offsetShiftLines(offsets: readonly OffsetEntry[]): string[] {
  const sign = (n: number): string => (n >= 0 ? `+${n}` : `${n}`);
  return [
    "offset shift correction applied: ",
    ...offsets.map(([l, o]) => `  LBA: ${String(l).padStart(6)}, offset: ${sign(o)}`),
    "",
  ];
}
