// Copyright 2026 the sectorkit authors. MIT license.
/**
 * libSystem symbols used on macOS, with their C prototypes. ioctl and fcntl are variadic: on Apple
 * arm64 the variadic argument goes on the stack, so their declarations are padded there
 * (lib/os/darwin_ioctl.ts explains and tests the rule). Untested here (no macOS host).
 *
 * @module
 */
import { variadicPadding } from "../../lib/os/darwin_ioctl.ts";

/** The symbol table for `Deno.dlopen("/usr/lib/libSystem.B.dylib", …)`. */
export const LIBSYSTEM_SYMBOLS = {
  /** int open(const char *path, int flags)  (no O_CREAT, so no variadic mode) */
  open: { parameters: ["buffer", "i32"], result: "i32" },
  /** int close(int fd) */
  close: { parameters: ["i32"], result: "i32" },
  /** ssize_t pread(int fd, void *buf, size_t n, off_t offset) */
  pread: { parameters: ["i32", "buffer", "usize", "i64"], result: "isize" },
  /** pread on Deno's blocking thread pool (errno is lost). */
  pread_nb: {
    name: "pread",
    parameters: ["i32", "buffer", "usize", "i64"],
    result: "isize",
    nonblocking: true,
  },
  /** off_t lseek(int fd, off_t offset, int whence) */
  lseek: { parameters: ["i32", "i64", "i32"], result: "i64" },
  /** int ioctl(int fd, unsigned long request, void *arg)  (x86_64: variadic in registers) */
  ioctl: { parameters: ["i32", "u64", "buffer"], result: "i32" },
  /** int ioctl(int fd, unsigned long request, [6 register pads], void *arg)  (Apple arm64) */
  ioctl_arm64: {
    name: "ioctl",
    parameters: ["i32", "u64", "u64", "u64", "u64", "u64", "u64", "u64", "buffer"],
    result: "i32",
  },
  /** int fcntl(int fd, int cmd, long arg)  (x86_64) */
  fcntl: { parameters: ["i32", "i32", "i64"], result: "i32" },
  /** int fcntl(int fd, int cmd, [6 register pads], long arg)  (Apple arm64) */
  fcntl_arm64: {
    name: "fcntl",
    parameters: ["i32", "i32", "u64", "u64", "u64", "u64", "u64", "u64", "i64"],
    result: "i32",
  },
  /** int fcntl(int fd, int cmd, void *arg)  (x86_64; F_LOG2PHYS_EXT takes a struct pointer) */
  fcntl_ptr: { name: "fcntl", parameters: ["i32", "i32", "buffer"], result: "i32" },
  /** int fcntl(int fd, int cmd, [6 register pads], void *arg)  (Apple arm64) */
  fcntl_ptr_arm64: {
    name: "fcntl",
    parameters: ["i32", "i32", "u64", "u64", "u64", "u64", "u64", "u64", "buffer"],
    result: "i32",
  },
  /** int fsync(int fd) */
  fsync: { parameters: ["i32"], result: "i32" },
  /** int *__error(void) */
  __error: { parameters: [], result: "pointer" },
} as const;

type Lib = Deno.DynamicLibrary<typeof LIBSYSTEM_SYMBOLS>["symbols"];
let lib: Deno.DynamicLibrary<typeof LIBSYSTEM_SYMBOLS> | undefined;

/** Opens libSystem once. */
export function libSystem(): Lib {
  lib ??= Deno.dlopen("/usr/lib/libSystem.B.dylib", LIBSYSTEM_SYMBOLS);
  return lib.symbols;
}

/** errno of the calling thread; read right after the failing call. */
export function darwinErrno(): number {
  const p = libSystem().__error();
  return p ? new Deno.UnsafePointerView(p).getInt32() : 0;
}

const padded = variadicPadding(Deno.build.os, Deno.build.arch, 2) > 0;

/** ioctl with a pointer argument, declared right for this CPU. */
export function ioctl(fd: number, request: number, arg: Uint8Array<ArrayBuffer>): number {
  const l = libSystem();
  const r = BigInt(request);
  return padded ? l.ioctl_arm64(fd, r, 0n, 0n, 0n, 0n, 0n, 0n, arg) : l.ioctl(fd, r, arg);
}

/** fcntl with an integer argument, declared right for this CPU. */
export function fcntl(fd: number, cmd: number, arg: number): number {
  const l = libSystem();
  const a = BigInt(arg);
  return padded ? l.fcntl_arm64(fd, cmd, 0n, 0n, 0n, 0n, 0n, 0n, a) : l.fcntl(fd, cmd, a);
}

/** fcntl with a pointer argument (e.g. F_LOG2PHYS_EXT), declared right for this CPU. */
export function fcntlPointer(fd: number, cmd: number, arg: Uint8Array<ArrayBuffer>): number {
  const l = libSystem();
  return padded
    ? l.fcntl_ptr_arm64(fd, cmd, 0n, 0n, 0n, 0n, 0n, 0n, arg)
    : l.fcntl_ptr(fd, cmd, arg);
}
