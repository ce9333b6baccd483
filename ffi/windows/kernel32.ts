// Copyright 2026 the sectorkit authors. MIT license.
/**
 * kernel32.dll symbols used on Windows, with their C prototypes. Untested here (no Windows host);
 * layouts and codes are unit-tested in lib/os/windows_ioctl.ts.
 *
 * @module
 */

/** The symbol table for `Deno.dlopen("kernel32.dll", …)`. */
export const KERNEL32_SYMBOLS = {
  /** HANDLE CreateFileW(LPCWSTR name, DWORD access, DWORD share, LPSECURITY_ATTRIBUTES sa, DWORD disposition, DWORD flags, HANDLE template) */
  CreateFileW: {
    parameters: ["buffer", "u32", "u32", "pointer", "u32", "u32", "pointer"],
    result: "pointer",
  },
  /** BOOL ReadFile(HANDLE h, LPVOID buf, DWORD n, LPDWORD read, LPOVERLAPPED ov) */
  ReadFile: { parameters: ["pointer", "buffer", "u32", "buffer", "buffer"], result: "i32" },
  /** Same as ReadFile, on Deno's blocking thread pool (GetLastError is lost). */
  ReadFile_nb: {
    name: "ReadFile",
    parameters: ["pointer", "buffer", "u32", "buffer", "buffer"],
    result: "i32",
    nonblocking: true,
  },
  /** BOOL SetFilePointerEx(HANDLE h, LARGE_INTEGER distance, PLARGE_INTEGER newPos, DWORD method) */
  SetFilePointerEx: { parameters: ["pointer", "i64", "buffer", "u32"], result: "i32" },
  /** BOOL DeviceIoControl(HANDLE h, DWORD code, LPVOID in, DWORD inSize, LPVOID out, DWORD outSize, LPDWORD returned, LPOVERLAPPED ov) */
  DeviceIoControl: {
    parameters: ["pointer", "u32", "buffer", "u32", "buffer", "u32", "buffer", "pointer"],
    result: "i32",
  },
  /** DeviceIoControl on Deno's blocking thread pool (SCSI pass-through may block; GetLastError is lost). */
  DeviceIoControl_nb: {
    name: "DeviceIoControl",
    parameters: ["pointer", "u32", "buffer", "u32", "buffer", "u32", "buffer", "pointer"],
    result: "i32",
    nonblocking: true,
  },
  /** BOOL GetFileSizeEx(HANDLE h, PLARGE_INTEGER size) */
  GetFileSizeEx: { parameters: ["pointer", "buffer"], result: "i32" },
  /** BOOL GetVolumeNameForVolumeMountPointW(LPCWSTR mountPoint, LPWSTR name, DWORD length) */
  GetVolumeNameForVolumeMountPointW: { parameters: ["buffer", "buffer", "u32"], result: "i32" },
  /** BOOL GetVolumePathNameW(LPCWSTR fileName, LPWSTR volumePath, DWORD length) */
  GetVolumePathNameW: { parameters: ["buffer", "buffer", "u32"], result: "i32" },
  /** DWORD GetFileAttributesW(LPCWSTR fileName) */
  GetFileAttributesW: { parameters: ["buffer"], result: "u32" },
  /** BOOL GetFileInformationByHandle(HANDLE h, LPBY_HANDLE_FILE_INFORMATION info) */
  GetFileInformationByHandle: { parameters: ["pointer", "buffer"], result: "i32" },
  /** BOOL GetDiskFreeSpaceW(LPCWSTR root, LPDWORD sectorsPerCluster, LPDWORD bytesPerSector, LPDWORD freeClusters, LPDWORD totalClusters) */
  GetDiskFreeSpaceW: {
    parameters: ["buffer", "buffer", "buffer", "buffer", "buffer"],
    result: "i32",
  },
  /** DWORD GetLogicalDrives(void) */
  GetLogicalDrives: { parameters: [], result: "u32" },
  /** UINT GetDriveTypeW(LPCWSTR rootPathName) */
  GetDriveTypeW: { parameters: ["buffer"], result: "u32" },
  /** BOOL CloseHandle(HANDLE h) */
  CloseHandle: { parameters: ["pointer"], result: "i32" },
  /** DWORD GetLastError(void) */
  GetLastError: { parameters: [], result: "u32" },
  /** UINT SetErrorMode(UINT mode) */
  SetErrorMode: { parameters: ["u32"], result: "u32" },
} as const;

/** The opened library's symbols. */
export type Kernel32 = Deno.DynamicLibrary<typeof KERNEL32_SYMBOLS>["symbols"];

let lib: Deno.DynamicLibrary<typeof KERNEL32_SYMBOLS> | undefined;

/** Opens kernel32 once. */
export function kernel32(): Kernel32 {
  lib ??= Deno.dlopen("kernel32.dll", KERNEL32_SYMBOLS);
  return lib.symbols;
}
