// Copyright 2026 the sectorkit authors. MIT license.
/**
 * macOS ExtentSource (thin glue; struct and walk in lib/locate/macos_extents.ts): F_LOG2PHYS_EXT
 * per run. Offsets are relative to the device the filesystem is mounted from (for APFS the
 * container); the partition/container offset is not added. Not runnable on the Linux CI host.
 *
 * @module
 */
import {
  F_LOG2PHYS_EXT,
  log2physRequest,
  parseLog2phys,
  walkLog2phys,
} from "../../lib/locate/macos_extents.ts";
import type { ExtentSource, OsFileExtent } from "../../lib/platform/mod.ts";
import { darwinErrno, fcntlPointer, libSystem } from "./libsystem.ts";

/** Walks a file with F_LOG2PHYS_EXT. */
export function darwinFileExtents(path: string, size: number): OsFileExtent[] {
  const fd = libSystem().open(new TextEncoder().encode(path + "\0"), 0);
  if (fd < 0) throw new Error(`Cannot open ${path}`);
  try {
    libSystem().fsync(fd);
    const runs = walkLog2phys(size, 4096, (offset, bytes) => {
      const req = log2physRequest(offset, bytes);
      // F_LOG2PHYS_EXT takes a pointer through fcntl's variadic slot (Apple arm64 rule applies).
      if (fcntlPointer(fd, F_LOG2PHYS_EXT, req) < 0) return { errno: darwinErrno() };
      return parseLog2phys(req);
    });
    return runs.filter((r) => r.deviceOffset !== null || r.flags.includes("encoded")).map((r) => ({
      logical: r.fileOffset,
      physical: r.deviceOffset ?? 0,
      length: r.length,
      flags: r.flags,
    }));
  } finally {
    libSystem().close(fd);
  }
}

/** The ExtentSource for macOS. */
export function createDarwinExtentSource(): ExtentSource {
  return {
    fileExtents: async (path) => darwinFileExtents(path, (await Deno.stat(path)).size),
  };
}
