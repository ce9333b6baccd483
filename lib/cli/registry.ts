// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import type { Command } from "./command.ts";
import { driveCommand } from "../drive/drive_command.ts";
import { drivesCommand } from "../drive/drives_command.ts";
import { discCommand } from "../dump/disc_command.ts";
import { dumpCommand, refineCommand } from "../dump/dump_command.ts";
import { imageCommand } from "../image/image_command.ts";
import { locateCommand, lsCommand, ownerCommand } from "../locate/mod.ts";
import { benchCommand } from "../bench/bench_command.ts";
import { splitCommand } from "../cd/split/split_command.ts";
import { hashCommand } from "../cd/hash/hash_command.ts";
import { infoCommand } from "../cd/info/info_command.ts";

/**
 * Every subcommand, in the order `sectorkit --help` lists them. Add one import and one entry per
 * command; the command's code lives in its domain folder.
 */
export const COMMANDS: readonly Command[] = [
  discCommand,
  dumpCommand,
  refineCommand,
  splitCommand,
  hashCommand,
  infoCommand,
  drivesCommand,
  driveCommand,
  imageCommand,
  locateCommand,
  ownerCommand,
  lsCommand,
  benchCommand,
];
