// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Update-sequence ("fixup") arrays of NTFS multi-sector records (FILE, INDX): the last two bytes
 * of every 512-byte stride are stored in the array and replaced on disk by the sequence number.
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import { latin1, le16 } from "../_common/volume.ts";

/**
 * Checks the magic and applies the fixups of `rec` in place; `what` names the record in errors.
 *
 * @example
 * ```ts
 * import { applyFixups } from "./ntfs_fixup.ts";
 * const r = new Uint8Array(1024);
 * r.set(new TextEncoder().encode("FILE"), 0);
 * r[4] = 0x30; r[6] = 3;            // array at 0x30, 1 + 2 entries
 * r[0x30] = 7; r[0x32] = 0xaa; r[0x34] = 0xbb;
 * r[510] = 7; r[1022] = 7;          // sequence number at both stride ends
 * applyFixups(r, "FILE", "MFT record 0");
 * if (r[510] !== 0xaa || r[1022] !== 0xbb) throw new Error("unexpected");
 * ```
 */
export function applyFixups(rec: Uint8Array, magic: string, what: string): void {
  const got = latin1(rec, 0, 4);
  if (got !== magic) {
    throw new FormatError(`${what}: bad signature ${JSON.stringify(got)} (want ${magic})`);
  }
  const usaOffset = le16(rec, 4);
  const usaCount = le16(rec, 6);
  const strides = rec.length / 512;
  if (usaCount !== strides + 1 || usaOffset + usaCount * 2 > rec.length || usaOffset < 8) {
    throw new FormatError(
      `${what}: bad update sequence array (offset ${usaOffset}, ${usaCount} entries for ${strides} sectors)`,
    );
  }
  const usn = le16(rec, usaOffset);
  for (let i = 0; i < strides; i++) {
    const end = (i + 1) * 512 - 2;
    if (le16(rec, end) !== usn) {
      throw new FormatError(
        `${what}: update sequence mismatch in sector ${i} (torn or corrupt write)`,
      );
    }
    rec[end] = rec[usaOffset + 2 + i * 2];
    rec[end + 1] = rec[usaOffset + 3 + i * 2];
  }
}
