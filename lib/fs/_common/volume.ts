// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Bounded reads of one volume inside a {@linkcode ByteSource}, shared by the filesystem parsers.
 * Every read names the structure it wants, so a short read becomes a {@linkcode FormatError} such as
 * "Cannot read FAT 1 at volume offset 16384 (4096 bytes): beyond the end of the volume".
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import type { ByteSource } from "../filesystem.ts";

/**
 * A window `[offset, offset+length)` of a byte source.
 *
 * @example Reading a boot sector
 * ```ts
 * import { Volume } from "./volume.ts";
 * const bytes = new Uint8Array(1024).fill(7);
 * const src = { size: 1024, readAt: (o: number, b: Uint8Array) => { b.set(bytes.subarray(o, o + b.length)); return Promise.resolve(Math.min(b.length, 1024 - o)); } };
 * const vol = new Volume(src, 512, 512);
 * const boot = await vol.read(0, 16, "boot sector");
 * if (boot[0] !== 7) throw new Error("unexpected");
 * ```
 */
export class Volume {
  /** The underlying source. */
  readonly src: ByteSource;
  /** Start of the volume on `src`, bytes. */
  readonly offset: number;
  /** Length of the volume, bytes. */
  readonly length: number;

  /** Wraps `[offset, offset+length)` of `src`. */
  constructor(src: ByteSource, offset: number, length: number) {
    this.src = src;
    this.offset = offset;
    this.length = length;
  }

  /** Reads exactly `length` bytes at volume offset `at`, or throws a FormatError naming `what`. */
  async read(at: number, length: number, what: string): Promise<Uint8Array> {
    if (!Number.isSafeInteger(at) || at < 0 || length < 0 || at + length > this.length) {
      throw new FormatError(
        `Cannot read ${what} at volume offset ${at} (${length} bytes): beyond the end of the volume (${this.length} bytes)`,
        { offset: this.offset + at },
      );
    }
    const buf = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const n = await this.src.readAt(this.offset + at + done, buf.subarray(done));
      if (n <= 0) {
        throw new FormatError(
          `Cannot read ${what} at volume offset ${at + done}: the image ends early`,
          { offset: this.offset + at + done },
        );
      }
      done += n;
    }
    return buf;
  }
}

/** Little-endian field readers over a byte array. */
export function le16(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8);
}

/** Reads an unsigned 32-bit little-endian value. */
export function le32(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}

/** Reads an unsigned 64-bit little-endian value as a number (exact below 2^53). */
export function le64(b: Uint8Array, at: number): number {
  return le32(b, at) + le32(b, at + 4) * 0x1_0000_0000;
}

/** Reads an unsigned 16-bit big-endian value. */
export function be16(b: Uint8Array, at: number): number {
  return (b[at] << 8) | b[at + 1];
}

/** Reads an unsigned 32-bit big-endian value. */
export function be32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

/** Decodes UTF-16LE code units `[at, at+bytes)`, stopping at the first NUL. */
export function utf16le(b: Uint8Array, at: number, bytes: number): string {
  let s = "";
  for (let i = at; i + 1 < at + bytes; i += 2) {
    const c = b[i] | (b[i + 1] << 8);
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}

/** Decodes printable ASCII/Latin-1 bytes, trimming trailing spaces and NULs. */
export function latin1(b: Uint8Array, at: number, bytes: number): string {
  let s = "";
  for (let i = at; i < at + bytes; i++) s += String.fromCharCode(b[i]);
  return s.replace(/[\s\0]+$/, "");
}
