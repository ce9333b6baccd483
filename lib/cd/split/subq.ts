// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Subchannel Q at split time: extraction from the interleaved `.subcode`, global desync shift,
 * correction of invalid frames from their neighbours.
 *
 * @module
 */
import { CD_SUBCODE_SIZE, LBA_START } from "../constants.ts";
import { crc16Gsm } from "../crc16.ts";
import { fromBcd, lbaToMsf, toBcd } from "../msf.ts";

/** Q of every LBA of the `.subcode`, 12 bytes each, with a validity flag. */
export interface QChannel {
  /** LBA of record 0 (`LBA_START`). */
  firstLba: number;
  /** Number of records. */
  count: number;
  /** 12 bytes per record. */
  q: Uint8Array;
  /** 1 where the record's Q is valid (CRC and, for ADR 1, absolute MSF = LBA). */
  valid: Uint8Array;
  /** 1 where the raw record was all zero (never read). */
  empty: Uint8Array;
}

/** Extracts Q from raw interleaved subcode (bit 6 of each byte, MSB first). */
export function extractQ(subcode: Uint8Array): QChannel {
  const count = Math.floor(subcode.length / CD_SUBCODE_SIZE);
  const q = new Uint8Array(count * 12);
  const empty = new Uint8Array(count);
  if (subcode.byteOffset % 4 === 0 && LITTLE_ENDIAN) extractQWords(subcode, count, q, empty);
  else {
    for (let r = 0; r < count; r++) {
      const base = r * CD_SUBCODE_SIZE;
      let any = 0;
      for (let b = 0; b < 12; b++) {
        let v = 0;
        const o = base + b * 8;
        for (let k = 0; k < 8; k++) {
          const x = subcode[o + k];
          any |= x;
          v = (v << 1) | ((x >> 6) & 1);
        }
        q[r * 12 + b] = v;
      }
      empty[r] = any === 0 ? 1 : 0;
    }
  }
  const ch: QChannel = { firstLba: LBA_START, count, q, valid: new Uint8Array(count), empty };
  for (let r = 0; r < count; r++) ch.valid[r] = qValidAt(q, r, LBA_START + r) ? 1 : 0;
  return ch;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** {@linkcode extractQ}'s bit gathering 32 bits at a time (bit 6 of 4 bytes per word). */
function extractQWords(subcode: Uint8Array, count: number, q: Uint8Array, empty: Uint8Array): void {
  const w = new Uint32Array(subcode.buffer, subcode.byteOffset, count * (CD_SUBCODE_SIZE >> 2));
  for (let r = 0; r < count; r++) {
    const base = r * (CD_SUBCODE_SIZE >> 2);
    let any = 0;
    for (let b = 0; b < 12; b++) {
      const x = w[base + 2 * b], y = w[base + 2 * b + 1];
      any |= x | y;
      const m = x & 0x40404040, n = y & 0x40404040;
      q[r * 12 + b] = ((m << 1) & 0x80) | ((m >> 8) & 0x40) | ((m >> 17) & 0x20) |
        ((m >>> 26) & 0x10) | ((n >> 3) & 0x08) | ((n >> 12) & 0x04) | ((n >> 21) & 0x02) |
        ((n >>> 30) & 0x01);
    }
    empty[r] = any === 0 ? 1 : 0;
  }
}

function crcOk(q: Uint8Array, o: number): boolean {
  const c = crc16Gsm(q, o, o + 10);
  return q[o + 10] === c >> 8 && q[o + 11] === (c & 0xff);
}

/** Absolute LBA of an ADR-1 frame at byte `o`, or NaN. */
export function qAbsLba(q: Uint8Array, o: number): number {
  const m = fromBcd(q[o + 7]), s = fromBcd(q[o + 8]), f = fromBcd(q[o + 9]);
  const v = 75 * (60 * m + s) + f - 150;
  return m >= 160 ? v - 765000 : v;
}

function qValidAt(q: Uint8Array, r: number, lba: number): boolean {
  const o = r * 12;
  if (!crcOk(q, o)) return false;
  if ((q[o] & 0xf) === 1 && q[o + 1] !== 0) return qAbsLba(q, o) === lba;
  return true;
}

/** Number of records whose Q CRC matches (whatever their address). */
export function crcValidCount(ch: QChannel): number {
  let n = 0;
  for (let r = 0; r < ch.count; r++) if (!ch.empty[r] && crcOk(ch.q, r * 12)) n++;
  return n;
}

/**
 * Finds the dominant difference between Q's absolute address and the record LBA; shifts the
 * whole channel when it is not zero. Returns the shift applied (in records).
 */
export function fixDesync(ch: QChannel): number {
  const counts = new Map<number, number>();
  for (let r = 0; r < ch.count; r++) {
    const o = r * 12;
    if ((ch.q[o] & 0xf) !== 1 || !crcOk(ch.q, o) || ch.q[o + 1] === 0) continue;
    const d = qAbsLba(ch.q, o) - (ch.firstLba + r);
    if (Number.isFinite(d)) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = 0, bestCount = -1;
  for (const [d, c] of counts) if (c > bestCount) [best, bestCount] = [d, c];
  if (best === 0 || bestCount <= 0) return 0;
  // Record r holds the Q of LBA firstLba + r + best: move it to record r + best.
  const q = new Uint8Array(ch.q.length), empty = new Uint8Array(ch.count).fill(1);
  for (let r = 0; r < ch.count; r++) {
    const t = r + best;
    if (t < 0 || t >= ch.count) continue;
    q.set(ch.q.subarray(r * 12, r * 12 + 12), t * 12);
    empty[t] = ch.empty[r];
  }
  ch.q = q;
  ch.empty = empty;
  for (let r = 0; r < ch.count; r++) ch.valid[r] = qValidAt(q, r, ch.firstLba + r) ? 1 : 0;
  return best;
}

function setCrc(q: Uint8Array): void {
  const c = crc16Gsm(q, 0, 10);
  q[10] = c >> 8;
  q[11] = c & 0xff;
}

/** A position Q for `lba` derived from a valid frame `d` records away (negative: before). */
function extrapolate(src: Uint8Array, lba: number, d: number): Uint8Array | null {
  const q = src.slice(0, 12);
  const index = fromBcd(q[2]);
  let rel = 75 * (60 * fromBcd(q[3]) + fromBcd(q[4])) + fromBcd(q[5]);
  if (Number.isNaN(rel + index)) return null;
  rel = index === 0 && q[1] !== 0 ? rel - d : rel + d;
  if (rel < 0) return null;
  q[3] = toBcd(Math.floor(rel / 4500));
  q[4] = toBcd(Math.floor(rel / 75) % 60);
  q[5] = toBcd(rel % 75);
  const a = lbaToMsf(lba);
  q[7] = toBcd(a.m % 100);
  q[8] = toBcd(a.s);
  q[9] = toBcd(a.f);
  setCrc(q);
  return q;
}

function withAframe(src: Uint8Array, lba: number): Uint8Array {
  const q = src.slice(0, 12);
  q[9] = toBcd(lbaToMsf(lba).f);
  setCrc(q);
  return q;
}

function distance(a: Uint8Array, b: Uint8Array, bo: number): number {
  let n = 0;
  for (let i = 0; i < 12; i++) {
    let x = a[i] ^ b[bo + i];
    while (x) {
      n += x & 1;
      x >>= 1;
    }
  }
  return n;
}

/**
 * Replaces every invalid, non-empty Q by the closest (in bits) candidate regenerated from the
 * previous/next valid position frame, or the last MCN/ISRC frame with a new AFRAME. Returns the
 * number of corrected frames.
 */
export function correctQ(ch: QChannel): number {
  const prevPos = new Int32Array(ch.count).fill(-1);
  const prevMcn = new Int32Array(ch.count).fill(-1);
  const prevIsrc = new Int32Array(ch.count).fill(-1);
  let p = -1, m = -1, s = -1;
  for (let r = 0; r < ch.count; r++) {
    prevPos[r] = p;
    prevMcn[r] = m;
    prevIsrc[r] = s;
    if (!ch.valid[r]) continue;
    const adr = ch.q[r * 12] & 0xf;
    if (adr === 1) p = r;
    else if (adr === 2) m = r;
    else if (adr === 3) s = r;
  }
  let corrected = 0;
  let next = -1;
  const fixes: [number, Uint8Array][] = [];
  for (let r = ch.count - 1; r >= 0; r--) {
    if (ch.valid[r]) {
      if ((ch.q[r * 12] & 0xf) === 1) next = r;
      continue;
    }
    if (ch.empty[r]) continue;
    const lba = ch.firstLba + r;
    const cands: Uint8Array[] = [];
    const add = (c: Uint8Array | null): void => {
      if (c) cands.push(c);
    };
    if (prevPos[r] >= 0) add(extrapolate(ch.q.subarray(prevPos[r] * 12), lba, r - prevPos[r]));
    if (next >= 0) add(extrapolate(ch.q.subarray(next * 12), lba, r - next));
    if (prevMcn[r] >= 0) add(withAframe(ch.q.subarray(prevMcn[r] * 12), lba));
    if (prevIsrc[r] >= 0) add(withAframe(ch.q.subarray(prevIsrc[r] * 12), lba));
    let best: Uint8Array | null = null, bestD = Infinity;
    for (const c of cands) {
      const d = distance(c, ch.q, r * 12);
      if (d < bestD) [best, bestD] = [c, d];
    }
    if (best) fixes.push([r, best]);
  }
  for (const [r, q] of fixes) {
    ch.q.set(q, r * 12);
    ch.valid[r] = 1;
    corrected++;
  }
  return corrected;
}
