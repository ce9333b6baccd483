// Copyright 2026 the sectorkit authors. MIT license.
/**
 * FIEMAP on Linux: the ExtentSource backend (layouts in lib/locate/fiemap.ts).
 *
 * @module
 */
import { errorFromErrno } from "../../lib/errno.ts";
import { fiemapRequest, FS_IOC_FIEMAP, parseFiemapResponse } from "../../lib/locate/fiemap.ts";
import type { ExtentSource, OsFileExtent } from "../../lib/platform/mod.ts";
import { linuxDmTable } from "./dm.ts";
import { cString, errno, libc } from "./libc.ts";

const BATCH = 256;

/** Maps a file with repeated FIEMAP calls until the LAST extent. */
export function linuxFileExtents(path: string, sync = true): OsFileExtent[] {
  const c = libc();
  const fd = c.open(cString(path), 0x80000, 0);
  if (fd < 0) throw errorFromErrno(errno(), `open ${path}`, { path, syscall: "open" });
  try {
    const out: OsFileExtent[] = [];
    let start = 0;
    for (let round = 0; round < 1_000_000; round++) {
      const req = fiemapRequest(start, BATCH, sync && round === 0);
      if (c.ioctl(fd, FS_IOC_FIEMAP, req) < 0) {
        throw errorFromErrno(errno(), `map ${path} (FIEMAP)`, { path, syscall: "ioctl(FIEMAP)" });
      }
      const got = parseFiemapResponse(req);
      out.push(...got);
      if (got.length === 0 || got[got.length - 1].flags.includes("last")) break;
      const last = got[got.length - 1];
      start = last.logical + last.length;
    }
    return out;
  } finally {
    c.close(fd);
  }
}

/** The ExtentSource for Linux. */
export function createLinuxExtentSource(): ExtentSource {
  return {
    fileExtents: (path, options) =>
      Promise.resolve().then(() => linuxFileExtents(path, options?.sync ?? true)),
    dmTable: (name) => Promise.resolve().then(() => linuxDmTable(name)),
  };
}
