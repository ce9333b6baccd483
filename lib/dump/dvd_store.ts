// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The user-data half of a DVD/BD dump set: `NAME.iso` (2048 bytes per sector from LBA 0) and
 * `NAME.state` (one redumper state byte per sector: 0 ERROR_SKIP, 4 SUCCESS). States are kept in
 * memory (one byte a sector: 25 MB for a BD-50); every batch writes its data before its states, so
 * an interrupted run never claims sectors it does not hold.
 *
 * @module
 */
import type { FileStore, WritableFile } from "../platform/mod.ts";

/** redumper's state of a sector that read without error. */
export const DVD_SUCCESS = 4;
/** redumper's state of a sector not read (SCSI error, not yet read). */
export const DVD_ERROR_SKIP = 0;

/**
 * `.iso` + `.state` opened for a pass.
 *
 * @example Usage
 * ```ts ignore
 * const store = await DvdStore.open(fs, "/tmp/x/d.iso", "/tmp/x/d.state", 1000, false);
 * await store.write(0, data, 32);
 * store.close();
 * ```
 */
export class DvdStore {
  /** One state byte per sector (at least `sectors` long). */
  readonly states: Uint8Array;
  #iso: WritableFile;
  #state: WritableFile;

  private constructor(states: Uint8Array, iso: WritableFile, state: WritableFile) {
    this.states = states;
    this.#iso = iso;
    this.#state = state;
  }

  /**
   * Opens (creating) the files; `fresh` empties them first. Both are extended to `sectors`
   * (sparse), so the state file always covers the range.
   */
  static async open(
    fs: FileStore,
    isoPath: string,
    statePath: string,
    sectors: number,
    fresh: boolean,
  ): Promise<DvdStore> {
    let old: Uint8Array = new Uint8Array(0);
    if (!fresh && await fs.stat(statePath)) old = await fs.readFile(statePath);
    const states = new Uint8Array(Math.max(sectors, old.length));
    states.set(old);
    const iso = await fs.openWrite(isoPath, { create: true, truncate: fresh, writeBehind: true });
    let state: WritableFile;
    try {
      state = await fs.openWrite(statePath, { create: true, truncate: fresh });
    } catch (e) {
      iso.close();
      throw e;
    }
    const store = new DvdStore(states, iso, state);
    const isoSize = (await fs.stat(isoPath))?.size ?? 0;
    if (isoSize < states.length * 2048) await iso.truncate(states.length * 2048);
    if (old.length < states.length) await state.truncate(states.length);
    return store;
  }

  /** Stores `count` sectors read at `lba` (SUCCESS). */
  async write(lba: number, data: Uint8Array, count: number): Promise<void> {
    await this.#iso.writeAt(lba * 2048, data.subarray(0, count * 2048));
    this.states.fill(DVD_SUCCESS, lba, lba + count);
    await this.#state.writeAt(lba, this.states.subarray(lba, lba + count));
  }

  /** Marks sectors that failed (only those not already SUCCESS). */
  async fail(lba: number, count: number): Promise<void> {
    for (let i = lba; i < lba + count; i++) {
      if (this.states[i] !== DVD_SUCCESS) this.states[i] = DVD_ERROR_SKIP;
    }
    await this.#state.writeAt(lba, this.states.subarray(lba, lba + count));
  }

  /** Flushes both files to disk. */
  async sync(): Promise<void> {
    await this.#iso.sync();
    await this.#state.sync();
  }

  /** Closes both files. */
  close(): void {
    this.#iso.close();
    this.#state.close();
  }
}

/**
 * The runs of sectors in `[start, end)` that are not SUCCESS and not skipped, as `[from, to)`.
 *
 * @example Usage
 * ```ts
 * import { badRuns } from "./dvd_store.ts";
 * const s = new Uint8Array([4, 0, 0, 4, 0]);
 * if (JSON.stringify(badRuns(s, 0, 5, [])) !== "[[1,3],[4,5]]") throw new Error();
 * ```
 */
export function badRuns(
  states: Uint8Array,
  start: number,
  end: number,
  skip: { start: number; end: number }[],
): [number, number][] {
  const runs: [number, number][] = [];
  let from = -1;
  for (let i = start; i <= end; i++) {
    const bad = i < end && states[i] !== DVD_SUCCESS &&
      !skip.some((r) => i >= r.start && i < r.end);
    if (bad && from < 0) from = i;
    if (!bad && from >= 0) {
      runs.push([from, i]);
      from = -1;
    }
  }
  return runs;
}
