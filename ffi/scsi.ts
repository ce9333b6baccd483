// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Picks the SCSI pass-through backend for the running OS.
 *
 * @module
 */
import type { FileStore, ScsiOpener } from "../lib/platform/mod.ts";
import { createLinuxScsiOpener } from "./linux/scsi_opener.ts";
import { listWindowsDrives, openSptd } from "./windows/sptd.ts";

/** The SCSI opener for this OS, or undefined where there is none. */
export function createScsiOpener(fs: FileStore): ScsiOpener | undefined {
  switch (Deno.build.os) {
    case "linux":
      return createLinuxScsiOpener(fs);
    case "windows":
      return { open: openSptd, list: () => Promise.resolve().then(listWindowsDrives) };
    default:
      return undefined;
  }
}
