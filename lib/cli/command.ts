// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import type { Platform } from "../platform/mod.ts";

/** A subcommand of the CLI. Each lives in its domain folder and is listed in `registry.ts`. */
export interface Command {
  /** The word users type (`image`, `split`, `locate`). */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full `--help` text: usage, options, at least one real example. */
  help: string;
  /** Runs the command on its arguments (after the command word); resolves to the exit code. */
  run(args: string[], platform: Platform): Promise<number>;
}
