// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The interfaces lib/ owns and ffi/ implements. A {@linkcode Platform} is everything a command may
 * touch; tests build one from fakes.
 *
 * @module
 */
import type { BenchOpener } from "./bench_io.ts";
import type { DeviceOpener } from "./block_device.ts";
import type { Console, Runtime } from "./console.ts";
import type { ExtentSource } from "./extent_source.ts";
import type { FileStore } from "./file_store.ts";
import type { FileMapper } from "./file_mapper.ts";
import type { HashProvider } from "./hash_provider.ts";
import type { ScsiOpener } from "./scsi_opener.ts";

export type * from "./bench_io.ts";
export type * from "./block_device.ts";
export type * from "./console.ts";
export type * from "./extent_source.ts";
export type * from "./file_store.ts";
export type * from "./file_mapper.ts";
export type * from "./hash_provider.ts";
export type * from "./scsi_opener.ts";
export type * from "./scsi_transport.ts";

/** Everything a command can use. Optional members are absent where the OS has no backend. */
export interface Platform {
  /** Files and directories. */
  fs: FileStore;
  /** Block devices and image files. */
  devices: DeviceOpener;
  /** stdout/stderr. */
  console: Console;
  /** Clock, signals, environment. */
  runtime: Runtime;
  /** Native hashing off the JavaScript thread (Linux: OpenSSL libcrypto), when available. */
  hashing?: HashProvider;
  /** File → device extents (Linux FIEMAP); absent where not implemented. */
  extents?: ExtentSource;
  /** Benchmark I/O with real queue depth (io_uring / thread pool). */
  bench?: BenchOpener;
  /** SCSI pass-through to optical drives (absent where the OS has no backend). */
  scsi?: ScsiOpener;
  /** Read-only memory maps of whole files (Linux mmap), when available. */
  mapper?: FileMapper;
}
