// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * GUID partition tables: header (CRC32 checked) and entry array (CRC32 checked).
 *
 * @module
 */
import { crc32 } from "node:zlib";
import { FormatError } from "../../errors.ts";
import type { ByteSource } from "../filesystem.ts";

/** One used GPT entry. */
export interface GptEntry {
  /** 1-based index in the entry array (Linux's partition number). */
  number: number;
  /** Type GUID (lower case, dashed). */
  typeGuid: string;
  /** Unique partition GUID. */
  guid: string;
  /** First LBA. */
  firstLba: number;
  /** Last LBA (inclusive). */
  lastLba: number;
  /** Partition name (UTF-16LE). */
  name: string;
}

/** Formats a mixed-endian GUID as text. */
export function guidToString(b: Uint8Array): string {
  const h = (i: number) => b[i].toString(16).padStart(2, "0");
  const r = (idx: number[]) => idx.map(h).join("");
  return `${r([3, 2, 1, 0])}-${r([5, 4])}-${r([7, 6])}-${r([8, 9])}-${r([10, 11, 12, 13, 14, 15])}`;
}

/**
 * Whether the header sector at LBA 1 starts with "EFI PART".
 *
 * @example Usage
 * ```ts
 * import { hasGptSignature } from "./gpt.ts";
 * if (hasGptSignature(new TextEncoder().encode("EFI PART"))) {} else throw new Error("unexpected");
 * ```
 */
export function hasGptSignature(b: Uint8Array): boolean {
  return new TextDecoder().decode(b.subarray(0, 8)) === "EFI PART";
}

/**
 * Reads and checks the primary GPT at LBA 1 for `sectorSize`; null when no signature. A bad header
 * or entry-array CRC rejects with a FormatError naming it.
 */
export async function readGpt(src: ByteSource, sectorSize: number): Promise<GptEntry[] | null> {
  const hdr = new Uint8Array(sectorSize);
  if (await src.readAt(sectorSize, hdr) < sectorSize || !hasGptSignature(hdr)) return null;
  const v = new DataView(hdr.buffer);
  const hsize = v.getUint32(12, true);
  if (hsize < 92 || hsize > sectorSize) {
    throw new FormatError(`GPT header: bad header size ${hsize}`);
  }
  const stored = v.getUint32(16, true);
  const copy = hdr.slice(0, hsize);
  new DataView(copy.buffer).setUint32(16, 0, true);
  const actual = crc32(copy) >>> 0;
  if (actual !== stored) {
    throw new FormatError(
      `GPT header: CRC32 mismatch (stored 0x${stored.toString(16)}, computed 0x${
        actual.toString(16)
      })`,
    );
  }
  const entriesLba = Number(v.getBigUint64(72, true));
  const count = v.getUint32(80, true);
  const esize = v.getUint32(84, true);
  const ecrc = v.getUint32(88, true);
  if (esize < 128 || esize % 8 !== 0 || count > 65536 || count * esize > 16 * 1024 * 1024) {
    throw new FormatError(`GPT header: bad entry array (${count} entries of ${esize} bytes)`);
  }
  const arr = new Uint8Array(count * esize);
  if (await src.readAt(entriesLba * sectorSize, arr) < arr.length) {
    throw new FormatError(`GPT entry array: LBA ${entriesLba} beyond the disk`);
  }
  const acrc = crc32(arr) >>> 0;
  if (acrc !== ecrc) {
    throw new FormatError(
      `GPT entry array: CRC32 mismatch (stored 0x${ecrc.toString(16)}, computed 0x${
        acrc.toString(16)
      })`,
    );
  }
  const disk = Math.floor(src.size / sectorSize);
  const av = new DataView(arr.buffer);
  const out: GptEntry[] = [];
  for (let i = 0; i < count; i++) {
    const o = i * esize;
    if (arr.subarray(o, o + 16).every((x) => x === 0)) continue;
    const firstLba = Number(av.getBigUint64(o + 32, true));
    const lastLba = Number(av.getBigUint64(o + 40, true));
    if (lastLba < firstLba || lastLba >= disk) {
      throw new FormatError(
        `GPT entry ${i + 1}: LBAs ${firstLba}-${lastLba} outside the disk (${disk} sectors)`,
      );
    }
    const nameBytes = arr.subarray(o + 56, o + 128);
    const name = new TextDecoder("utf-16le").decode(nameBytes).replace(/\0.*$/s, "");
    out.push({
      number: i + 1,
      typeGuid: guidToString(arr.subarray(o, o + 16)),
      guid: guidToString(arr.subarray(o + 16, o + 32)),
      firstLba,
      lastLba,
      name,
    });
  }
  return out;
}
