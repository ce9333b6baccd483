// Copyright 2026 the sectorkit authors. MIT license.
/**
 * The Linux {@linkcode ScsiOpener}: SG_IO transports and sysfs enumeration.
 *
 * @module
 */
import { listLinuxDrives } from "../../lib/drive/linux_sysfs.ts";
import type { FileStore, ScsiOpener } from "../../lib/platform/mod.ts";
import { openSgIo } from "./sg_io.ts";

/** Builds the Linux SCSI opener; `fs` reads sysfs. */
export function createLinuxScsiOpener(fs: FileStore): ScsiOpener {
  return {
    open: (path) => Promise.resolve().then(() => openSgIo(path)),
    list: () => listLinuxDrives(fs),
  };
}
