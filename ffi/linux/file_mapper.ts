// Copyright 2026 the sectorkit authors. MIT license.
/**
 * lib/'s FileMapper on Linux: `mmap(PROT_READ, MAP_PRIVATE | MAP_POPULATE)` of a whole regular
 * file, the populate (which reads the file when it is not cached) on Deno's blocking thread pool.
 * Any failure resolves to null so callers fall back to reading.
 *
 * @module
 */
import type { FileMapper, MappedFile } from "../../lib/platform/mod.ts";
import { cString, libc } from "./libc.ts";

const O_RDONLY_CLOEXEC = 0x80000;
const PROT_READ = 1;
const MAP_PRIVATE_POPULATE = 0x02 | 0x8000;
const MAP_FAILED = 0xffffffffffffffffn;

/**
 * Maps `path` read-only, or null (empty, not a regular file, or mmap refused).
 *
 * @example Usage
 * ```ts ignore
 * const m = await mapFileRead("dump.scram");
 * if (m) {
 *   console.log(m.data.length);
 *   m.close();
 * }
 * ```
 */
export async function mapFileRead(path: string): Promise<MappedFile | null> {
  let size: number;
  try {
    const st = await Deno.stat(path);
    if (!st.isFile || st.size === 0) return null;
    size = st.size;
  } catch {
    return null;
  }
  const c = libc();
  const fd = c.open(cString(path), O_RDONLY_CLOEXEC, 0);
  if (fd < 0) return null;
  let ptr: Deno.PointerValue;
  try {
    ptr = await c.mmap_nb(null, BigInt(size), PROT_READ, MAP_PRIVATE_POPULATE, fd, 0n);
  } finally {
    // The mapping keeps the file referenced.
    c.close(fd);
  }
  if (ptr === null || Deno.UnsafePointer.value(ptr) === MAP_FAILED) return null;
  const mapped = ptr;
  let open = true;
  return {
    data: new Uint8Array(Deno.UnsafePointerView.getArrayBuffer(mapped, size)),
    close(): void {
      if (!open) return;
      open = false;
      c.munmap(mapped, BigInt(size));
    },
  };
}

/** The FileMapper for Linux. */
export function createLinuxFileMapper(): FileMapper {
  return { mapRead: mapFileRead };
}
