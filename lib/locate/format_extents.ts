// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Text and CSV renderings of located extents.
 *
 * @module
 */
import type { LocatedExtent } from "./disk_extents.ts";

/**
 * A fixed-width table of extents.
 *
 * @example Usage
 * ```ts
 * import { extentTable } from "./format_extents.ts";
 * const t = extentTable([{ fileOffset: 0, length: 4096, physicalOffset: 8192, lba: 16, device: "d", flags: [] }]);
 * if (!t.includes("8192")) throw new Error("unexpected");
 * ```
 */
export function extentTable(extents: LocatedExtent[], extra?: (e: number) => string): string {
  const rows = [[
    "fileOffset",
    "length",
    "physicalOffset",
    "lba",
    "flags",
    ...(extra ? ["verify"] : []),
  ]];
  extents.forEach((e, i) =>
    rows.push([
      String(e.fileOffset),
      String(e.length),
      e.physicalOffset === null ? "-" : String(e.physicalOffset),
      e.lba === null ? "-" : String(e.lba),
      e.flags.join(",") || "-",
      ...(extra ? [extra(i)] : []),
    ])
  );
  const w = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) =>
    "  " + r.map((x, c) => c < 4 ? x.padStart(w[c]) : x.padEnd(w[c])).join("  ").trimEnd()
  )
    .join("\n") + "\n";
}

/** One CSV field, quoted when needed. */
export function csvField(s: string | number | null): string {
  const t = s === null ? "" : String(s);
  return /[",\n]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t;
}
