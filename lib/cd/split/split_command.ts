// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import type { Command } from "../../cli/command.ts";
import { parseInteger, parseOptions } from "../../cli/parse_options.ts";
import { Progress } from "../../cli/progress.ts";
import { UsageError } from "../../errors.ts";
import type { Platform } from "../../platform/mod.ts";
import { parseSkipRanges } from "./protected_ranges.ts";
import { runSplit, type SplitOptions } from "./run_split.ts";
import { runDvdSplit } from "../../dump/dvd_split.ts";

/** Shared `--image-path` / `--image-name` handling of split, hash and info. */
export function imageArgs(
  values: Record<string, unknown>,
): { imagePath: string; imageName: string } {
  const imageName = values["image-name"];
  if (typeof imageName !== "string" || imageName === "") {
    throw new UsageError("--image-name NAME is required (the dump files' prefix)");
  }
  const imagePath = typeof values["image-path"] === "string" ? values["image-path"] as string : ".";
  return { imagePath, imageName };
}

/** `sectorkit split`. */
export const splitCommand: Command = {
  name: "split",
  summary: "Split a raw CD dump (.scram/.state/.subcode/.toc) into redump BIN/CUE",
  help: `Usage: sectorkit split --image-path DIR --image-name NAME [options]

Reads NAME.scram, NAME.state, NAME.subcode, NAME.toc (+ .fulltoc, .cdtext, .atip, .pma) as
redumper writes them, finds the disc write offset, descrambles and checks data sectors, and writes
"NAME (Track N).bin" files and NAME.cue exactly as redumper does. Appends to NAME.log.

A DVD/BD dump set (NAME.iso + NAME.state, no NAME.scram) is checked instead: every sector must
have been read (else "SCSI errors detected", unless --force-split), then NAME.iso is hashed (DAT
line, NAME.dat) and its ISO 9660 primary volume descriptor logged.

Options:
  --image-path DIR            directory of the dump files (default: .)
  --image-name NAME           dump files prefix (required)
  --force-offset N            use this write offset (samples) instead of detecting it
  --force-qtoc                split by the TOC built from subchannel Q instead of the drive's TOC
  --force-split               write tracks even with missing/C2 samples (regenerated sectors)
  --leave-unchanged           keep bad and protected sectors as read (no regeneration)
  --skip A-B[:C-D…]           LBA ranges treated as protected (not errors, regenerated)
  --skip-fill BYTE            fill byte of regenerated sectors (default 0x55)
  --cdr-error-threshold N     CD-R: leading/trailing C2 sectors tolerated per track (default 16)
  --audio-silence-threshold N maximum |sample| counted as silence (default 32)
  --correct-offset-shift      data disc whose write offset changes: read each range with its own
                              offset (default: warn and use the offset at LBA 0)
  --offset-shift-relocate     do not merge sync ranges whose offsets differ by whole sectors
  --overwrite                 replace existing .bin/.cue files
  --quiet                     print nothing but errors
  --json                      print one JSON result object on stdout

Exit codes: 0 ok, 1 failure (data errors, bad input), 2 usage.

Example:
  sectorkit split --image-path dumps --image-name "Game (USA)"
`,
  async run(args: string[], platform: Platform): Promise<number> {
    const { values } = parseOptions(args, {
      "image-path": { type: "string" },
      "image-name": { type: "string" },
      "force-offset": { type: "string" },
      "force-split": { type: "boolean" },
      "force-qtoc": { type: "boolean" },
      "leave-unchanged": { type: "boolean" },
      skip: { type: "string" },
      "skip-fill": { type: "string" },
      "cdr-error-threshold": { type: "string" },
      "audio-silence-threshold": { type: "string" },
      "correct-offset-shift": { type: "boolean" },
      "offset-shift-relocate": { type: "boolean" },
      overwrite: { type: "boolean" },
      quiet: { type: "boolean", short: "q" },
    });
    const json = values.json === true;
    const quiet = values.quiet === true;
    const image = imageArgs(values);
    const at = (ext: string): string => `${image.imagePath}/${image.imageName}.${ext}`;
    const exists = (p: string): Promise<boolean> => platform.fs.stat(p).then((s) => s !== null);
    if (!(await exists(at("scram"))) && await exists(at("iso")) && await exists(at("state"))) {
      const r = await runDvdSplit({
        ...image,
        forceSplit: values["force-split"] === true,
        onLog: json || quiet ? undefined : (l) => platform.console.out(l + "\n"),
      }, platform);
      if (json) platform.console.out(JSON.stringify(r, null, 2) + "\n");
      return 0;
    }
    const opts: SplitOptions = {
      ...image,
      forceSplit: values["force-split"] === true,
      forceQtoc: values["force-qtoc"] === true,
      skip: typeof values.skip === "string" ? values.skip : undefined,
      leaveUnchanged: values["leave-unchanged"] === true,
      correctOffsetShift: values["correct-offset-shift"] === true,
      offsetShiftRelocate: values["offset-shift-relocate"] === true,
      overwrite: values.overwrite === true,
      arguments: `split ${args.join(" ")}`,
      onLog: json || quiet ? undefined : (l) => platform.console.out(l + "\n"),
    };
    if (opts.skip !== undefined) parseSkipRanges(opts.skip);
    if (typeof values["force-offset"] === "string") {
      opts.forceOffset = parseInteger(values["force-offset"], "--force-offset", true);
    }
    if (typeof values["skip-fill"] === "string") {
      opts.skipFill = parseInteger(values["skip-fill"], "--skip-fill");
      if (opts.skipFill > 255) throw new UsageError("--skip-fill must be a byte (0..255)");
    }
    if (typeof values["cdr-error-threshold"] === "string") {
      opts.cdrErrorThreshold = parseInteger(values["cdr-error-threshold"], "--cdr-error-threshold");
    }
    if (typeof values["audio-silence-threshold"] === "string") {
      opts.audioSilenceThreshold = parseInteger(
        values["audio-silence-threshold"],
        "--audio-silence-threshold",
      );
    }
    const progress = new Progress(platform.console, platform.runtime, { quiet: quiet || json });
    opts.onProgress = (done, total) =>
      progress.update(() =>
        `writing tracks: ${done}/${total} sectors (${Math.floor((100 * done) / total)}%)`
      );
    let r;
    try {
      r = await runSplit(opts, platform);
    } finally {
      progress.done();
    }
    if (json) {
      const { log: _log, ...rest } = r;
      platform.console.out(JSON.stringify(rest, null, 2) + "\n");
    }
    return 0;
  },
};
