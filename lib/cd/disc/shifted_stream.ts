// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * A physical stream whose write offset changes part way (an "offset shift"): from authored LBA
 * `lba` on, sectors are written with `offset`. Where the later offset is larger the stream has a
 * gap of zeros; where it is smaller the later sectors overwrite the tail of the earlier ones.
 *
 * @module
 */
import { CD_DATA_SIZE } from "../constants.ts";
import { physicalReader } from "./physical_stream.ts";

/** From authored LBA `lba` on, the write offset is `offset` samples. */
export interface OffsetShift {
  /** First authored LBA written with `offset`. */
  lba: number;
  /** Write offset in samples. */
  offset: number;
}

/**
 * Builds a reader like {@linkcode physicalReader} with offset shifts (sorted by LBA).
 *
 * @example A gap of 10 samples before LBA 5
 * ```ts
 * import { shiftedPhysicalReader } from "./shifted_stream.ts";
 * const read = shiftedPhysicalReader((l) => new Uint8Array(2352).fill(l + 1), 0, [{ lba: 5, offset: 10 }], 0, 10);
 * const out = new Uint8Array(48);
 * read(5 * 2352, out);
 * if (out[0] !== 0 || out[39] !== 0 || out[40] !== 6) throw new Error();
 * ```
 */
export function shiftedPhysicalReader(
  sector: (lba: number) => Uint8Array,
  writeOffset: number,
  shifts: readonly OffsetShift[],
  firstLba: number,
  lastLba: number,
): (pos: number, out: Uint8Array) => void {
  const segs = [{ lba: -Infinity, offset: writeOffset }, ...shifts].map((s, k, all) => {
    const next = all[k + 1];
    return {
      read: physicalReader(sector, s.offset, firstLba, lastLba),
      start: k === 0 ? -Infinity : s.lba * CD_DATA_SIZE + 4 * s.offset,
      end: next
        ? Math.min(
          next.lba * CD_DATA_SIZE + 4 * next.offset,
          next.lba * CD_DATA_SIZE + 4 * s.offset,
        )
        : Infinity,
    };
  });
  return (pos: number, out: Uint8Array): void => {
    out.fill(0);
    const end = pos + out.length;
    for (const s of segs) {
      const a = Math.max(pos, s.start), b = Math.min(end, s.end);
      if (b > a) s.read(a, out.subarray(a - pos, b - pos));
    }
  };
}
