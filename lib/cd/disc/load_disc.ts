// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import { FormatError } from "../../errors.ts";
import type { FileStore } from "../../platform/file_store.ts";
import type { Disc } from "./disc.ts";
import { synthesizeDisc } from "./synthesize.ts";

/**
 * Loads a disc from a file by its extension: `.json` (disc spec), `.cue` (CUE/BIN), `.iso`, or a
 * dump set's `.scram`.
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
    return synthesizeDisc(json);
  }
  throw new FormatError(
    `Cannot use ${path} as a virtual disc: expected a .json spec, .cue, .iso or .scram`,
  );
}
