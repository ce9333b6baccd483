// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The `.scram` / `.state` / `.subcode` triple opened for merging reads into it: samples are only
 * replaced by better ones (per-sample state maximum), subcode records by redumper's replace rule.
 * Data is written before its state, so an interrupted run never claims samples it did not store.
 *
 * @module
 */
import {
  CD_DATA_SIZE,
  CD_RAW_DATA_SIZE,
  CD_SAMPLE_SIZE,
  CD_SECTOR_SAMPLES,
  CD_SUBCODE_SIZE,
  LBA_START,
} from "../cd/constants.ts";
import type { FileStore, ReadableFile, WritableFile } from "../platform/mod.ts";
import { type DumpPaths, sampleIndex, subcodeByteOffset } from "./dump_paths.ts";
import { shouldReplaceSubcode } from "./subcode_rule.ts";

/** Counts of what a merge changed. */
export interface MergeResult {
  /** Samples whose state improved. */
  improved: number;
}

async function readFully(file: ReadableFile, offset: number, buf: Uint8Array): Promise<void> {
  buf.fill(0);
  let done = 0;
  while (done < buf.length) {
    const n = await file.readAt(offset + done, buf.subarray(done));
    if (n <= 0) break;
    done += n;
  }
}

/** Reads and writes the sample-granular parts of a dump set. */
export class DumpStore {
  #files: { w: WritableFile; r: ReadableFile }[];
  #scram: { w: WritableFile; r: ReadableFile };
  #state: { w: WritableFile; r: ReadableFile };
  #sub: { w: WritableFile; r: ReadableFile };
  #fs: FileStore;
  #paths: DumpPaths;
  /** Fresh files: nothing stored at or past these sample / LBA marks yet. */
  #fresh: boolean;
  #samplesMark = 0;
  #subMark = -Infinity;

  private constructor(
    fs: FileStore,
    paths: DumpPaths,
    fresh: boolean,
    scram: { w: WritableFile; r: ReadableFile },
    state: { w: WritableFile; r: ReadableFile },
    sub: { w: WritableFile; r: ReadableFile },
  ) {
    this.#scram = scram;
    this.#state = state;
    this.#sub = sub;
    this.#files = [scram, state, sub];
    this.#fs = fs;
    this.#paths = paths;
    this.#fresh = fresh;
  }

  /**
   * Opens (creating) the three files of `paths`; `truncate` starts a fresh dump.
   *
   * @example Usage
   * ```ts ignore
   * const store = await DumpStore.open(platform.fs, dumpPaths("/tmp", "x"), true);
   * ```
   */
  static async open(fs: FileStore, paths: DumpPaths, truncate: boolean): Promise<DumpStore> {
    const open = async (p: string): Promise<{ w: WritableFile; r: ReadableFile }> => {
      const w = await fs.openWrite(p, { create: true, truncate });
      const r = await fs.openRead(p);
      return { w, r };
    };
    const fresh = truncate || !(await fs.stat(paths.state));
    const scram = await open(paths.scram);
    const state = await open(paths.state);
    const sub = await open(paths.subcode);
    return new DumpStore(fs, paths, fresh, scram, state, sub);
  }

  /** States of `count` sectors of samples starting at sample index `first`. */
  async readStates(first: number, samples: number): Promise<Uint8Array> {
    const buf = new Uint8Array(samples);
    const skip = Math.max(0, -first);
    if (skip < samples) await readFully(this.#state.r, first + skip, buf.subarray(skip));
    return buf;
  }

  /** Main-channel bytes of `samples` samples from sample index `first` (zeros where unwritten). */
  async readSamples(first: number, samples: number): Promise<Uint8Array> {
    const buf = new Uint8Array(samples * CD_SAMPLE_SIZE);
    const skip = Math.max(0, -first);
    if (skip < samples) {
      await readFully(
        this.#scram.r,
        (first + skip) * CD_SAMPLE_SIZE,
        buf.subarray(skip * CD_SAMPLE_SIZE),
      );
    }
    return buf;
  }

  /** The stored subcode records of `count` LBAs from `lba`. */
  async readSubcode(lba: number, count: number): Promise<Uint8Array> {
    const buf = new Uint8Array(count * CD_SUBCODE_SIZE);
    const skip = Math.max(0, LBA_START - lba);
    if (skip < count) {
      await readFully(
        this.#sub.r,
        subcodeByteOffset(lba + skip),
        buf.subarray(skip * CD_SUBCODE_SIZE),
      );
    }
    return buf;
  }

  /**
   * Merges the main channel of `count` consecutive normalised records (starting at record
   * `first` of `records`) read from `lba` with drive offset `offsetSamples`, given their
   * per-sample `states` (count × 588). Samples before the start of the file are dropped.
   */
  async mergeMain(
    lba: number,
    count: number,
    records: Uint8Array,
    first: number,
    states: Uint8Array,
    offsetSamples: number,
  ): Promise<MergeResult> {
    let start = sampleIndex(lba, offsetSamples);
    const total = count * CD_SECTOR_SAMPLES;
    let skip = 0;
    if (start < 0) {
      skip = Math.min(total, -start);
      start = 0;
    }
    const n = total - skip;
    if (n <= 0) return { improved: 0 };
    const newData = new Uint8Array(n * CD_SAMPLE_SIZE);
    for (let i = 0; i < count; i++) {
      const rec = (first + i) * CD_RAW_DATA_SIZE;
      const dst = i * CD_DATA_SIZE - skip * CD_SAMPLE_SIZE;
      if (dst + CD_DATA_SIZE <= 0) continue;
      const from = dst < 0 ? -dst : 0;
      newData.set(records.subarray(rec + from, rec + CD_DATA_SIZE), dst + from);
    }
    const newStates = states.subarray(skip, total);
    // Fresh files are written front to back: past the mark there is nothing to merge with.
    const oldStates = this.#fresh && start >= this.#samplesMark
      ? new Uint8Array(n)
      : await this.readStates(start, n);
    this.#samplesMark = Math.max(this.#samplesMark, start + n);
    let anyOld = false;
    let improved = 0;
    for (let i = 0; i < n; i++) {
      if (oldStates[i] !== 0) anyOld = true;
      if (newStates[i] > oldStates[i]) improved++;
    }
    if (!anyOld) {
      if (improved === 0) return { improved };
      await this.#scram.w.writeAt(start * CD_SAMPLE_SIZE, newData);
      await this.#state.w.writeAt(start, newStates);
      return { improved };
    }
    if (improved === 0) return { improved };
    const data = await this.readSamples(start, n);
    const d32 = new Uint32Array(data.buffer);
    const n32 = new Uint32Array(newData.buffer);
    for (let i = 0; i < n; i++) {
      if (newStates[i] > oldStates[i]) {
        d32[i] = n32[i];
        oldStates[i] = newStates[i];
      }
    }
    await this.#scram.w.writeAt(start * CD_SAMPLE_SIZE, data);
    await this.#state.w.writeAt(start, oldStates);
    return { improved };
  }

  /**
   * Stores the subchannel of `count` records (from record `first`) read at `lba`, replacing each
   * stored record only by redumper's rule. Records of sectors that were not read are skipped via
   * `present` (one flag per record).
   */
  async mergeSubcode(
    lba: number,
    count: number,
    records: Uint8Array,
    first: number,
    present?: (i: number) => boolean,
  ): Promise<void> {
    const skip = Math.max(0, LBA_START - lba);
    if (skip >= count) return;
    const old = this.#fresh && lba > this.#subMark
      ? new Uint8Array(count * CD_SUBCODE_SIZE)
      : await this.readSubcode(lba, count);
    this.#subMark = Math.max(this.#subMark, lba + count - 1);
    let changed = false;
    for (let i = skip; i < count; i++) {
      if (present && !present(i)) continue;
      const src = (first + i) * CD_RAW_DATA_SIZE + CD_DATA_SIZE + 294;
      if (shouldReplaceSubcode(old, records, i * CD_SUBCODE_SIZE, src)) {
        old.set(records.subarray(src, src + CD_SUBCODE_SIZE), i * CD_SUBCODE_SIZE);
        changed = true;
      }
    }
    if (changed) {
      await this.#sub.w.writeAt(
        subcodeByteOffset(lba + skip),
        old.subarray(skip * CD_SUBCODE_SIZE),
      );
    }
  }

  /**
   * Makes `.scram`, `.state` and `.subcode` cover the same sectors (split checks that they belong
   * together): the shorter files are extended with zeros (unread samples, empty records).
   */
  async alignLengths(): Promise<void> {
    const sizes = await Promise.all(
      [this.#paths.scram, this.#paths.state, this.#paths.subcode].map(async (p) =>
        (await this.#fs.stat(p))?.size ?? 0
      ),
    );
    const sectors = Math.max(
      Math.ceil(sizes[0] / CD_DATA_SIZE),
      Math.ceil(sizes[1] / CD_SECTOR_SAMPLES),
      Math.ceil(sizes[2] / CD_SUBCODE_SIZE),
    );
    if (sizes[0] < sectors * CD_DATA_SIZE) await this.#scram.w.truncate(sectors * CD_DATA_SIZE);
    if (sizes[1] < sectors * CD_SECTOR_SAMPLES) {
      await this.#state.w.truncate(sectors * CD_SECTOR_SAMPLES);
    }
    if (sizes[2] < sectors * CD_SUBCODE_SIZE) {
      await this.#sub.w.truncate(sectors * CD_SUBCODE_SIZE);
    }
  }

  /** Flushes the files to stable storage. */
  async sync(): Promise<void> {
    for (const f of this.#files) await f.w.sync();
  }

  /** Closes the files. */
  close(): void {
    for (const f of this.#files) {
      f.w.close();
      f.r.close();
    }
  }
}
