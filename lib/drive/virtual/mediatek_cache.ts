// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import { cacheEntry, type ReadContext } from "./cd_read.ts";
import type { DriveProfile } from "./profile.ts";
import { Sense } from "./sense.ts";

const ENTRY = 0xb00;

/**
 * The MediaTek drive cache behind READ CACHE (0xF1): a ring of 0xB00-byte sector entries that
 * each read (plus its read-ahead) fills; entries are materialized from the disc when read.
 */
export class MediatekCache {
  #slots: Float64Array;
  #profile: DriveProfile;

  /** An empty cache for `profile` (no entries when the drive has no cache). */
  constructor(profile: DriveProfile) {
    this.#profile = profile;
    this.#slots = new Float64Array(profile.mediatekCache?.entries ?? 0).fill(NaN);
  }

  /** Records that sectors [lba, lba+count) and the read-ahead after them are cached. */
  fill(lba: number, count: number, lastLba: number): void {
    const n = this.#slots.length;
    if (n === 0) return;
    const last = Math.min(lba + count + this.#profile.readAhead, lastLba);
    for (let l = Math.max(lba, last - n); l < last; l++) this.#slots[((l % n) + n) % n] = l;
  }

  /** Forgets everything (FUA READ of 0 blocks). */
  flush(): void {
    this.#slots.fill(NaN);
  }

  /** First cached LBA and entry count (what a prefetch must cover). */
  span(): [number, number] {
    let m = Infinity;
    for (const l of this.#slots) if (l < m) m = l;
    return [Number.isFinite(m) ? m : 0, this.#slots.length];
  }

  /** Answers `F1 06 <offset BE32> <size BE32>`. */
  read(ctx: ReadContext, cdb: Uint8Array): { data: Uint8Array; ms: number } {
    const c = this.#profile.mediatekCache;
    if (!c) throw Sense.invalidOpcode();
    if (cdb[1] !== 0x06) throw Sense.invalidField();
    const dv = new DataView(cdb.buffer, cdb.byteOffset, cdb.byteLength);
    const offset = dv.getUint32(2), size = dv.getUint32(6);
    if (offset + size > c.sizeMiB * 1024 * 1024) throw Sense.invalidField();
    const out = new Uint8Array(size);
    let p = offset;
    while (p < offset + size) {
      const slot = Math.floor(p / ENTRY);
      const within = p - slot * ENTRY;
      const n = Math.min(ENTRY - within, offset + size - p);
      const l = slot < this.#slots.length ? this.#slots[slot] : NaN;
      if (!Number.isNaN(l)) out.set(cacheEntry(ctx, l).subarray(within, within + n), p - offset);
      p += n;
    }
    return { data: out, ms: 0.5 + size / 50000 };
  }
}
