// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import type { Command } from "./command.ts";
import { benchCommand } from "../bench/bench_command.ts";
import { driveCommand } from "../drive/drive_command.ts";
import { drivesCommand } from "../drive/drives_command.ts";

/**
 * Every subcommand, in the order `sectorkit --help` lists them. Add one import and one entry per
 * command; the command's code lives in its domain folder.
 */
export const COMMANDS: readonly Command[] = [
  benchCommand,
  drivesCommand,
  driveCommand,
];
