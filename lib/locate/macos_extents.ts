// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * macOS F_LOG2PHYS_EXT (fcntl 65): `struct log2phys` under `#pragma pack(4)` is 20 bytes
 * (u32 l2p_flags @0, i64 l2p_contigbytes @4, i64 l2p_devoffset @12), and the walk over a file.
 *
 * @module
 */

/** fcntl command. */
export const F_LOG2PHYS_EXT = 65;
/** sizeof(struct log2phys). */
export const LOG2PHYS_SIZE = 20;
/** errno for decmpfs-compressed files. */
export const ENOTSUP_DARWIN = 45;
/** errno third-party code treats as "hole". */
export const ERANGE = 34;

/**
 * Builds the in/out struct: in devoffset = file offset, contigbytes = bytes to query.
 *
 * @example Usage
 * ```ts
 * import { log2physRequest, parseLog2phys } from "./macos_extents.ts";
 * const b = log2physRequest(4096, 1 << 20);
 * if (b.length !== 20 || parseLog2phys(b).devoffset !== 4096) throw new Error("unexpected");
 * ```
 */
export function log2physRequest(fileOffset: number, bytes: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(LOG2PHYS_SIZE);
  const v = new DataView(b.buffer);
  v.setBigInt64(4, BigInt(bytes), true);
  v.setBigInt64(12, BigInt(fileOffset), true);
  return b;
}

/** Reads the struct back. */
export function parseLog2phys(
  b: Uint8Array,
): { flags: number; contigbytes: number; devoffset: number } {
  const v = new DataView(b.buffer, b.byteOffset, LOG2PHYS_SIZE);
  return {
    flags: v.getUint32(0, true),
    contigbytes: Number(v.getBigInt64(4, true)),
    devoffset: Number(v.getBigInt64(12, true)),
  };
}

/** One fcntl answer: device offset and contiguous bytes, or an errno. */
export type Log2physAnswer = { devoffset: number; contigbytes: number } | { errno: number };

/**
 * Walks a file with F_LOG2PHYS_EXT answers into extents (device-relative; add the partition or
 * APFS container offset for the whole disk). ERANGE or devoffset −1 = hole (skipped by one
 * `step`); ENOTSUP = compressed (one "encoded" extent, no location).
 */
export function walkLog2phys(
  size: number,
  step: number,
  query: (offset: number, bytes: number) => Log2physAnswer,
): { fileOffset: number; length: number; deviceOffset: number | null; flags: string[] }[] {
  const out: {
    fileOffset: number;
    length: number;
    deviceOffset: number | null;
    flags: string[];
  }[] = [];
  for (let off = 0; off < size;) {
    const a = query(off, size - off);
    if ("errno" in a) {
      if (a.errno === ENOTSUP_DARWIN) {
        out.push({ fileOffset: off, length: size - off, deviceOffset: null, flags: ["encoded"] });
        break;
      }
      if (a.errno !== ERANGE) {
        throw new Error(`F_LOG2PHYS_EXT failed at file byte ${off}: errno ${a.errno}`);
      }
      out.push({
        fileOffset: off,
        length: Math.min(step, size - off),
        deviceOffset: null,
        flags: ["hole"],
      });
      off += step;
      continue;
    }
    if (a.devoffset < 0 || a.contigbytes <= 0) {
      out.push({
        fileOffset: off,
        length: Math.min(step, size - off),
        deviceOffset: null,
        flags: ["hole"],
      });
      off += step;
      continue;
    }
    const n = Math.min(a.contigbytes, size - off);
    const last = out[out.length - 1];
    if (
      last && last.deviceOffset !== null && last.deviceOffset + last.length === a.devoffset &&
      last.fileOffset + last.length === off
    ) last.length += n;
    else out.push({ fileOffset: off, length: n, deviceOffset: a.devoffset, flags: [] });
    off += n;
  }
  return out;
}
