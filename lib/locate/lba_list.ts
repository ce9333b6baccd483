// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Reads LBAs for `owner --lbas-from`: a GNU ddrescue mapfile (its bad-sector `-` blocks), dmesg
 * lines ("I/O error, dev sdb, sector 12345", always 512-byte units), or a plain list of LBAs.
 *
 * @module
 */
import { FormatError } from "../errors.ts";

/** Where the LBAs came from. */
export type LbaListKind = "mapfile" | "dmesg" | "list";

/** Options for {@linkcode parseLbaList}. */
export interface ParseLbaListOptions {
  /** Logical sector size of the disk (mapfile byte positions and dmesg 512-byte sectors are converted). */
  sectorSize: number;
  /** dmesg device name to keep (e.g. "sdb"); all when absent. */
  device?: string;
  /** Stop after this many LBAs (a mapfile can name millions of bad sectors). */
  limit?: number;
}

/**
 * Detects the format and returns the sorted, de-duplicated LBAs.
 *
 * @example Usage
 * ```ts
 * import { parseLbaList } from "./lba_list.ts";
 * const r = parseLbaList("[  5.1] I/O error, dev sdb, sector 4096 op 0x0:(READ)\n", { sectorSize: 4096 });
 * if (r.kind !== "dmesg" || r.lbas[0] !== 512) throw new Error("unexpected");
 * ```
 */
export function parseLbaList(
  text: string,
  options: ParseLbaListOptions,
): { kind: LbaListKind; lbas: number[] } {
  const limit = options.limit ?? 10_000_000;
  const ss = options.sectorSize;
  const lines = text.split(/\r?\n/);
  const out = new Set<number>();
  const add = (lba: number) => {
    if (out.size >= limit) throw new FormatError(`LBA list: more than ${limit} LBAs`);
    out.add(lba);
  };
  const dmesgRe = /I\/O error,? dev ([\w.-]+), sector (\d+)/;
  const data = lines.filter((l) => l.trim() !== "" && !l.trimStart().startsWith("#"));
  let kind: LbaListKind = "list";
  if (lines.some((l) => dmesgRe.test(l))) kind = "dmesg";
  else if (
    data.length > 0 && /^0x[0-9a-f]+\s+\S/i.test(data[0].trim()) &&
    data.slice(1).every((l) => /^0x[0-9a-f]+\s+0x[0-9a-f]+\s+[?*/\-+]\s*$/i.test(l.trim()))
  ) kind = "mapfile";
  if (kind === "dmesg") {
    for (const l of lines) {
      const m = dmesgRe.exec(l);
      if (!m || (options.device && m[1] !== options.device)) continue;
      add(Math.floor(Number(m[2]) * 512 / ss));
    }
  } else if (kind === "mapfile") {
    for (const l of data.slice(1)) {
      const [pos, size, status] = l.trim().split(/\s+/);
      if (status !== "-") continue;
      const start = parseInt(pos, 16), len = parseInt(size, 16);
      for (let lba = Math.floor(start / ss); lba * ss < start + len; lba++) add(lba);
    }
  } else {
    data.forEach((l, i) => {
      for (const tok of l.trim().split(/[\s,]+/)) {
        if (!/^(0x[0-9a-f]+|\d+)$/i.test(tok)) {
          throw new FormatError(`LBA list line ${i + 1}: "${tok}" is not an LBA`);
        }
        add(Number(tok));
      }
    });
  }
  return { kind, lbas: [...out].sort((a, b) => a - b) };
}
