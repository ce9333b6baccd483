// Copyright 2026 the sectorkit authors. MIT license.
/**
 * The sectorkit CLI: builds the platform from ffi/, runs a command from lib/, exits with its code.
 *
 * @module
 */
import { COMMANDS } from "./lib/cli/registry.ts";
import { runCli } from "./lib/cli/run_cli.ts";
import { createPlatform } from "./ffi/mod.ts";

if (import.meta.main) {
  const platform = createPlatform();
  const code = await runCli(Deno.args, COMMANDS, platform, { defaultCommand: "disc" });
  Deno.exit(code);
}
