// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Big-endian field helpers for CDBs and MMC responses (SCSI is big-endian throughout).
 *
 * @module
 */

/**
 * Reads a big-endian unsigned 16-bit value (0 past the end of `b`).
 *
 * @example Usage
 * ```ts
 * import { be16 } from "./bytes.ts";
 * if (be16(new Uint8Array([0x12, 0x34]), 0) !== 0x1234) throw new Error("unexpected");
 * ```
 */
export function be16(b: Uint8Array, o: number): number {
  return ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
}

/** Reads a big-endian unsigned 24-bit value. */
export function be24(b: Uint8Array, o: number): number {
  return ((b[o] ?? 0) << 16) | ((b[o + 1] ?? 0) << 8) | (b[o + 2] ?? 0);
}

/** Reads a big-endian unsigned 32-bit value. */
export function be32(b: Uint8Array, o: number): number {
  return (((b[o] ?? 0) << 24) >>> 0) + ((b[o + 1] ?? 0) << 16) + ((b[o + 2] ?? 0) << 8) +
    (b[o + 3] ?? 0);
}

/** Reads a big-endian signed 32-bit value (negative LBAs). */
export function be32s(b: Uint8Array, o: number): number {
  return be32(b, o) | 0;
}

/** Writes a big-endian 16-bit value. */
export function put16(b: Uint8Array, o: number, v: number): void {
  b[o] = (v >>> 8) & 0xff;
  b[o + 1] = v & 0xff;
}

/** Writes a big-endian 24-bit value. */
export function put24(b: Uint8Array, o: number, v: number): void {
  b[o] = (v >>> 16) & 0xff;
  b[o + 1] = (v >>> 8) & 0xff;
  b[o + 2] = v & 0xff;
}

/** Writes a big-endian 32-bit value (negative numbers as two's complement). */
export function put32(b: Uint8Array, o: number, v: number): void {
  b[o] = (v >>> 24) & 0xff;
  b[o + 1] = (v >>> 16) & 0xff;
  b[o + 2] = (v >>> 8) & 0xff;
  b[o + 3] = v & 0xff;
}

/** ASCII text of a fixed-width field with trailing spaces and NULs removed. */
export function ascii(b: Uint8Array, o: number, n: number): string {
  let s = "";
  for (let i = o; i < Math.min(o + n, b.length); i++) {
    const c = b[i];
    s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : c === 0 ? " " : ".";
  }
  return s.replace(/\s+$/, "");
}

/** Lower-case hex of bytes separated by spaces: `12 00 00 00 60 00`. */
export function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(" ");
}

/** Parses hex bytes (spaces optional). */
export function fromHex(text: string): Uint8Array {
  const t = text.replace(/\s+/g, "");
  if (t.length % 2 !== 0 || /[^0-9a-f]/i.test(t)) throw new SyntaxError(`Invalid hex "${text}"`);
  const out = new Uint8Array(t.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(t.slice(i * 2, i * 2 + 2), 16);
  return out;
}
