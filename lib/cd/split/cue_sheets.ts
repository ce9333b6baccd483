// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Which CUE files split writes: one per CD-TEXT language block, as redumper does. The first
 * block goes to `NAME.cue`, every further block to `NAME_LL.cue` where `LL` is the block's
 * language code (from the first size information packs, 0xF7 + block without them) in two
 * uppercase hex digits, e.g. `NAME_69.cue` for Japanese (0x69).
 *
 * @module
 */
import type { CdText, CdTextBlock } from "../toc/cdtext.ts";

/** One CUE file to write. */
export interface CueSheet {
  /** File name (no directory). */
  file: string;
  /** Language code of its CD-TEXT block, or null without CD-TEXT. */
  language: number | null;
  /** The CD-TEXT block printed into it. */
  cdText: CdTextBlock | null;
}

/**
 * CD-TEXT usable for the CUE: redumper drops all of it (with a warning) when any pack but the
 * last has a bad CRC.
 */
export function usableCdText(
  cdText: CdText | null,
): { cdText: CdText | null; warning: string | null } {
  if (!cdText) return { cdText: null, warning: null };
  if (cdText.crcErrors > 0) {
    return { cdText: null, warning: "warning: failed to parse CD-TEXT data" };
  }
  return { cdText, warning: null };
}

/**
 * The CUE files of an image.
 *
 * @example Two languages
 * ```ts
 * import { cueSheets } from "./cue_sheets.ts";
 * const block = (b: number, language: number) => ({ block: b, language, title: [], performer: [], songwriter: [], mcnIsrc: [] });
 * const s = cueSheets("game", { blocks: [block(0, 0x09), block(1, 0x69)], crcErrors: 0 });
 * if (s.map((c) => c.file).join() !== "game.cue,game_69.cue") throw new Error();
 * ```
 */
export function cueSheets(name: string, cdText: CdText | null): CueSheet[] {
  const blocks = cdText?.blocks ?? [];
  if (blocks.length <= 1) {
    return [{
      file: `${name}.cue`,
      language: blocks[0]?.language ?? null,
      cdText: blocks[0] ?? null,
    }];
  }
  return blocks.map((b, i) => ({
    file: i === 0
      ? `${name}.cue`
      : `${name}_${(b.language ?? 0).toString(16).toUpperCase().padStart(2, "0")}.cue`,
    language: b.language,
    cdText: b,
  }));
}
