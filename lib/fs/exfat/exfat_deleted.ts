// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Deleted exFAT entry sets: deleting a file clears the InUse bit (bit 7) of every entry of its set,
 * so a File entry 0x05 followed by a Stream Extension 0x40 and File Name entries 0x41 still holds
 * the name, attributes, first cluster, DataLength and NoFatChain flag. The SetChecksum is not
 * required (The Sleuth Kit does not require it either).
 *
 * @module
 */
import { le16 } from "../_common/volume.ts";
import { entryOfSet, type ExfatEntry } from "./exfat_dir.ts";

/**
 * The deleted entry sets of directory bytes (all file sets when `allDeleted`: the contents of a
 * deleted directory). Sets that are cut short or mix in other entry types are skipped; the scan
 * does not stop at an end-of-directory entry.
 *
 * @example A deleted set
 * ```ts
 * import { parseExfatDeleted } from "./exfat_deleted.ts";
 * const d = new Uint8Array(96);
 * d[0] = 0x05; d[1] = 2; d[32] = 0x40; d[35] = 1; d[52] = 9; d[56] = 100; d[64] = 0x41; d[66] = 0x61;
 * const [e] = parseExfatDeleted(d, false);
 * if (e.name !== "a" || e.firstCluster !== 9 || e.size !== 100) throw new Error("unexpected");
 * ```
 */
export function parseExfatDeleted(d: Uint8Array, allDeleted: boolean): ExfatEntry[] {
  const out: ExfatEntry[] = [];
  for (let at = 0; at + 32 <= d.length; at += 32) {
    const type = d[at];
    const live = type === 0x85;
    if (type !== 0x05 && !(allDeleted && live)) continue;
    const count = d[at + 1];
    if (count < 2 || count > 18 || at + (count + 1) * 32 > d.length) continue;
    const s = at + 32;
    const secondary = (t: number) => t === (live ? 0xc0 : 0x40);
    const nameType = live ? 0xc1 : 0x41;
    if (!secondary(d[s])) continue;
    const nameLen = d[s + 3];
    let name = "";
    let ok = true;
    for (let i = 2; i <= count && name.length < nameLen; i++) {
      const e = at + i * 32;
      if (d[e] !== nameType) {
        ok = false;
        break;
      }
      for (let k = 0; k < 15 && name.length < nameLen; k++) {
        name += String.fromCharCode(le16(d, e + 2 + k * 2));
      }
    }
    if (!ok || name.length !== nameLen || nameLen === 0) continue;
    out.push(entryOfSet(d, at, name));
    at += count * 32;
  }
  return out;
}
