// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * `--drive virtual:SOURCE`: opens the virtual drive on a disc from a JSON spec, a CUE/BIN set, an
 * ISO, a redumper dump set (its `.scram`) or the built-in `demo`, modelled by a profile
 * (`plextor` by default, `mediatek`, `generic`, or a JSON file).
 *
 * @module
 */
import type { Disc } from "../../cd/disc/disc.ts";
import { DEMO_DISC_SPEC } from "../../cd/disc/demo_disc.ts";
import { synthesizeDisc } from "../../cd/disc/synthesize.ts";
import { FormatError, NotFoundError, UsageError } from "../../errors.ts";
import type { FileStore } from "../../platform/file_store.ts";
import type { ScsiTransport } from "../../platform/scsi_transport.ts";
import { loadDiscSource } from "../../cd/disc/load_disc.ts";
import { BUILTIN_PROFILES, type DriveProfile, parseProfile } from "./profile.ts";
import { VirtualDrive } from "./virtual_drive.ts";

/** Options of {@linkcode openVirtualDrive}. */
export interface OpenVirtualDriveOptions {
  /** Built-in profile name (`plextor`, `mediatek`, `generic`) or a JSON profile path. */
  profile?: string;
  /** Wait for modelled command durations (a number scales them). Default: no waiting. */
  simulateTime?: boolean | number;
}

/** Resolves a profile name or JSON path. */
export async function loadProfile(name: string | undefined, fs: FileStore): Promise<DriveProfile> {
  const n = name ?? "plextor";
  const builtin = BUILTIN_PROFILES[n.toLowerCase()];
  if (builtin) return builtin;
  if (!(await fs.stat(n))) {
    throw new UsageError(
      `Unknown virtual drive profile "${n}": use plextor, mediatek, generic or a JSON file`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(await fs.readTextFile(n));
  } catch (e) {
    throw new FormatError(`Cannot parse drive profile ${n}: ${(e as Error).message}`);
  }
  return parseProfile(json);
}

/** Resolves a disc source: `demo`, a JSON spec, `.cue`, `.iso` or a dump set's `.scram`. */
export async function loadDisc(source: string, fs: FileStore): Promise<Disc> {
  const src = source.replace(/^virtual:/, "");
  if (src === "demo") return synthesizeDisc(DEMO_DISC_SPEC);
  if (!(await fs.stat(src))) throw new NotFoundError(`Cannot open virtual disc ${src}: not found`);
  return await loadDiscSource(src, fs);
}

/**
 * Opens a virtual drive with a disc loaded.
 *
 * @example The demo disc in the default PLEXTOR
 * ```ts ignore
 * import { openVirtualDrive } from "./open_virtual_drive.ts";
 * const t = await openVirtualDrive("demo", {}, platform.fs);
 * const r = await t.execute(new Uint8Array(6), "none", null); // TEST UNIT READY
 * ```
 */
export async function openVirtualDrive(
  source: string,
  options: OpenVirtualDriveOptions,
  fs: FileStore,
): Promise<ScsiTransport> {
  const profile = await loadProfile(options.profile, fs);
  const disc = await loadDisc(source, fs);
  const name = source.startsWith("virtual:") ? source : `virtual:${source}`;
  return new VirtualDrive(disc, profile, { path: name, simulateTime: options.simulateTime });
}
