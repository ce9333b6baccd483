// Copyright 2026 the sectorkit authors. MIT license.
/**
 * device-mapper tables through DM_TABLE_STATUS on /dev/mapper/control (root). Layouts in
 * lib/locate/dm_ioctl.ts. Not exercised on the CI host (its kernel has no device-mapper).
 *
 * @module
 */
import {
  DM_TABLE_STATUS,
  dmTableRequest,
  parseDmTableResponse,
} from "../../lib/locate/dm_ioctl.ts";
import { cString, libc } from "./libc.ts";

/** `dmsetup table NAME` text, or null when unavailable (no dm, no permission, unknown name). */
export function linuxDmTable(name: string): string | null {
  const c = libc();
  const fd = c.open(cString("/dev/mapper/control"), 2 | 0x80000, 0);
  if (fd < 0) return null;
  try {
    for (let size = 16384; size <= 1 << 24; size *= 4) {
      const req = dmTableRequest(name, size);
      if (c.ioctl(fd, DM_TABLE_STATUS, req) < 0) return null;
      const text = parseDmTableResponse(req);
      if (text !== null) return text;
    }
    return null;
  } finally {
    c.close(fd);
  }
}
