// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * What a DVD/BD dump learns from the drive before reading (optical.md §7, redumper's order):
 * READ CAPACITY, the structure list (0xFF), PHYSICAL per layer (DVD) or disc information (BD),
 * MANUFACTURER per layer (DVD), BCA and COPYRIGHT; the sector count (PHYSICAL preferred over
 * READ CAPACITY on a mismatch); and the structure files of the dump set.
 *
 * @module
 */
import { IoError } from "../errors.ts";
import type { FileStore } from "../platform/mod.ts";
import type { Mmc } from "../scsi/mmc.ts";
import { readCapacity, readDiscStructure } from "../scsi/mmc_commands.ts";
import { parseDvdPhysical, parseStructureList } from "../scsi/disc_structure.ts";
import {
  bdLayerLengths,
  describeBdDiscInformation,
  describeDvdPhysical,
  dvdLayerCount,
  dvdLayerLength,
  parseBdDiscInformation,
} from "./dvd_structure.ts";

/** DVD/BD (HD DVD is read like a DVD). */
export type OpticalMedium = "dvd" | "bd";

/** The structures and counts of a DVD/BD. */
export interface DvdDiscInfo {
  /** Medium. */
  medium: OpticalMedium;
  /** Sectors per READ CAPACITY. */
  capacity: number;
  /** Sectors per the physical structures (sum of layers), or null. */
  physicalSectors: number | null;
  /** Sectors dumped. */
  sectors: number;
  /** Layer lengths (physical), or `[sectors]`. */
  layers: number[];
  /** Raw PHYSICAL responses (with header), one per layer on DVD, one on BD. */
  physical: Uint8Array[];
  /** Raw MANUFACTURER responses per layer (DVD). */
  manufacturer: Uint8Array[];
  /** Raw BCA response, or null. */
  bca: Uint8Array | null;
  /** Copyright protection system type (DVD), or null when unknown. */
  cpst: number | null;
  /** Region management byte (DVD), or null. */
  regionMask: number | null;
  /** Log lines describing it all. */
  lines: string[];
}

const CPST: Record<number, string> = { 0: "none", 1: "CSS/CPPM", 2: "CPRM", 3: "AACS" };

async function tryStructure(
  mmc: Mmc,
  format: number,
  options: { mediaType?: number; layer?: number },
): Promise<Uint8Array | null> {
  try {
    const d = await readDiscStructure(mmc, format, options);
    return d.length > 4 ? d : null;
  } catch {
    return null;
  }
}

/**
 * Reads the structures of the DVD/BD in the drive; `bdProfile` (the current profile of a BD)
 * tells BD-ROM from recordable BD.
 *
 * @example Usage
 * ```ts ignore
 * const info = await readDvdDiscInfo(new Mmc(transport), "dvd");
 * console.log(info.sectors, info.lines.join("\n"));
 * ```
 */
export async function readDvdDiscInfo(
  mmc: Mmc,
  medium: OpticalMedium,
  bdProfile?: number,
): Promise<DvdDiscInfo> {
  const cap = await readCapacity(mmc);
  if (cap.blockLength !== 2048) {
    throw new IoError(`${mmc.path}: unexpected block length ${cap.blockLength} (expected 2048)`);
  }
  const mediaType = medium === "bd" ? 1 : 0;
  const list = await tryStructure(mmc, 0xff, { mediaType });
  const formats = list ? new Set(parseStructureList(list).map((e) => e.format)) : null;
  const has = (f: number): boolean => formats === null || formats.has(f);
  const lines: string[] = [];
  const physical: Uint8Array[] = [];
  let layers: number[] = [];
  if (medium === "bd") {
    const di = await tryStructure(mmc, 0x00, { mediaType: 1 });
    if (!di) throw new IoError(`${mmc.path}: cannot read the BD disc information`);
    physical.push(di);
    // BD-ROM DI units have a 52-byte body, recordable ones 100 (redumper: by profile, and a
    // BD-R some drives profile as BD-ROM is recognised by its "BDR" disc type).
    let rom = bdProfile === undefined || bdProfile === 0x40;
    let units = parseBdDiscInformation(di, rom);
    if (rom && units.some((u) => u.discType === "BDR")) {
      rom = false;
      units = parseBdDiscInformation(di, false);
      lines.push("warning: BD-R disc with a BD-ROM profile");
    }
    lines.push(...describeBdDiscInformation(units));
    // Recordable BD layer lengths describe the data zone, not what was written: only ROM counts.
    if (rom) layers = bdLayerLengths(units);
  } else {
    for (let i = 0, count = 1; i < count; i++) {
      const p = await tryStructure(mmc, 0x00, { layer: i });
      if (!p || p.length < 21) {
        throw new IoError(`${mmc.path}: cannot read the DVD physical structure of layer ${i}`);
      }
      physical.push(p);
      if (i === 0) count = dvdLayerCount(p);
      layers.push(dvdLayerLength(p));
    }
    const l0 = parseDvdPhysical(physical[0]);
    if (physical.length === 1 && l0.oppositeTrackPath && l0.layers === 2) {
      // One reply for both layers: the layer break is where layer 0 ends.
      const lb = l0.endPsnLayer0 + 1 - l0.startPsn;
      layers = [lb, layers[0] - lb];
    }
    lines.push(...describeDvdPhysical(physical));
  }
  if (layers.length > 1) lines.push(`layer break: ${layers[0]}`);
  const manufacturer: Uint8Array[] = [];
  if (medium === "dvd" && has(0x04)) {
    for (let i = 0; i < physical.length; i++) {
      const m = await tryStructure(mmc, 0x04, { layer: i });
      if (m) manufacturer.push(m);
    }
  }
  const bca = has(0x03) ? await tryStructure(mmc, 0x03, { mediaType }) : null;
  let cpst: number | null = null, regionMask: number | null = null;
  if (medium === "dvd") {
    const c = await tryStructure(mmc, 0x01, {});
    if (c && c.length >= 6) {
      cpst = c[4];
      regionMask = c[5];
      lines.push(
        `copyright: ${CPST[cpst] ?? `type ${cpst}`}, region mask 0x${
          regionMask.toString(16).padStart(2, "0")
        }`,
      );
      if (cpst === 1) {
        lines.push(
          "protection: CSS/CPPM (not handled: no drive authentication, scrambled sectors stay encrypted)",
        );
      }
    }
  }
  const sum = layers.reduce((a, b) => a + b, 0);
  const physicalSectors = sum > 0 ? sum : null;
  lines.push(`sectors count (READ_CAPACITY): ${cap.blocks}`);
  let sectors = cap.blocks;
  if (physicalSectors !== null) {
    lines.push(`sectors count (PHYSICAL): ${physicalSectors}`);
    if (physicalSectors !== cap.blocks) {
      lines.push("warning: READ_CAPACITY / PHYSICAL sectors count mismatch, using PHYSICAL");
    }
    sectors = physicalSectors;
  }
  return {
    medium,
    capacity: cap.blocks,
    physicalSectors,
    sectors,
    layers: layers.length ? layers : [sectors],
    physical,
    manufacturer,
    bca,
    cpst,
    regionMask,
    lines,
  };
}

/** `NAME.physical` for one structure, `NAME.physical.N` per layer when there are several. */
export function structurePath(base: string, ext: string, i: number, count: number): string {
  return `${base}.${ext}${count > 1 ? `.${i}` : ""}`;
}

/** The structure files of a disc with their contents: `.physical[.N]`, `.manufacturer[.N]`, `.bca`. */
function structureEntries(base: string, info: DvdDiscInfo): [string, Uint8Array][] {
  const out: [string, Uint8Array][] = [];
  const n = info.physical.length, m = info.manufacturer.length;
  info.physical.forEach((p, i) => out.push([structurePath(base, "physical", i, n), p]));
  info.manufacturer.forEach((p, i) => out.push([structurePath(base, "manufacturer", i, m), p]));
  if (info.bca) out.push([`${base}.bca`, info.bca]);
  return out;
}

/** The paths of the structure files of a disc. */
export function structureFiles(base: string, info: DvdDiscInfo): string[] {
  return structureEntries(base, info).map(([p]) => p);
}

/** Writes `.physical[.N]`, `.manufacturer[.N]` and `.bca`; returns the paths written. */
export async function writeStructureFiles(
  fs: FileStore,
  base: string,
  info: DvdDiscInfo,
): Promise<string[]> {
  const entries = structureEntries(base, info);
  for (const [path, data] of entries) await fs.writeFileAtomic(path, data);
  return entries.map(([p]) => p);
}

/**
 * Whether the stored `.physical[.N]` files equal the disc's (same disc); null when none is
 * stored.
 */
export async function samePhysical(
  fs: FileStore,
  base: string,
  info: DvdDiscInfo,
): Promise<boolean | null> {
  const n = info.physical.length;
  const single = (await fs.stat(`${base}.physical`)) !== null;
  const multi = (await fs.stat(`${base}.physical.0`)) !== null;
  if (!single && !multi) return null;
  if (single !== (n === 1)) return false;
  for (let i = 0; i < n; i++) {
    const path = structurePath(base, "physical", i, n);
    if (!(await fs.stat(path))) return false;
    const stored = await fs.readFile(path);
    const p = info.physical[i];
    if (stored.length !== p.length || stored.some((b, j) => b !== p[j])) return false;
  }
  return true;
}
