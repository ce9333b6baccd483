// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * redumper's `dump::extra`: the lead-out of a MediaTek drive taken from its cache (READ CACHE
 * 0xF1 after preloading the cache with reads of the last program sector), and the PLEXTOR
 * lead-in read through negative LBAs with READ CDDA, repeated until two reads agree.
 *
 * @module
 */
import {
  CD_C2_SIZE,
  CD_DATA_SIZE,
  CD_RAW_DATA_SIZE,
  CD_SECTOR_SAMPLES,
  SampleState,
} from "../cd/constants.ts";
import type { CdDrive } from "./cd_drive.ts";
import { c2ToStates } from "./c2_states.ts";
import { type DumpDriveConfig, mediatekCache } from "./drive_config.ts";
import type { DumpStore } from "./dump_store.ts";
import { extractQ, qAbsoluteLba, qValid } from "./subcode_rule.ts";

/** Bytes per MediaTek cache entry and the offsets inside one (optical.md §2). */
export const CACHE_ENTRY = { size: 0xb00, main: 0x000, sub: 0x930, q: 0x990, c2: 0x9a4 } as const;

/** One sector found in a cache dump. */
export interface CacheSector {
  /** LBA from the entry's Q. */
  lba: number;
  /** Normalised DATA_C2_SUB record. */
  record: Uint8Array;
}

/**
 * Finds the sectors of a MediaTek cache dump by the absolute address in each entry's Q (entries
 * with an invalid or non-position Q are skipped).
 *
 * @example An empty cache has no sectors
 * ```ts
 * import { parseCacheSectors } from "./drive_extras.ts";
 * if (parseCacheSectors(new Uint8Array(0xb00 * 4)).length !== 0) throw new Error();
 * ```
 */
export function parseCacheSectors(cache: Uint8Array): CacheSector[] {
  const out: CacheSector[] = [];
  for (let o = 0; o + CACHE_ENTRY.size <= cache.length; o += CACHE_ENTRY.size) {
    const q = cache.subarray(o + CACHE_ENTRY.q, o + CACHE_ENTRY.q + 12);
    if (!qValid(q)) continue;
    const lba = qAbsoluteLba(q);
    if (lba === null) continue;
    const record = new Uint8Array(CD_RAW_DATA_SIZE);
    record.set(cache.subarray(o, o + CD_DATA_SIZE));
    record.set(
      cache.subarray(o + CACHE_ENTRY.c2, o + CACHE_ENTRY.c2 + CD_C2_SIZE),
      CD_DATA_SIZE,
    );
    record.set(cache.subarray(o + CACHE_ENTRY.sub, o + CACHE_ENTRY.sub + 96), CD_DATA_SIZE + 294);
    out.push({ lba, record });
  }
  return out.sort((a, b) => a.lba - b.lba);
}

async function storeRecords(
  store: DumpStore,
  config: DumpDriveConfig,
  lba: number,
  records: Uint8Array,
  count: number,
  state: number,
  useC2: boolean,
): Promise<number> {
  const states = new Uint8Array(count * CD_SECTOR_SAMPLES);
  for (let i = 0; i < count; i++) {
    const so = i * CD_SECTOR_SAMPLES;
    if (useC2) {
      const c2 = records.subarray(
        i * CD_RAW_DATA_SIZE + CD_DATA_SIZE,
        i * CD_RAW_DATA_SIZE + CD_DATA_SIZE + CD_C2_SIZE,
      );
      c2ToStates(c2, states, so);
      for (let j = so; j < so + CD_SECTOR_SAMPLES; j++) {
        if (states[j] === SampleState.Success) states[j] = state;
      }
    } else {
      states.fill(state, so, so + CD_SECTOR_SAMPLES);
    }
  }
  await store.mergeSubcode(lba, count, records, 0);
  const r = await store.mergeMain(lba, count, records, 0, states, config.readOffset);
  return r.improved;
}

/** Options of the extras. */
export interface ExtrasOptions {
  /** The drive. */
  drive: CdDrive;
  /** Its configuration. */
  config: DumpDriveConfig;
  /** The open dump set. */
  store: DumpStore;
  /** Last lead-out LBA (MediaTek) . */
  leadout: number;
  /** Attempts (MediaTek 32, PLEXTOR 4). */
  retries?: number;
  /** Log sink. */
  log?: (line: string) => void;
}

/**
 * MediaTek lead-out: preloads the cache by reading the last program sector, dumps the cache
 * with READ CACHE in 64 KiB pieces, and stores up to 100 lead-out sectors found there (minus the
 * last 2, as redumper does) with state SUCCESS_SCSI_OFF. Returns the sectors stored.
 */
export async function mediatekLeadout(o: ExtrasOptions): Promise<number> {
  const geo = mediatekCache(o.config.type);
  if (!geo) return 0;
  const size = geo.mib * 1024 * 1024;
  const buf = new Uint8Array(CD_RAW_DATA_SIZE);
  for (let attempt = 0; attempt < (o.retries ?? 32); attempt++) {
    await o.drive.readCd(o.leadout - 1, 1, { cdda: true, c2: true, sub: true }, buf);
    const cache = new Uint8Array(Math.min(size, geo.entries * CACHE_ENTRY.size));
    let ok = true;
    for (let off = 0; off < cache.length; off += 65536) {
      const n = Math.min(65536, cache.length - off);
      const r = await o.drive.readCache(off, n);
      if (!r.ok) {
        o.log?.(`MediaTek cache read failed: ${r.message}`);
        ok = false;
        break;
      }
      cache.set(r.data.subarray(0, n), off);
    }
    if (!ok) return 0;
    const found = parseCacheSectors(cache).filter((s) =>
      s.lba >= o.leadout && s.lba < o.leadout + 100
    );
    // Contiguous run from the lead-out start, minus the last 2 entries.
    const run: CacheSector[] = [];
    for (const s of found) {
      if (s.lba !== o.leadout + run.length) break;
      run.push(s);
    }
    const keep = run.slice(0, Math.max(0, run.length - 2));
    if (keep.length === 0) continue;
    const records = new Uint8Array(keep.length * CD_RAW_DATA_SIZE);
    keep.forEach((s, i) => records.set(s.record, i * CD_RAW_DATA_SIZE));
    await storeRecords(
      o.store,
      o.config,
      o.leadout,
      records,
      keep.length,
      SampleState.SuccessScsiOff,
      true,
    );
    o.log?.(`MediaTek lead-out: ${keep.length} sectors from the drive cache (LBA ${o.leadout}..)`);
    return keep.length;
  }
  o.log?.("MediaTek lead-out: no lead-out sectors in the drive cache");
  return 0;
}

/**
 * PLEXTOR lead-in: reads the lead-in window the firmware unlocks for READ CDDA, (−1316, −1150],
 * as DATA_SUB until two consecutive reads agree (main channel and Q), and stores it with state
 * SUCCESS_C2_OFF. Returns the sectors stored.
 */
export async function plextorLeadin(o: ExtrasOptions): Promise<number> {
  const count = 150 + 16;
  const lba = -1150 - count + 1;
  const size = CD_DATA_SIZE + 96;
  let previous: Uint8Array | null = null;
  for (let attempt = 0; attempt < (o.retries ?? 4) + 1; attempt++) {
    const buf = new Uint8Array(count * size);
    const r = await o.drive.readCdda(lba, count, 2, buf);
    if (!r.ok) {
      o.log?.(`PLEXTOR lead-in: read failed (${r.message})`);
      return 0;
    }
    if (previous && previous.every((b, i) => b === buf[i])) {
      const records = new Uint8Array(count * CD_RAW_DATA_SIZE);
      let valid = 0;
      for (let i = 0; i < count; i++) {
        records.set(buf.subarray(i * size, i * size + CD_DATA_SIZE), i * CD_RAW_DATA_SIZE);
        records.set(
          buf.subarray(i * size + CD_DATA_SIZE, (i + 1) * size),
          i * CD_RAW_DATA_SIZE + CD_DATA_SIZE + 294,
        );
        if (qValid(extractQ(buf, i * size + CD_DATA_SIZE))) valid++;
      }
      if (valid === 0) {
        o.log?.("PLEXTOR lead-in: no valid Q, not stored");
        return 0;
      }
      await storeRecords(o.store, o.config, lba, records, count, SampleState.SuccessC2Off, false);
      o.log?.(
        `PLEXTOR lead-in: ${count} sectors (LBA ${lba}..${lba + count - 1}), ${attempt + 1} reads`,
      );
      return count;
    }
    previous = buf;
  }
  o.log?.("PLEXTOR lead-in: reads never agreed, not stored");
  return 0;
}
