// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Linux constants (x86_64 and aarch64), from linux/fs.h, fcntl.h and asm/fcntl.h.
 *
 * @module
 */

/** open(2) flags. O_DIRECT differs by architecture (0x10000 on arm64, where 0x4000 is O_DIRECTORY). */
export function openFlags(arch: string): {
  O_RDONLY: number;
  O_WRONLY: number;
  O_RDWR: number;
  O_EXCL: number;
  O_NONBLOCK: number;
  O_CLOEXEC: number;
  O_DIRECT: number;
} {
  return {
    O_RDONLY: 0,
    O_WRONLY: 1,
    O_RDWR: 2,
    O_EXCL: 0x80,
    O_NONBLOCK: 0x800,
    O_CLOEXEC: 0x80000,
    O_DIRECT: arch === "aarch64" ? 0x10000 : 0x4000,
  };
}

/** Block-device ioctls (linux/fs.h). */
export const BLKSSZGET = 0x1268n;
/** Physical sector size. */
export const BLKPBSZGET = 0x127bn;
/** Size in bytes (u64). */
export const BLKGETSIZE64 = 0x80081272n;
/** Flush and invalidate the buffer cache (CAP_SYS_ADMIN). */
export const BLKFLSBUF = 0x1261n;
/** Read-only flag (int). */
export const BLKROGET = 0x125en;
/** posix_fadvise advice values. */
export const POSIX_FADV_SEQUENTIAL = 2;
/** Drop cached pages. */
export const POSIX_FADV_DONTNEED = 4;
/** lseek whence. */
export const SEEK_END = 2;
