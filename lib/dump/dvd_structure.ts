// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Decoding the DVD/BD structures a dump stores (optical.md §7): layer lengths from DVD physical
 * format information (parallel and opposite track path) and from BD disc information units, and
 * the log lines describing them (redumper's `disc structure:` block).
 *
 * @module
 */
import { be32 } from "../scsi/bytes.ts";
import { parseDvdPhysical } from "../scsi/disc_structure.ts";

const BOOK_TYPES = [
  "DVD-ROM",
  "DVD-RAM",
  "DVD-R",
  "DVD-RW",
  "HD DVD-ROM",
  "HD DVD-RAM",
  "HD DVD-R",
  "reserved",
  "reserved",
  "DVD+RW",
  "DVD+R",
  "reserved",
  "reserved",
  "DVD+RW DL",
  "DVD+R DL",
  "reserved",
];
const RATES = ["2.52 Mbps", "5.04 Mbps", "10.08 Mbps", "20.16 Mbps", "30.24 Mbps"];

/** A 24-bit PSN as a signed number (opposite track path layer 1 PSNs are complements). */
function signed24(v: number): number {
  return v & 0x800000 ? v - 0x1000000 : v;
}

/**
 * Sectors of the data area a DVD physical format information response (with header) describes:
 * `end − start + 1`, plus `2 × (layer 0 end + 1)` on an opposite track path disc.
 *
 * @example A single-layer DVD-ROM of 1000 sectors
 * ```ts
 * import { dvdLayerLength } from "./dvd_structure.ts";
 * const b = new Uint8Array(2052);
 * new DataView(b.buffer).setUint32(8, 0x30000);
 * new DataView(b.buffer).setUint32(12, 0x30000 + 999);
 * if (dvdLayerLength(b) !== 1000) throw new Error();
 * ```
 */
export function dvdLayerLength(physical: Uint8Array): number {
  const p = parseDvdPhysical(physical);
  let n = signed24(p.endPsn) + 1 - signed24(p.startPsn);
  if (p.oppositeTrackPath) n += 2 * (signed24(p.endPsnLayer0) + 1);
  return n;
}

/** Physical structures to read: one per layer on a parallel track path DVD, else one. */
export function dvdLayerCount(physical: Uint8Array): number {
  const p = parseDvdPhysical(physical);
  return p.oppositeTrackPath ? 1 : p.layers;
}

/** One BD disc information unit. */
export interface BdDiUnit {
  /** Format (1 = the one with layer geometry). */
  format: number;
  /** Layer index. */
  layer: number;
  /** Disc type identifier: BDO (ROM), BDR, BDW (RE), BDU (UHD)… */
  discType: string;
  /** Layers on the disc. */
  layersCount: number;
  /** BCA present. */
  bca: boolean;
  /** Last PSN. */
  lastPsn: number;
  /** First AUN. */
  firstAun: number;
  /** Last AUN. */
  lastAun: number;
}

/** Decodes the DI units of a BD READ DISC STRUCTURE format 0 response (with header). */
export function parseBdDiscInformation(b: Uint8Array, rom = true): BdDiUnit[] {
  const units: BdDiUnit[] = [];
  const size = 12 + (rom ? 52 : 100);
  for (let j = 0; j < 32; j++) {
    const o = 4 + j * size;
    if (o + 32 > b.length || b[o] !== 0x44 || b[o + 1] !== 0x49) break;
    units.push({
      format: b[o + 2],
      layer: b[o + 3] & 7,
      discType: String.fromCharCode(b[o + 8], b[o + 9], b[o + 10]),
      layersCount: b[o + 12] >> 4,
      bca: (b[o + 16] >> 4) !== 0,
      lastPsn: be32(b, o + 20),
      firstAun: be32(b, o + 24),
      lastAun: be32(b, o + 28),
    });
  }
  return units;
}

/**
 * Layer lengths of a BD from its disc information (format-1 units): `(last PSN − 1 or last AUN)
 * − first AUN + 2`, as redumper computes them.
 */
export function bdLayerLengths(units: BdDiUnit[]): number[] {
  const out: number[] = [];
  for (const u of units) {
    if (u.format !== 1) continue;
    const last = u.layer + 1 === u.layersCount ? u.lastPsn - 1 : u.lastAun;
    out[u.layer] = last - u.firstAun + 2;
  }
  return out.map((x) => x ?? 0);
}

const hex6 = (n: number): string => `0x${n.toString(16).toUpperCase().padStart(6, "0")}`;

/** Log lines for the DVD physical structures (one per layer). */
export function describeDvdPhysical(structures: Uint8Array[]): string[] {
  const lines = ["disc structure:"];
  structures.forEach((s, i) => {
    const p = parseDvdPhysical(s);
    const types = [
      p.layerType & 1 ? "embossed" : "",
      p.layerType & 2 ? "recordable" : "",
      p.layerType & 4 ? "rewritable" : "",
    ].filter((x) => x).join(", ");
    lines.push(`  layer ${i} { ${types} }`);
    lines.push(
      `    data { PSN: [${signed24(p.startPsn)} .. ${signed24(p.endPsn)}], length: ${
        dvdLayerLength(s)
      }, hPSN: [${hex6(p.startPsn)} .. ${hex6(p.endPsn)}] }`,
    );
    if (p.endPsnLayer0) {
      lines.push(
        `    data layer 0 last { PSN: ${signed24(p.endPsnLayer0)}, hPSN: ${hex6(p.endPsnLayer0)} }`,
      );
    }
    lines.push(`    book type: ${BOOK_TYPES[p.bookType]}`);
    lines.push(`    part version: ${p.partVersion}`);
    lines.push(`    disc size: ${p.discSize ? "80mm" : "120mm"}`);
    lines.push(`    maximum rate: ${RATES[p.maxRate] ?? "not specified"}`);
    lines.push(`    layers count: ${p.layers}`);
    lines.push(`    track path: ${p.oppositeTrackPath ? "opposite" : "parallel"}`);
    lines.push(`    BCA: ${p.bca ? "yes" : "no"}`);
  });
  return lines;
}

/** Log lines for BD disc information units. */
export function describeBdDiscInformation(units: BdDiUnit[]): string[] {
  const lines = ["disc structure:"];
  for (const u of units) {
    lines.push(`  DI { format: ${u.format}, layer: ${u.layer} }`);
    lines.push(`    disc type: ${u.discType}`);
    if (u.format !== 1) continue;
    lines.push(`    layers count: ${u.layersCount}`);
    lines.push(`    BCA: ${u.bca ? "yes" : "no"}`);
    lines.push(`    PSN last { PSN: ${u.lastPsn}, hPSN: ${hex6(u.lastPsn)} }`);
    lines.push(
      `    AUN { PSN: [${u.firstAun} .. ${u.lastAun}], length: ${
        u.lastAun + 2 - u.firstAun
      }, hPSN: [${hex6(u.firstAun)} .. ${hex6(u.lastAun)}] }`,
    );
  }
  return lines;
}
