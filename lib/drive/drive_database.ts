// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Drive lookup: the built-in known-good/known-bad table plus read offsets from an imported
 * AccurateRip list, with redumper's matching rules (normalised strings; vendor + product, then
 * revision and vendor-specific bytes when the row has them). Unknown drives fall back to GENERIC.
 *
 * @module
 */
import { type DriveRow, KNOWN_BAD_DRIVES, KNOWN_GOOD_DRIVES } from "./drive_table.ts";

/** A drive configuration (the same literal values as lib/dump's DumpDriveConfig). */
export interface DriveRecord {
  /** Vendor. */
  vendor: string;
  /** Product. */
  product: string;
  /** Revision ("" = any). */
  revision: string;
  /** Vendor-specific INQUIRY bytes 36–55 ("" = any). */
  vendorSpecific: string;
  /** Read offset in samples (AccurateRip convention). */
  readOffset: number;
  /** C2 shift in bytes. */
  c2Shift: number;
  /** First LBA readable before track 1. */
  pregapStart: number;
  /** Read command. */
  readMethod: DriveRow[7];
  /** Reply layout. */
  sectorOrder: DriveRow[8];
  /** Drive family. */
  type: DriveRow[9];
  /** Source note. */
  note: string;
}

/** How well a drive is known. */
export type DriveStatus = "known-good" | "known-bad" | "unsupported-firmware" | "unknown";

/** Where the read offset came from. */
export type OffsetSource = "database" | "accuraterip" | "none";

/** The result of {@linkcode lookupDrive}. */
export interface DriveLookup {
  /** The configuration to use (the drive's own INQUIRY strings). */
  config: DriveRecord;
  /** Known-good, known-bad, a known model with other firmware, or unknown. */
  status: DriveStatus;
  /** Where `config.readOffset` came from. */
  offsetSource: OffsetSource;
  /** Human notes (fallbacks, warnings). */
  notes: string[];
}

/** An offset list entry (from the AccurateRip drive-offset list). */
export interface OffsetEntry {
  /** Vendor as the list spells it. */
  vendor: string;
  /** Product as the list spells it. */
  product: string;
  /** Read offset correction in samples. */
  offset: number;
}

/**
 * Normalises an INQUIRY string as redumper does: trimmed, single spaces; vendors also lose
 * leading/trailing underscores. Comparison is case-sensitive like the table.
 *
 * @example Usage
 * ```ts
 * import { normalizeDriveString } from "./drive_database.ts";
 * if (normalizeDriveString("  CD-R   PX-W4012A ") !== "CD-R PX-W4012A") throw new Error();
 * if (normalizeDriveString("_NEC_", true) !== "NEC") throw new Error();
 * ```
 */
export function normalizeDriveString(s: string, vendor = false): string {
  let t = s.replace(/\s+/g, " ").trim();
  if (vendor) t = t.replace(/^_+|_+$/g, "").trim();
  return t;
}

function record(r: DriveRow): DriveRecord {
  return {
    vendor: r[0],
    product: r[1],
    revision: r[2],
    vendorSpecific: r[3],
    readOffset: r[4],
    c2Shift: r[5],
    pregapStart: r[6],
    readMethod: r[7],
    sectorOrder: r[8],
    type: r[9],
    note: r[10],
  };
}

/** GENERIC: offset 0, no C2 shift, pregap 0, BE, DATA_C2_SUB. */
export const GENERIC_RECORD: DriveRecord = {
  vendor: "",
  product: "",
  revision: "",
  vendorSpecific: "",
  readOffset: 0,
  c2Shift: 0,
  pregapStart: 0,
  readMethod: "BE",
  sectorOrder: "DATA_C2_SUB",
  type: "GENERIC",
  note: "GENERIC",
};

/** Every built-in row with its status, good rows first. */
export function allDrives(): { record: DriveRecord; status: "known-good" | "known-bad" }[] {
  return [
    ...KNOWN_GOOD_DRIVES.map((r) => ({ record: record(r), status: "known-good" as const })),
    ...KNOWN_BAD_DRIVES.map((r) => ({ record: record(r), status: "known-bad" as const })),
  ];
}

/** Key for the offset table: normalised, upper-case vendor and product. */
export function offsetKey(vendor: string, product: string): string {
  return `${normalizeDriveString(vendor, true).toUpperCase()}|${
    normalizeDriveString(product).toUpperCase()
  }`;
}

/** The drive identity lookups use (INQUIRY fields). */
export interface DriveIdentity {
  /** Vendor. */
  vendor: string;
  /** Product. */
  product: string;
  /** Revision. */
  revision: string;
  /** Vendor-specific bytes as text. */
  vendorSpecific?: string;
}

/**
 * Finds a drive's configuration.
 *
 * @example A known-good PLEXTOR and an unknown drive
 * ```ts
 * import { lookupDrive } from "./drive_database.ts";
 * const p = lookupDrive({ vendor: "PLEXTOR", product: "DVDR   PX-716A", revision: "1.11" });
 * if (p.status !== "known-good" || p.config.readOffset !== 30 || p.config.type !== "PLEXTOR") throw new Error();
 * const q = lookupDrive({ vendor: "QEMU", product: "QEMU DVD-ROM", revision: "2.5+" });
 * if (q.status !== "unknown" || q.config.type !== "GENERIC") throw new Error();
 * ```
 */
export function lookupDrive(id: DriveIdentity, offsets?: Map<string, number>): DriveLookup {
  const vendor = normalizeDriveString(id.vendor, true);
  const product = normalizeDriveString(id.product);
  const revision = normalizeDriveString(id.revision);
  const vs = normalizeDriveString(id.vendorSpecific ?? "");
  const notes: string[] = [];
  const own = { vendor, product, revision, vendorSpecific: vs };
  const arOffset = offsets?.get(offsetKey(vendor, product));
  let config: DriveRecord = { ...GENERIC_RECORD, ...own, readOffset: arOffset ?? 0 };
  let offsetSource: OffsetSource = arOffset !== undefined ? "accuraterip" : "none";
  const rows = allDrives();
  const sameModel = rows.filter((r) =>
    normalizeDriveString(r.record.vendor, true) === vendor &&
    normalizeDriveString(r.record.product) === product
  );
  const exact = sameModel.filter((r) =>
    (r.record.revision === "" || r.record.revision === revision) &&
    (r.record.vendorSpecific === "" || normalizeDriveString(r.record.vendorSpecific) === vs)
  );
  let status: DriveStatus = "unknown";
  if (exact.length > 0) {
    if (exact.length > 1) notes.push("several database rows match; using the first");
    config = { ...exact[0].record, ...own };
    status = exact[0].status;
    offsetSource = "database";
  } else if (sameModel.length > 0) {
    status = "unsupported-firmware";
    notes.push(
      `unsupported drive firmware ${revision} (known: ${
        sameModel.map((r) => r.record.revision || "any").join(", ")
      }); using GENERIC`,
    );
  } else {
    notes.push("drive not found in the database; using GENERIC");
  }
  if (offsetSource === "none") {
    notes.push(
      "drive read offset not found (import the AccurateRip list: sectorkit drives offsets --import FILE)",
    );
  }
  return { config, status, offsetSource, notes };
}

/**
 * Formats the `--drive-*` options that reproduce a configuration.
 *
 * @example Usage
 * ```ts
 * import { driveOptionLine, lookupDrive } from "./drive_database.ts";
 * const c = lookupDrive({ vendor: "PLEXTOR", product: "CD-R PREMIUM", revision: "1.07" }).config;
 * const line = driveOptionLine(c);
 * if (!line.startsWith("--drive-type=PLEXTOR --drive-read-offset=+30")) throw new Error(line);
 * ```
 */
export function driveOptionLine(
  c: Omit<DriveRecord, "vendor" | "product" | "revision" | "vendorSpecific" | "note">,
): string {
  const sign = (n: number) => (n > 0 ? `+${n}` : String(n));
  return [
    `--drive-type=${c.type}`,
    `--drive-read-offset=${sign(c.readOffset)}`,
    `--drive-c2-shift=${c.c2Shift}`,
    `--drive-pregap-start=${c.pregapStart}`,
    `--drive-read-method=${c.readMethod}`,
    `--drive-sector-order=${c.sectorOrder}`,
  ].join(" ");
}
