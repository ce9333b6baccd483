// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Operation codes used by sectorkit, with the names error messages show.
 *
 * @module
 */

/** SPC/SBC/MMC and vendor operation codes. */
export const Op = {
  TEST_UNIT_READY: 0x00,
  REQUEST_SENSE: 0x03,
  INQUIRY: 0x12,
  START_STOP_UNIT: 0x1b,
  PREVENT_ALLOW_MEDIUM_REMOVAL: 0x1e,
  READ_CAPACITY: 0x25,
  READ_10: 0x28,
  READ_TOC: 0x43,
  GET_CONFIGURATION: 0x46,
  GET_EVENT_STATUS_NOTIFICATION: 0x4a,
  READ_DISC_INFORMATION: 0x51,
  READ_TRACK_INFORMATION: 0x52,
  MODE_SENSE_10: 0x5a,
  READ_12: 0xa8,
  READ_DISC_STRUCTURE: 0xad,
  READ_CD_MSF: 0xb9,
  SET_CD_SPEED: 0xbb,
  READ_CD: 0xbe,
  PLEXTOR_READ_CDDA: 0xd8,
  MEDIATEK_READ_CACHE: 0xf1,
} as const;

const NAMES: Record<number, string> = {
  0x00: "TEST UNIT READY",
  0x03: "REQUEST SENSE",
  0x12: "INQUIRY",
  0x1b: "START STOP UNIT",
  0x1e: "PREVENT ALLOW MEDIUM REMOVAL",
  0x25: "READ CAPACITY",
  0x28: "READ(10)",
  0x43: "READ TOC/PMA/ATIP",
  0x46: "GET CONFIGURATION",
  0x4a: "GET EVENT STATUS NOTIFICATION",
  0x51: "READ DISC INFORMATION",
  0x52: "READ TRACK INFORMATION",
  0x5a: "MODE SENSE(10)",
  0xa8: "READ(12)",
  0xad: "READ DISC STRUCTURE",
  0xb9: "READ CD MSF",
  0xbb: "SET CD SPEED",
  0xbe: "READ CD",
  0xd8: "PLEXTOR READ CDDA",
  0xf1: "MEDIATEK READ CACHE",
};

/**
 * The name of an operation code, or `OPCODE 0xNN`.
 *
 * @example Usage
 * ```ts
 * import { opcodeName } from "./opcodes.ts";
 * if (opcodeName(0xbe) !== "READ CD") throw new Error("unexpected");
 * ```
 */
export function opcodeName(op: number): string {
  return NAMES[op] ?? `OPCODE 0x${op.toString(16).padStart(2, "0").toUpperCase()}`;
}
