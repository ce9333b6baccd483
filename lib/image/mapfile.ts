// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * GNU ddrescue mapfiles: parse (2- and 3-column status lines, decimal/hex/octal integers) and
 * format (ddrescue's own layout, hex positions), so ddrescuelog and ddrescueview read ours and we
 * resume from theirs.
 *
 * @module
 */
import { FormatError } from "../errors.ts";

/** Status of a block: `?` non-tried, `*` non-trimmed, `/` non-scraped, `-` bad sector(s), `+` finished. */
export type BlockStatus = "?" | "*" | "/" | "-" | "+";

/** Phase in the status line: the block statuses, plus `F` filling, `G` generating. */
export type PhaseStatus = BlockStatus | "F" | "G";

/** One `pos size status` line. */
export interface MapBlock {
  /** First byte. */
  pos: number;
  /** Length in bytes. */
  size: number;
  /** What is known about these bytes. */
  status: BlockStatus;
}

/** A whole mapfile. */
export interface Mapfile {
  /** Position being tried (block start forwards, block end backwards). */
  currentPos: number;
  /** Current phase. */
  currentStatus: PhaseStatus;
  /** Pass number within the phase (1 when the file had the old two-column status line). */
  currentPass: number;
  /** Contiguous, non-overlapping blocks in ascending order. */
  blocks: MapBlock[];
}

const BLOCK_STATUS = new Set(["?", "*", "/", "-", "+"]);
const PHASE_STATUS = new Set(["?", "*", "/", "-", "+", "F", "G"]);

/** Parses a C++-style integer literal: `0x1F` hex, `017` octal, `15` decimal. */
export function parseMapInteger(text: string): number {
  let v: number;
  if (/^0x[0-9a-f]+$/i.test(text)) v = parseInt(text.slice(2), 16);
  else if (/^0[0-7]+$/.test(text)) v = parseInt(text.slice(1), 8);
  else if (/^(0|[1-9][0-9]*)$/.test(text)) v = parseInt(text, 10);
  else v = NaN;
  if (!Number.isSafeInteger(v)) throw new RangeError(`not a non-negative integer: "${text}"`);
  return v;
}

function stripComment(line: string): string {
  const m = /(^|\s)#/.exec(line);
  return (m ? line.slice(0, m.index) : line).trim();
}

/**
 * Parses a GNU ddrescue mapfile. Accepts decimal, hex (`0x`) and octal (leading `0`) integers and
 * the old two-column status line (`pos status`, pass 1). Blocks must be contiguous.
 *
 * @example Usage
 * ```ts
 * import { parseMapfile } from "./mapfile.ts";
 * const map = parseMapfile("# comment\n0x400 ?\n0x0 0x400 +\n0x400 1024 ?\n");
 * if (map.currentPass !== 1 || map.blocks.length !== 2 || map.blocks[1].size !== 1024) {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function parseMapfile(text: string, name = "mapfile"): Mapfile {
  let status: Omit<Mapfile, "blocks"> | null = null;
  const blocks: MapBlock[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const body = stripComment(lines[i]);
    if (body === "") continue;
    const t = body.split(/\s+/);
    const where = `${name} line ${i + 1}`;
    try {
      if (status === null) {
        if ((t.length !== 2 && t.length !== 3) || !PHASE_STATUS.has(t[1])) {
          throw new RangeError(`expected "current_pos current_status [current_pass]"`);
        }
        const pass = t.length === 3 ? Number(t[2]) : 1;
        if (t.length === 3 && !/^[1-9][0-9]*$/.test(t[2])) {
          throw new RangeError(`current_pass must be a positive decimal integer`);
        }
        status = {
          currentPos: parseMapInteger(t[0]),
          currentStatus: t[1] as PhaseStatus,
          currentPass: pass,
        };
        continue;
      }
      if (t.length !== 3 || !BLOCK_STATUS.has(t[2])) {
        throw new RangeError(`expected "pos size status" with status one of ? * / - +`);
      }
      const block = { pos: parseMapInteger(t[0]), size: parseMapInteger(t[1]), status: t[2] };
      const prev = blocks[blocks.length - 1];
      if (prev && prev.pos + prev.size !== block.pos) {
        throw new RangeError(
          `block at ${block.pos} is not contiguous with the previous one (ends at ${
            prev.pos + prev.size
          })`,
        );
      }
      blocks.push(block as MapBlock);
    } catch (e) {
      throw new FormatError(`Cannot parse ${where}: ${(e as Error).message}`, { cause: e });
    }
  }
  if (status === null) throw new FormatError(`Cannot parse ${name}: no status line`);
  return { ...status, blocks };
}

const PHASE_TEXT: Record<PhaseStatus, string> = {
  "?": "Copying non-tried blocks...",
  "*": "Trimming non-trimmed blocks...",
  "/": "Scraping non-scraped blocks...",
  "-": "Retrying bad sectors...",
  "+": "Finished",
  F: "Filling specified blocks...",
  G: "Generating approximate mapfile...",
};

/** Heading data for {@linkcode formatMapfile}. */
export interface MapfileHeading {
  /** Program name and version (`sectorkit 0.1.0`). */
  creator: string;
  /** The command line. */
  commandLine: string;
  /** When the job started. */
  startTime: Date;
  /** Now. */
  currentTime: Date;
  /** Direction of the current pass, for the phase comment. */
  forwards?: boolean;
}

function hex(n: number, width: number): string {
  return "0x" + n.toString(16).toUpperCase().padStart(width, "0");
}

function dateText(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${
    p(d.getMinutes())
  }:${p(d.getSeconds())}`;
}

/**
 * Formats a mapfile the way GNU ddrescue writes it (hex positions, heading comments).
 *
 * @example Usage
 * ```ts
 * import { formatMapfile } from "./mapfile.ts";
 * const text = formatMapfile(
 *   { currentPos: 0, currentStatus: "+", currentPass: 1, blocks: [{ pos: 0, size: 4096, status: "+" }] },
 * );
 * if (!text.includes("0x00000000  0x00001000  +")) throw new Error(text);
 * ```
 */
export function formatMapfile(map: Mapfile, heading?: MapfileHeading): string {
  const lines: string[] = [];
  if (heading) {
    lines.push(`# Mapfile. Created by ${heading.creator}`);
    lines.push(`# Command line: ${heading.commandLine}`);
    lines.push(`# Start time:   ${dateText(heading.startTime)}`);
    lines.push(`# Current time: ${dateText(heading.currentTime)}`);
    const s = map.currentStatus;
    const dir = heading.forwards === false ? "backwards" : "forwards";
    lines.push(
      s === "+"
        ? "# Finished"
        : s === "?" || s === "-"
        ? `# ${PHASE_TEXT[s]} Pass ${map.currentPass} (${dir})`
        : `# ${PHASE_TEXT[s]}`,
    );
  }
  lines.push("# current_pos  current_status  current_pass");
  lines.push(`${hex(map.currentPos, 8)}     ${map.currentStatus}               ${map.currentPass}`);
  lines.push("#      pos        size  status");
  for (const b of map.blocks) lines.push(`${hex(b.pos, 8)}  ${hex(b.size, 8)}  ${b.status}`);
  return lines.join("\n") + "\n";
}
