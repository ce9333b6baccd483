// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * `--drive` resolution: `virtual:SOURCE` (the in-process virtual drive), an OS device
 * (`/dev/sr0`, `/dev/sg1`, `D:`, `disk2`), or, with no `--drive`, the first optical drive with a
 * readable disc; with `--trace FILE` every command is recorded.
 *
 * @module
 */
import { NoMediumError, NotFoundError, UsageError } from "../errors.ts";
import type { Platform } from "../platform/mod.ts";
import type { ScsiTransport } from "../platform/scsi_transport.ts";
import { Mmc } from "../scsi/mmc.ts";
import { currentProfile, testUnitReady } from "../scsi/mmc_commands.ts";
import { recordingTransport } from "../scsi/trace.ts";
import { openVirtualDrive } from "./virtual/open_virtual_drive.ts";
import { windowsDrivePath } from "../scsi/sptd_layout.ts";

/** Options for {@linkcode openDrive}. */
export interface OpenDriveOptions {
  /** `--virtual-drive PROFILE` for `virtual:` drives. */
  virtualProfile?: string;
  /** `--trace FILE`: record every command. */
  trace?: string;
}

/** Normalises a user's drive name for the OS (`d` → `D:` on Windows). */
export function normalizeDriveSpec(spec: string, os: string): string {
  if (spec.startsWith("virtual:")) return spec;
  if (os === "windows") return windowsDrivePath(spec);
  if (os === "darwin" && /^disk\d+$/.test(spec)) return spec;
  return spec;
}

async function wrap(
  t: ScsiTransport,
  platform: Platform,
  options: OpenDriveOptions,
): Promise<ScsiTransport> {
  return options.trace ? await recordingTransport(t, platform.fs, options.trace) : t;
}

/** Whether a drive answers TEST UNIT READY (after a unit attention) with a non-zero profile. */
export async function driveReadiness(
  t: ScsiTransport,
): Promise<{ ready: boolean; reason: string; profile: number }> {
  const mmc = new Mmc(t);
  let err = await testUnitReady(mmc);
  for (let i = 0; i < 3 && err && err.senseKey === 6; i++) err = await testUnitReady(mmc);
  if (err) return { ready: false, reason: err.message.replace(/^Cannot .*?: /, ""), profile: 0 };
  let profile = 0;
  try {
    profile = await currentProfile(mmc);
  } catch {
    profile = -1; // GET CONFIGURATION unsupported: TUR success is enough
  }
  return profile === 0
    ? { ready: false, reason: "no disc (current profile 0)", profile }
    : { ready: true, reason: "", profile };
}

/**
 * Opens the drive the user named, or finds one.
 *
 * @example The virtual demo drive
 * ```ts ignore
 * const t = await openDrive("virtual:demo", platform);
 * ```
 */
export async function openDrive(
  spec: string | undefined,
  platform: Platform,
  options: OpenDriveOptions = {},
): Promise<ScsiTransport> {
  if (spec?.startsWith("virtual:")) {
    const source = spec.slice("virtual:".length);
    if (!source) {
      throw new UsageError(
        "--drive virtual:SOURCE needs a source (demo, a .cue, .iso, .scram or JSON spec)",
      );
    }
    return wrap(
      await openVirtualDrive(source, { profile: options.virtualProfile }, platform.fs),
      platform,
      options,
    );
  }
  const scsi = platform.scsi;
  if (!scsi) {
    throw new UsageError(
      `SCSI pass-through is not available on ${platform.runtime.os}; use --drive virtual:SOURCE`,
    );
  }
  if (spec) {
    return wrap(await scsi.open(normalizeDriveSpec(spec, platform.runtime.os)), platform, options);
  }
  const drives = (await scsi.list()).filter((d) => d.kind === "optical");
  if (drives.length === 0) {
    throw new NotFoundError(
      "No optical drive found; name one with --drive (or use --drive virtual:demo)",
    );
  }
  const found: string[] = [];
  for (const d of drives) {
    let t: ScsiTransport | undefined;
    try {
      t = await scsi.open(d.path);
      const r = await driveReadiness(t);
      if (r.ready) return wrap(t, platform, options);
      found.push(`${d.path} (${[d.vendor, d.product].filter(Boolean).join(" ")}): ${r.reason}`);
    } catch (e) {
      found.push(`${d.path}: ${e instanceof Error ? e.message : String(e)}`);
    }
    t?.close();
  }
  throw new NoMediumError(`No drive with a readable disc: ${found.join("; ")}`);
}
