// Copyright 2026 the sectorkit authors. MIT license.
/**
 * O_DIRECT output for `OpenWriteOptions.direct`: a second descriptor on the file opened with
 * O_DIRECT. Writes whose offset, length and memory address are all multiples of the alignment go
 * through it (bypassing the page cache); anything else (an unaligned tail, a single sector, a
 * filesystem that refuses O_DIRECT) is left to the caller's buffered descriptor.
 *
 * @module
 */
import { openFlags } from "./constants.ts";
import { cString, libc } from "./libc.ts";

/** Aligned unbuffered writes to one file. */
export interface DirectWriter {
  /** Writes what it can of `data` at `offset` unbuffered; resolves to the bytes written (maybe 0). */
  write(offset: number, data: Uint8Array): Promise<number>;
  /** Closes the descriptor (after calls in flight). */
  close(): void;
}

/** Opens `path` (which must exist) with O_DIRECT, or returns null when the OS refuses it. */
export function openDirectWriter(path: string, alignment = 4096): DirectWriter | null {
  const f = openFlags(Deno.build.arch);
  let fd: number;
  try {
    fd = libc().open(cString(path), f.O_WRONLY | f.O_CLOEXEC | f.O_DIRECT, 0);
  } catch {
    return null;
  }
  if (fd < 0) return null;
  const a = BigInt(alignment);
  const busy = new Set<Promise<unknown>>();
  return {
    async write(offset, data) {
      if (fd < 0 || offset % alignment !== 0) return 0;
      const len = data.length - (data.length % alignment);
      if (len === 0) return 0;
      try {
        if (Deno.UnsafePointer.value(Deno.UnsafePointer.of(data as Uint8Array<ArrayBuffer>)) % a) {
          return 0;
        }
      } catch {
        return 0;
      }
      let done = 0;
      while (done < len) {
        const call = libc().pwrite_nb(
          fd,
          data.subarray(done, len) as Uint8Array<ArrayBuffer>,
          BigInt(len - done),
          BigInt(offset + done),
        );
        busy.add(call);
        const n = Number(await call.finally(() => busy.delete(call)));
        // An error (EINVAL on a filesystem without O_DIRECT, ENOSPC…) or a short write that leaves
        // an unaligned rest: the buffered path writes the rest and reports any errno itself.
        if (n <= 0 || n % alignment !== 0) return done + Math.max(n, 0);
        done += n;
      }
      return done;
    },
    close() {
      const d = fd;
      fd = -1;
      if (d >= 0) Promise.allSettled([...busy]).then(() => libc().close(d));
    },
  };
}
