// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import { FormatError } from "../../errors.ts";
import type { FileStore } from "../../platform/file_store.ts";
import { loadCue } from "./cue_disc.ts";
import type { Disc } from "./disc.ts";
import { loadDumpSet } from "./dump_set_disc.ts";
import { loadIso } from "./iso_disc.ts";
import { isDvdSpec, loadDvdSpec } from "./dvd_disc.ts";
import { synthesizeDisc } from "./synthesize.ts";
import type { TrackSpec } from "./disc_spec.ts";
import { DEMO_DISC_SPEC } from "./demo_disc.ts";
import { NotFoundError } from "../../errors.ts";

/**
 * Resolves a disc source as `--drive virtual:SOURCE` names it: `demo` (built-in), or a path to a
 * JSON spec, `.cue`, `.iso` or a dump set's `.scram`. A leading `virtual:` is ignored.
 *
 * @example The built-in demo disc
 * ```ts
 * import { loadDisc } from "./load_disc.ts";
 * const fs = {} as import("../../platform/file_store.ts").FileStore; // not touched for "demo"
 * const disc = await loadDisc("virtual:demo", fs);
 * if (disc.tracks.length !== 4 || disc.writeOffset !== 12) throw new Error();
 * ```
 */
export async function loadDisc(source: string, fs: FileStore): Promise<Disc> {
  const src = source.replace(/^virtual:/, "");
  if (src === "demo") return synthesizeDisc(DEMO_DISC_SPEC);
  if (!(await fs.stat(src))) throw new NotFoundError(`Cannot open virtual disc ${src}: not found`);
  return await loadDiscSource(src, fs);
}

/**
 * Loads a disc from a file by its extension: `.json` (disc spec), `.cue` (CUE/BIN), `.iso`, or a
 * dump set's `.scram` (siblings by name).
 */
export async function loadDiscSource(path: string, fs: FileStore): Promise<Disc> {
  const lower = path.toLowerCase();
  if (lower.endsWith(".json")) {
    let json: unknown;
    try {
      json = JSON.parse(await fs.readTextFile(path));
    } catch (e) {
      throw new FormatError(`Cannot parse disc spec ${path}: ${(e as Error).message}`);
    }
    // Track content files are relative to the spec.
    const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "";
    if (isDvdSpec(json)) return await loadDvdSpec(json, dir, fs);
    const spec = json as { sessions?: { tracks?: TrackSpec[] }[]; tracks?: TrackSpec[] };
    const tracks = [
      ...(spec.tracks ?? []),
      ...(spec.sessions ?? []).flatMap((s) => s.tracks ?? []),
    ];
    for (const t of tracks) {
      if (typeof t?.file === "string") {
        t.bytes = await fs.readFile(t.file.startsWith("/") ? t.file : dir + t.file);
      }
    }
    return synthesizeDisc(json);
  }
  if (lower.endsWith(".cue")) return await loadCue(path, fs);
  if (lower.endsWith(".iso")) return await loadIso(path, fs);
  if (lower.endsWith(".scram")) return await loadDumpSet(path, fs);
  throw new FormatError(
    `Cannot use ${path} as a virtual disc: expected a .json spec, .cue, .iso or .scram`,
  );
}
