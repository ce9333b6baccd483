// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * `sectorkit drives`: the machine's optical drives (with medium, profile, read offset and database
 * verdict) and block devices; `sectorkit drives offsets --import FILE` imports the AccurateRip
 * drive-offset list; `sectorkit drives known` prints the built-in table.
 *
 * @module
 */
import type { Command } from "../cli/command.ts";
import { formatBytes } from "../cli/progress.ts";
import { parseOptions } from "../cli/parse_options.ts";
import { ExitCode, UsageError } from "../errors.ts";
import type { DriveListing, Platform } from "../platform/mod.ts";
import { profileName } from "../scsi/configuration.ts";
import { Mmc } from "../scsi/mmc.ts";
import { inquiry } from "../scsi/mmc_commands.ts";
import { allDrives, lookupDrive } from "./drive_database.ts";
import { loadOffsets, offsetsPath, parseOffsetList, saveOffsets } from "./drive_offsets.ts";
import { driveReadiness } from "./open_drive.ts";

/** One row of `drives --json`. */
export interface DriveReport extends DriveListing {
  /** Medium present and readable. */
  mediumPresent?: boolean;
  /** Why not, when not. */
  mediumState?: string;
  /** Current profile name (`CD-ROM`, `DVD-ROM`…). */
  currentProfile?: string;
  /** Known read offset in samples, or null. */
  readOffset?: number | null;
  /** Database verdict. */
  database?: string;
  /** Drive type from the database. */
  type?: string;
  /** Why the drive could not be queried. */
  error?: string;
}

async function describe(
  d: DriveListing,
  platform: Platform,
  offsets: Map<string, number>,
): Promise<DriveReport> {
  if (d.kind !== "optical") return { ...d };
  const r: DriveReport = { ...d };
  let t;
  try {
    t = await platform.scsi!.open(d.path);
    const inq = await inquiry(new Mmc(t));
    const lookup = lookupDrive(inq, offsets);
    r.vendor = inq.vendor;
    r.product = inq.product;
    r.revision = inq.revision;
    r.database = lookup.status;
    r.type = lookup.config.type;
    r.readOffset = lookup.offsetSource === "none" ? null : lookup.config.readOffset;
    const ready = await driveReadiness(t);
    r.mediumPresent = ready.ready;
    if (!ready.ready) r.mediumState = ready.reason;
    if (ready.profile > 0) r.currentProfile = profileName(ready.profile);
  } catch (e) {
    r.error = e instanceof Error ? e.message : String(e);
  } finally {
    t?.close();
  }
  return r;
}

function line(r: DriveReport): string {
  const name = [r.vendor, r.product, r.revision].filter(Boolean).join(" ") || "(unknown model)";
  if (r.kind !== "optical") {
    return `${r.path.padEnd(12)} disk     ${name}  ${formatBytes(r.sizeBytes)}`;
  }
  const paths = r.genericPath && r.genericPath !== r.path ? `${r.path} (${r.genericPath})` : r.path;
  if (r.error) return `${paths.padEnd(12)} optical  ${name}  (${r.error})`;
  const medium = r.mediumPresent
    ? `disc: ${r.currentProfile ?? "yes"}`
    : `no disc (${r.mediumState})`;
  const off = r.readOffset === null || r.readOffset === undefined
    ? "read offset unknown"
    : `read offset ${r.readOffset > 0 ? "+" : ""}${r.readOffset}`;
  return `${paths.padEnd(12)} optical  ${name}  ${medium}; ${off}; ${r.database} (${r.type})`;
}

async function importOffsets(
  file: string,
  platform: Platform,
  json: boolean,
  target?: string,
): Promise<number> {
  const path = target ?? offsetsPath(platform.runtime);
  if (!path) {
    throw new UsageError(
      "Cannot find a config directory (set HOME or XDG_CONFIG_HOME, or use --offsets-file)",
    );
  }
  const entries = parseOffsetList(await platform.fs.readTextFile(file));
  if (entries.length === 0) {
    throw new UsageError(
      `No drive offsets found in ${file}: expected the AccurateRip drive offset page or "VENDOR - PRODUCT<TAB>+OFFSET" lines`,
    );
  }
  await saveOffsets(platform.fs, path, entries, file, platform.runtime.date());
  if (json) platform.console.out(JSON.stringify({ imported: entries.length, path }) + "\n");
  else platform.console.out(`Imported ${entries.length} drive offsets into ${path}\n`);
  return ExitCode.Ok;
}

/** `sectorkit drives`. */
export const drivesCommand: Command = {
  name: "drives",
  summary: "List optical drives (medium, profile, read offset, known-good) and block devices",
  help: `Usage: sectorkit drives [--json]
       sectorkit drives offsets --import FILE [--offsets-file PATH]
       sectorkit drives known [--json]

Lists every optical drive (Linux: sysfs scsi_generic/block type 5, /dev/srN with its /dev/sgN;
Windows: CD-ROM drive letters; macOS: experimental) with vendor, product, revision, whether a
readable disc is loaded, its current profile (CD-ROM, DVD-ROM, BD-ROM…), the drive's known read
offset and whether it is a known-good model for dumping; then the other block devices.

  drives offsets --import FILE   import the AccurateRip drive read-offset list you downloaded
                                 (the web page saved as HTML, or "VENDOR - PRODUCT<TAB>+OFFSET"
                                 lines); stored in ~/.config/sectorkit/drive_offsets.json
  drives known                   print the built-in known-good and known-bad drive table

Options:
  --json                one JSON object on stdout: {"drives":[{path, kind, genericPath,
                        blockPath, vendor, product, revision, sizeBytes, removable,
                        mediumPresent, mediumState, currentProfile, readOffset, database,
                        type, error}]}
  --offsets-file PATH   where the imported offset list is read from / written to

Examples:
  sudo sectorkit drives
  sectorkit drives offsets --import ~/Downloads/driveoffsets.htm
`,
  async run(args, platform) {
    const { values, positionals } = parseOptions(args, {
      import: { type: "string" },
      "offsets-file": { type: "string" },
    });
    const json = values.json === true;
    const sub = positionals[0];
    const offsetsFile = values["offsets-file"] as string | undefined;
    if (sub === "offsets") {
      if (typeof values.import !== "string") {
        throw new UsageError("drives offsets needs --import FILE");
      }
      return importOffsets(values.import, platform, json, offsetsFile);
    }
    if (sub === "known") {
      const rows = allDrives().map((r) => ({ ...r.record, status: r.status }));
      if (json) platform.console.out(JSON.stringify({ drives: rows }) + "\n");
      else {
        for (const r of rows) {
          platform.console.out(
            `${r.status.padEnd(10)} ${r.vendor} ${r.product} ${r.revision}`.padEnd(56) +
              ` ${r.type.padEnd(7)} offset ${
                r.readOffset > 0 ? "+" : ""
              }${r.readOffset} ${r.readMethod} ${r.sectorOrder}\n`,
          );
        }
      }
      return ExitCode.Ok;
    }
    if (sub !== undefined) {
      throw new UsageError(`Unknown drives subcommand "${sub}" (try: offsets, known)`);
    }
    if (!platform.scsi) {
      throw new UsageError(`Drive listing is not available on ${platform.runtime.os}`);
    }
    const offsets = await loadOffsets(platform.fs, offsetsFile ?? offsetsPath(platform.runtime));
    const list = await platform.scsi.list();
    const reports: DriveReport[] = [];
    for (const d of list) reports.push(await describe(d, platform, offsets));
    if (json) platform.console.out(JSON.stringify({ drives: reports }) + "\n");
    else if (reports.length === 0) platform.console.out("No drives found.\n");
    else platform.console.out(reports.map(line).join("\n") + "\n");
    return ExitCode.Ok;
  },
};
