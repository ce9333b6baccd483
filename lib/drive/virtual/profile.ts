// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Drive models for the virtual drive: built-in profiles (`plextor`, `mediatek`, `generic`) and
 * JSON profiles (format in docs/virtual-drive.md). Values for the built-ins come from the drive
 * table in optical.md §4 (PLEXTOR PX-760A 1.07: +30, C2 shift 295, pregap −75, D8; ASUS
 * BW-16D1HT 3.02: +6, C2 shift 0, pregap −135, BE, MTK3 3 MB cache).
 *
 * @module
 */
import { FormatError } from "../../errors.ts";

/** Layout of main/C2/subchannel in a returned sector when both C2 and subchannel are asked for. */
export type SectorOrder = "DATA_C2_SUB" | "DATA_SUB_C2" | "DATA_SUB" | "DATA_C2";

/** A read method a drive supports. */
export type ReadMethod = "BE" | "BE_CDDA" | "D8";

/** What READ CD with expected type CD-DA does on a data sector. */
export type CddaOnData = "scrambled" | "descrambled" | "error";

/** The drive model. */
export interface DriveProfile {
  /** Profile name. */
  name: string;
  /** INQUIRY vendor (8 characters). */
  vendor: string;
  /** INQUIRY product (16 characters). */
  product: string;
  /** INQUIRY revision (4 characters). */
  revision: string;
  /** INQUIRY vendor-specific bytes 36–55 (20 characters). */
  vendorSpecific: string;
  /** Read offset in samples (positive: the drive returns data that many samples early). */
  readOffset: number;
  /** C2 pointer shift in bytes (PLEXTOR 294/295). */
  c2Shift: number;
  /** Lowest LBA normal reads (BE/D8) accept. */
  pregapStart: number;
  /** Sectors past the last lead-out start that still read. */
  leadOutOverread: number;
  /** Supported read methods: BE (READ CD), BE_CDDA (READ CD as CD-DA on data), D8 (PLEXTOR). */
  readMethods: ReadMethod[];
  /** READ CD with expected type CD-DA on a data sector. */
  cddaOnData: CddaOnData;
  /** Sector order of C2/subchannel. DATA_SUB: no C2 support; DATA_C2: no subchannel. */
  sectorOrder: SectorOrder;
  /** PLEXTOR negative-LBA lead-in through D8 in [−20150, −1150]. */
  plextorLeadIn: boolean;
  /** MediaTek READ CACHE (F1): cache size in MiB and sector entries, or null. */
  mediatekCache: { sizeMiB: number; entries: number } | null;
  /** Sectors read ahead into the cache after each read (MediaTek lead-out trick). */
  readAhead: number;
  /** Maximum CD read speed (×, 1× = 75 sectors/s). */
  maxSpeed: number;
  /** CAV (speed grows with radius) or CLV (constant). */
  rotation: "CAV" | "CLV";
  /** Milliseconds a read inside a session gap takes (redumper skips reads slower than 4 s). */
  gapSlowMs: number;
  /** Whether the drive reads DVD/BD media (READ DISC STRUCTURE, DVD-ROM profile). */
  dvd: boolean;
  /**
   * Report UNIT ATTENTION once after power-on (06/29/00) and after loading a disc (06/28/00) to
   * the first command other than INQUIRY, REQUEST SENSE and GET EVENT STATUS (optional, off).
   */
  unitAttention?: boolean;
  /** Random error model: probability per sector of a SCSI MEDIUM ERROR, of C2 errors and
   * (optional) of a transient Q error in the returned subchannel. */
  errors: { scsi: number; c2: number; q?: number; seed: number };
}

/** PLEXTOR PX-760A (1.07): a good PLEXTOR. */
export const PLEXTOR: DriveProfile = {
  name: "plextor",
  vendor: "PLEXTOR",
  product: "DVDR   PX-760A",
  revision: "1.07",
  vendorSpecific: "",
  readOffset: 30,
  c2Shift: 295,
  pregapStart: -75,
  leadOutOverread: 100,
  readMethods: ["BE", "D8"],
  cddaOnData: "error",
  sectorOrder: "DATA_C2_SUB",
  plextorLeadIn: true,
  mediatekCache: null,
  readAhead: 0,
  maxSpeed: 48,
  rotation: "CAV",
  gapSlowMs: 5000,
  dvd: true,
  errors: { scsi: 0, c2: 0, seed: 1 },
};

/** ASUS BW-16D1HT (3.02), MTK3: a good MediaTek drive. */
export const MEDIATEK: DriveProfile = {
  name: "mediatek",
  vendor: "ASUS",
  product: "BW-16D1HT",
  revision: "3.02",
  vendorSpecific: "",
  readOffset: 6,
  c2Shift: 0,
  pregapStart: -135,
  leadOutOverread: 0,
  readMethods: ["BE", "BE_CDDA"],
  cddaOnData: "scrambled",
  sectorOrder: "DATA_C2_SUB",
  plextorLeadIn: false,
  mediatekCache: { sizeMiB: 3, entries: 1070 },
  readAhead: 100,
  maxSpeed: 48,
  rotation: "CAV",
  gapSlowMs: 5000,
  dvd: true,
  errors: { scsi: 0, c2: 0, seed: 1 },
};

/** A generic drive: descrambles data, no lead-in/out, offset 0. */
export const GENERIC: DriveProfile = {
  name: "generic",
  vendor: "GENERIC",
  product: "CD-ROM",
  revision: "1.00",
  vendorSpecific: "",
  readOffset: 0,
  c2Shift: 0,
  pregapStart: 0,
  leadOutOverread: 0,
  readMethods: ["BE"],
  cddaOnData: "descrambled",
  sectorOrder: "DATA_C2_SUB",
  plextorLeadIn: false,
  mediatekCache: null,
  readAhead: 0,
  maxSpeed: 24,
  rotation: "CLV",
  gapSlowMs: 5000,
  dvd: false,
  errors: { scsi: 0, c2: 0, seed: 1 },
};

/** Built-in profiles by name. */
export const BUILTIN_PROFILES: Record<string, DriveProfile> = {
  plextor: PLEXTOR,
  mediatek: MEDIATEK,
  generic: GENERIC,
};

const ORDERS: SectorOrder[] = ["DATA_C2_SUB", "DATA_SUB_C2", "DATA_SUB", "DATA_C2"];

/**
 * Builds a profile from JSON: `base` names a built-in to start from (default `generic`), every
 * other field overrides it.
 *
 * @example A PLEXTOR with another read offset
 * ```ts
 * import { parseProfile } from "./profile.ts";
 * const p = parseProfile({ base: "plextor", readOffset: 98 });
 * if (p.readOffset !== 98 || p.c2Shift !== 295) throw new Error();
 * ```
 */
export function parseProfile(json: unknown): DriveProfile {
  if (typeof json !== "object" || json === null) {
    throw new FormatError("Drive profile: not an object");
  }
  const o = json as Partial<DriveProfile> & { base?: string };
  const baseName = o.base ?? "generic";
  const base = BUILTIN_PROFILES[baseName];
  if (!base) throw new FormatError(`Drive profile: unknown base "${baseName}"`);
  const p: DriveProfile = {
    ...base,
    ...o,
    errors: { ...base.errors, ...(o.errors ?? {}) },
    name: o.name ?? `${baseName}-custom`,
  };
  delete (p as { base?: string }).base;
  if (!ORDERS.includes(p.sectorOrder)) {
    throw new FormatError(`Drive profile: sectorOrder must be one of ${ORDERS.join(", ")}`);
  }
  for (const k of ["readOffset", "c2Shift", "pregapStart", "leadOutOverread"] as const) {
    if (!Number.isInteger(p[k])) throw new FormatError(`Drive profile: ${k} must be an integer`);
  }
  if (!(p.maxSpeed > 0)) throw new FormatError("Drive profile: maxSpeed must be positive");
  return p;
}
