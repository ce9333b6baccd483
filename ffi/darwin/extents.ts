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

const SYMBOLS = {
  open: { parameters: ["buffer", "i32"], result: "i32" },
  close: { parameters: ["i32"], result: "i32" },
  fcntl: { parameters: ["i32", "i32", "buffer"], result: "i32" },
  fsync: { parameters: ["i32"], result: "i32" },
  __error: { parameters: [], result: "pointer" },
} as const;

let lib: Deno.DynamicLibrary<typeof SYMBOLS> | undefined;
const c = () => (lib ??= Deno.dlopen("libSystem.B.dylib", SYMBOLS)).symbols;

/** Walks a file with F_LOG2PHYS_EXT. */
export function darwinFileExtents(path: string, size: number): OsFileExtent[] {
  const fd = c().open(new TextEncoder().encode(path + "\0"), 0);
  if (fd < 0) throw new Error(`Cannot open ${path}`);
  try {
    c().fsync(fd);
    const runs = walkLog2phys(size, 4096, (offset, bytes) => {
      const req = log2physRequest(offset, bytes);
      if (c().fcntl(fd, F_LOG2PHYS_EXT, req) < 0) {
        const p = c().__error();
        return { errno: p ? new Deno.UnsafePointerView(p).getInt32() : -1 };
      }
      return parseLog2phys(req);
    });
    return runs.filter((r) => r.deviceOffset !== null || r.flags.includes("encoded")).map((r) => ({
      logical: r.fileOffset,
      physical: r.deviceOffset ?? 0,
      length: r.length,
      flags: r.flags,
    }));
  } finally {
    c().close(fd);
  }
}

/** The ExtentSource for macOS. */
export function createDarwinExtentSource(): ExtentSource {
  return {
    fileExtents: async (path) => darwinFileExtents(path, (await Deno.stat(path)).size),
  };
}
