// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Pure mappings through stacked Linux block devices: device-mapper linear/striped tables
 * (`dmsetup table` text, 512-byte sectors) and md RAID0/RAID1 (from sysfs md/ facts).
 *
 * @module
 */
import { FormatError } from "../errors.ts";

/** A byte range on a lower device ("MAJ:MIN" or a name). */
export interface LowerRange {
  /** Offset into the mapped range where this piece starts. */
  rel: number;
  /** Lower device. */
  device: string;
  /** Byte offset on the lower device. */
  offset: number;
  /** Length in bytes. */
  length: number;
}

/** One dm table line. */
export interface DmTarget {
  /** Start sector on the dm device. */
  start: number;
  /** Length in sectors. */
  length: number;
  /** Target type ("linear", "striped", …). */
  type: string;
  /** Target arguments. */
  args: string[];
}

/**
 * Parses `dmsetup table` output for one device.
 *
 * @example Usage
 * ```ts
 * import { parseDmTable } from "./stacked_maps.ts";
 * const t = parseDmTable("0 204800 linear 8:16 2048\n");
 * if (t[0].type !== "linear" || t[0].args[1] !== "2048") throw new Error("unexpected");
 * ```
 */
export function parseDmTable(text: string): DmTarget[] {
  return text.split(/\r?\n/).filter((l) => l.trim()).map((l, i) => {
    const [s, n, type, ...args] = l.trim().split(/\s+/);
    if (!/^\d+$/.test(s ?? "") || !/^\d+$/.test(n ?? "") || !type) {
      throw new FormatError(`device-mapper table line ${i + 1}: cannot parse "${l.trim()}"`);
    }
    return { start: Number(s), length: Number(n), type, args };
  });
}

/**
 * Maps `[offset, offset+length)` bytes of a dm device through its linear/striped targets.
 * Other targets (crypt, thin, snapshot, raid, …) throw a FormatError naming the target.
 *
 * @example Usage
 * ```ts
 * import { mapDmRange, parseDmTable } from "./stacked_maps.ts";
 * const r = mapDmRange(parseDmTable("0 1000 linear 8:16 2048"), 512, 1024);
 * if (r[0].device !== "8:16" || r[0].offset !== 2048 * 512 + 512) throw new Error("unexpected");
 * ```
 */
export function mapDmRange(table: DmTarget[], offset: number, length: number): LowerRange[] {
  const out: LowerRange[] = [];
  let pos = offset;
  const end = offset + length;
  while (pos < end) {
    const t = table.find((t) => pos >= t.start * 512 && pos < (t.start + t.length) * 512);
    if (!t) throw new FormatError(`device-mapper table: byte ${pos} is not mapped by any target`);
    const tEnd = Math.min(end, (t.start + t.length) * 512);
    const within = pos - t.start * 512;
    if (t.type === "linear") {
      const n = tEnd - pos;
      out.push({
        rel: pos - offset,
        device: t.args[0],
        offset: Number(t.args[1]) * 512 + within,
        length: n,
      });
      pos += n;
    } else if (t.type === "striped") {
      const stripes = Number(t.args[0]);
      const chunk = Number(t.args[1]) * 512;
      const devs = Array.from({ length: stripes }, (_, i) => ({
        device: t.args[2 + 2 * i],
        start: Number(t.args[3 + 2 * i]) * 512,
      }));
      if (!stripes || !chunk || devs.some((d) => !d.device || Number.isNaN(d.start))) {
        throw new FormatError(`device-mapper striped target at sector ${t.start}: bad arguments`);
      }
      const chunkNo = Math.floor(within / chunk);
      const inChunk = within % chunk;
      const n = Math.min(tEnd - pos, chunk - inChunk);
      const d = devs[chunkNo % stripes];
      out.push({
        rel: pos - offset,
        device: d.device,
        offset: d.start + Math.floor(chunkNo / stripes) * chunk + inChunk,
        length: n,
      });
      pos += n;
    } else {
      throw new FormatError(
        `device-mapper target "${t.type}" at sector ${t.start} cannot be mapped to disk sectors`,
      );
    }
  }
  return out;
}

/** An md member as sysfs describes it (md/rdN/{slot,offset} and the member device). */
export interface MdMember {
  /** Member device ("MAJ:MIN" or a name). */
  device: string;
  /** Role slot (md/rdN/slot). */
  slot: number;
  /** Data offset on the member in bytes (md/rdN/offset × 512). */
  dataOffset: number;
}

/**
 * Maps a byte range of an md array to its members: RAID1 → every mirror, RAID0 → the striped
 * member (equal-size members; multi-zone RAID0 is refused).
 *
 * @example Usage
 * ```ts
 * import { mapMdRange } from "./stacked_maps.ts";
 * const m = [{ device: "a", slot: 0, dataOffset: 0 }, { device: "b", slot: 1, dataOffset: 0 }];
 * const r = mapMdRange("raid0", 65536, m, 65536, 4096);
 * if (r[0].device !== "b" || r[0].offset !== 0) throw new Error("unexpected");
 * ```
 */
export function mapMdRange(
  level: string,
  chunkSize: number,
  members: MdMember[],
  offset: number,
  length: number,
): LowerRange[] {
  const sorted = members.filter((m) => m.slot >= 0).sort((a, b) => a.slot - b.slot);
  if (sorted.length === 0) throw new FormatError(`md ${level}: no active members`);
  if (level === "raid1") {
    return sorted.map((m) => ({ rel: 0, device: m.device, offset: m.dataOffset + offset, length }));
  }
  if (level !== "raid0" && level !== "linear") {
    throw new FormatError(
      `md ${level}: mapping to member sectors is not implemented (raid0/raid1 only)`,
    );
  }
  if (level === "linear" || chunkSize <= 0) {
    throw new FormatError(`md ${level}: mapping needs member sizes (not implemented)`);
  }
  const out: LowerRange[] = [];
  const n = sorted.length;
  for (let pos = offset; pos < offset + length;) {
    const chunkNo = Math.floor(pos / chunkSize);
    const inChunk = pos % chunkSize;
    const len = Math.min(offset + length - pos, chunkSize - inChunk);
    const m = sorted[chunkNo % n];
    out.push({
      rel: pos - offset,
      device: m.device,
      offset: m.dataOffset + Math.floor(chunkNo / n) * chunkSize + inChunk,
      length: len,
    });
    pos += len;
  }
  return out;
}
