// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Sense data decoding, fixed (0x70/0x71) and descriptor (0x72/0x73) formats.
 *
 * @module
 */
import { ascText, senseKeyName } from "./asc_table.ts";
import { be32 } from "./bytes.ts";

/** Decoded sense data. */
export interface Sense {
  /** Response code (0x70/0x71 fixed, 0x72/0x73 descriptor). */
  responseCode: number;
  /** Whether the sense describes a deferred error (0x71/0x73). */
  deferred: boolean;
  /** Sense key (0–15). */
  key: number;
  /** Additional sense code. */
  asc: number;
  /** Additional sense code qualifier. */
  ascq: number;
  /** INFORMATION field (usually the failing LBA) when valid, else null. */
  information: number | null;
  /** Incorrect length indicator (fixed format). */
  ili: boolean;
  /** Sense-key specific bytes (3 bytes; fixed format bytes 15–17), when SKSV is set. */
  senseKeySpecific: number | null;
}

/**
 * Decodes sense data; returns null for an empty buffer or an unknown response code.
 *
 * @example Fixed format, MEDIUM ERROR 03/11/05 at LBA 12
 * ```ts
 * import { parseSense } from "./sense.ts";
 * const b = new Uint8Array(18);
 * b.set([0xf0, 0, 0x03, 0, 0, 0, 12, 10, 0, 0, 0, 0, 0x11, 0x05]);
 * const s = parseSense(b)!;
 * if (s.key !== 3 || s.asc !== 0x11 || s.ascq !== 5 || s.information !== 12) throw new Error();
 * ```
 */
export function parseSense(b: Uint8Array): Sense | null {
  if (b.length < 1) return null;
  const code = b[0] & 0x7f;
  if (code === 0x70 || code === 0x71) {
    if (b.length < 3) return null;
    const valid = (b[0] & 0x80) !== 0;
    return {
      responseCode: code,
      deferred: code === 0x71,
      key: b[2] & 0x0f,
      asc: b[12] ?? 0,
      ascq: b[13] ?? 0,
      information: valid && b.length >= 7 ? be32(b, 3) : null,
      ili: (b[2] & 0x20) !== 0,
      senseKeySpecific: b.length >= 18 && (b[15] & 0x80)
        ? ((b[15] & 0x7f) << 16) | (b[16] << 8) | b[17]
        : null,
    };
  }
  if (code === 0x72 || code === 0x73) {
    if (b.length < 4) return null;
    let information: number | null = null;
    let sks: number | null = null;
    const end = Math.min(b.length, 8 + (b[7] ?? 0));
    for (let o = 8; o + 2 <= end;) {
      const type = b[o];
      const len = b[o + 1];
      if (type === 0x00 && len >= 0x0a && (b[o + 2] & 0x80)) {
        // 64-bit INFORMATION; LBAs fit in the low 32 bits (upper bits non-zero → keep as number).
        information = be32(b, o + 4) * 0x100000000 + be32(b, o + 8);
      } else if (type === 0x02 && len >= 6 && (b[o + 4] & 0x80)) {
        sks = ((b[o + 4] & 0x7f) << 16) | (b[o + 5] << 8) | b[o + 6];
      }
      o += 2 + len;
    }
    return {
      responseCode: code,
      deferred: code === 0x73,
      key: b[1] & 0x0f,
      asc: b[2],
      ascq: b[3],
      information,
      ili: false,
      senseKeySpecific: sks,
    };
  }
  return null;
}

/**
 * `MEDIUM ERROR, L-EC UNCORRECTABLE ERROR (03/11/05)`.
 *
 * @example Usage
 * ```ts
 * import { formatSense } from "./sense.ts";
 * const t = formatSense({ key: 5, asc: 0x21, ascq: 0 });
 * if (t !== "ILLEGAL REQUEST, LOGICAL BLOCK ADDRESS OUT OF RANGE (05/21/00)") throw new Error(t);
 * ```
 */
export function formatSense(s: Pick<Sense, "key" | "asc" | "ascq">): string {
  const h = (n: number) => n.toString(16).padStart(2, "0").toUpperCase();
  return `${senseKeyName(s.key)}, ${ascText(s.asc, s.ascq)} (${h(s.key)}/${h(s.asc)}/${h(s.ascq)})`;
}
