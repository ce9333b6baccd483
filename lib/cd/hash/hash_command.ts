// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import type { Command } from "../../cli/command.ts";
import { parseOptions } from "../../cli/parse_options.ts";
import type { Platform } from "../../platform/mod.ts";
import { imageArgs } from "../split/split_command.ts";
import { runHash } from "./run_hash.ts";

/** `sectorkit hash`. */
export const hashCommand: Command = {
  name: "hash",
  summary: "Print redump DAT <rom/> lines for a split CD (NAME.cue) or NAME.iso, write NAME.dat",
  help: `Usage: sectorkit hash --image-path DIR --image-name NAME [--no-dat] [--json]

Hashes (size, CRC-32, MD5, SHA-1) every FILE of NAME.cue (or NAME.iso) and prints redump DAT
lines under "dat:", Track 0 / Track AA files under "dat (extra):", writes a Logiqx XML NAME.dat
(tracks + cue) and appends to NAME.log.

Options:
  --image-path DIR   directory (default: .)
  --image-name NAME  image name (required)
  --no-dat           do not write NAME.dat
  --json             print one JSON result object on stdout

Example:
  sectorkit hash --image-path dumps --image-name "Game (USA)"
`,
  async run(args: string[], platform: Platform): Promise<number> {
    const { values } = parseOptions(args, {
      "image-path": { type: "string" },
      "image-name": { type: "string" },
      dat: { type: "boolean" },
    });
    const json = values.json === true;
    const r = await runHash({
      ...imageArgs(values),
      writeDat: values.dat !== false,
      arguments: `hash ${args.join(" ")}`,
      onLog: json ? undefined : (l) => platform.console.out(l + "\n"),
    }, platform);
    if (json) platform.console.out(JSON.stringify(r, null, 2) + "\n");
    return 0;
  },
};
