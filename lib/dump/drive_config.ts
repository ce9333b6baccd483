// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * How a dump talks to a drive (redumper's DriveConfig, optical.md §4) and the `--drive-*`
 * overrides.
 *
 * @module
 */
import { UsageError } from "../errors.ts";
import { SECTOR_ORDERS, type SectorOrder } from "./sector_order.ts";

/** Drive families with vendor-specific extras. */
export type DriveType =
  | "GENERIC"
  | "PLEXTOR"
  | "MTK2"
  | "MTK2B"
  | "MTK3"
  | "MTK8A"
  | "MTK8B"
  | "MTK8C";
/** Every drive type `--drive-type` accepts. */
export const DRIVE_TYPES: readonly DriveType[] = [
  "GENERIC",
  "PLEXTOR",
  "MTK2",
  "MTK2B",
  "MTK3",
  "MTK8A",
  "MTK8B",
  "MTK8C",
];

/** READ CD (BE) or PLEXTOR READ CDDA (D8). */
export type ReadMethod = "BE" | "D8";

/** The drive settings a CD dump needs. */
export interface DumpDriveConfig {
  /** Drive family. */
  type: DriveType;
  /** Read offset in samples (AccurateRip convention: positive = data shifted left). */
  readOffset: number;
  /** C2 shift in bytes (PLEXTOR 294). */
  c2Shift: number;
  /** First LBA the drive reads before track 1 (PLEXTOR −75, MediaTek −135, GENERIC 0). */
  pregapStart: number;
  /** Read command. */
  readMethod: ReadMethod;
  /** Reply layout. */
  sectorOrder: SectorOrder;
}

/** GENERIC: offset 0, no C2 shift, pregap 0, BE, DATA_C2_SUB. */
export const GENERIC_DRIVE: DumpDriveConfig = {
  type: "GENERIC",
  readOffset: 0,
  c2Shift: 0,
  pregapStart: 0,
  readMethod: "BE",
  sectorOrder: "DATA_C2_SUB",
};

/** Whether the type is one of the MediaTek (MTK*) families with a readable cache. */
export function isMediatek(type: DriveType): boolean {
  return type.startsWith("MTK");
}

/** MediaTek cache geometry (optical.md §4): size in MiB and entry count. */
export function mediatekCache(type: DriveType): { mib: number; entries: number } | null {
  const t: Partial<Record<DriveType, { mib: number; entries: number }>> = {
    MTK2: { mib: 2, entries: 586 },
    MTK2B: { mib: 2, entries: 1000 },
    MTK3: { mib: 3, entries: 1070 },
    MTK8A: { mib: 8, entries: 2806 },
    MTK8B: { mib: 8, entries: 1079 },
    MTK8C: { mib: 8, entries: 1268 },
  };
  return t[type] ?? null;
}

/** Option values as the CLI parsed them (strings), all optional. */
export interface DriveOverrideText {
  /** `--drive-type`. */
  type?: string;
  /** `--drive-read-offset`. */
  readOffset?: string;
  /** `--drive-c2-shift`. */
  c2Shift?: string;
  /** `--drive-pregap-start`. */
  pregapStart?: string;
  /** `--drive-read-method`. */
  readMethod?: string;
  /** `--drive-sector-order`. */
  sectorOrder?: string;
}

function int(text: string, option: string): number {
  if (!/^[+-]?\d+$/.test(text.trim())) {
    throw new UsageError(`Cannot parse ${option} "${text}": expected an integer`);
  }
  return Number(text);
}

/**
 * Applies `--drive-*` overrides to a configuration; bad values are usage errors.
 *
 * @example Usage
 * ```ts
 * import { applyDriveOverrides, GENERIC_DRIVE } from "./drive_config.ts";
 * const c = applyDriveOverrides(GENERIC_DRIVE, { readOffset: "+6", sectorOrder: "data_sub" });
 * if (c.readOffset !== 6 || c.sectorOrder !== "DATA_SUB") throw new Error();
 * ```
 */
export function applyDriveOverrides(
  base: DumpDriveConfig,
  o: DriveOverrideText,
): DumpDriveConfig {
  const c = { ...base };
  if (o.type !== undefined) {
    const t = o.type.toUpperCase() as DriveType;
    if (!DRIVE_TYPES.includes(t)) {
      throw new UsageError(`Unknown --drive-type "${o.type}" (one of ${DRIVE_TYPES.join(", ")})`);
    }
    c.type = t;
  }
  if (o.readOffset !== undefined) c.readOffset = int(o.readOffset, "--drive-read-offset");
  if (o.c2Shift !== undefined) {
    c.c2Shift = int(o.c2Shift, "--drive-c2-shift");
    if (c.c2Shift < 0) throw new UsageError("--drive-c2-shift must not be negative");
  }
  if (o.pregapStart !== undefined) c.pregapStart = int(o.pregapStart, "--drive-pregap-start");
  if (o.readMethod !== undefined) {
    const m = o.readMethod.toUpperCase();
    if (m !== "BE" && m !== "D8") {
      throw new UsageError(`Unknown --drive-read-method "${o.readMethod}" (BE or D8)`);
    }
    c.readMethod = m;
  }
  if (o.sectorOrder !== undefined) {
    const s = o.sectorOrder.toUpperCase() as SectorOrder;
    if (!SECTOR_ORDERS.includes(s)) {
      throw new UsageError(
        `Unknown --drive-sector-order "${o.sectorOrder}" (one of ${SECTOR_ORDERS.join(", ")})`,
      );
    }
    c.sectorOrder = s;
  }
  return c;
}

/** One-line description for logs: `PLEXTOR, read offset +30, C2 shift 294, …`. */
export function describeDriveConfig(c: DumpDriveConfig): string {
  const sign = (n: number): string => (n > 0 ? `+${n}` : `${n}`);
  return `drive type: ${c.type}, read offset: ${sign(c.readOffset)}, C2 shift: ${c.c2Shift}, ` +
    `pregap start: ${c.pregapStart}, read method: ${c.readMethod}, sector order: ${c.sectorOrder}`;
}
