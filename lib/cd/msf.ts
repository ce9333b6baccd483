// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.

/** A CD address as minutes, seconds, frames (75 per second). */
export interface Msf {
  /** Minutes (0–99, or 160–169 for the lead-in area). */
  m: number;
  /** Seconds (0–59). */
  s: number;
  /** Frames (0–74). */
  f: number;
}

/**
 * Converts MSF to LBA as redumper does: minutes 160–169 wrap to negative (lead-in) addresses
 * (the MSF space is 170 minutes = 765000 frames; MSF 160:00:00 is LBA −45150).
 *
 * @example Usage
 * ```ts
 * import { msfToLba } from "./msf.ts";
 * if (msfToLba({ m: 0, s: 2, f: 0 }) !== 0) throw new Error();
 * if (msfToLba({ m: 160, s: 0, f: 0 }) !== -45150) throw new Error();
 * ```
 */
export function msfToLba(msf: Msf): number {
  const lba = 75 * (60 * msf.m + msf.s) + msf.f - 150;
  return msf.m >= 160 ? lba - 765000 : lba;
}

/**
 * Converts an LBA to MSF (negative LBAs map to minutes 160–169 as in the lead-in).
 *
 * @example Usage
 * ```ts
 * import { lbaToMsf } from "./msf.ts";
 * const { m, s, f } = lbaToMsf(-151);
 * if (m !== 169 || s !== 59 || f !== 74) throw new Error();
 * ```
 */
export function lbaToMsf(lba: number): Msf {
  let v = lba + 150;
  if (v < 0) v += 765000;
  return { m: Math.floor(v / 4500), s: Math.floor(v / 75) % 60, f: v % 75 };
}

/** Encodes 0–99 as packed BCD. */
export function toBcd(n: number): number {
  return ((Math.floor(n / 10) % 10) << 4) | (n % 10);
}

/** Decodes a packed BCD byte (returns NaN when a nibble is not a decimal digit). */
export function fromBcd(b: number): number {
  const hi = b >> 4;
  const lo = b & 0xf;
  return hi > 9 || lo > 9 ? NaN : hi * 10 + lo;
}

/** Formats MSF as `MM:SS:FF` (CUE sheets, logs). */
export function formatMsf(msf: Msf): string {
  const p = (n: number): string => String(n).padStart(2, "0");
  return `${p(msf.m)}:${p(msf.s)}:${p(msf.f)}`;
}
