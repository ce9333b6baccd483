// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * NTFS mapping pairs (runlists): VCN → LCN runs, sparse runs have no LCN.
 *
 * @module
 */
import { FormatError } from "../../errors.ts";

/** One run of clusters. */
export interface ClusterRun {
  /** First VCN. */
  vcn: number;
  /** First LCN, or null for a sparse run. */
  lcn: number | null;
  /** Length in clusters. */
  length: number;
}

function signed(b: Uint8Array, at: number, n: number): number {
  let v = 0;
  for (let i = n - 1; i >= 0; i--) v = v * 256 + b[at + i];
  if (n > 0 && b[at + n - 1] & 0x80) v -= 2 ** (8 * n);
  return v;
}

/**
 * Decodes the mapping pairs at `at` of `b` for VCNs `startVcn..lastVcn`, checking every LCN
 * against `clusterCount`. `what` names the attribute in errors.
 *
 * @example One run of 18 clusters at LCN 8704
 * ```ts
 * import { decodeRunlist } from "./ntfs_runlist.ts";
 * const runs = decodeRunlist(new Uint8Array([0x21, 18, 0x00, 0x22, 0]), 0, 0, 17, 100000, "$DATA");
 * if (runs[0].lcn !== 8704 || runs[0].length !== 18) throw new Error("unexpected");
 * ```
 */
export function decodeRunlist(
  b: Uint8Array,
  at: number,
  startVcn: number,
  lastVcn: number,
  clusterCount: number,
  what: string,
): ClusterRun[] {
  const runs: ClusterRun[] = [];
  let vcn = startVcn;
  let lcn = 0;
  while (at < b.length && b[at] !== 0) {
    const lenBytes = b[at] & 0x0f;
    const offBytes = b[at] >> 4;
    if (lenBytes === 0 || lenBytes > 8 || offBytes > 8 || at + 1 + lenBytes + offBytes > b.length) {
      throw new FormatError(
        `${what}: bad runlist header byte 0x${b[at].toString(16)} at VCN ${vcn}`,
      );
    }
    const length = signed(b, at + 1, lenBytes);
    if (length <= 0) throw new FormatError(`${what}: run of ${length} clusters at VCN ${vcn}`);
    let runLcn: number | null = null;
    if (offBytes > 0) {
      lcn += signed(b, at + 1 + lenBytes, offBytes);
      if (lcn < 0 || lcn + length > clusterCount) {
        throw new FormatError(
          `${what}: run at VCN ${vcn} maps clusters ${lcn}..${
            lcn + length - 1
          } outside the volume (${clusterCount} clusters)`,
        );
      }
      runLcn = lcn;
    }
    runs.push({ vcn, lcn: runLcn, length });
    vcn += length;
    if (vcn > lastVcn + 1) {
      throw new FormatError(
        `${what}: runlist covers VCN ${vcn - 1}, beyond the last VCN ${lastVcn}`,
      );
    }
    at += 1 + lenBytes + offBytes;
  }
  return runs;
}
