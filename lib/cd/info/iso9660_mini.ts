// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * A small ISO 9660 reader over 2048-byte user data blocks of a CD track: the primary volume
 * descriptor and a recursive file listing (ISO names, no Rock Ridge/Joliet).
 *
 * @module
 */

/** Reads the 2048-byte user data of a logical block (absolute disc LBA); null when absent. */
export type BlockReader = (lba: number) => Promise<Uint8Array | null>;

/** Fields of the primary volume descriptor. */
export interface PrimaryVolume {
  /** Standard identifier (`CD001`, or `CD-I ` for CD-i). */
  standard: string;
  /** System identifier. */
  systemId: string;
  /** Volume identifier. */
  volumeId: string;
  /** Volume space size in blocks. */
  volumeBlocks: number;
  /** Logical block size. */
  blockSize: number;
  /** Creation date (`YYYY-MM-DD HH:MM:SS`) or "". */
  created: string;
  /** Modification date or "". */
  modified: string;
  /** The whole 2048-byte descriptor. */
  raw: Uint8Array;
  /** Root directory extent LBA and size. */
  root: { lba: number; size: number };
}

/** One file or directory. */
export interface IsoEntry {
  /** Path from the root (`/DIR/FILE.EXT;1`). */
  path: string;
  /** Extent LBA. */
  lba: number;
  /** Size in bytes. */
  size: number;
  /** A directory. */
  directory: boolean;
}

const ascii = (b: Uint8Array, a: number, n: number): string =>
  String.fromCharCode(...b.subarray(a, a + n)).replace(/[\0 ]+$/, "");

function date17(b: Uint8Array, a: number): string {
  const s = String.fromCharCode(...b.subarray(a, a + 14));
  if (!/^\d{14}$/.test(s) || s === "00000000000000") return "";
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)} ${s.slice(8, 10)}:${s.slice(10, 12)}:${
    s.slice(12, 14)
  }`;
}

/**
 * Parses a primary volume descriptor block, or null when it is not one.
 *
 * @example Usage
 * ```ts
 * import { parsePvd } from "./iso9660_mini.ts";
 * const b = new Uint8Array(2048);
 * b[0] = 1; b.set(new TextEncoder().encode("CD001"), 1);
 * if (parsePvd(b)?.standard !== "CD001") throw new Error("unexpected");
 * ```
 */
export function parsePvd(b: Uint8Array): PrimaryVolume | null {
  const std = ascii(b, 1, 5);
  if (b[0] !== 1 || (std !== "CD001" && std !== "CD-I")) return null;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return {
    standard: String.fromCharCode(...b.subarray(1, 6)),
    systemId: ascii(b, 8, 32),
    volumeId: ascii(b, 40, 32),
    volumeBlocks: dv.getUint32(80, true),
    blockSize: dv.getUint16(128, true),
    created: date17(b, 813),
    modified: date17(b, 830),
    raw: b,
    root: { lba: dv.getUint32(156 + 2, true), size: dv.getUint32(156 + 10, true) },
  };
}

/** Lists all files (depth-first, at most `limit` entries). */
export async function listFiles(
  read: BlockReader,
  pvd: PrimaryVolume,
  limit = 10000,
): Promise<IsoEntry[]> {
  const out: IsoEntry[] = [];
  const seen = new Set<number>();
  const walk = async (lba: number, size: number, prefix: string, depth: number): Promise<void> => {
    if (seen.has(lba) || depth > 16) return;
    seen.add(lba);
    const blocks = Math.ceil(size / 2048);
    for (let k = 0; k < blocks && out.length < limit; k++) {
      const b = await read(lba + k);
      if (!b) return;
      const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
      for (let o = 0; o < 2048;) {
        const len = b[o];
        if (len === 0) break;
        if (o + len > 2048 || len < 34) break;
        const nameLen = b[o + 32];
        const name = String.fromCharCode(...b.subarray(o + 33, o + 33 + nameLen));
        const extent = dv.getUint32(o + 2, true), dataLen = dv.getUint32(o + 10, true);
        const dir = (b[o + 25] & 2) !== 0;
        if (!(nameLen === 1 && (b[o + 33] === 0 || b[o + 33] === 1))) {
          const path = `${prefix}/${name}`;
          out.push({ path, lba: extent, size: dataLen, directory: dir });
          if (dir) await walk(extent, dataLen, path, depth + 1);
        }
        o += len;
      }
    }
  };
  await walk(pvd.root.lba, pvd.root.size, "", 0);
  return out;
}

/** redumper-style hex dump lines of `b[from, to)` (`0320 : 20 20 …  ascii`). */
export function hexDump(b: Uint8Array, from: number, to: number): string[] {
  const out: string[] = [];
  for (let o = from; o < to; o += 16) {
    const row = [...b.subarray(o, o + 16)];
    const hex = row.map((x) => x.toString(16).padStart(2, "0").toUpperCase());
    const text = row.map((x) => (x >= 0x20 && x < 0x7f ? String.fromCharCode(x) : ".")).join("");
    out.push(
      `${o.toString(16).padStart(4, "0").toUpperCase()} : ${hex.slice(0, 8).join(" ")}  ${
        hex.slice(8).join(" ")
      }   ${text}`,
    );
  }
  return out;
}
