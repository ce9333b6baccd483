// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * READ TOC format 4 (ATIP) and format 3 (PMA) of recordable discs, as stored in `.atip`/`.pma`.
 *
 * @module
 */
import { formatMsf, msfToLba } from "../msf.ts";

/** The fields split logs from the ATIP. */
export interface Atip {
  /** CD-RW (disc type bit) rather than CD-R. */
  rewritable: boolean;
  /** Start of the lead-in (the manufacturer code), `MM:SS:FF`. */
  leadInStart: string;
  /** LBA of the lead-in start. */
  leadInStartLba: number;
  /** Last possible start of the lead-out, `MM:SS:FF`. */
  lastLeadOut: string;
  /** Its LBA (the disc's capacity). */
  lastLeadOutLba: number;
}

/**
 * Parses an ATIP response (4-byte header + 24-byte descriptor), or null when too short.
 *
 * @example Usage
 * ```ts
 * import { parseAtip } from "./atip.ts";
 * const raw = new Uint8Array(28);
 * raw.set([97, 26, 66], 12);
 * raw.set([79, 59, 74], 16);
 * if (parseAtip(raw)?.lastLeadOut !== "79:59:74") throw new Error("unexpected");
 * ```
 */
export function parseAtip(raw: Uint8Array): Atip | null {
  if (raw.length < 4 + 11) return null;
  const d = 4;
  const li = { m: raw[d + 8], s: raw[d + 9], f: raw[d + 10] };
  const lo = { m: raw[d + 12] ?? 0, s: raw[d + 13] ?? 0, f: raw[d + 14] ?? 0 };
  return {
    rewritable: (raw[d + 2] & 0x40) !== 0,
    leadInStart: formatMsf(li),
    leadInStartLba: msfToLba(li),
    lastLeadOut: formatMsf(lo),
    lastLeadOutLba: msfToLba(lo),
  };
}

/** Number of 11-byte PMA entries in a READ TOC format 3 response. */
export function pmaEntries(raw: Uint8Array): number {
  if (raw.length < 4) return 0;
  const len = Math.min(((raw[0] << 8) | raw[1]) + 2, raw.length);
  return Math.max(0, Math.floor((len - 4) / 11));
}
