// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import { ExitCode, SectorkitError } from "../errors.ts";
import type { Platform } from "../platform/mod.ts";
import { type CommandEntry, resolveCommand } from "./command.ts";
import { VERSION } from "./version.ts";

/** Options for {@linkcode runCli}. */
export interface RunCliOptions {
  /** The command run when none is given (none: print the command list). */
  defaultCommand?: string;
}

function overview(commands: readonly CommandEntry[]): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `sectorkit ${VERSION}: work with storage at the sector level`,
    "",
    "Usage: sectorkit <command> [options]     (sectorkit <command> --help for details)",
    "",
    "Commands:",
    ...lines,
    "",
    "Exit codes: 0 ok, 1 failure, 2 usage, 3 finished with unreadable sectors, 130 interrupted",
    "",
  ].join("\n");
}

/**
 * Runs the CLI: picks the command, prints help, and turns errors into one line on stderr and an
 * exit code. Unexpected errors (bugs) also print their stack when `SECTORKIT_DEBUG` is set.
 *
 * @example Usage
 * ```ts ignore
 * const code = await runCli(["image", "--help"], COMMANDS, platform);
 * ```
 */
export async function runCli(
  argv: string[],
  commands: readonly CommandEntry[],
  platform: Platform,
  options: RunCliOptions = {},
): Promise<number> {
  const { console } = platform;
  let args = argv;
  if (args[0] === "--help" || args[0] === "-h" || (args.length === 0 && !options.defaultCommand)) {
    console.out(overview(commands));
    return args.length === 0 ? ExitCode.Usage : ExitCode.Ok;
  }
  if (args[0] === "--version" || args[0] === "-V") {
    console.out(`sectorkit ${VERSION}\n`);
    return ExitCode.Ok;
  }
  if (options.defaultCommand && (args.length === 0 || args[0].startsWith("-"))) {
    args = [options.defaultCommand, ...args];
  }
  const [name, ...rest] = args;
  if (name === "help") {
    const c = commands.find((c) => c.name === rest[0]);
    console.out(c ? (await resolveCommand(c)).help.trimEnd() + "\n" : overview(commands));
    return ExitCode.Ok;
  }
  if (name === "--version" || name === "-V" || name === "version") {
    console.out(`sectorkit ${VERSION}\n`);
    return ExitCode.Ok;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    console.err(`sectorkit: unknown command "${name}" (try: sectorkit --help)\n`);
    return ExitCode.Usage;
  }
  const command = await resolveCommand(entry);
  if (rest.includes("--help") || rest.includes("-h")) {
    console.out(command.help.trimEnd() + "\n");
    return ExitCode.Ok;
  }
  try {
    return await command.run(rest, platform);
  } catch (e) {
    if (e instanceof SectorkitError) {
      console.err(`sectorkit ${name}: ${e.message}\n`);
      return e.exitCode;
    }
    const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    console.err(`sectorkit ${name}: ${msg.split("\n")[0]}\n`);
    if (platform.runtime.env("SECTORKIT_DEBUG") && e instanceof Error && e.stack) {
      console.err(e.stack + "\n");
    }
    return ExitCode.Failure;
  }
}
