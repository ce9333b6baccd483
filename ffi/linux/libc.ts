// Copyright 2026 the sectorkit authors. MIT license.
/**
 * glibc symbols used on Linux, with their C prototypes. Nothing else lives here.
 *
 * @module
 */

/** The symbol table for `Deno.dlopen("libc.so.6", …)`. */
export const LIBC_SYMBOLS = {
  /** int open(const char *path, int flags, mode_t mode) */
  open: { parameters: ["buffer", "i32", "u32"], result: "i32" },
  /** int close(int fd) */
  close: { parameters: ["i32"], result: "i32" },
  /** ssize_t pread(int fd, void *buf, size_t count, off_t offset) */
  pread: { parameters: ["i32", "buffer", "usize", "i64"], result: "isize" },
  /** Same as pread, on Deno's blocking thread pool (errno is lost). */
  pread_nb: {
    name: "pread",
    parameters: ["i32", "buffer", "usize", "i64"],
    result: "isize",
    nonblocking: true,
  },
  /** ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset) */
  pwrite: { parameters: ["i32", "buffer", "usize", "i64"], result: "isize" },
  /** Same as pwrite, on Deno's blocking thread pool (errno is lost). */
  pwrite_nb: {
    name: "pwrite",
    parameters: ["i32", "buffer", "usize", "i64"],
    result: "isize",
    nonblocking: true,
  },
  /** int ioctl(int fd, unsigned long request, void *argp)  (variadic; x86_64/aarch64 Linux pass it in a register) */
  ioctl: { parameters: ["i32", "u64", "buffer"], result: "i32" },
  /** int ioctl(int fd, unsigned long request, unsigned long arg)  (by-value argument form) */
  ioctl_val: { name: "ioctl", parameters: ["i32", "u64", "u64"], result: "i32" },
  /** int ioctl(int fd, unsigned long request, void *argp) on the thread pool (SG_IO may block long) */
  ioctl_nb: {
    name: "ioctl",
    parameters: ["i32", "u64", "buffer"],
    result: "i32",
    nonblocking: true,
  },
  /** int posix_fadvise(int fd, off_t offset, off_t len, int advice)  (returns the error, not -1) */
  posix_fadvise: { parameters: ["i32", "i64", "i64", "i32"], result: "i32" },
  /** int sync_file_range(int fd, off_t offset, off_t nbytes, unsigned flags)  (on the thread pool) */
  sync_file_range_nb: {
    name: "sync_file_range",
    parameters: ["i32", "i64", "i64", "u32"],
    result: "i32",
    nonblocking: true,
  },
  /** int fsync(int fd) */
  fsync: { parameters: ["i32"], result: "i32" },
  /** off_t lseek(int fd, off_t offset, int whence) */
  lseek: { parameters: ["i32", "i64", "i32"], result: "i64" },
  /** long syscall(long number, ...)  (variadic; x86_64/aarch64 Linux pass all six in registers) */
  syscall6: {
    name: "syscall",
    parameters: ["i64", "i64", "i64", "i64", "i64", "i64", "i64"],
    result: "i64",
  },
  /** long syscall(SYS_io_uring_enter, unsigned fd, u32 to_submit, u32 min_complete, u32 flags, void *arg, size_t argsz)  (the kernel truncates to the 32-bit types) */
  syscall_uring_enter: {
    name: "syscall",
    parameters: ["i64", "u32", "u32", "u32", "u32", "i64", "i64"],
    result: "i64",
  },
  /** void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset) */
  mmap: { parameters: ["pointer", "usize", "i32", "i32", "i32", "i64"], result: "pointer" },
  /** Same as mmap, on Deno's blocking thread pool (MAP_POPULATE may read the file; errno is lost). */
  mmap_nb: {
    name: "mmap",
    parameters: ["pointer", "usize", "i32", "i32", "i32", "i64"],
    result: "pointer",
    nonblocking: true,
  },
  /** int madvise(void *addr, size_t length, int advice) */
  madvise: { parameters: ["pointer", "usize", "i32"], result: "i32" },
  /** int munmap(void *addr, size_t length) */
  munmap: { parameters: ["pointer", "usize"], result: "i32" },
  /** int *__errno_location(void) */
  __errno_location: { parameters: [], result: "pointer" },
  /** char *strerror(int errnum) */
  strerror: { parameters: ["i32"], result: "pointer" },
} as const;

/** The opened library type. */
export type Libc = Deno.DynamicLibrary<typeof LIBC_SYMBOLS>["symbols"];

let lib: Deno.DynamicLibrary<typeof LIBC_SYMBOLS> | undefined;

/** Opens glibc once and returns its symbols. */
export function libc(): Libc {
  if (!lib) {
    try {
      lib = Deno.dlopen("libc.so.6", LIBC_SYMBOLS);
    } catch (e) {
      if (e instanceof Deno.errors.PermissionDenied || e instanceof Deno.errors.NotCapable) throw e;
      throw new Error("Cannot load libc.so.6", { cause: e });
    }
  }
  return lib.symbols;
}

/** The calling thread's errno; call it right after the failing synchronous call. */
export function errno(): number {
  const p = libc().__errno_location();
  return p ? new Deno.UnsafePointerView(p).getInt32() : 0;
}

/** A NUL-terminated UTF-8 copy of `s` for `const char *` parameters. */
export function cString(s: string): Uint8Array<ArrayBuffer> {
  const bytes = new TextEncoder().encode(s);
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  return out;
}

/** The numeric address of a buffer (for alignment and embedded pointers). */
export function addressOf(buf: Uint8Array): bigint {
  return Deno.UnsafePointer.value(Deno.UnsafePointer.of(buf as Uint8Array<ArrayBuffer>));
}
