// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Subchannel Q checks used while dumping: the `.subcode` replace rule, Q extraction from a raw
 * interleaved record, and the desync tracker that triggers a cache flush (optical.md §2, §5).
 *
 * @module
 */
import { CD_SUBCODE_SIZE } from "../cd/constants.ts";
import { crc16Gsm } from "../cd/crc16.ts";
import { fromBcd } from "../cd/msf.ts";

/** Extracts the 12-byte Q channel (bit 6 of each byte) of a raw record at `offset`. */
export function extractQ(
  raw: Uint8Array,
  offset = 0,
  out: Uint8Array = new Uint8Array(12),
): Uint8Array {
  out.fill(0);
  for (let i = 0; i < CD_SUBCODE_SIZE; i++) {
    if (raw[offset + i] & 0x40) out[i >> 3] |= 0x80 >> (i & 7);
  }
  return out;
}

/** Whether a 12-byte Q has a valid CRC. */
export function qValid(q: Uint8Array): boolean {
  const crc = crc16Gsm(q, 0, 10);
  return q[10] === crc >> 8 && q[11] === (crc & 0xff);
}

function qZero(q: Uint8Array): boolean {
  for (let i = 0; i < 12; i++) if (q[i] !== 0) return false;
  return true;
}

/**
 * redumper's `.subcode` replace rule: a stored record is replaced only when its Q is all zero, or
 * when its Q is invalid and the new one is valid.
 *
 * @example Usage
 * ```ts
 * import { shouldReplaceSubcode } from "./subcode_rule.ts";
 * if (!shouldReplaceSubcode(new Uint8Array(96), new Uint8Array(96))) throw new Error();
 * ```
 */
export function shouldReplaceSubcode(
  stored: Uint8Array,
  incoming: Uint8Array,
  storedOffset = 0,
  incomingOffset = 0,
): boolean {
  const sq = extractQ(stored, storedOffset);
  if (qZero(sq)) return true;
  if (qValid(sq)) return false;
  return qValid(extractQ(incoming, incomingOffset));
}

/**
 * The absolute LBA a position (ADR 1) Q claims, or null for other ADRs / bad BCD. Lead-in frames
 * (track 0) carry running lead-in time, not the absolute address, and give null.
 */
export function qAbsoluteLba(q: Uint8Array): number | null {
  if ((q[0] & 0x0f) !== 1 || q[1] === 0) return null;
  const m = fromBcd(q[7]), s = fromBcd(q[8]), f = fromBcd(q[9]);
  if (Number.isNaN(m + s + f)) return null;
  return 75 * (60 * m + s) + f - 150;
}

/** What {@linkcode QTracker.observe} concluded about one sector's Q. */
export interface QObservation {
  /** CRC valid. */
  valid: boolean;
  /** A valid ADR 1 Q whose absolute address differs from the LBA read (subchannel desync). */
  desync: boolean;
  /** Enough consecutive invalid Qs that the drive's cache should be flushed. */
  flush: boolean;
}

/**
 * Counts Q errors and detects subchannel desync while dumping: a valid ADR 1 Q whose absolute
 * address differs from the LBA read is a desync; after more than `flushAfter` (5) consecutive
 * invalid Qs a cache flush is due (PLEXTOR byte-desync workaround).
 *
 * @example Usage
 * ```ts
 * import { QTracker } from "./subcode_rule.ts";
 * const t = new QTracker();
 * const sub = new Uint8Array(96).fill(0x40); // Q all ones: invalid CRC
 * let flush = false;
 * for (let i = 0; i < 6; i++) flush = t.observe(sub, 0, i).flush;
 * if (!flush || t.errors !== 6) throw new Error();
 * ```
 */
export class QTracker {
  /** Sectors whose Q CRC was invalid. */
  errors = 0;
  /** Sectors whose valid Q pointed at another LBA. */
  desyncs = 0;
  /** Cache flushes requested. */
  flushes = 0;
  #run = 0;
  #flushAfter: number;
  #q = new Uint8Array(12);

  /** Creates a tracker; `flushAfter` consecutive invalid Qs trigger a flush on the next one. */
  constructor(flushAfter = 5) {
    this.#flushAfter = flushAfter;
  }

  /** Checks the Q of the raw record at `offset` read for `lba`. */
  observe(raw: Uint8Array, offset: number, lba: number): QObservation {
    const q = extractQ(raw, offset, this.#q);
    const valid = qValid(q);
    let desync = false;
    let flush = false;
    if (valid) {
      this.#run = 0;
      const abs = qAbsoluteLba(q);
      if (abs !== null && abs !== lba) {
        desync = true;
        this.desyncs++;
      }
    } else {
      this.errors++;
      // An all-zero Q is a drive that returns no subchannel: flushing its cache cannot help.
      if (qZero(q)) return { valid, desync, flush };
      this.#run++;
      if (this.#run > this.#flushAfter) {
        flush = true;
        this.flushes++;
        this.#run = 0;
      }
    }
    return { valid, desync, flush };
  }
}
