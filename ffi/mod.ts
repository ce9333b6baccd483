// Copyright 2026 the sectorkit authors. MIT license.
/**
 * The platform: picks the per-OS backends with `switch (Deno.build.os)` and returns the object that
 * implements lib/'s interfaces.
 *
 * @module
 */
import type { DeviceOpener, Platform } from "../lib/platform/mod.ts";
import { allocAligned } from "./aligned.ts";
import { createConsole } from "./console.ts";
import { createFileStore } from "./file_store.ts";
import { openLinuxBlockDevice } from "./linux/block_device.ts";
import { openWindowsBlockDevice } from "./windows/block_device.ts";
import { openDarwinBlockDevice } from "./darwin/block_device.ts";
import { createLinuxExtentSource } from "./linux/fiemap.ts";
import { createWindowsExtentSource } from "./windows/extents.ts";
import { createDarwinExtentSource } from "./darwin/extents.ts";
import { createLinuxBenchOpener } from "./linux/bench_queue.ts";
import { createRuntime } from "./runtime.ts";
import { createLibcryptoProvider } from "./linux/libcrypto.ts";
import { createLinuxFileMapper } from "./linux/file_mapper.ts";
import { createScsiOpener } from "./scsi.ts";

function createDeviceOpener(): DeviceOpener {
  switch (Deno.build.os) {
    case "linux":
      return {
        openBlockDevice: (path, options) =>
          Promise.resolve().then(() => openLinuxBlockDevice(path, options)),
        allocAligned,
      };
    case "windows":
      return {
        openBlockDevice: (path, options) =>
          Promise.resolve().then(() => openWindowsBlockDevice(path, options)),
        allocAligned,
      };
    case "darwin":
      return {
        openBlockDevice: (path, options) =>
          Promise.resolve().then(() => openDarwinBlockDevice(path, options)),
        allocAligned,
      };
    default:
      return {
        openBlockDevice: () => Promise.reject(new Error(`Unsupported platform: ${Deno.build.os}`)),
        allocAligned,
      };
  }
}

function createExtentSource() {
  switch (Deno.build.os) {
    case "linux":
      return createLinuxExtentSource();
    case "windows":
      return createWindowsExtentSource();
    case "darwin":
      return createDarwinExtentSource();
    default:
      return undefined;
  }
}

/** Builds the platform for the running OS. */
export function createPlatform(): Platform {
  const fs = createFileStore();
  return {
    fs,
    devices: createDeviceOpener(),
    console: createConsole(),
    runtime: createRuntime(),
    hashing: Deno.build.os === "linux" ? createLibcryptoProvider() : undefined,
    extents: createExtentSource(),
    bench: Deno.build.os === "linux" ? createLinuxBenchOpener() : undefined,
    scsi: createScsiOpener(fs),
    mapper: Deno.build.os === "linux" ? createLinuxFileMapper() : undefined,
  };
}
