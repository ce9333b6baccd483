// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import type { CdTextBlock } from "./cdtext.ts";

/**
 * One line per disc/track entry of a CD-TEXT block, for terminal output (`drive info`,
 * `disc info`): title, performer and songwriter, with the block's language and MS-JIS mark. Give
 * it a block from `cdTextBlockDisplay` to see double-byte text decoded.
 *
 * @example Usage
 * ```ts
 * import { cdTextLines } from "./cdtext_lines.ts";
 * const lines = cdTextLines({
 *   block: 0, language: 9, title: ["Album", "Song"], performer: ["Band"], songwriter: [], mcnIsrc: [],
 * });
 * if (lines[0] !== '    block 0 (language 0x09) disc: title "Album", performer "Band"') throw new Error(lines[0]);
 * if (lines[1] !== '    block 0 (language 0x09) track 1: title "Song"') throw new Error(lines[1]);
 * ```
 */
export function cdTextLines(b: CdTextBlock): string[] {
  const q = (t: string | undefined) => (t ? `"${t}"` : "");
  const lang = b.language === null
    ? ""
    : ` (language 0x${b.language.toString(16).padStart(2, "0")}${b.dbcs ? ", MS-JIS" : ""})`;
  const n = Math.max(b.title.length, b.performer.length, b.songwriter.length);
  const out: string[] = [];
  for (let t = 0; t < n; t++) {
    const parts = [
      b.title[t] ? `title ${q(b.title[t])}` : "",
      b.performer[t] ? `performer ${q(b.performer[t])}` : "",
      b.songwriter[t] ? `songwriter ${q(b.songwriter[t])}` : "",
    ].filter((x) => x);
    if (parts.length) {
      out.push(
        `    block ${b.block}${lang} ${t === 0 ? "disc" : `track ${t}`}: ${parts.join(", ")}`,
      );
    }
  }
  return out;
}
