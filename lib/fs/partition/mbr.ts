// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * MBR partition tables: the four primary entries and the chain of extended boot records (EBRs)
 * holding logical partitions (with loop and range checks).
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import type { ByteSource } from "../filesystem.ts";

/** One MBR partition entry, in sectors. */
export interface MbrEntry {
  /** Partition number as Linux names it (1–4 primary, 5… logical). */
  number: number;
  /** Partition type byte. */
  type: number;
  /** Active flag (0x80). */
  bootable: boolean;
  /** First sector (absolute). */
  start: number;
  /** Number of sectors. */
  sectors: number;
}

/** Whether a type byte is an extended container (0x05, 0x0F, 0x85). */
export function isExtendedType(t: number): boolean {
  return t === 0x05 || t === 0x0f || t === 0x85;
}

/**
 * Parses the four entries of an MBR or EBR sector (null when the 0x55AA signature is missing).
 *
 * @example Usage
 * ```ts
 * import { parseMbrSector } from "./mbr.ts";
 * const s = new Uint8Array(512);
 * s[510] = 0x55; s[511] = 0xaa; s[446 + 4] = 0x83;
 * new DataView(s.buffer).setUint32(446 + 8, 2048, true);
 * new DataView(s.buffer).setUint32(446 + 12, 100, true);
 * if (parseMbrSector(s)![0].start !== 2048) throw new Error("unexpected");
 * ```
 */
export function parseMbrSector(s: Uint8Array): MbrEntry[] | null {
  if (s.length < 512 || s[510] !== 0x55 || s[511] !== 0xaa) return null;
  const text = new TextDecoder("latin1");
  const oem = text.decode(s.subarray(3, 11));
  if (
    /^(NTFS|EXFAT)/.test(oem) || text.decode(s.subarray(0x36, 0x39)) === "FAT" ||
    text.decode(s.subarray(0x52, 0x57)) === "FAT32"
  ) {
    return null; // a volume boot record, not a partition table
  }
  const v = new DataView(s.buffer, s.byteOffset, 512);
  const out: MbrEntry[] = [];
  for (let i = 0; i < 4; i++) {
    const o = 446 + i * 16;
    const status = s[o];
    if (status !== 0 && status !== 0x80) return null; // not a partition table (e.g. a FAT boot sector)
    out.push({
      number: i + 1,
      type: s[o + 4],
      bootable: status === 0x80,
      start: v.getUint32(o + 8, true),
      sectors: v.getUint32(o + 12, true),
    });
  }
  return out;
}

/**
 * Reads the MBR at sector 0 and its logical partitions; null when there is no MBR. Entries of
 * type 0 or with zero length are dropped; extended containers are dropped after being followed.
 */
export async function readMbr(
  src: ByteSource,
  sectorSize: number,
): Promise<MbrEntry[] | null> {
  const s0 = new Uint8Array(512);
  if (await src.readAt(0, s0) < 512) return null;
  const primary = parseMbrSector(s0);
  if (!primary) return null;
  const totalSectors = Math.floor(src.size / sectorSize);
  const out: MbrEntry[] = [];
  let logicalNo = 5;
  for (const e of primary) {
    if (e.type === 0 || e.sectors === 0) continue;
    // An entry starting at sector 0 covers the table itself (isohybrid images: the ISO view).
    if (e.start === 0) continue;
    if (e.start + e.sectors > totalSectors) return null; // not a usable table
    if (!isExtendedType(e.type)) {
      out.push(e);
      continue;
    }
    const seen = new Set<number>();
    let ebr = e.start;
    while (true) {
      if (seen.has(ebr)) {
        throw new FormatError(`MBR extended partition: EBR chain loops at sector ${ebr}`);
      }
      if (seen.size > 256) throw new FormatError("MBR extended partition: more than 256 EBRs");
      seen.add(ebr);
      const s = new Uint8Array(512);
      if (await src.readAt(ebr * sectorSize, s) < 512) {
        throw new FormatError(`MBR extended partition: EBR at sector ${ebr} beyond the disk`);
      }
      const ents = parseMbrSector(s);
      if (!ents) {
        throw new FormatError(`MBR extended partition: EBR at sector ${ebr} has no 0x55AA`);
      }
      const [l, next] = ents;
      if (l.type !== 0 && l.sectors !== 0) {
        const start = ebr + l.start;
        if (start + l.sectors > e.start + e.sectors) {
          throw new FormatError(
            `MBR logical partition ${logicalNo}: outside its extended partition`,
          );
        }
        out.push({ ...l, number: logicalNo++, start });
      }
      if (next.type === 0 || next.sectors === 0) break;
      ebr = e.start + next.start;
    }
  }
  return out;
}
