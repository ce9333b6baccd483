// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Building extent lists from allocation runs, and reading file bytes through them.
 *
 * @module
 */
import type { ExtentFlag, FsExtent } from "../filesystem.ts";
import type { Volume } from "./volume.ts";

/** One run of allocation units in file order: `volumeOffset` null means a hole. */
export interface Run {
  /** Byte offset on the volume, or null for a hole. */
  volumeOffset: number | null;
  /** Length in bytes. */
  length: number;
  /** Extra flags for this run. */
  flags?: ExtentFlag[];
}

/**
 * Turns runs (in file order) into extents, merging physically adjacent runs with equal flags,
 * and marking the final extent `last`.
 *
 * @example Two adjacent clusters become one extent
 * ```ts
 * import { runsToExtents } from "./extents.ts";
 * const ext = runsToExtents([{ volumeOffset: 4096, length: 2048 }, { volumeOffset: 6144, length: 2048 }]);
 * if (ext.length !== 1 || ext[0].length !== 4096) throw new Error("unexpected");
 * ```
 */
export function runsToExtents(runs: Run[]): FsExtent[] {
  const out: FsExtent[] = [];
  let fileOffset = 0;
  for (const r of runs) {
    if (r.length <= 0) continue;
    const flags: ExtentFlag[] = r.volumeOffset === null
      ? [...new Set<ExtentFlag>(["hole", ...(r.flags ?? [])])]
      : [...(r.flags ?? [])];
    const prev = out[out.length - 1];
    if (
      prev && sameFlags(prev.flags, flags) &&
      (prev.volumeOffset === null
        ? r.volumeOffset === null
        : r.volumeOffset === prev.volumeOffset + prev.length)
    ) {
      prev.length += r.length;
    } else {
      out.push({ fileOffset, length: r.length, volumeOffset: r.volumeOffset, flags });
    }
    fileOffset += r.length;
  }
  if (out.length) out[out.length - 1].flags.push("last");
  return out;
}

function sameFlags(a: ExtentFlag[], b: ExtentFlag[]): boolean {
  return a.length === b.length && a.every((f, i) => f === b[i]);
}

/**
 * Reads `[offset, offset+length)` of a file (clipped to `size`) from plain (not encoded) extents;
 * holes read as zeros.
 */
export async function readThroughExtents(
  vol: Volume,
  extents: FsExtent[],
  size: number,
  offset: number,
  length: number,
  what: string,
): Promise<Uint8Array> {
  const end = Math.min(size, offset + length);
  const out = new Uint8Array(Math.max(0, end - offset));
  for (const e of extents) {
    const a = Math.max(offset, e.fileOffset);
    const b = Math.min(end, e.fileOffset + e.length);
    if (a >= b || e.volumeOffset === null) continue;
    const bytes = await vol.read(e.volumeOffset + (a - e.fileOffset), b - a, what);
    out.set(bytes, a - offset);
  }
  return out;
}
