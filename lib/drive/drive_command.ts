// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * `sectorkit drive info|test|eject`.
 *
 * @module
 */
import type { Command } from "../cli/command.ts";
import { parseOptions } from "../cli/parse_options.ts";
import { ExitCode, UsageError } from "../errors.ts";
import { Mmc } from "../scsi/mmc.ts";
import { inquiry, startStopUnit } from "../scsi/mmc_commands.ts";
import { lookupDrive } from "./drive_database.ts";
import { formatDriveInfo, gatherDriveInfo } from "./drive_info.ts";
import { DRIVE_OPTIONS, DRIVE_OPTIONS_HELP, openDriveFromOptions } from "./drive_options.ts";
import { loadOffsets, offsetsPath } from "./drive_offsets.ts";
import { formatDriveTest, runDriveTest } from "./drive_test.ts";

/** `sectorkit drive`. */
export const driveCommand: Command = {
  name: "drive",
  summary: "Drive details (info), capability probe (test) and eject",
  help: `Usage: sectorkit drive info  [--drive DRIVE] [--json]
       sectorkit drive test  [--drive DRIVE] [--skip-plextor-leadin] [--skip-cache-read] [--json]
       sectorkit drive eject [--drive DRIVE]

  info    INQUIRY (incl. vendor-specific bytes), the database verdict, GET CONFIGURATION features,
          mode page 0x2A capabilities, and for the loaded disc: capacity, disc information, TOC,
          session info, full TOC, CD-TEXT and ATIP. Commands the drive rejects show as unsupported.
  test    probes what the drive can really do, like redumper's drive::test: READ CD (all types
          and as CD-DA), READ CD MSF and PLEXTOR D8 with each sector order (judged by the Q
          subchannel CRC), the first readable pregap LBA, lead-out overread, PLEXTOR lead-in and
          the MediaTek cache (F1); ends with a ready --drive-* option line for dump. Needs a CD.
  eject   opens the tray (START STOP UNIT).

Options:
${DRIVE_OPTIONS_HELP}
  --skip-plextor-leadin   (test) do not probe the PLEXTOR negative-LBA lead-in
  --skip-cache-read       (test) do not probe the MediaTek READ CACHE command
  --json                  one JSON object on stdout (the info or test report)

Transports: Linux SG_IO; Windows IOCTL_SCSI_PASS_THROUGH_DIRECT; macOS IOKit is EXPERIMENTAL
(untested on hardware).

Examples:
  sudo sectorkit drive info --drive /dev/sr0
  sectorkit drive test --drive virtual:demo --virtual-drive mediatek
  sectorkit drive info --drive /dev/sr0 --trace session.jsonl --json
`,
  async run(args, platform) {
    const { values, positionals } = parseOptions(args, {
      ...DRIVE_OPTIONS,
      "skip-plextor-leadin": { type: "boolean" },
      "skip-cache-read": { type: "boolean" },
    });
    const sub = positionals[0];
    if (!sub || !["info", "test", "eject"].includes(sub)) {
      throw new UsageError(
        `drive needs a subcommand: info, test or eject${sub ? ` (got "${sub}")` : ""}`,
      );
    }
    const json = values.json === true;
    const transport = await openDriveFromOptions(values, platform);
    try {
      const mmc = new Mmc(transport);
      const offsets = await loadOffsets(platform.fs, offsetsPath(platform.runtime));
      if (sub === "eject") {
        await startStopUnit(mmc, "eject");
        if (json) platform.console.out(JSON.stringify({ ejected: transport.path }) + "\n");
        else platform.console.err(`Ejected ${transport.path}\n`);
        return ExitCode.Ok;
      }
      if (sub === "info") {
        const info = await gatherDriveInfo(mmc, offsets);
        platform.console.out(json ? JSON.stringify(info) + "\n" : formatDriveInfo(info));
        return ExitCode.Ok;
      }
      const known = lookupDrive(await inquiry(mmc), offsets).config;
      const result = await runDriveTest(mmc, {
        skipPlextorLeadIn: values["skip-plextor-leadin"] === true,
        skipCacheRead: values["skip-cache-read"] === true,
        known,
      });
      platform.console.out(
        json ? JSON.stringify({ path: transport.path, ...result }) + "\n" : formatDriveTest(result),
      );
      return ExitCode.Ok;
    } finally {
      transport.close();
    }
  },
};
