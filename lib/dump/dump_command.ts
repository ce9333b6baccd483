// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * `sectorkit dump` and `sectorkit refine`: raw CD reads into a redumper-format dump set.
 *
 * @module
 */
import type { Command } from "../cli/command.ts";
import { parseOptions } from "../cli/parse_options.ts";
import { ExitCode, UsageError } from "../errors.ts";
import type { Platform } from "../platform/mod.ts";
import { openDriveFromOptions } from "../drive/drive_options.ts";
import {
  imageNameFor,
  interruptFlag,
  passOptions,
  progressReporter,
  READ_OPTIONS,
  READ_OPTIONS_HELP,
  readSettings,
  resolveDriveConfig,
} from "./dump_options.ts";
import { type CdPassResult, runCdDump, runCdRefine } from "./run_cd_dump.ts";
import type { DumpDriveConfig } from "./drive_config.ts";
import { detectMedium, runDvdPassCommand } from "./dvd_command.ts";

/** The `--json` object of dump and refine. */
export function passJson(
  command: string,
  drive: string,
  config: DumpDriveConfig,
  r: CdPassResult,
): Record<string, unknown> {
  const c = r.counters;
  return {
    command,
    drive,
    config,
    imagePath: r.paths.dir,
    imageName: r.paths.name,
    files: {
      scram: r.paths.scram,
      state: r.paths.state,
      subcode: r.paths.subcode,
      toc: r.paths.toc,
      log: r.paths.log,
    },
    range: { start: r.zones[0]?.start ?? 0, end: r.zones[r.zones.length - 1]?.end ?? 0 },
    tracks: r.layout.tracks.length,
    sessions: r.layout.sessions.length,
    leadout: r.layout.leadout,
    resumed: r.resumed,
    interrupted: r.interrupted,
    sectorsRead: c.sectorsRead,
    errors: { scsi: c.scsiErrors, c2: c.c2Errors, c2Samples: c.c2Samples, q: c.qErrors },
    desyncs: c.desyncs,
    cacheFlushes: c.flushes,
    incompleteSectors: r.errorSectors,
    qErrorSectors: r.qErrorSectors,
    durationMs: Math.round(r.durationMs),
    speed: Number(r.speedX.toFixed(2)),
  };
}

/** Exit code of a pass: 130 interrupted, 3 unreadable sectors left, else 0. */
export function passExitCode(r: CdPassResult): number {
  if (r.interrupted) return ExitCode.Interrupted;
  return r.errorSectors > 0 ? ExitCode.Unreadable : ExitCode.Ok;
}

async function runPassCommand(
  kind: "dump" | "refine",
  args: string[],
  platform: Platform,
): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    ...READ_OPTIONS,
    overwrite: { type: "boolean" },
    "force-refine": { type: "boolean" },
    "plextor-leadin": { type: "boolean" },
    "mediatek-skip-leadout": { type: "boolean" },
  });
  if (positionals.length > 0) {
    throw new UsageError(`Unexpected argument "${positionals[0]}" (name the drive with --drive)`);
  }
  const s = readSettings(values);
  if (kind === "refine" && !s.imageName) {
    throw new UsageError("refine needs --image-name NAME (the dump set to refine)");
  }
  const transport = await openDriveFromOptions(values, platform);
  const { medium, profile } = await detectMedium(transport);
  if (medium !== "cd") {
    try {
      const c = { transport, medium, profile, values, settings: s, argv: [kind, ...args] };
      return await runDvdPassCommand(c, kind, platform);
    } finally {
      transport.close();
    }
  }
  const stopFlag = interruptFlag(platform);
  try {
    const { config, identity, notes } = await resolveDriveConfig(transport, values, platform);
    const imageName = imageNameFor(s, transport.path, platform);
    const { progress, update } = progressReporter(platform, s.quiet, kind);
    progress.log(`drive: ${transport.path}: ${identity}`);
    for (const n of notes) progress.log(n);
    const common = passOptions(s, {
      transport,
      config,
      imageName,
      interrupted: stopFlag.interrupted,
      onProgress: update,
      onLog: (l: string) => progress.log(l),
      argv: [kind, ...args],
    });
    const r = kind === "dump"
      ? await runCdDump({
        ...common,
        overwrite: values.overwrite === true,
        extras: values["mediatek-skip-leadout"] !== true,
        plextorLeadin: values["plextor-leadin"] === true,
      }, platform)
      : await runCdRefine({
        ...common,
        retries: s.retries,
        forceRefine: values["force-refine"] === true,
      }, platform);
    progress.done();
    if (s.json) {
      platform.console.out(JSON.stringify(passJson(kind, transport.path, config, r)) + "\n");
    } else if (!s.quiet) {
      platform.console.err(
        `${kind} ${
          r.interrupted ? "interrupted" : "done"
        }: ${r.paths.dir}/${r.paths.name}.scram, ` +
          `${r.counters.sectorsRead} sectors read at ${r.speedX.toFixed(1)}x, ` +
          `${r.errorSectors} incomplete sector(s)\n`,
      );
    }
    return passExitCode(r);
  } finally {
    stopFlag.stop();
    transport.close();
  }
}

/** `sectorkit dump`. */
export const dumpCommand: Command = {
  name: "dump",
  summary:
    "Dump a CD raw (scrambled, subchannel, C2) or a DVD/BD (.iso) into a redumper-format set",
  help: `Usage: sectorkit dump [--drive DRIVE] [--image-path DIR] [--image-name NAME] [options]

Reads every sector of the CD as audio, front to back: READ CD as CD-DA first (data sectors stay
scrambled), else all sector types re-scrambled, or PLEXTOR READ CDDA; raw P-W subchannel and C2
pointers; from the drive's pregap start through the lead-out (over-reading while reads succeed and
are fast; slow session gaps are skipped). Writes NAME.scram (read-offset corrected), NAME.state
(one state per sample), NAME.subcode, NAME.toc/.fulltoc/.pma/.atip/.cdtext and NAME.log, the files
\`redumper split\` and \`sectorkit split\` read. MediaTek drives add the lead-out from their cache.

DVD/BD (detected by the drive's current profile): READ(12) batches of 32 sectors into NAME.iso +
NAME.state (one state per sector), plus NAME.physical[.N], NAME.manufacturer[.N] and NAME.bca (raw
READ DISC STRUCTURE replies); a failing batch is marked unread as a whole. CSS is not handled.

Run it again on the same disc to continue an interrupted dump (only incomplete sectors are read);
--overwrite starts over. Ctrl-C stops after the current batch and leaves consistent files.

Options:
${READ_OPTIONS_HELP}
  --overwrite             start a new dump even if NAME.state exists
  --plextor-leadin        PLEXTOR: also read the lead-in through negative LBAs
  --mediatek-skip-leadout MediaTek: do not read the lead-out from the drive cache

Exit codes: 0 ok, 1 failure, 2 usage, 3 finished with unreadable sectors, 130 interrupted.

Examples:
  sectorkit dump --drive /dev/sr0 --image-path dumps --image-name "Game (USA)"
  sectorkit dump --drive virtual:demo --virtual-drive mediatek --image-path /tmp/d --json
`,
  run: (args, platform) => runPassCommand("dump", args, platform),
};

/** `sectorkit refine`. */
export const refineCommand: Command = {
  name: "refine",
  summary: "Re-read imperfect samples of a CD dump set (retries with cache flushes)",
  help: `Usage: sectorkit refine --image-name NAME [--image-path DIR] [--drive DRIVE] --retries N

Re-reads only sectors whose samples are not all good (SCSI errors, C2 errors), up to --retries
times each with a drive cache flush (READ(12) FUA) before every attempt, and keeps the better state
per sample - so a second drive with another read offset can fill what the first could not. Refuses
a different disc (TOC differs from NAME.toc) unless --force-refine. DVD/BD: re-reads the unread
batches (FUA on retries), then sector by sector; a different NAME.physical is refused likewise.

Options:
${READ_OPTIONS_HELP}
  --force-refine          refine even when the disc's TOC differs from NAME.toc

Exit codes: 0 ok, 1 failure, 2 usage, 3 unreadable sectors remain, 130 interrupted.

Example:
  sectorkit refine --drive /dev/sr1 --image-path dumps --image-name "Game (USA)" --retries 10
`,
  run: (args, platform) => runPassCommand("refine", args, platform),
};
