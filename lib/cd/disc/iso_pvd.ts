// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * A minimal ISO 9660 volume for synthesized data tracks: primary volume descriptor (sector 16),
 * set terminator (17) and a root directory (18) listing the given files (their content is
 * whatever the track holds there). Enough for tools that print the volume id or look up a file.
 *
 * @module
 */

function both32(b: Uint8Array, at: number, v: number): void {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  dv.setUint32(at, v, true);
  dv.setUint32(at + 4, v, false);
}

function both16(b: Uint8Array, at: number, v: number): void {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  dv.setUint16(at, v, true);
  dv.setUint16(at + 2, v, false);
}

function dirRecord(b: Uint8Array, at: number, extent: number, id: number): void {
  b.fill(0, at, at + 34);
  b[at] = 34;
  both32(b, at + 2, extent);
  both32(b, at + 10, 2048);
  b[at + 18] = 126; // 2026 − 1900
  b[at + 19] = 1;
  b[at + 20] = 1;
  b[at + 25] = 0x02; // directory
  both16(b, at + 28, 1);
  b[at + 32] = 1;
  b[at + 33] = id;
}

/** A file listed in the root directory (extent LBA relative to the track, size in bytes). */
export interface IsoFileSpec {
  /** Identifier without version (`00000001.TMP`). */
  name: string;
  /** Extent LBA. */
  lba: number;
  /** Size in bytes. */
  size: number;
}

function fileRecord(b: Uint8Array, at: number, f: IsoFileSpec): number {
  const id = `${f.name.toUpperCase()};1`;
  const len = 33 + id.length + ((33 + id.length) % 2);
  b.fill(0, at, at + len);
  b[at] = len;
  both32(b, at + 2, f.lba);
  both32(b, at + 10, f.size);
  b[at + 18] = 126;
  b[at + 19] = 1;
  b[at + 20] = 1;
  both16(b, at + 28, 1);
  b[at + 32] = id.length;
  for (let i = 0; i < id.length; i++) b[at + 33 + i] = id.charCodeAt(i);
  return len;
}

function text(b: Uint8Array, at: number, len: number, s: string): void {
  for (let i = 0; i < len; i++) b[at + i] = i < s.length ? s.charCodeAt(i) & 0x7f : 0x20;
}

/**
 * Overwrites the 2048-byte user data of track-relative sector `rel` (16–20).
 *
 * @example The PVD signature
 * ```ts
 * import { writePrimaryVolumeDescriptor } from "./iso_pvd.ts";
 * const d = new Uint8Array(2048);
 * writePrimaryVolumeDescriptor(d, 16, "DEMO", 1000);
 * if (d[0] !== 1 || String.fromCharCode(...d.subarray(1, 6)) !== "CD001") throw new Error();
 * ```
 */
export function writePrimaryVolumeDescriptor(
  data: Uint8Array,
  rel: number,
  volumeId: string,
  sectors: number,
  files: IsoFileSpec[] = [],
): void {
  data.fill(0, 0, 2048);
  if (rel === 19 || rel === 20) {
    // Path table with the root only: L (little-endian) in 19, M (big-endian) in 20.
    const dv = new DataView(data.buffer, data.byteOffset);
    data[0] = 1;
    dv.setUint32(2, 18, rel === 19);
    dv.setUint16(6, 1, rel === 19);
    return;
  }
  if (rel === 18) {
    dirRecord(data, 0, 18, 0);
    dirRecord(data, 34, 18, 1);
    let at = 68;
    for (const f of files) at += fileRecord(data, at, f);
    return;
  }
  data[0] = rel === 16 ? 1 : 255;
  text(data, 1, 5, "CD001");
  data[6] = 1;
  if (rel !== 16) return;
  text(data, 8, 32, "");
  text(data, 40, 32, volumeId.toUpperCase());
  both32(data, 80, sectors);
  both16(data, 120, 1);
  both16(data, 124, 1);
  both16(data, 128, 2048);
  both32(data, 132, 10);
  new DataView(data.buffer, data.byteOffset).setUint32(140, 19, true);
  new DataView(data.buffer, data.byteOffset).setUint32(148, 20, false);
  dirRecord(data, 156, 18, 0);
  text(data, 190, 623, "");
  for (const at of [813, 830, 847, 864]) text(data, at, 16, "0000000000000000");
  data[881] = 1;
}
