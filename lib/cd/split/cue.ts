// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Output file names and CUE text as redumper writes them.
 *
 * @module
 */
import { formatMsf, lbaToMsf } from "../msf.ts";
import { type CdTextBlock, cdTextDisplay } from "../toc/cdtext.ts";

/** One FILE entry of the CUE. */
export interface CueFile {
  /** File name (no directory). */
  name: string;
  /** Track number. */
  track: number;
  /** Session number. */
  session: number;
  /** CUE track type (`AUDIO`, `MODE1/2352`, …). */
  type: string;
  /** Control nibble (flags). */
  control: number;
  /** ISRC or null. */
  isrc: string | null;
  /** Index numbers and their LBA offsets from the file start (`[0, 0]` for INDEX 00). */
  indices: [number, number][];
}

/**
 * `NAME (Track N).bin` with N padded to the digit count of the highest track; `NAME.bin` for a
 * single-track disc. `track` 0 and 0xAA name the lead-in and lead-out files.
 *
 * @example Usage
 * ```ts
 * import { trackFileName } from "./cue.ts";
 * if (trackFileName("game", 2, 12) !== "game (Track 02).bin") throw new Error("unexpected");
 * if (trackFileName("game", 0xaa, 3) !== "game (Track A).bin") throw new Error("unexpected");
 * ```
 */
export function trackFileName(
  name: string,
  track: number,
  lastTrack: number,
  trackCount = 2,
  session: number | null = null,
): string {
  const width = String(lastTrack).length;
  if (trackCount === 1 && track !== 0 && track !== 0xaa) return `${name}.bin`;
  let n: string;
  if (track === 0) n = "0".repeat(width);
  else if (track === 0xaa) n = "A".repeat(width);
  else n = String(track).padStart(width, "0");
  return `${name} (Track ${n}${session === null ? "" : `.${session}`}).bin`;
}

function quote(s: string): string {
  return `"${s}"`;
}

/** Flags line content (`4CH DCP PRE`, redumper's order), or empty. */
export function cueFlags(control: number): string {
  const f: string[] = [];
  if (control & 8) f.push("4CH");
  if (control & 2) f.push("DCP");
  if (control & 1) f.push("PRE");
  return f.join(" ");
}

/** Options for {@linkcode buildCue}. */
export interface BuildCueOptions {
  /** Media catalog number. */
  mcn?: string | null;
  /** CD-TEXT block to print (first language). */
  cdText?: CdTextBlock | null;
  /** Whether the disc has several sessions (adds `REM SESSION`). */
  multisession?: boolean;
  /** The log copy adds `REM LEAD-OUT`, `REM LEAD-IN`, `REM PREGAP` lines between sessions. */
  forLog?: boolean;
  /** Split by the QTOC: Q's MCN/ISRC win over CD-TEXT's (else CD-TEXT's win when both exist). */
  qtoc?: boolean;
  /**
   * The CUE file's bytes as a binary string (one char per byte; see {@linkcode cueFileBytes}):
   * file names UTF-8 encoded and CD-TEXT verbatim, as redumper writes them. Otherwise the text is
   * for display: CD-TEXT of DBCS blocks decoded from MS-JIS.
   */
  raw?: boolean;
}

/** redumper's choice between the Q and the CD-TEXT MCN/ISRC. */
function pickCode(
  fromQ: string | null | undefined,
  fromText: string | undefined,
  qtoc: boolean,
): string {
  if (!fromQ) return fromText ?? "";
  if (!fromText) return fromQ;
  return qtoc ? fromQ : fromText;
}

/**
 * Builds CUE text (LF line ends, as redumper writes on Linux).
 *
 * @example Usage
 * ```ts
 * import { buildCue } from "./cue.ts";
 * const cue = buildCue([{ name: "a.bin", track: 1, session: 1, type: "MODE1/2352", control: 4, isrc: null, indices: [[1, 0]] }]);
 * if (!cue.includes("TRACK 01 MODE1/2352")) throw new Error("unexpected");
 * ```
 */
export function buildCue(files: CueFile[], options: BuildCueOptions = {}): string {
  const lines: string[] = [];
  const t = options.cdText;
  const qtoc = options.qtoc ?? false;
  let mcn = pickCode(options.mcn, t?.mcnIsrc?.[0], qtoc);
  // A 12-digit MCN gets its leading zero back.
  if (/^\d{12}$/.test(mcn) && Number(mcn) !== 0) mcn = mcn.padStart(13, "0");
  if (mcn) lines.push(`CATALOG ${mcn}`);
  const text = (s: string): string => (options.raw ? s : cdTextDisplay(s, t?.dbcs));
  const textLines = (indent: string, i: number): void => {
    if (!t) return;
    if (t.title[i]) lines.push(`${indent}TITLE ${quote(text(t.title[i]))}`);
    if (t.performer[i]) lines.push(`${indent}PERFORMER ${quote(text(t.performer[i]))}`);
    if (t.songwriter[i]) lines.push(`${indent}SONGWRITER ${quote(text(t.songwriter[i]))}`);
  };
  const utf8 = new TextEncoder();
  const fileName = (n: string): string => options.raw ? String.fromCharCode(...utf8.encode(n)) : n;
  textLines("", 0);
  let session = 0;
  for (const f of files) {
    if (options.multisession && f.session !== session) {
      if (options.forLog && session !== 0) lines.push("REM LEAD-OUT 01:30:00");
      lines.push(`REM SESSION ${String(f.session).padStart(2, "0")}`);
      if (options.forLog && session !== 0) {
        lines.push("REM LEAD-IN 01:00:00", "REM PREGAP 00:02:00");
      }
      session = f.session;
    }
    lines.push(`FILE ${quote(fileName(f.name))} BINARY`);
    lines.push(`  TRACK ${String(f.track).padStart(2, "0")} ${f.type}`);
    textLines("    ", f.track);
    const isrc = pickCode(f.isrc, t?.mcnIsrc?.[f.track], qtoc);
    if (isrc) lines.push(`    ISRC ${isrc}`);
    const flags = cueFlags(f.control);
    if (flags) lines.push(`    FLAGS ${flags}`);
    for (const [i, off] of f.indices) {
      lines.push(`    INDEX ${String(i).padStart(2, "0")} ${formatMsf(lbaToMsf(off - 150))}`);
    }
  }
  return lines.join("\n") + "\n";
}

/**
 * The bytes of a CUE file as redumper writes it: {@linkcode buildCue} with `raw`, so CD-TEXT
 * strings (ISO 8859-1 or MS-JIS double bytes) are written verbatim and file names as UTF-8.
 *
 * @example A Latin-1 title stays one byte
 * ```ts
 * import { cueFileBytes } from "./cue.ts";
 * const block = { block: 0, language: 9, title: ["Caf\xe9"], performer: [], songwriter: [], mcnIsrc: [] };
 * const b = cueFileBytes([], { cdText: block });
 * if (b.length !== 13 || b[10] !== 0xe9) throw new Error();
 * ```
 */
export function cueFileBytes(files: CueFile[], options: BuildCueOptions = {}): Uint8Array {
  const s = buildCue(files, { ...options, raw: true });
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}
