// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * El Torito boot records: the boot catalog and the boot images it points to, as metadata
 * regions (so `owner` can say "El Torito boot image 1" for a sector of a bootable CD).
 *
 * @module
 */
import type { MetadataRegion } from "../filesystem.ts";
import { latin1, le16, le32 } from "../_common/volume.ts";

/** Whether a volume descriptor is the El Torito boot record; returns the catalog block or null. */
export function elToritoCatalog(d: Uint8Array): number | null {
  if (d[0] !== 0 || latin1(d, 7, 32) !== "EL TORITO SPECIFICATION") return null;
  return le32(d, 0x47);
}

const FLOPPY: Record<number, number> = { 1: 1228800, 2: 1474560, 3: 2949120 };

/**
 * The boot images named by a boot catalog block (validation entry, default entry, then section
 * headers 0x90/0x91 with their entries). Images of unknown extent (no emulation, hard-disk
 * emulation) are as long as the sectors the BIOS loads (512-byte units, at least one block).
 *
 * @example
 * ```ts
 * import { elToritoImages } from "./iso_eltorito.ts";
 * const cat = new Uint8Array(2048);
 * cat[0] = 1; cat[30] = 0x55; cat[31] = 0xaa;
 * cat[32] = 0x88; cat[32 + 6] = 4; cat[32 + 8] = 34;
 * const [img] = elToritoImages(cat, 2048);
 * if (img.volumeOffset !== 34 * 2048 || img.length !== 2048) throw new Error("unexpected");
 * ```
 */
export function elToritoImages(cat: Uint8Array, blockSize: number): MetadataRegion[] {
  if (cat[0] !== 1 || cat[30] !== 0x55 || cat[31] !== 0xaa) return [];
  const out: MetadataRegion[] = [];
  const entry = (at: number): void => {
    if (cat[at] !== 0x88) return; // not bootable
    const media = cat[at + 1] & 0x0f;
    const count = le16(cat, at + 6);
    const lba = le32(cat, at + 8);
    const length = FLOPPY[media] ??
      Math.max(blockSize, Math.ceil((count * 512) / blockSize) * blockSize);
    out.push({
      name: `El Torito boot image ${out.length + 1}`,
      volumeOffset: lba * blockSize,
      length,
    });
  };
  entry(32);
  for (let at = 64; at + 32 <= cat.length;) {
    const h = cat[at];
    if (h !== 0x90 && h !== 0x91) break;
    const n = le16(cat, at + 2);
    at += 32;
    for (let i = 0; i < n && at + 32 <= cat.length; i++, at += 32) entry(at);
    if (h === 0x91) break;
  }
  return out;
}
