// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * READ TOC format 4 (ATIP) and format 3 (PMA) of recordable discs, as stored in `.atip`/`.pma`
 * (the raw responses; decoded by lib/scsi/toc.ts).
 *
 * @module
 */
import { formatMsf, lbaToMsf } from "../msf.ts";
import { parseAtip as parseAtipResponse, parsePma } from "../../scsi/toc.ts";

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
 * Parses an ATIP response (4-byte header + descriptor: lead-in start M:S:F at bytes 8–10, last
 * possible lead-out start at bytes 12–14, MMC layout), or null when it is too short or not ATIP.
 *
 * @example Usage
 * ```ts
 * import { parseAtip } from "./atip.ts";
 * const raw = new Uint8Array(28);
 * raw.set([0, 26, 0, 0, 0xd0, 0, 0x80, 0, 97, 26, 66, 0, 79, 59, 74]);
 * if (parseAtip(raw)?.lastLeadOut !== "79:59:74") throw new Error("unexpected");
 * ```
 */
export function parseAtip(raw: Uint8Array): Atip | null {
  const a = parseAtipResponse(raw);
  if (!a) return null;
  return {
    rewritable: a.rewritable,
    leadInStart: a.leadInMsf,
    leadInStartLba: a.leadInStart,
    lastLeadOut: formatMsf(lbaToMsf(a.leadOutLimit)),
    lastLeadOutLba: a.leadOutLimit,
  };
}

/** Number of 11-byte PMA entries in a READ TOC format 3 response. */
export function pmaEntries(raw: Uint8Array): number {
  return raw.length < 4 ? 0 : parsePma(raw).length;
}
