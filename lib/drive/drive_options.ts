// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The drive-selection options every optical command shares: `--drive`, `--virtual-drive`,
 * `--trace`.
 *
 * @module
 */
import type { OptionSpecs, ParsedOptions } from "../cli/parse_options.ts";
import type { Platform } from "../platform/mod.ts";
import type { ScsiTransport } from "../platform/scsi_transport.ts";
import { openDrive } from "./open_drive.ts";

/** Option specs for drive selection. */
export const DRIVE_OPTIONS: OptionSpecs = {
  drive: { type: "string" },
  "virtual-drive": { type: "string" },
  trace: { type: "string" },
};

/** Help lines for the drive-selection options. */
export const DRIVE_OPTIONS_HELP =
  `  --drive DRIVE           /dev/sr0, /dev/sg1 (Linux), D: (Windows), diskN (macOS,
                          experimental), or virtual:SOURCE (demo, a .cue, .iso, .scram or
                          JSON disc spec). Default: the first drive with a readable disc.
  --virtual-drive PROFILE drive model for virtual: drives (plextor, mediatek, generic, or a
                          JSON profile; default plextor)
  --trace FILE            record every SCSI command, status, sense and data (JSON lines)`;

/** Opens the drive the parsed options name. */
export function openDriveFromOptions(
  values: ParsedOptions["values"],
  platform: Platform,
): Promise<ScsiTransport> {
  return openDrive(values.drive as string | undefined, platform, {
    virtualProfile: values["virtual-drive"] as string | undefined,
    trace: values.trace as string | undefined,
  });
}
