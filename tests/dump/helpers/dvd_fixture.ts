// Copyright 2026 the sectorkit authors. MIT license.
/** Small DVD/BD fixtures: an xorriso ISO and DVD specs for the virtual drive. */
import { createHash } from "node:crypto";
import { createPlatform } from "../../../ffi/mod.ts";
import { loadDisc } from "../../../lib/cd/disc/load_disc.ts";
import { type DriveProfile, PLEXTOR } from "../../../lib/drive/virtual/profile.ts";
import { VirtualDrive } from "../../../lib/drive/virtual/virtual_drive.ts";

/** The real platform. */
export const platform = createPlatform();

/** Whether xorriso is installed. */
export function hasXorriso(): boolean {
  try {
    return new Deno.Command("xorriso", { args: ["-version"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}

/** Makes `dir/src.iso` (volume DVDTEST, ~650 KB of seeded content); returns its path. */
export async function makeIso(dir: string): Promise<string> {
  await Deno.mkdir(`${dir}/src`, { recursive: true });
  const payload = new Uint8Array(600_000).map((_, i) => (i * 131 + (i >> 9)) & 0xff);
  await Deno.writeFile(`${dir}/src/payload.bin`, payload);
  await Deno.writeTextFile(`${dir}/src/readme.txt`, "sectorkit dvd fixture\n");
  const out = `${dir}/src.iso`;
  const mk = await new Deno.Command("xorriso", {
    args: ["-as", "mkisofs", "-quiet", "-V", "DVDTEST", "-o", out, `${dir}/src`],
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!mk.success) throw new Error(new TextDecoder().decode(mk.stderr));
  return out;
}

/** Writes a DVD/BD spec beside the ISO; returns its path. */
export async function writeSpec(
  dir: string,
  name: string,
  spec: Record<string, unknown>,
): Promise<string> {
  const path = `${dir}/${name}.json`;
  await Deno.writeTextFile(path, JSON.stringify({ iso: "src.iso", ...spec }));
  return path;
}

/** A virtual drive with the spec's disc loaded. */
export async function driveFor(
  specPath: string,
  profile: Partial<DriveProfile> = {},
  maxTransferBytes?: number,
): Promise<VirtualDrive> {
  const disc = await loadDisc(specPath, platform.fs);
  return new VirtualDrive(disc, { ...PLEXTOR, ...profile }, {
    path: `virtual:${specPath}`,
    maxTransferBytes,
  });
}

/** SHA-1 of a file (hex). */
export async function sha1File(path: string): Promise<string> {
  return createHash("sha1").update(await Deno.readFile(path)).digest("hex");
}
