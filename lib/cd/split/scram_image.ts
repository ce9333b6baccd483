// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * A loaded `.scram` + `.state` pair addressed by sample index relative to LBA 0 (sample `s` of
 * LBA `L` with write offset `o` is `L*588 + o + s`). Samples outside the files read as zero with
 * state ERROR_SKIP.
 *
 * @module
 */
import { CD_DATA_SIZE, CD_SECTOR_SAMPLES, LBA_START, SampleState } from "../constants.ts";
import { SCRAMBLE_TABLE } from "../scrambler.ts";
import { fromBcd } from "../msf.ts";

/** Sample index of scram byte 0. */
export const SCRAM_SAMPLE_BASE: number = LBA_START * CD_SECTOR_SAMPLES;

/**
 * The scrambled main channel and per-sample state of a dump. `data` and `state` are READ-ONLY: split
 * may memory-map them from the files (writing into them would crash the process); copy first.
 */
export interface ScramImage {
  /** Whole `.scram`. */
  data: Uint8Array;
  /** Whole `.state` (one byte per sample). */
  state: Uint8Array;
  /** Number of samples in the files. */
  samples: number;
  /** Runs `[start, end)` (file sample indices) of ERROR_SKIP/ERROR_C2 samples, built on demand. */
  errorRuns?: { starts: number[]; ends: number[] };
}

/** Builds (once) the sorted runs of error samples with one pass over the state. */
export function errorRuns(img: ScramImage): { starts: number[]; ends: number[] } {
  if (img.errorRuns) return img.errorRuns;
  const st = img.state;
  const starts: number[] = [], ends: number[] = [];
  let runStart = -1;
  const n = img.samples;
  const aligned = st.byteOffset % 4 === 0;
  const words = aligned ? n >> 2 : 0;
  const w = aligned ? new Uint32Array(st.buffer, st.byteOffset, words) : null;
  for (let i = 0; i < n;) {
    if (w && (i & 3) === 0) {
      // Whole words at once: good ones outside a run, ERROR_SKIP ones inside (tight loops).
      let j = i >> 2;
      if (runStart < 0) {
        for (; j < words; j++) {
          const v = w[j];
          if (v !== 0x04040404 && (((v | (v >> 1)) >> 1) & 0x01010101) !== 0x01010101) break;
        }
      } else {
        while (j < words && w[j] === 0) j++;
      }
      if (j !== i >> 2) {
        i = j << 2;
        continue;
      }
    }
    const bad = st[i] < SampleState.SuccessC2Off;
    if (bad && runStart < 0) runStart = i;
    else if (!bad && runStart >= 0) {
      starts.push(runStart);
      ends.push(i);
      runStart = -1;
    }
    i++;
  }
  if (runStart >= 0) {
    starts.push(runStart);
    ends.push(n);
  }
  img.errorRuns = { starts, ends };
  return img.errorRuns;
}

/** Sample index (relative to LBA 0) of the first sample in the files. */
export function firstSample(): number {
  return SCRAM_SAMPLE_BASE;
}

/** Copies 2352 bytes starting at sample `s` into `out` at `at`, zero-filling outside the file. */
export function readSamples(img: ScramImage, s: number, out: Uint8Array, at = 0): void {
  const i0 = s - SCRAM_SAMPLE_BASE;
  if (i0 >= 0 && i0 + CD_SECTOR_SAMPLES <= img.samples) {
    out.set(img.data.subarray(i0 * 4, i0 * 4 + CD_DATA_SIZE), at);
    return;
  }
  out.fill(0, at, at + CD_DATA_SIZE);
  const a = Math.max(i0, 0), b = Math.min(i0 + CD_SECTOR_SAMPLES, img.samples);
  if (b > a) out.set(img.data.subarray(a * 4, b * 4), at + (a - i0) * 4);
}

/** Counts ERROR_SKIP and ERROR_C2 samples in `[s, s + n)`. */
export function countErrors(img: ScramImage, s: number, n: number): { skip: number; c2: number } {
  let skip = 0, c2 = 0;
  const i0 = s - SCRAM_SAMPLE_BASE;
  const a = Math.max(i0, 0), b = Math.min(i0 + n, img.samples);
  skip += Math.max(0, Math.min(n, a - i0)) + Math.max(0, i0 + n - Math.max(b, a));
  const st = img.state;
  for (let i = a; i < b; i++) {
    const v = st[i];
    if (v === SampleState.ErrorSkip) skip++;
    else if (v === SampleState.ErrorC2) c2++;
  }
  return { skip, c2 };
}

/** Whether `[s, s + n)` has no ERROR_SKIP/ERROR_C2 sample (binary search in the error runs). */
export function rangeClean(img: ScramImage, s: number, n: number): boolean {
  const i0 = s - SCRAM_SAMPLE_BASE;
  if (i0 < 0 || i0 + n > img.samples) return false;
  const { starts, ends } = errorRuns(img);
  // First run ending after i0.
  let lo = 0, hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid] <= i0) lo = mid + 1;
    else hi = mid;
  }
  return lo >= starts.length || starts[lo] >= i0 + n;
}

/**
 * Descrambles a sector in place with redumper's acceptance rule; returns true when kept
 * descrambled (otherwise the bytes are restored to their scrambled form).
 */
export function descrambleSector(s: Uint8Array, at: number, lba: number): boolean {
  return descrambleWords(s, null, at, lba);
}

/**
 * {@linkcode descrambleSector} with an optional 32-bit view of the same bytes (`at` a multiple
 * of 4 relative to it) so chunked callers avoid a view per sector.
 */
export function descrambleWords(
  s: Uint8Array,
  words: Uint32Array | null,
  at: number,
  lba: number,
): boolean {
  const xor = (): void => {
    if (words) {
      const w0 = at >> 2;
      for (let i = 3; i < 588; i++) words[w0 + i] ^= TABLE32[i];
    } else xorTable(s, at);
  };
  xor();
  if (descrambledOk(s, at, lba)) return true;
  xor();
  return false;
}

/**
 * {@linkcode descrambleWords} fused with the copy: descrambles the sector at 32-bit word `from`
 * of `src` (the scrambled image, e.g. a read-only mapped file) into `out` at byte `at` (a
 * multiple of 4; `words` views `out`) in one pass. Returns false (and leaves the scrambled bytes in
 * `out`) when redumper's rule keeps the sector scrambled.
 *
 * @example Usage
 * ```ts
 * import { descrambleCopy } from "./scram_image.ts";
 * const src = new Uint32Array(588); // an all-zero sector has no sync: kept as is
 * const out = new Uint8Array(2352).fill(7);
 * if (descrambleCopy(src, 0, out, new Uint32Array(out.buffer), 0, 0)) throw new Error();
 * if (out.some((b) => b !== 0)) throw new Error();
 * ```
 */
export function descrambleCopy(
  src: Uint32Array,
  from: number,
  out: Uint8Array,
  words: Uint32Array,
  at: number,
  lba: number,
): boolean {
  const w0 = at >> 2;
  for (let i = 0; i < 588; i++) words[w0 + i] = src[from + i] ^ TABLE32[i];
  if (descrambledOk(out, at, lba)) return true;
  for (let i = 3; i < 588; i++) words[w0 + i] = src[from + i];
  return false;
}

/** redumper's acceptance of a descrambled sector: header address, or sync with mode 1/2 (or 0
 * with zero user data). */
function descrambledOk(s: Uint8Array, at: number, lba: number): boolean {
  const m = fromBcd(s[at + 12]), sec = fromBcd(s[at + 13]), f = fromBcd(s[at + 14]);
  let hdr = 75 * (60 * m + sec) + f - 150;
  if (m >= 160) hdr -= 765000;
  if (hdr === lba) return true;
  for (let i = 0; i < 12; i++) {
    if (s[at + i] !== (i === 0 || i === 11 ? 0 : 0xff)) return false;
  }
  const mode = s[at + 15];
  if (mode === 1 || mode === 2) return true;
  if (mode !== 0) return false;
  for (let i = 16; i < CD_DATA_SIZE; i++) if (s[at + i] !== 0) return false;
  return true;
}

const TABLE32 = new Uint32Array(SCRAMBLE_TABLE.slice().buffer);

/** XORs the scrambler table over bytes 12..2351 (32-bit words when aligned). */
export function xorTable(s: Uint8Array, at: number): void {
  if ((s.byteOffset + at) % 4 === 0) {
    const w = new Uint32Array(s.buffer, s.byteOffset + at, CD_DATA_SIZE >> 2);
    for (let i = 3; i < 588; i++) w[i] ^= TABLE32[i];
    return;
  }
  const t = SCRAMBLE_TABLE;
  for (let i = 12; i < CD_DATA_SIZE; i++) s[at + i] ^= t[i];
}
