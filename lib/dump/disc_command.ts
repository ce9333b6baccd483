// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * `sectorkit disc`, the command most users run (and the default with no arguments): pick a free
 * drive with a disc, dump, refine when there were errors and `--retries` > 0, split, hash, info,
 * and print a summary. `disc info` / `disc write` hand over to the disc-source tools.
 *
 * @module
 */
import type { Command } from "../cli/command.ts";
import { parseInteger, parseOptions } from "../cli/parse_options.ts";
import { BusyError, ExitCode, NoMediumError, UsageError } from "../errors.ts";
import type { Platform } from "../platform/mod.ts";
import type { ScsiTransport } from "../platform/scsi_transport.ts";
import { discCommand as discToolsCommand } from "../cd/disc/disc_command.ts";
import { driveReadiness, openDrive } from "../drive/open_drive.ts";
import { runSplit, SplitDataError, type SplitResult } from "../cd/split/run_split.ts";
import { runHash } from "../cd/hash/run_hash.ts";
import { runInfo } from "../cd/info/run_info.ts";
import { type DriveLock, tryLockDrive } from "./drive_lock.ts";
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
import { passJson } from "./dump_command.ts";
import { detectMedium, runDvdDisc } from "./dvd_command.ts";

async function pickDrive(
  values: Record<string, unknown>,
  platform: Platform,
  job: string,
): Promise<{ transport: ScsiTransport; lock: DriveLock }> {
  const options = {
    virtualProfile: values["virtual-drive"] as string | undefined,
    trace: values.trace as string | undefined,
  };
  const named = values.drive as string | undefined;
  if (named) {
    const lock = await tryLockDrive(platform, named, job);
    if (!lock) {
      throw new BusyError(`${named} is in use by another sectorkit job; name another --drive`);
    }
    try {
      return { transport: await openDrive(named, platform, options), lock };
    } catch (e) {
      await lock.release();
      throw e;
    }
  }
  if (!platform.scsi) {
    throw new UsageError(
      `No SCSI pass-through on ${platform.runtime.os}; try: sectorkit disc --drive virtual:demo`,
    );
  }
  const drives = (await platform.scsi.list()).filter((d) => d.kind === "optical");
  if (drives.length === 0) {
    throw new NoMediumError(
      "No optical drive found; name one with --drive (or try --drive virtual:demo)",
    );
  }
  const found: string[] = [];
  for (const d of drives) {
    const lock = await tryLockDrive(platform, d.path, job);
    if (!lock) {
      found.push(`${d.path}: in use by another sectorkit job`);
      continue;
    }
    let t: ScsiTransport | undefined;
    try {
      t = await openDrive(d.path, platform, options);
      const r = await driveReadiness(t);
      if (r.ready) return { transport: t, lock };
      found.push(`${d.path}: ${r.reason}`);
    } catch (e) {
      found.push(`${d.path}: ${e instanceof Error ? e.message : String(e)}`);
    }
    t?.close();
    await lock.release();
  }
  throw new NoMediumError(`No free drive with a readable disc: ${found.join("; ")}`);
}

function sign(n: number): string {
  return n > 0 ? `+${n}` : `${n}`;
}

/** `sectorkit disc`. */
export const discCommand: Command = {
  name: "disc",
  summary: "Dump a CD, DVD or BD end to end: dump, refine, split, hash, info (the default command)",
  help: `Usage: sectorkit disc [--drive DRIVE] [--image-path DIR] [--image-name NAME] [options]
       sectorkit disc info SOURCE | disc write SOURCE --out DIR   (disc sources, see below)

Does what most users want in one go: picks the first free drive with a disc (or --drive; a second
\`sectorkit disc\` running at the same time takes the next free drive), dumps it raw (see
\`sectorkit dump --help\`), refines when there were errors and --retries > 0, splits into redump
BIN/CUE, hashes (DAT lines) and prints disc info; everything is appended to NAME.log, and a summary
with tracks, write offset, errors and DAT lines ends the run. \`sectorkit\` with no arguments runs it.
A DVD/BD is dumped to NAME.iso; its "split" checks that every sector was read (else "SCSI errors
detected", unless --force-split), hashes NAME.iso (DAT line) and shows the ISO 9660 volume.

Options:
${READ_OPTIONS_HELP}
  --overwrite             start a new dump even if NAME.state exists; replace .bin/.cue
  --force-refine          refine even when the disc's TOC differs from NAME.toc
  --force-split           split even with unreadable samples (regenerated sectors)
  --force-offset N        split with this write offset (samples)
  --correct-offset-shift  split: read each range of a shifting data disc with its own offset
  --offset-shift-relocate split: keep sync ranges whose offsets differ by whole sectors apart
  --force-qtoc            split by the TOC built from subchannel Q
  --plextor-leadin        PLEXTOR: also read the lead-in through negative LBAs
  --mediatek-skip-leadout MediaTek: do not read the lead-out from the drive cache

Disc sources (no drive needed): \`disc info SOURCE\` shows a disc source's layout, \`disc write
SOURCE --out DIR\` writes it as a dump set (sectorkit disc info --help).

Exit codes: 0 ok, 1 failure, 2 usage, 3 finished with unreadable sectors, 130 interrupted.

Examples:
  sectorkit disc --drive virtual:demo --image-path /tmp/x
  sectorkit disc --drive /dev/sr0 --image-path dumps --image-name "Game (USA)" --retries 10
`,
  async run(args: string[], platform: Platform): Promise<number> {
    if (args[0] === "info" || args[0] === "write") return discToolsCommand.run(args, platform);
    const { values, positionals } = parseOptions(args, {
      ...READ_OPTIONS,
      overwrite: { type: "boolean" },
      "force-refine": { type: "boolean" },
      "force-split": { type: "boolean" },
      "force-offset": { type: "string" },
      "correct-offset-shift": { type: "boolean" },
      "offset-shift-relocate": { type: "boolean" },
      "force-qtoc": { type: "boolean" },
      "plextor-leadin": { type: "boolean" },
      "mediatek-skip-leadout": { type: "boolean" },
    });
    if (positionals.length > 0) {
      throw new UsageError(
        `Unexpected argument "${
          positionals[0]
        }" (disc subcommands: info, write; the drive goes in --drive)`,
      );
    }
    const s = readSettings(values);
    const forceOffset = typeof values["force-offset"] === "string"
      ? parseInteger(values["force-offset"], "--force-offset", true)
      : undefined;
    const { console } = platform;
    const { transport, lock } = await pickDrive(values, platform, `disc ${args.join(" ")}`);
    const { medium, profile } = await detectMedium(transport);
    if (medium !== "cd") {
      try {
        const c = { transport, medium, profile, values, settings: s, argv: ["disc", ...args] };
        return await runDvdDisc(c, platform);
      } finally {
        transport.close();
        await lock.release();
      }
    }
    const stopFlag = interruptFlag(platform);
    try {
      const { config, identity, notes } = await resolveDriveConfig(transport, values, platform);
      const imageName = imageNameFor(s, transport.path, platform);
      const { progress, update } = progressReporter(platform, s.quiet, "dump");
      const log = (l: string): void => progress.log(l);
      log(`drive: ${transport.path}: ${identity}`);
      for (const n of notes) log(n);
      const common = passOptions(s, {
        transport,
        config,
        imageName,
        interrupted: stopFlag.interrupted,
        onProgress: update,
        onLog: log,
        argv: ["disc", ...args],
      });
      const dump = await runCdDump({
        ...common,
        overwrite: values.overwrite === true,
        extras: values["mediatek-skip-leadout"] !== true,
        plextorLeadin: values["plextor-leadin"] === true,
      }, platform);
      progress.done();
      let final: CdPassResult = dump;
      let refine: CdPassResult | null = null;
      const qLeft = s.refineSubchannel && dump.qErrorSectors > 0;
      if (!dump.interrupted && (dump.errorSectors > 0 || qLeft) && s.retries > 0) {
        const rp = progressReporter(platform, s.quiet, "refine");
        refine = await runCdRefine({
          ...common,
          onProgress: rp.update,
          retries: s.retries,
          forceRefine: values["force-refine"] === true,
        }, platform);
        rp.progress.done();
        final = refine;
      }
      if (final.interrupted) {
        log(`interrupted: run the same command again to continue (${dump.paths.state})`);
        if (s.json) {
          console.out(
            JSON.stringify({
              command: "disc",
              dump: passJson("dump", transport.path, config, dump),
              interrupted: true,
            }) + "\n",
          );
        }
        return ExitCode.Interrupted;
      }
      transport.close();
      const toolLog = s.quiet ? undefined : log;
      let split: SplitResult | null = null;
      let splitError: string | null = null;
      try {
        split = await runSplit({
          imagePath: s.imagePath,
          imageName,
          forceSplit: values["force-split"] === true,
          forceOffset,
          correctOffsetShift: values["correct-offset-shift"] === true,
          offsetShiftRelocate: values["offset-shift-relocate"] === true,
          forceQtoc: values["force-qtoc"] === true,
          // Sectors never read are protected for split too (redumper passes --skip to both).
          skip: typeof values.skip === "string" ? values.skip : undefined,
          overwrite: values.overwrite === true,
          arguments: ["disc", ...args].join(" "),
          onLog: toolLog,
        }, platform);
      } catch (e) {
        if (!(e instanceof SplitDataError)) throw e;
        splitError = e.message;
        log(`split: ${e.message}`);
      }
      const hash = split
        ? await runHash({ imagePath: s.imagePath, imageName, onLog: toolLog }, platform)
        : null;
      if (split) await runInfo({ imagePath: s.imagePath, imageName, onLog: toolLog }, platform);
      const errors = {
        scsi: dump.counters.scsiErrors,
        c2: dump.counters.c2Errors,
        q: dump.counters.qErrors,
      };
      if (s.json) {
        console.out(
          JSON.stringify({
            command: "disc",
            drive: transport.path,
            imagePath: s.imagePath,
            imageName,
            dump: passJson("dump", transport.path, config, dump),
            refine: refine ? passJson("refine", transport.path, config, refine) : null,
            incompleteSectors: final.errorSectors,
            split: split
              ? {
                writeOffset: split.writeOffset,
                cue: split.cuePath,
                tracks: split.tracks.map((t) => ({
                  name: t.name,
                  track: t.track,
                  type: t.type,
                  size: t.size,
                  sha1: t.sha1,
                })),
                universalHash: split.universalHash,
              }
              : null,
            splitError,
            dat: hash?.datLines ?? [],
            datExtra: hash?.datExtraLines ?? [],
          }) + "\n",
        );
      } else if (!s.quiet) {
        const lines = ["", `summary: ${s.imagePath}/${imageName}`];
        lines.push(`  drive: ${transport.path} (${identity})`);
        lines.push(
          `  dump: ${dump.counters.sectorsRead} sectors at ${
            dump.speedX.toFixed(1)
          }x, errors: SCSI ${errors.scsi}, C2 ${errors.c2}, Q ${errors.q}` +
            (refine ? `; after refine: ${final.errorSectors} incomplete sector(s)` : ""),
        );
        if (split) {
          lines.push(`  write offset: ${sign(split.writeOffset)}`);
          lines.push(`  tracks: ${split.tracks.filter((t) => t.inCue).length}`);
          for (const t of split.tracks) {
            lines.push(
              `    ${t.name}  ${t.type}  LBA ${t.lbaStart}..${t.lbaEnd - 1}${
                t.inCue ? "" : " (extra)"
              }`,
            );
          }
          lines.push("  dat:");
          for (const d of hash?.datLines ?? []) lines.push(`    ${d}`);
          if (hash?.datExtraLines.length) {
            lines.push("  dat (extra):");
            for (const d of hash.datExtraLines) lines.push(`    ${d}`);
          }
        } else {
          lines.push(`  split failed: ${splitError}`);
          lines.push(
            "  retry with --retries N, another drive (sectorkit refine), or --force-split",
          );
        }
        console.err(lines.join("\n") + "\n");
      }
      return final.errorSectors > 0 || splitError ? ExitCode.Unreadable : ExitCode.Ok;
    } finally {
      stopFlag.stop();
      transport.close();
      await lock.release();
    }
  },
};
