// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Writes the planned track files: audio copied, data descrambled (redumper's acceptance rule),
 * bad and protected sectors regenerated unless `--leave-unchanged`; hashes while writing.
 *
 * @module
 */
import type { FileStore } from "../../platform/mod.ts";
import { CD_DATA_SIZE, CD_SECTOR_SAMPLES, CD_SYNC } from "../constants.ts";
import { lbaToMsf, toBcd } from "../msf.ts";
import type { ParallelHashPool, StreamDigest } from "../hash/parallel_hasher.ts";
import {
  descrambleCopy,
  descrambleWords,
  readSamples,
  SCRAM_SAMPLE_BASE,
  type ScramImage,
} from "./scram_image.ts";
import type { PlannedFile } from "./track_plan.ts";
import { SCRAMBLE_TABLE } from "../scrambler.ts";

const SCRAMBLE_WORDS = new Uint32Array(SCRAMBLE_TABLE.slice().buffer);

/** Options for {@linkcode writeTrackFile}. */
export interface WriteTrackOptions {
  /** Regenerate sectors with errors. */
  regenerate: boolean;
  /** Fill byte for regenerated sectors. */
  fill: number;
  /** LBAs with missing/C2 samples (from the error check). */
  bad: ReadonlySet<number>;
  /** Hashing workers. */
  pool: ParallelHashPool;
  /** Descramble data sectors by plain XOR, without redumper's acceptance rule (offset shift
   * corrected: transitional sectors would fail it). */
  forceDescramble?: boolean;
  /** Sectors per write. */
  chunkSectors?: number;
  /** Called after each chunk with its sector count. */
  onChunk?: (sectors: number) => void;
}

/** What {@linkcode writeTrackFile} produced. */
export interface WrittenFile {
  /** Hashes of the written bytes and the data sectors failing EDC/ECC (resolves when the workers
   * are done). */
  digest: Promise<StreamDigest>;
  /** LBAs of regenerated sectors. */
  generated: number[];
  /** LBAs of data sectors that did not descramble (kept scrambled). */
  descrambleFailed: number[];
}

/** Fills `out` at `at` with a regenerated sector. */
export function generateSector(
  out: Uint8Array,
  at: number,
  lba: number,
  data: boolean,
  mode: number,
  fill: number,
): void {
  if (!data) {
    out.fill(fill, at, at + CD_DATA_SIZE);
    return;
  }
  out.set(CD_SYNC, at);
  const msf = lbaToMsf(lba);
  out[at + 12] = toBcd(msf.m % 100);
  out[at + 13] = toBcd(msf.s);
  out[at + 14] = toBcd(msf.f);
  out[at + 15] = mode;
  out.fill(fill, at + 16, at + CD_DATA_SIZE);
}

/** Writes one file to `path`; resolves to its hashes. */
export async function writeTrackFile(
  fs: FileStore,
  path: string,
  img: ScramImage,
  f: PlannedFile,
  offset: number,
  options: WriteTrackOptions,
): Promise<WrittenFile> {
  const chunk = options.chunkSectors ?? 1792;
  // Audio chunks inside the file are written and hashed straight from the image (no copy); when
  // that is not shared memory (a mapped file), CRC-32 runs on this thread instead of a worker.
  const direct = !f.data;
  const stream = options.pool.stream({
    inline: direct && !(img.data.buffer instanceof SharedArrayBuffer),
  });
  const src = img.data.byteOffset % 4 === 0
    ? new Uint32Array(img.data.buffer, img.data.byteOffset, img.samples)
    : null;
  const generated: number[] = [];
  const descrambleFailed: number[] = [];
  const file = await fs.openWrite(path, { create: true, truncate: true });
  // One write in flight while the next chunk is descrambled; a chunk goes to the hashers only once
  // written (they hand buffers back for reuse).
  let writing: Promise<unknown> | null = null;
  let held: (() => void) | null = null;
  const settle = async (): Promise<void> => {
    if (writing) await writing;
    writing = null;
    held?.();
    held = null;
  };
  try {
    let pos = 0;
    for (let lba0 = f.start; lba0 < f.end; lba0 += chunk) {
      const n = Math.min(chunk, f.end - lba0);
      const s0 = lba0 * CD_SECTOR_SAMPLES + offset - SCRAM_SAMPLE_BASE;
      const whole = s0 >= 0 && s0 + n * CD_SECTOR_SAMPLES <= img.samples;
      if (direct && whole && !(options.regenerate && anyIn(options.bad, lba0, n))) {
        const view = img.data.subarray(s0 * 4, s0 * 4 + n * CD_DATA_SIZE);
        await settle(); // hashes the previous chunk first: stream order
        stream.update(view);
        writing = file.writeAt(pos, view);
        pos += view.length;
        options.onChunk?.(n);
        continue;
      }
      // Bounded: a producer faster than the hashes reuses buffers instead of allocating more.
      await options.pool.drain();
      const buf = options.pool.alloc(n * CD_DATA_SIZE);
      // One copy per chunk when it lies inside the file (fused with descrambling for data), per
      // sector at the edges.
      if (whole && (!f.data || !src)) buf.set(img.data.subarray(s0 * 4, s0 * 4 + n * CD_DATA_SIZE));
      const words = new Uint32Array(buf.buffer, buf.byteOffset, buf.length >> 2);
      const skip: number[] = [];
      for (let k = 0; k < n; k++) {
        const lba = lba0 + k, at = k * CD_DATA_SIZE;
        if (options.regenerate && options.bad.has(lba)) {
          generateSector(buf, at, lba, f.data, f.mode, options.fill);
          generated.push(lba);
          skip.push(lba);
          continue;
        }
        if (!f.data) {
          if (!whole) readSamples(img, lba * CD_SECTOR_SAMPLES + offset, buf, at);
          continue;
        }
        let ok: boolean;
        if (options.forceDescramble) {
          if (whole && src) {
            const b = (s0 + k * CD_SECTOR_SAMPLES) * 4;
            buf.set(img.data.subarray(b, b + CD_DATA_SIZE), at);
          } else if (!whole) readSamples(img, lba * CD_SECTOR_SAMPLES + offset, buf, at);
          for (let i = 3; i < CD_SECTOR_SAMPLES; i++) words[(at >> 2) + i] ^= SCRAMBLE_WORDS[i];
          ok = true;
        } else if (whole && src) {
          ok = descrambleCopy(src, s0 + k * CD_SECTOR_SAMPLES, buf, words, at, lba);
        } else {
          if (!whole) readSamples(img, lba * CD_SECTOR_SAMPLES + offset, buf, at);
          ok = descrambleWords(buf, words, at, lba);
        }
        if (!ok) {
          if (!isZero(buf, at)) descrambleFailed.push(lba);
          skip.push(lba);
        }
      }
      await settle();
      writing = file.writeAt(pos, buf);
      held = (): void => stream.update(buf, f.data ? { firstLba: lba0, skip } : undefined);
      pos += buf.length;
      options.onChunk?.(n);
    }
    await settle();
    await file.truncate(pos);
  } finally {
    // Never close under a write still running.
    if (writing) await (writing as Promise<unknown>).catch(() => {});
    file.close();
  }
  return { digest: stream.digest(), generated, descrambleFailed };
}

function anyIn(set: ReadonlySet<number>, a: number, n: number): boolean {
  if (set.size === 0) return false;
  for (let i = a; i < a + n; i++) if (set.has(i)) return true;
  return false;
}

function isZero(b: Uint8Array, at: number): boolean {
  for (let i = 0; i < CD_DATA_SIZE; i++) if (b[at + i] !== 0) return false;
  return true;
}
