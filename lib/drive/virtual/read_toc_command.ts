// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import type { Disc } from "../../cd/disc/disc.ts";
import {
  readTocEmpty,
  readTocFormat0,
  readTocFormat1,
  readTocFormat2,
  readTocFormat5,
} from "../../cd/disc/toc_response.ts";
import { Sense } from "./sense.ts";

/**
 * READ TOC/PMA/ATIP (0x43): the format from byte 2, or from byte 9 bits 7–6 when byte 2 says 0
 * (SFF-8020, as QEMU's ATAPI drive reads it); MSF from byte 1 bit 1; track/session in byte 6.
 */
export function readTocCommand(d: Disc, cdb: Uint8Array): Uint8Array {
  const msf = (cdb[1] & 2) !== 0;
  const format = (cdb[2] & 0x0f) || (cdb[9] >> 6);
  switch (format) {
    case 0: {
      const r = readTocFormat0(d, msf, cdb[6]);
      if (!r) throw Sense.invalidField();
      return r;
    }
    case 1:
      return readTocFormat1(d, msf);
    case 2:
      return readTocFormat2(d, cdb[6]);
    case 3:
    case 4:
      if (d.medium !== "cd") throw Sense.invalidField();
      return readTocEmpty();
    case 5:
      if (d.medium !== "cd") throw Sense.invalidField();
      return readTocFormat5(d);
    default:
      throw Sense.invalidField();
  }
}
