// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * CD-TEXT of a CUE/BIN set for the virtual drive, read back from the CUE files redumper (and
 * `sectorkit split`) write: `NAME.cue` holds block 0, `NAME_LL.cue` the further language blocks
 * (`LL` the language code in hex). TITLE, PERFORMER and SONGWRITER values keep their raw bytes,
 * so the packs the drive serves carry the bytes the CUE holds (ISO 8859-1 or MS-JIS).
 *
 * A CUE does not say which character code a block used: a block whose every non-empty string is
 * made of Shift JIS double-byte characters only (lead byte 0x81–0x9F or 0xE0–0xFC, trail byte
 * 0x40–0xFC but 0x7F) is served as MS-JIS (DBCS flag, character code 0x80), others as
 * ISO 8859-1. Block 0's language is English (0x09); further blocks are ordered by language code.
 *
 * @module
 */
import type { FileStore } from "../../platform/file_store.ts";
import { cueLines } from "../cue_text.ts";
import { buildCdTextPacks, type CdTextInput } from "./cd_text.ts";

/** CD-TEXT strings of one CUE: index 0 the album, index i the i-th TRACK in file order. */
export interface CueCdText {
  /** Titles (binary strings). */
  titles: string[];
  /** Performers. */
  performers: string[];
  /** Songwriters. */
  songwriters: string[];
}

const FIELDS: Record<string, keyof CueCdText> = {
  TITLE: "titles",
  PERFORMER: "performers",
  SONGWRITER: "songwriters",
};

/** A quoted value up to its last quote, else the first word. */
function value(arg: string): string {
  return arg.startsWith('"')
    ? arg.slice(1, Math.max(1, arg.lastIndexOf('"')))
    : arg.split(/[ \t]/)[0];
}

/**
 * The CD-TEXT lines of a CUE (lines as binary strings, see {@linkcode cueLines}).
 *
 * @example Album and track titles
 * ```ts
 * import { cueCdText } from "./cue_cd_text.ts";
 * const t = cueCdText(['TITLE "Caf\xe9"', 'FILE "a.bin" BINARY', "TRACK 01 AUDIO", 'TITLE "One"']);
 * if (t.titles.join("|") !== "Caf\xe9|One" || t.performers.join("|") !== "|") throw new Error();
 * ```
 */
export function cueCdText(lines: string[]): CueCdText {
  const out: CueCdText = { titles: [""], performers: [""], songwriters: [""] };
  let track = 0;
  for (const line of lines) {
    const kw = /^\S+/.exec(line)?.[0].toUpperCase() ?? "";
    if (kw === "TRACK") {
      track++;
      for (const f of Object.values(FIELDS)) out[f][track] = "";
    } else if (kw in FIELDS) {
      out[FIELDS[kw]][track] = value(line.slice(kw.length).replace(/^[ \t]+/, ""));
    }
  }
  return out;
}

/**
 * Whether CUE strings are MS-JIS double bytes: every non-empty one is Shift JIS double-byte
 * characters only, and at least one is non-empty.
 *
 * @example Usage
 * ```ts
 * import { isDoubleByteText } from "./cue_cd_text.ts";
 * if (!isDoubleByteText(["\x82\xa0", ""]) || isDoubleByteText(["Caf\xe9"])) throw new Error();
 * ```
 */
export function isDoubleByteText(strings: string[]): boolean {
  let any = false;
  for (const s of strings) {
    if (!s) continue;
    if (s.length % 2) return false;
    for (let i = 0; i < s.length; i += 2) {
      const a = s.charCodeAt(i), b = s.charCodeAt(i + 1);
      if (!((a >= 0x81 && a <= 0x9f) || (a >= 0xe0 && a <= 0xfc))) return false;
      if (b < 0x40 || b > 0xfc || b === 0x7f) return false;
    }
    any = true;
  }
  return any;
}

/** A sibling `NAME_LL.cue` of `NAME.cue`: its language code, or null. */
function siblingLanguage(name: string, base: string): number | null {
  const m = /^(.*)_([0-9A-Fa-f]{2})\.cue$/i.exec(name);
  return m && m[1] === base ? parseInt(m[2], 16) : null;
}

/**
 * CD-TEXT packs of a CUE set: block 0 from `lines` (the CUE at `cuePath`), further blocks from
 * the sibling `NAME_LL.cue` files. Empty when no CUE has CD-TEXT.
 *
 * @example A CUE without siblings (the directory listing is not found)
 * ```ts
 * import { cueSetCdTextPacks } from "./cue_cd_text.ts";
 * const fs = { readDir: () => Promise.reject(new Error("none")) } as unknown as import("../../platform/file_store.ts").FileStore;
 * const packs = await cueSetCdTextPacks("d/x.cue", ['TITLE "A"', "TRACK 01 AUDIO"], 1, fs);
 * if (packs.length !== 18 * 4 || packs[0] !== 0x80) throw new Error();
 * ```
 */
export async function cueSetCdTextPacks(
  cuePath: string,
  lines: string[],
  firstTrack: number,
  fs: FileStore,
): Promise<Uint8Array> {
  const slash = cuePath.lastIndexOf("/");
  const dir = slash >= 0 ? cuePath.slice(0, slash + 1) : "";
  const base = cuePath.slice(slash + 1).replace(/\.cue$/i, "");
  const names = await fs.readDir(dir || ".").then((d) => d.map((e) => e.name), () => []);
  const more: NonNullable<CdTextInput["more"]> = [];
  const siblings = names.map((n) => [n, siblingLanguage(n, base)] as const)
    .filter((s): s is readonly [string, number] => s[1] !== null)
    .sort((a, b) => a[1] - b[1]);
  for (const [n, language] of siblings) {
    const t = cueCdText(cueLines(await fs.readFile(dir + n)));
    const dbcs = isDoubleByteText([...t.titles, ...t.performers, ...t.songwriters]);
    more.push({ language, ...t, dbcs });
  }
  const t = cueCdText(lines);
  const dbcs = isDoubleByteText([...t.titles, ...t.performers, ...t.songwriters]);
  return buildCdTextPacks({ ...t, firstTrack, more, dbcs });
}
