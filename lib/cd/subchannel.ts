// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import { CD_SUBCODE_SIZE } from "./constants.ts";
import { crc16Gsm } from "./crc16.ts";
import { fromBcd, lbaToMsf, toBcd } from "./msf.ts";

/** Subchannel numbers as bit positions in a raw interleaved byte: P is bit 7, W bit 0. */
export const Subchannel = { P: 7, Q: 6, R: 5, S: 4, T: 3, U: 2, V: 1, W: 0 } as const;

/**
 * Extracts one 12-byte channel from a 96-byte raw interleaved P–W record (bit i of the channel,
 * most significant first, is bit `channel` of byte i).
 *
 * @example Q from an interleaved record
 * ```ts
 * import { deinterleave, interleave, Subchannel } from "./subchannel.ts";
 * const q = new Uint8Array(12).map((_, i) => i * 17);
 * const raw = interleave({ q });
 * const back = deinterleave(raw, Subchannel.Q);
 * if (back.some((b, i) => b !== q[i])) throw new Error();
 * ```
 */
export function deinterleave(raw: Uint8Array, channel: number, offset = 0): Uint8Array {
  const out = new Uint8Array(12);
  for (let i = 0; i < CD_SUBCODE_SIZE; i++) {
    if ((raw[offset + i] >> channel) & 1) out[i >> 3] |= 0x80 >> (i & 7);
  }
  return out;
}

/** Channels to interleave; missing ones are zero. `p` may be a single boolean (all ones/zeros). */
export interface SubchannelChannels {
  /** P channel: 12 bytes, or true for all ones (pause). */
  p?: Uint8Array | boolean;
  /** Q channel: 12 bytes. */
  q?: Uint8Array;
  /** R–W packed as 6 channels of 12 bytes each (CD-TEXT/CD+G), in order R,S,T,U,V,W. */
  rw?: Uint8Array[];
}

/** Builds a 96-byte raw interleaved record from channels. */
export function interleave(
  ch: SubchannelChannels,
  out: Uint8Array = new Uint8Array(CD_SUBCODE_SIZE),
): Uint8Array {
  out.fill(0);
  const set = (bytes: Uint8Array, bit: number): void => {
    for (let i = 0; i < CD_SUBCODE_SIZE; i++) {
      if (bytes[i >> 3] & (0x80 >> (i & 7))) out[i] |= 1 << bit;
    }
  };
  if (ch.p === true) { for (let i = 0; i < CD_SUBCODE_SIZE; i++) out[i] |= 0x80; }
  else if (ch.p instanceof Uint8Array) set(ch.p, Subchannel.P);
  if (ch.q) set(ch.q, Subchannel.Q);
  ch.rw?.forEach((c, k) => set(c, Subchannel.R - k));
  return out;
}

/** A decoded subchannel Q frame. */
export interface QFrame {
  /** Control nibble: 0x1 pre-emphasis, 0x2 copy permitted, 0x4 data, 0x8 four-channel. */
  control: number;
  /** ADR: 1 position, 2 MCN, 3 ISRC, 5 CD-R/RW. */
  adr: number;
  /** The raw 12 bytes. */
  raw: Uint8Array;
  /** Whether the CRC over bytes 0–9 matches bytes 10–11. */
  crcValid: boolean;
}

/**
 * Whether a 12-byte Q has a valid CRC-16 (stored big-endian, inverted, in bytes 10–11).
 *
 * @example Usage
 * ```ts
 * import { buildQPosition, qCrcValid } from "./subchannel.ts";
 * const q = buildQPosition({ control: 4, track: 1, index: 1, relLba: 0, absLba: 0 });
 * if (!qCrcValid(q)) throw new Error();
 * ```
 */
export function qCrcValid(q: Uint8Array): boolean {
  const crc = crc16Gsm(q, 0, 10);
  return q[10] === crc >> 8 && q[11] === (crc & 0xff);
}

/** Writes the CRC of bytes 0–9 into bytes 10–11 of `q`. */
export function setQCrc(q: Uint8Array): Uint8Array {
  const crc = crc16Gsm(q, 0, 10);
  q[10] = crc >> 8;
  q[11] = crc & 0xff;
  return q;
}

/** Fields of an ADR 1 (position) Q frame in the program area. */
export interface QPosition {
  /** Control nibble. */
  control: number;
  /** Track number 1–99 (0 in the lead-in, 0xAA lead-out as the raw value 170). */
  track: number;
  /** Index 0–99. */
  index: number;
  /** Relative LBA within the track (counts down in index 0, encoded as a positive MSF). */
  relLba: number;
  /** Absolute LBA. */
  absLba: number;
}

/** Builds an ADR 1 Q frame with BCD fields and CRC. Relative time uses |relLba| as MSF from 0. */
export function buildQPosition(p: QPosition): Uint8Array {
  const q = new Uint8Array(12);
  q[0] = (p.control << 4) | 1;
  q[1] = p.track === 170 ? 0xaa : toBcd(p.track);
  q[2] = toBcd(p.index);
  const rel = Math.abs(p.relLba);
  q[3] = toBcd(Math.floor(rel / 4500));
  q[4] = toBcd(Math.floor(rel / 75) % 60);
  q[5] = toBcd(rel % 75);
  const a = lbaToMsf(p.absLba);
  q[7] = toBcd(a.m % 100);
  q[8] = toBcd(a.s);
  q[9] = toBcd(a.f);
  return setQCrc(q);
}

/** Decoded ADR 1 fields, or null when the frame is not ADR 1 or has non-BCD fields. */
export function parseQPosition(q: Uint8Array): QPosition | null {
  if ((q[0] & 0xf) !== 1) return null;
  const track = q[1] === 0xaa ? 170 : fromBcd(q[1]);
  const index = fromBcd(q[2]);
  const rm = fromBcd(q[3]), rs = fromBcd(q[4]), rf = fromBcd(q[5]);
  const am = fromBcd(q[7]), as = fromBcd(q[8]), af = fromBcd(q[9]);
  if ([track, index, rm, rs, rf, am, as, af].some(Number.isNaN)) return null;
  const abs = 75 * (60 * am + as) + af - 150;
  return { control: q[0] >> 4, track, index, relLba: 75 * (60 * rm + rs) + rf, absLba: abs };
}

/** Builds an ADR 2 (MCN, 13 digits) Q frame with AFRAME and CRC. */
export function buildQMcn(control: number, mcn: string, absLba: number): Uint8Array {
  const q = new Uint8Array(12);
  q[0] = (control << 4) | 2;
  const d = mcn.padEnd(13, "0").split("").map(Number);
  for (let i = 0; i < 7; i++) {
    q[1 + i] = ((d[2 * i] ?? 0) << 4) | (2 * i + 1 < 13 ? d[2 * i + 1] : 0);
  }
  q[9] = toBcd(lbaToMsf(absLba).f);
  return setQCrc(q);
}

/** Reads the 13-digit MCN of an ADR 2 frame. */
export function parseQMcn(q: Uint8Array): string {
  let s = "";
  for (let i = 0; i < 7; i++) s += `${q[1 + i] >> 4}${q[1 + i] & 0xf}`;
  return s.slice(0, 13);
}

const ISRC_CHARS = "0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** Builds an ADR 3 (ISRC, e.g. `USRC17607839`) Q frame: 5 six-bit characters + 7 BCD digits. */
export function buildQIsrc(control: number, isrc: string, absLba: number): Uint8Array {
  const q = new Uint8Array(12);
  q[0] = (control << 4) | 3;
  const code = (c: string): number => Math.max(0, ISRC_CHARS.indexOf(c)) & 0x3f;
  let bits = 0n;
  for (let i = 0; i < 5; i++) bits = (bits << 6n) | BigInt(code(isrc[i] ?? "0"));
  bits <<= 2n; // 30 bits of characters, 2 zero bits
  for (let i = 0; i < 4; i++) q[1 + i] = Number((bits >> BigInt(24 - 8 * i)) & 0xffn);
  const digits = isrc.slice(5).padEnd(7, "0").split("").map(Number);
  q[5] = (digits[0] << 4) | digits[1];
  q[6] = (digits[2] << 4) | digits[3];
  q[7] = (digits[4] << 4) | digits[5];
  q[8] = digits[6] << 4;
  q[9] = toBcd(lbaToMsf(absLba).f);
  return setQCrc(q);
}

/** Reads the 12-character ISRC of an ADR 3 frame. */
export function parseQIsrc(q: Uint8Array): string {
  let bits = 0n;
  for (let i = 0; i < 4; i++) bits = (bits << 8n) | BigInt(q[1 + i]);
  bits >>= 2n;
  let s = "";
  for (let i = 4; i >= 0; i--) s += ISRC_CHARS[Number((bits >> BigInt(6 * i)) & 0x3fn)] ?? "?";
  s += `${q[5] >> 4}${q[5] & 0xf}${q[6] >> 4}${q[6] & 0xf}${q[7] >> 4}${q[7] & 0xf}${q[8] >> 4}`;
  return s;
}
