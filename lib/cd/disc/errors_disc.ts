// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import { SectorkitError } from "../../errors.ts";

/** An output file exists and overwriting was not asked for. */
export class FileExistsError extends SectorkitError {
  /** Creates the error for `path`. */
  constructor(path: string) {
    super(`Cannot write ${path}: file exists (use --overwrite)`, { path, code: "EEXIST" });
    this.name = "FileExistsError";
  }
}
