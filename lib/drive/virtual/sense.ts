// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.

/** A CHECK CONDITION the virtual drive answers with. */
export class SenseCondition extends Error {
  /** Sense key. */
  key: number;
  /** Additional sense code. */
  asc: number;
  /** Additional sense code qualifier. */
  ascq: number;
  /** LBA for the INFORMATION field (medium errors), if any. */
  info?: number;
  /** Bytes transferred before the failure. */
  transferred: number;
  /** Data transferred before the failure (multi-sector reads). */
  partial?: Uint8Array;

  /** Creates the condition. */
  constructor(key: number, asc: number, ascq: number, info?: number, transferred = 0) {
    super(`sense ${key.toString(16)}/${asc.toString(16)}/${ascq.toString(16)}`);
    this.name = "SenseCondition";
    this.key = key;
    this.asc = asc;
    this.ascq = ascq;
    this.info = info;
    this.transferred = transferred;
  }
}

/** Common conditions. */
export const Sense = {
  /** 02/3A/00 MEDIUM NOT PRESENT. */
  noMedium: (): SenseCondition => new SenseCondition(0x02, 0x3a, 0x00),
  /** 05/20/00 INVALID COMMAND OPERATION CODE. */
  invalidOpcode: (): SenseCondition => new SenseCondition(0x05, 0x20, 0x00),
  /** 05/21/00 LOGICAL BLOCK ADDRESS OUT OF RANGE. */
  outOfRange: (lba?: number): SenseCondition => new SenseCondition(0x05, 0x21, 0x00, lba),
  /** 05/24/00 INVALID FIELD IN CDB. */
  invalidField: (): SenseCondition => new SenseCondition(0x05, 0x24, 0x00),
  /** 05/64/00 ILLEGAL MODE FOR THIS TRACK. */
  illegalMode: (lba?: number): SenseCondition => new SenseCondition(0x05, 0x64, 0x00, lba),
  /** 05/30/02 CANNOT READ MEDIUM - INCOMPATIBLE FORMAT. */
  incompatibleMedium: (): SenseCondition => new SenseCondition(0x05, 0x30, 0x02),
  /** 05/53/02 MEDIUM REMOVAL PREVENTED. */
  removalPrevented: (): SenseCondition => new SenseCondition(0x05, 0x53, 0x02),
  /** 03/11/05 L-EC UNCORRECTABLE ERROR (unreadable sector). */
  mediumError: (lba: number, transferred = 0): SenseCondition =>
    new SenseCondition(0x03, 0x11, 0x05, lba, transferred),
};

/**
 * Fixed-format sense data (response code 0x70, 18 bytes); the VALID bit and INFORMATION are set
 * when the condition carries an LBA.
 *
 * @example Out of range
 * ```ts
 * import { fixedSense, Sense } from "./sense.ts";
 * const s = fixedSense(Sense.outOfRange());
 * if (s[0] !== 0x70 || s[2] !== 5 || s[12] !== 0x21) throw new Error();
 * ```
 */
export function fixedSense(c: SenseCondition | null): Uint8Array {
  const s = new Uint8Array(18);
  s[0] = 0x70;
  s[7] = 10;
  if (!c) return s;
  s[2] = c.key;
  s[12] = c.asc;
  s[13] = c.ascq;
  if (c.info !== undefined) {
    s[0] |= 0x80;
    new DataView(s.buffer).setInt32(3, c.info);
  }
  return s;
}
