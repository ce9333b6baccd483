// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * macOS disk constants (xnu bsd/sys/disk.h, ioccom.h, fcntl.h) and the Apple-silicon rule for
 * calling variadic functions (ioctl, fcntl) through FFI.
 *
 * @module
 */

/** ioccom.h: copy parameters out. */
export const IOC_OUT = 0x40000000;
/** ioccom.h: copy parameters in. */
export const IOC_IN = 0x80000000;
/** ioccom.h: no parameters. */
export const IOC_VOID = 0x20000000;

/** `_IOC(inout, group, num, len)` from BSD ioccom.h. */
export function ioc(inout: number, group: string, num: number, len: number): number {
  return (inout | ((len & 0x1fff) << 16) | (group.charCodeAt(0) << 8) | num) >>> 0;
}

/** `_IOR(group, num, sizeof(type))`. */
export function ior(group: string, num: number, len: number): number {
  return ioc(IOC_OUT, group, num, len);
}

/** uint32 logical block size (0x40046418). */
export const DKIOCGETBLOCKSIZE: number = ior("d", 24, 4);
/** uint64 block count (0x40086419). */
export const DKIOCGETBLOCKCOUNT: number = ior("d", 25, 8);
/** uint32 physical block size (0x4004644D). */
export const DKIOCGETPHYSICALBLOCKSIZE: number = ior("d", 77, 4);
/** uint64 largest read in bytes (0x40086446). */
export const DKIOCGETMAXBYTECOUNTREAD: number = ior("d", 70, 8);
/** fcntl: turn data caching off for this descriptor. */
export const F_NOCACHE = 48;
/** fcntl: read-ahead on/off. */
export const F_RDAHEAD = 45;
/** open(2) O_RDONLY. */
export const O_RDONLY = 0;

/**
 * FFI parameter list for a variadic C function: on Apple arm64 variadic arguments travel on the
 * stack, so the fixed arguments are padded with dummy `u64`s up to the 8 argument registers and
 * the variadic ones follow (each must be 8 bytes wide: use `u64`/`i64`/`pointer`/`buffer`). Other
 * platforms pass variadic arguments like fixed ones.
 *
 * @example Usage
 * ```ts
 * import { variadicParameters } from "./darwin_ioctl.ts";
 * const p = variadicParameters("darwin", "aarch64", ["i32", "u64"], ["buffer"]);
 * if (p.length !== 9 || p[8] !== "buffer") throw new Error();
 * if (variadicParameters("darwin", "x86_64", ["i32", "u64"], ["buffer"]).length !== 3) throw new Error();
 * ```
 */
export function variadicParameters<T extends string>(
  os: string,
  arch: string,
  fixed: T[],
  variadic: T[],
): (T | "u64")[] {
  if (os === "darwin" && arch === "aarch64") {
    const pad = Array<"u64">(Math.max(0, 8 - fixed.length)).fill("u64");
    return [...fixed, ...pad, ...variadic];
  }
  return [...fixed, ...variadic];
}

/** Number of dummy arguments to pass after the fixed ones (see {@linkcode variadicParameters}). */
export function variadicPadding(os: string, arch: string, fixedCount: number): number {
  return os === "darwin" && arch === "aarch64" ? Math.max(0, 8 - fixedCount) : 0;
}

/** macOS errno numbers that differ from Linux, mapped to the Linux numbers lib/errno.ts knows. */
const DARWIN_TO_LINUX: Record<number, number> = {
  35: 11, // EAGAIN
  45: 95, // ENOTSUP
  60: 110, // ETIMEDOUT
  69: 122, // EDQUOT
};

/**
 * Maps a macOS errno to the Linux number with the same meaning (1-34 are equal).
 *
 * @example Usage
 * ```ts
 * import { darwinErrnoToLinux } from "./darwin_ioctl.ts";
 * if (darwinErrnoToLinux(5) !== 5 || darwinErrnoToLinux(35) !== 11) throw new Error();
 * ```
 */
export function darwinErrnoToLinux(n: number): number {
  if (n >= 1 && n <= 34) return n;
  return DARWIN_TO_LINUX[n] ?? n + 1000;
}
