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
import { createLinuxBenchOpener } from "./linux/bench_queue.ts";
import { createRuntime } from "./runtime.ts";
import { createScsiOpener } from "./scsi.ts";

function createDeviceOpener(): DeviceOpener {
  switch (Deno.build.os) {
    case "linux":
      return {
        openBlockDevice: (path, options) =>
          Promise.resolve().then(() => openLinuxBlockDevice(path, options)),
        allocAligned,
      };
    default:
      return {
        openBlockDevice: () => Promise.reject(new Error(`Unsupported platform: ${Deno.build.os}`)),
        allocAligned,
      };
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
    bench: Deno.build.os === "linux" ? createLinuxBenchOpener() : undefined,
    scsi: createScsiOpener(fs),
  };
}
