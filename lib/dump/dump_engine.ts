// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The read loop behind `dump` and `refine`: walks the planned zones front to back (never seeking
 * back), converts C2 pointers to sample states, tracks Q errors and desync (flushing the drive
 * cache as redumper does) and merges everything into the dump set. Refine re-reads only sectors
 * with samples worse than the drive can deliver, with a cache flush before each retry.
 *
 * @module
 */
import {
  CD_DATA_SIZE,
  CD_RAW_DATA_SIZE,
  CD_SECTOR_SAMPLES,
  CD_SUBCODE_SIZE,
  SampleState,
} from "../cd/constants.ts";
import type { CdDrive } from "./cd_drive.ts";
import { alignedC2, c2ToStates, fillStates } from "./c2_states.ts";
import type { DumpDriveConfig } from "./drive_config.ts";
import { sampleIndex } from "./dump_paths.ts";
import type { DumpStore } from "./dump_store.ts";
import { type LbaRange, nextSkip, SLOW_SECTOR_MS, type Zone } from "./read_plan.ts";
import { findWriteOffset, type RawRead, type SectorReader } from "./sector_reader.ts";
import { orderHasC2, orderHasSub } from "./sector_order.ts";
import { extractQ, QTracker, qValid } from "./subcode_rule.ts";

/** Error and work counters of a pass. */
export interface DumpCounters {
  /** Sectors the drive refused in the program area. */
  scsiErrors: number;
  /** Sectors with at least one C2-flagged sample. */
  c2Errors: number;
  /** C2-flagged samples. */
  c2Samples: number;
  /** Sectors with an invalid Q CRC. */
  qErrors: number;
  /** Sectors whose valid Q pointed at another LBA. */
  desyncs: number;
  /** Cache flushes issued. */
  flushes: number;
  /** Sectors read successfully. */
  sectorsRead: number;
  /** Sectors left alone because they were already complete (resume/refine). */
  sectorsComplete: number;
  /** Samples whose state improved. */
  improvedSamples: number;
}

/** What the loop reports after each batch. */
export interface DumpProgress {
  /** Next LBA to read. */
  lba: number;
  /** First LBA of the pass. */
  start: number;
  /** End LBA of the pass. */
  end: number;
  /** Counters so far. */
  counters: DumpCounters;
}

/** Inputs of {@linkcode runReadPass}. */
export interface ReadPassOptions {
  /** The drive (cache flushes). */
  drive: CdDrive;
  /** Raw sector reader. */
  reader: SectorReader;
  /** Drive configuration. */
  config: DumpDriveConfig;
  /** Where samples go. */
  store: DumpStore;
  /** Planned zones. */
  zones: Zone[];
  /** LBA ranges never read. */
  skip: LbaRange[];
  /** "dump" reads everything (skipping complete sectors when `resume`); "refine" retries. */
  mode: "dump" | "refine";
  /** Skip sectors whose samples are already complete (dump re-run). */
  resume: boolean;
  /** Refine attempts per incomplete sector. */
  retries: number;
  /** Refine: a sector also needs a valid stored Q to count as complete. */
  refineSubchannel?: boolean;
  /** Sample offset for data sectors the drive descrambled (−write offset); default: learnt
   * from scrambled data sectors read as audio, else the read offset. */
  dataOffset?: number;
  /** Data track LBA ranges (where the write offset is learnt from sync patterns). */
  dataTracks?: LbaRange[];
  /** Called after each batch. */
  onProgress?: (p: DumpProgress) => void;
  /** Log line sink. */
  log?: (line: string) => void;
  /** Polled before each batch; true stops the pass cleanly. */
  interrupted?: () => boolean;
}

/** Result of a pass. */
export interface ReadPassResult {
  /** Counters. */
  counters: DumpCounters;
  /** The pass stopped because `interrupted()` said so. */
  interrupted: boolean;
  /** LBA the pass stopped at (end when complete). */
  stoppedAt: number;
}

/** A fresh set of zero counters. */
export function emptyCounters(): DumpCounters {
  return {
    scsiErrors: 0,
    c2Errors: 0,
    c2Samples: 0,
    qErrors: 0,
    desyncs: 0,
    flushes: 0,
    sectorsRead: 0,
    sectorsComplete: 0,
    improvedSamples: 0,
  };
}

/** The best state this drive configuration can give a sample. */
export function bestState(config: DumpDriveConfig): number {
  return orderHasC2(config.sectorOrder) ? SampleState.Success : SampleState.SuccessC2Off;
}

/**
 * Runs one dump or refine pass over `zones`.
 *
 * @example Usage
 * ```ts ignore
 * const r = await runReadPass({ drive, reader, config, store, zones, skip: [], mode: "dump",
 *   resume: false, retries: 0 });
 * ```
 */
export async function runReadPass(o: ReadPassOptions): Promise<ReadPassResult> {
  const counters = emptyCounters();
  const q = new QTracker();
  const best = bestState(o.config);
  const R = o.config.readOffset;
  let dataOffset: number | undefined = o.dataOffset;
  let offsetLogged = false;
  const shift = o.config.c2Shift;
  const states = new Uint8Array(o.reader.maxBatch() * CD_SECTOR_SAMPLES);
  const c2buf = new Uint8Array(294);
  const qbuf = new Uint8Array(12);
  const first = o.zones[0]?.start ?? 0;
  const last = o.zones[o.zones.length - 1]?.end ?? 0;
  let interrupted = false;
  let stoppedAt = last;
  let refineFlushes = 0;
  let flushWorks = true;

  const isComplete = async (lba: number, count: number): Promise<boolean[]> => {
    const s = await o.store.readStates(sampleIndex(lba, R), count * CD_SECTOR_SAMPLES);
    const out: boolean[] = [];
    for (let i = 0; i < count; i++) {
      let ok = true;
      for (let j = i * CD_SECTOR_SAMPLES; j < (i + 1) * CD_SECTOR_SAMPLES; j++) {
        if (s[j] < best) {
          ok = false;
          break;
        }
      }
      out.push(ok);
    }
    if (o.mode === "refine" && o.refineSubchannel && orderHasSub(o.config.sectorOrder)) {
      const sub = await o.store.readSubcode(lba, count);
      for (let i = 0; i < count; i++) {
        if (out[i] && !qValid(extractQ(sub, i * CD_SUBCODE_SIZE, qbuf))) out[i] = false;
      }
    }
    return out;
  };

  /** Stores a successful read. */
  const store = async (lba: number, r: RawRead): Promise<void> => {
    const n = r.count;
    for (let i = 0; i < n; i++) {
      const so = i * CD_SECTOR_SAMPLES;
      if (r.c2) {
        const errs = c2ToStates(alignedC2(r.records, r.recordCount, i, shift, c2buf), states, so);
        if (errs) {
          counters.c2Errors++;
          counters.c2Samples += errs;
        }
      } else {
        fillStates(states, so, SampleState.SuccessC2Off);
      }
      if (r.unscrambled[i] && dataOffset === undefined && o.config.type !== "GENERIC") {
        // Descrambled by the drive before the write offset is known: its place is unknown, so
        // leave it for refine (which learns the offset from the stored data sectors).
        fillStates(states, so, SampleState.ErrorSkip);
        counters.scsiErrors++;
        o.log?.(`LBA ${lba + i}: data sector returned descrambled, write offset not known yet`);
      }
      if (r.sub) {
        const ob = q.observe(r.records, i * CD_RAW_DATA_SIZE + CD_DATA_SIZE + 294, lba + i);
        if (ob.desync) o.log?.(`LBA ${lba + i}: subchannel desync`);
        if (ob.flush && flushWorks) {
          const f = await o.drive.flushCache(lba + i);
          if (!f.ok) {
            flushWorks = false;
            o.log?.(`cache flush (READ(12) FUA) failed: ${f.message}; not flushing again`);
          }
        }
      }
    }
    counters.sectorsRead += n;
    if (dataOffset === undefined && o.dataTracks?.length) {
      for (let i = 0; i < n && dataOffset === undefined; i++) {
        if (r.unscrambled[i] || !o.dataTracks.some((t) => lba + i >= t.start && lba + i < t.end)) {
          continue;
        }
        const main = r.records.subarray(i * CD_RAW_DATA_SIZE, i * CD_RAW_DATA_SIZE + CD_DATA_SIZE);
        const w = findWriteOffset(main, sampleIndex(lba + i, R));
        if (w !== null) {
          dataOffset = -w;
          if (!offsetLogged) o.log?.(`data sectors: write offset ${w > 0 ? "+" : ""}${w} (sync)`);
          offsetLogged = true;
        }
      }
    }
    if (r.sub) await o.store.mergeSubcode(lba, n, r.records, 0);
    // Group consecutive sectors with the same placement offset.
    let i = 0;
    while (i < n) {
      const place = (k: number): number => r.unscrambled[k] ? dataOffset ?? R : R;
      const off = place(i);
      let j = i + 1;
      while (j < n && place(j) === off) j++;
      const res = await o.store.mergeMain(
        lba + i,
        j - i,
        r.records,
        i,
        states.subarray(i * CD_SECTOR_SAMPLES, j * CD_SECTOR_SAMPLES),
        off,
      );
      counters.improvedSamples += res.improved;
      i = j;
    }
  };

  const syncCounters = (): void => {
    counters.qErrors = q.errors;
    counters.desyncs = q.desyncs;
    counters.flushes = q.flushes + refineFlushes;
  };

  const maxBatch = o.reader.maxBatch();
  outer: for (const zone of o.zones) {
    let lba = zone.start;
    while (lba < zone.end) {
      const sk = nextSkip(o.skip, lba);
      if (sk && sk.start <= lba) {
        lba = Math.min(sk.end, zone.end);
        continue;
      }
      let end = Math.min(zone.end, lba + maxBatch);
      if (sk && sk.start < end) end = sk.start;
      const count = end - lba;
      // Look-ahead sectors past the zone may be unreadable: then C2 of the last ones is unknown.
      const tail = (x: number): boolean => x + o.reader.extra >= zone.end;
      if (o.mode === "refine") {
        if (zone.kind !== "program") break;
        const done = await isComplete(lba, count);
        for (let i = 0; i < count; i++) {
          if (done[i]) {
            counters.sectorsComplete++;
            continue;
          }
          if (o.interrupted?.()) {
            interrupted = true;
            stoppedAt = lba + i;
            break outer;
          }
          for (let attempt = 0; attempt < o.retries; attempt++) {
            if (o.interrupted?.()) break;
            if (flushWorks) {
              const f = await o.drive.flushCache(lba + i);
              refineFlushes++;
              if (!f.ok) {
                flushWorks = false;
                o.log?.(`cache flush (READ(12) FUA) failed: ${f.message}; not flushing again`);
              }
            }
            let r = await o.reader.read(lba + i, 1);
            if (!r.ok && o.reader.extra && tail(lba + i)) {
              r = await o.reader.read(lba + i, 1, false);
            }
            if (r.ok) {
              await store(lba + i, r);
              if ((await isComplete(lba + i, 1))[0]) break;
            }
          }
        }
        lba = end;
        syncCounters();
        o.onProgress?.({ lba, start: first, end: last, counters });
        continue;
      }
      if (o.resume) {
        const done = await isComplete(lba, count);
        let k = 0;
        while (k < count && done[k]) k++;
        if (k > 0) {
          counters.sectorsComplete += k;
          lba += k;
          continue;
        }
      }
      if (o.interrupted?.()) {
        interrupted = true;
        stoppedAt = lba;
        break outer;
      }
      let r = await o.reader.read(lba, count);
      const slow = r.durationMs > SLOW_SECTOR_MS;
      if (r.ok && !(slow && zone.kind !== "program")) {
        await store(lba, r);
        lba = end;
      } else {
        // Sector by sector, to find where the failure is.
        let stop = false;
        for (let x = lba; x < end; x++) {
          r = await o.reader.read(x, 1);
          if (!r.ok && o.reader.extra && tail(x)) r = await o.reader.read(x, 1, false);
          const slowHere = zone.kind !== "program" && r.durationMs > SLOW_SECTOR_MS;
          if (!r.ok || slowHere) {
            if (zone.kind === "program") {
              counters.scsiErrors++;
              o.log?.(`LBA ${x}: ${r.message || "slow read"}`);
              continue;
            }
            // A slow read still returned good data (the tail of the previous sector's samples).
            if (r.ok) await store(x, r);
            o.log?.(
              zone.kind === "gap"
                ? `session gap unreadable from LBA ${x}, skipping to LBA ${zone.end}`
                : `lead-out unreadable from LBA ${x}, stopping`,
            );
            stop = true;
            break;
          }
          await store(x, r);
        }
        lba = stop ? zone.end : end;
      }
      syncCounters();
      o.onProgress?.({ lba, start: first, end: last, counters });
    }
  }
  syncCounters();
  return { counters, interrupted, stoppedAt: interrupted ? stoppedAt : last };
}
