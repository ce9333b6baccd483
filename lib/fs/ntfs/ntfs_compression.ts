// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * NTFS compression units: which clusters of a compressed attribute hold LZNT1 data. A unit
 * (usually 16 clusters) whose runlist has real clusters followed by sparse ones is compressed;
 * a fully allocated unit is stored raw; a fully sparse unit reads as zeros.
 *
 * @module
 */
import type { ExtentFlag } from "../filesystem.ts";
import type { NtfsAttribute } from "./ntfs_record.ts";
import type { ClusterRun } from "./ntfs_runlist.ts";

/** Clusters per compression unit of a compressed attribute, or 0. */
export function compressionUnit(a: NtfsAttribute): number {
  return a.flags & 0x0001 && a.compressionUnit ? 2 ** a.compressionUnit : 0;
}

/** A run with extent flags. */
export type Flagged = ClusterRun & { flags: ExtentFlag[] };

/** The first `clusters` clusters of classified runs. */
export function clip(runs: Flagged[], clusters: number): Flagged[] {
  const out: Flagged[] = [];
  for (const r of runs) {
    if (r.vcn >= clusters) break;
    out.push({ ...r, length: Math.min(r.length, clusters - r.vcn) });
  }
  return out;
}

/**
 * Flags compression units: the real clusters of a unit that also has sparse clusters hold LZNT1
 * data ("compressed", "encoded"); fully allocated units are stored raw.
 */
export function classify(runs: ClusterRun[], unit: number): Flagged[] {
  if (!unit) return runs.map((r) => ({ ...r, flags: [] }));
  const pieces: ClusterRun[] = [];
  for (const r of runs) {
    let v = r.vcn;
    while (v < r.vcn + r.length) {
      const stop = Math.min(r.vcn + r.length, (Math.floor(v / unit) + 1) * unit);
      pieces.push({ vcn: v, lcn: r.lcn === null ? null : r.lcn + (v - r.vcn), length: stop - v });
      v = stop;
    }
  }
  const out: Flagged[] = [];
  for (let i = 0; i < pieces.length;) {
    const u = Math.floor(pieces[i].vcn / unit);
    let j = i;
    while (j < pieces.length && Math.floor(pieces[j].vcn / unit) === u) j++;
    const group = pieces.slice(i, j);
    const compressed = group.some((p) => p.lcn === null) && group.some((p) => p.lcn !== null);
    for (const p of group) {
      const flags: ExtentFlag[] = compressed
        ? (p.lcn === null ? ["compressed"] : ["compressed", "encoded"])
        : [];
      out.push({ ...p, flags });
    }
    i = j;
  }
  return out;
}
