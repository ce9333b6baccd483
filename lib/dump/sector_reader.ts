// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Reads raw sectors the way redumper does: READ CD as CD-DA first (a good drive returns data
 * sectors still scrambled), then all sector types (re-scrambling what the drive descrambled), or
 * PLEXTOR READ CDDA; extra trailing sectors when the drive's C2 pointers are shifted; the reply
 * normalised to DATA_C2_SUB records.
 *
 * @module
 */
import { CD_DATA_SIZE, CD_RAW_DATA_SIZE, CD_SECTOR_SAMPLES, LBA_START } from "../cd/constants.ts";
import { scramble, SCRAMBLE_TABLE } from "../cd/scrambler.ts";
import { hasSync } from "../cd/sector.ts";
import { fromBcd, msfToLba } from "../cd/msf.ts";
import { extractQ, qValid } from "./subcode_rule.ts";
import type { CdDrive } from "./cd_drive.ts";
import { c2ExtraSectors } from "./c2_states.ts";
import type { DumpDriveConfig } from "./drive_config.ts";
import {
  normalizeSectors,
  orderHasC2,
  orderHasSub,
  type SectorOrder,
  sectorOrderSize,
} from "./sector_order.ts";

/**
 * Whether a returned sector is a data sector the drive descrambled: sync, then a plain BCD header
 * near the LBA read and a mode byte 0–2 (a still-scrambled header is XORed with `01 80 00 60`,
 * which makes its seconds byte invalid BCD).
 *
 * @example Usage
 * ```ts
 * import { isDescrambled } from "./sector_reader.ts";
 * import { buildDataSector } from "../cd/sector.ts";
 * import { scramble } from "../cd/scrambler.ts";
 * const s = buildDataSector(100, "mode1", new Uint8Array(2048));
 * if (!isDescrambled(s, 0, 100)) throw new Error();
 * scramble(s);
 * if (isDescrambled(s, 0, 100)) throw new Error();
 * ```
 */
export function isDescrambled(buf: Uint8Array, offset: number, lba: number): boolean {
  if (!hasSync(buf, offset) || buf[offset + 15] > 2) return false;
  const near = (m: number, s: number, f: number): boolean =>
    !Number.isNaN(m + s + f) && s <= 59 && f <= 74 && Math.abs(msfToLba({ m, s, f }) - lba) <= 2;
  const [hm, hs, hf] = [buf[offset + 12], buf[offset + 13], buf[offset + 14]];
  // BCD as ECMA-130 says, or binary as QEMU's ATAPI CD writes it.
  return near(fromBcd(hm), fromBcd(hs), fromBcd(hf)) || near(hm, hs, hf);
}

const CANARY = 0xa5;

/**
 * Whether a reply of `total` sectors asked as `size` bytes each holds only 2352 bytes a sector:
 * the transport says so, or the bytes past `total × 2352` still hold the canary (or, with
 * subchannel asked for, zeros: SG_IO bounce buffers come back zero-filled).
 */
function mainOnlyReply(
  buf: Uint8Array,
  total: number,
  size: number,
  transferred: number,
  sub: boolean,
  subAt: number,
  knownMainOnly: boolean,
): boolean {
  if (size <= CD_DATA_SIZE) return false;
  // Once seen, always: SG_IO bounce buffers may hand back stale bytes past a short transfer.
  if (knownMainOnly || transferred === total * CD_DATA_SIZE) return true;
  const from = total * CD_DATA_SIZE;
  const to = total * size;
  let canary = true;
  let zero = sub; // kernels zero-fill bounce buffers; real subchannel is never all zero
  for (let i = from; i < to && (canary || zero); i++) {
    if (buf[i] !== CANARY) canary = false;
    if (buf[i] !== 0) zero = false;
  }
  if (canary) return true;
  if (!zero) return false;
  // A short reply's tail covers whole records only in batches; single sectors rely on what
  // earlier batches showed about the drive.
  if (to - from < size) return knownMainOnly;
  // Zeros are ambiguous (silence with empty subchannel): also require real data up front and no
  // valid Q anywhere when the reply is read as full records.
  let data = false;
  for (let i = 0; i < from && !data; i += 61) data = buf[i] !== 0;
  if (!data) return false;
  const q = new Uint8Array(12);
  for (let k = 0; k < total; k++) {
    if (qValid(extractQ(buf, k * size + subAt, q))) return false;
  }
  return true;
}

/** A successful or failed read of consecutive sectors. */
export interface RawRead {
  /** The drive returned GOOD status. */
  ok: boolean;
  /** Sectors whose main channel is valid (the requested count when ok). */
  count: number;
  /** Normalised DATA_C2_SUB records: `count` + the C2 look-ahead sectors that were read. */
  records: Uint8Array;
  /** Records available in `records` (≥ count when ok). */
  recordCount: number;
  /** Per sector: 1 when the drive returned it descrambled and it was scrambled back. */
  unscrambled: Uint8Array;
  /** Whether C2 pointers can be trusted for these sectors (order has C2 and look-ahead read). */
  c2: boolean;
  /** Whether the records carry subchannel. */
  sub: boolean;
  /** Command time in ms. */
  durationMs: number;
  /** Failure text. */
  message: string;
}

/** Reads raw sectors from one drive with one configuration. */
export class SectorReader {
  #drive: CdDrive;
  #config: DumpDriveConfig;
  #extra: number;
  #buf = new Uint8Array(0);
  /** A batch showed that the drive ignores C2/subchannel requests. */
  #mainOnly = false;

  /** Creates a reader for `drive` configured by `config`. */
  constructor(drive: CdDrive, config: DumpDriveConfig) {
    this.#drive = drive;
    this.#config = config;
    this.#extra = orderHasC2(this.#order()) ? c2ExtraSectors(config.c2Shift) : 0;
  }

  /** Look-ahead sectors read after each batch for C2 re-alignment. */
  get extra(): number {
    return this.#extra;
  }

  #order(): SectorOrder {
    if (this.#config.readMethod === "D8") {
      return orderHasC2(this.#config.sectorOrder) ? "DATA_C2_SUB" : "DATA_SUB";
    }
    return this.#config.sectorOrder;
  }

  /** Largest batch the transport allows (at least 1). */
  maxBatch(): number {
    const per = sectorOrderSize(this.#order());
    return Math.max(1, Math.floor(this.#drive.transport.maxTransferBytes / per) - this.#extra);
  }

  /**
   * Reads `count` sectors from `lba` plus the C2 look-ahead; with `lookAhead` false the
   * look-ahead is skipped and C2 is reported unavailable when the drive shifts it.
   */
  async read(lba: number, count: number, lookAhead = true): Promise<RawRead> {
    const order = this.#order();
    const extra = lookAhead ? this.#extra : 0;
    const total = count + extra;
    const size = sectorOrderSize(order);
    if (this.#buf.length < total * size) this.#buf = new Uint8Array(total * size);
    const buf = this.#buf.subarray(0, total * size);
    const c2 = orderHasC2(order);
    const sub = orderHasSub(order);
    const subAt = CD_DATA_SIZE + (order === "DATA_C2_SUB" ? 294 : 0);
    const unscrambled = new Uint8Array(count);
    // Canary: a drive that ignores the C2/subchannel request leaves the tail of the buffer alone
    // even when the transport cannot report the short transfer (SG_IO resid on ATAPI).
    buf.fill(CANARY);
    let r;
    if (this.#config.readMethod === "D8") {
      r = await this.#drive.readCdda(lba, total, c2 ? 8 : 2, buf);
    } else {
      // A drive that ignores C2/subchannel requests also ignores the CD-DA type (QEMU returns
      // cooked user data): read all types straight away.
      r = this.#mainOnly
        ? { ok: false, data: buf, sense: null, durationMs: 0, message: "", transferred: 0 }
        : await this.#drive.readCd(lba, total, { cdda: true, c2, sub }, buf);
      // A short CD-DA reply means the drive returned data sectors cooked (user data only).
      // Or a reply that left the buffer's tail alone: cooked 2048-byte data (QEMU ignores the
      // expected sector type) or 2352 bytes without C2/subchannel.
      const untouched = r.ok &&
        mainOnlyReply(buf, total, size, r.transferred, sub, subAt, this.#mainOnly);
      if (untouched && total > 1) this.#mainOnly = true;
      const short = untouched || r.ok && r.transferred > 0 && r.transferred < buf.length &&
          r.transferred !== total * CD_DATA_SIZE;
      // Drives that read data sectors as CD-DA fail a batch for a real reason: let the caller
      // find the sector; only GENERIC drives (and single sectors) fall back to all types here.
      if ((!r.ok || short) && count > 1 && this.#config.type !== "GENERIC" && !this.#mainOnly) {
        r = { ...r, ok: false, message: r.message || "short CD-DA reply" };
      } else if (!r.ok || short) {
        buf.fill(CANARY);
        const r2 = await this.#drive.readCd(lba, total, { cdda: false, c2, sub }, buf);
        r = { ...r2, durationMs: r.durationMs + r2.durationMs };
      }
    }
    // Drives that ignore the C2/subchannel request (QEMU's ATAPI CD) return 2352 bytes a sector.
    const mainOnly = r.ok &&
      mainOnlyReply(buf, total, size, r.transferred, sub, subAt, this.#mainOnly);
    if (mainOnly && total > 1) this.#mainOnly = true;
    if (r.ok && this.#config.readMethod === "BE") {
      const stride = mainOnly ? CD_DATA_SIZE : size;
      for (let i = 0; i < total; i++) {
        if (isDescrambled(buf, i * stride, lba + i)) {
          scramble(buf, i * stride);
          if (i < count) unscrambled[i] = 1;
        }
      }
    }
    if (!r.ok) {
      return {
        ok: false,
        count: 0,
        records: new Uint8Array(0),
        recordCount: 0,
        unscrambled,
        c2: false,
        sub,
        durationMs: r.durationMs,
        message: r.message,
      };
    }
    let records: Uint8Array;
    if (mainOnly) {
      records = new Uint8Array(total * CD_RAW_DATA_SIZE);
      for (let i = 0; i < total; i++) {
        records.set(buf.subarray(i * CD_DATA_SIZE, (i + 1) * CD_DATA_SIZE), i * CD_RAW_DATA_SIZE);
      }
    } else {
      records = normalizeSectors(buf, total, order, new Uint8Array(total * CD_RAW_DATA_SIZE));
    }
    return {
      ok: true,
      count,
      records,
      recordCount: total,
      unscrambled,
      c2: !mainOnly && c2 && (this.#config.c2Shift === 0 || extra > 0),
      sub: !mainOnly && sub,
      durationMs: r.durationMs,
      message: "",
    };
  }
}

/**
 * The disc write offset (samples) from a scrambled data sector found in `bytes`, a run of samples
 * whose first sample has `.scram` sample index `firstSample`: a sync pattern on a sample boundary
 * whose descrambled BCD header names the sector's LBA. Null when there is none.
 *
 * @example A data sector 12 samples late
 * ```ts
 * import { findWriteOffset } from "./sector_reader.ts";
 * import { buildDataSector } from "../cd/sector.ts";
 * import { scramble } from "../cd/scrambler.ts";
 * const s = buildDataSector(10, "mode1", new Uint8Array(2048));
 * scramble(s);
 * const run = new Uint8Array(2352 * 2);
 * run.set(s, 48);
 * if (findWriteOffset(run, (10 + 45150) * 588) !== 12) throw new Error();
 * ```
 */
export function findWriteOffset(bytes: Uint8Array, firstSample: number): number | null {
  for (let i = 0; i + 16 <= bytes.length; i += 4) {
    if (bytes[i] !== 0 || bytes[i + 1] !== 0xff || !hasSync(bytes, i)) continue;
    const m = fromBcd(bytes[i + 12] ^ SCRAMBLE_TABLE[12]);
    const s = fromBcd(bytes[i + 13] ^ SCRAMBLE_TABLE[13]);
    const f = fromBcd(bytes[i + 14] ^ SCRAMBLE_TABLE[14]);
    const mode = bytes[i + 15] ^ SCRAMBLE_TABLE[15];
    if (Number.isNaN(m + s + f) || s > 59 || f > 74 || mode > 2) continue;
    const lba = msfToLba({ m, s, f });
    return firstSample + i / 4 - (lba - LBA_START) * CD_SECTOR_SAMPLES;
  }
  return null;
}
