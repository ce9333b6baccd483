// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Write-behind for long sequential writes: a second descriptor on the file through which
 * sync_file_range(SYNC_FILE_RANGE_WRITE) starts the disk writes of each written block at once.
 * Without it the kernel waits for its dirty-page threshold (often gigabytes) and leaves the whole
 * image to the final fsync, after the copy instead of during it. O_NONBLOCK: never wait on a FIFO.
 *
 * @module
 */
import { cString, libc } from "./libc.ts";

const O_WRONLY = 0o1;
const O_NONBLOCK = 0o4000;
const O_CLOEXEC = 0o2000000;
const SYNC_FILE_RANGE_WRITE = 2;

/** Starts the writeback of written ranges of one file. */
export interface WriteBehind {
  /** Starts writing `[offset, offset + length)` to disk; never fails (a hint only). */
  start(offset: number, length: number): Promise<void>;
  /** Closes the extra descriptor. */
  close(): void;
}

/** Opens write-behind for `path`, or null when it cannot (writes then go on as usual). */
export function openWriteBehind(path: string): WriteBehind | null {
  let fd: number;
  try {
    fd = libc().open(cString(path), O_WRONLY | O_NONBLOCK | O_CLOEXEC, 0);
  } catch {
    return null;
  }
  if (fd < 0) return null;
  const busy = new Set<Promise<unknown>>();
  return {
    async start(offset, length) {
      if (fd < 0) return;
      const call = libc().sync_file_range_nb(
        fd,
        BigInt(offset),
        BigInt(length),
        SYNC_FILE_RANGE_WRITE,
      );
      busy.add(call);
      await call.finally(() => busy.delete(call));
    },
    close() {
      const f = fd;
      fd = -1;
      // Never close the descriptor under a call still running on the thread pool.
      if (f >= 0) Promise.allSettled([...busy]).then(() => libc().close(f));
    },
  };
}
