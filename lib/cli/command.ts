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

/**
 * A registry entry that loads its command's code on first use, so that starting one command does
 * not parse every other command's modules (about half of the start-up time).
 */
export interface LazyCommand {
  /** The word users type. */
  name: string;
  /** One line for the command list (equal to the loaded command's). */
  summary: string;
  /** Imports the command's module. */
  load(): Promise<Command>;
}

/** What a command list holds: commands, or entries that load them. */
export type CommandEntry = Command | LazyCommand;

/**
 * The command behind an entry (loading it when it is lazy).
 *
 * @example Usage
 * ```ts
 * import { resolveCommand } from "./command.ts";
 * const c = await resolveCommand({
 *   name: "hello",
 *   summary: "Say hello",
 *   load: () => Promise.resolve({ name: "hello", summary: "Say hello", help: "hello", run: () => Promise.resolve(0) }),
 * });
 * if (c.help !== "hello") throw new Error();
 * ```
 */
export function resolveCommand(entry: CommandEntry): Promise<Command> {
  return "load" in entry ? entry.load() : Promise.resolve(entry);
}
