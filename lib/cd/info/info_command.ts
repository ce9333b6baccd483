// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import type { Command } from "../../cli/command.ts";
import { parseOptions } from "../../cli/parse_options.ts";
import type { Platform } from "../../platform/mod.ts";
import { imageArgs } from "../split/split_command.ts";
import { runInfo } from "./run_info.ts";

/** `sectorkit info`. */
export const infoCommand: Command = {
  name: "info",
  summary: "Report on a split CD: EDC/ECC/mode stats, ISO 9660, AccurateRip, LibCrypt/SecuROM",
  help: `Usage: sectorkit info --image-path DIR --image-name NAME [--json]

Reads NAME.cue and its track files (and NAME.subcode when present) and prints, like redumper's
info: per data track sector counts by mode, EDC/ECC/sync/MSF errors, regenerated sectors and the
REDUMP.INFO error count; the ISO 9660 primary volume descriptor (volume/system id, dates, size,
PVD hex dump) and file listing; the PlayStation boot executable serial (SYSTEM.CNF); AccurateRip
CRC v1/v2 per audio track and the AccurateRip disc id; LibCrypt and SecuROM subchannel signatures.
Appends to NAME.log.

Options:
  --image-path DIR   directory (default: .)
  --image-name NAME  image name (required)
  --json             print one JSON result object on stdout

Example:
  sectorkit info --image-path dumps --image-name "Game (USA)"
`,
  async run(args: string[], platform: Platform): Promise<number> {
    const { values } = parseOptions(args, {
      "image-path": { type: "string" },
      "image-name": { type: "string" },
    });
    const json = values.json === true;
    const r = await runInfo({
      ...imageArgs(values),
      arguments: `info ${args.join(" ")}`,
      onLog: json ? undefined : (l) => platform.console.out(l + "\n"),
    }, platform);
    if (json) {
      const out = {
        ...r,
        dataTracks: r.dataTracks.map(({ pvdRaw: _p, ...t }) => t),
      };
      platform.console.out(JSON.stringify(out, null, 2) + "\n");
    }
    return 0;
  },
};
