// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The AccurateRip drive read-offset list, which users download themselves (it is not shipped):
 * parsed from the web page's HTML table or from plain text lines `VENDOR - PRODUCT <tab> +OFFSET`,
 * stored as JSON in the user's config directory, and loaded into a lookup map.
 *
 * @module
 */
import { FormatError } from "../errors.ts";
import type { FileStore } from "../platform/file_store.ts";
import type { Runtime } from "../platform/console.ts";
import { normalizeDriveString, type OffsetEntry, offsetKey } from "./drive_database.ts";

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  nbsp: " ",
  "#39": "'",
};

function decodeEntities(s: string): string {
  return s.replace(
    /&(#\d+|\w+);/g,
    (m, e: string) =>
      ENTITIES[e] ?? (e.startsWith("#") ? String.fromCharCode(Number(e.slice(1))) : m),
  );
}

function entryFrom(name: string, offsetText: string): OffsetEntry | null {
  const m = /^(.*?)\s+-\s+(.+)$/.exec(normalizeDriveString(name));
  const o = /^([+-]?\d+)$/.exec(offsetText.trim());
  if (!m || !o) return null;
  return {
    vendor: normalizeDriveString(m[1], true),
    product: normalizeDriveString(m[2]),
    offset: Number(o[1]),
  };
}

/**
 * Parses the AccurateRip drive-offset list: the HTML page (rows of `<td>VENDOR - PRODUCT</td>
 * <td>+OFFSET</td>…`) or text with one `VENDOR - PRODUCT`, tab/comma/semicolon/several spaces,
 * and a signed offset per line. Rows whose offset is not a number (`[Purged]`) are skipped.
 *
 * @example Text and HTML
 * ```ts
 * import { parseOffsetList } from "./drive_offsets.ts";
 * const t = parseOffsetList("PLEXTOR - CD-R   PX-W4012A\t+98\t1234\t100%\nYAMAHA - CRW-F1E, +733");
 * if (t.length !== 2 || t[0].product !== "CD-R PX-W4012A" || t[1].offset !== 733) throw new Error();
 * const h = parseOffsetList('<tr><td><font>ASUS    - CD-S520/A4</font></td><td>+1858</td></tr>');
 * if (h[0].vendor !== "ASUS" || h[0].offset !== 1858) throw new Error();
 * ```
 */
export function parseOffsetList(text: string): OffsetEntry[] {
  const out: OffsetEntry[] = [];
  if (/<t[dr][\s>]/i.test(text)) {
    for (const row of text.split(/<tr[\s>]/i).slice(1)) {
      const cells = [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/gi)].map((m) =>
        decodeEntities(m[1].replace(/<[^>]*>/g, "")).trim()
      );
      if (cells.length < 2) continue;
      const e = entryFrom(cells[0], cells[1]);
      if (e) out.push(e);
    }
    return out;
  }
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*"?(.+?\s-\s.+?)"?\s*(?:\t|,|;|\s{2,}|\s(?=[+-]\d))\s*([+-]?\d+)\b/.exec(line);
    if (!m) continue;
    const e = entryFrom(m[1], m[2]);
    if (e) out.push(e);
  }
  return out;
}

/** Where the imported list lives: `$XDG_CONFIG_HOME/sectorkit/drive_offsets.json` and the like. */
export function offsetsPath(runtime: Runtime): string | null {
  const env = (n: string) => runtime.env(n);
  if (runtime.os === "windows") {
    const appData = env("APPDATA");
    return appData ? `${appData}\\sectorkit\\drive_offsets.json` : null;
  }
  const xdg = env("XDG_CONFIG_HOME");
  if (xdg) return `${xdg}/sectorkit/drive_offsets.json`;
  const home = env("HOME");
  if (!home) return null;
  return runtime.os === "darwin"
    ? `${home}/Library/Application Support/sectorkit/drive_offsets.json`
    : `${home}/.config/sectorkit/drive_offsets.json`;
}

/** Loads the imported offsets into a lookup map (empty when none were imported). */
export async function loadOffsets(
  fs: FileStore,
  path: string | null,
): Promise<Map<string, number>> {
  const map = new Map<string, number>();
  if (!path || !(await fs.stat(path))) return map;
  let entries: OffsetEntry[];
  try {
    entries = JSON.parse(await fs.readTextFile(path)).entries as OffsetEntry[];
  } catch (e) {
    throw new FormatError(`Cannot read the drive offset list ${path}: ${(e as Error).message}`, {
      path,
    });
  }
  for (const e of entries) {
    const k = offsetKey(e.vendor, e.product);
    if (!map.has(k)) map.set(k, e.offset);
  }
  return map;
}

/** Writes an imported list as JSON (`{"source":…,"imported":…,"entries":[…]}`). */
export async function saveOffsets(
  fs: FileStore,
  path: string,
  entries: OffsetEntry[],
  source: string,
  date: Date,
): Promise<void> {
  const dir = path.replace(/[\\/][^\\/]*$/, "");
  if (dir && dir !== path) await fs.mkdir(dir);
  const text = JSON.stringify({ source, imported: date.toISOString(), entries }, null, 1);
  await fs.writeFileAtomic(path, new TextEncoder().encode(text + "\n"));
}
