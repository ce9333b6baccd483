// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * READ DISC STRUCTURE responses: the structure list (format 0xFF) and DVD physical format
 * information (format 0x00).
 *
 * @module
 */
import { be16, be32 } from "./bytes.ts";

/** Bytes in the whole response according to its header. */
export function discStructureLength(b: Uint8Array): number {
  return be16(b, 0) + 2;
}

/** One entry of the structure list. */
export interface StructureListEntry {
  /** Format code. */
  format: number;
  /** Readable with READ DISC STRUCTURE (RDS). */
  readable: boolean;
  /** Sendable with SEND DISC STRUCTURE (SDS). */
  sendable: boolean;
  /** Structure length. */
  length: number;
}

/** Decodes format 0xFF (the list of structures the medium has). */
export function parseStructureList(b: Uint8Array): StructureListEntry[] {
  const end = Math.min(b.length, discStructureLength(b));
  const out: StructureListEntry[] = [];
  for (let o = 4; o + 4 <= end; o += 4) {
    out.push({
      format: b[o],
      sendable: (b[o + 1] & 0x80) !== 0,
      readable: (b[o + 1] & 0x40) !== 0,
      length: be16(b, o + 2),
    });
  }
  return out;
}

/** DVD physical format information (format 0x00, one layer). */
export interface DvdPhysical {
  /** Book type: 0 DVD-ROM, 1 DVD-RAM, 2 DVD-R, 3 DVD-RW, 9 DVD+RW, 10 DVD+R… */
  bookType: number;
  /** Part version. */
  partVersion: number;
  /** Disc size: 0 = 120 mm, 1 = 80 mm. */
  discSize: number;
  /** Maximum rate code. */
  maxRate: number;
  /** Number of layers. */
  layers: number;
  /** Opposite track path (OTP) when true, parallel when false. */
  oppositeTrackPath: boolean;
  /** Layer type bits. */
  layerType: number;
  /** Starting physical sector of the data area. */
  startPsn: number;
  /** End physical sector of the data area. */
  endPsn: number;
  /** End physical sector in layer 0. */
  endPsnLayer0: number;
  /** BCA present. */
  bca: boolean;
}

/** Decodes DVD physical format information (response incl. 4-byte header). */
export function parseDvdPhysical(b: Uint8Array): DvdPhysical {
  if (b.length < 21) {
    throw new RangeError(`physical format information too short (${b.length} bytes)`);
  }
  return {
    bookType: b[4] >> 4,
    partVersion: b[4] & 0x0f,
    discSize: b[5] >> 4,
    maxRate: b[5] & 0x0f,
    layers: ((b[6] >> 5) & 3) + 1,
    oppositeTrackPath: (b[6] & 0x10) !== 0,
    layerType: b[6] & 0x0f,
    startPsn: be32(b, 8) & 0xffffff,
    endPsn: be32(b, 12) & 0xffffff,
    endPsnLayer0: be32(b, 16) & 0xffffff,
    bca: (b[20] & 0x80) !== 0,
  };
}
