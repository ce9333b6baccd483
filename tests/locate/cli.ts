// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Runs the CLI in-process with the real platform and a capturing console.
 *
 * @module
 */
import { createPlatform } from "../../ffi/mod.ts";
import { COMMANDS } from "../../lib/cli/registry.ts";
import { runCli } from "../../lib/cli/run_cli.ts";

/** Exit code, stdout and stderr of one CLI run. */
export async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const real = createPlatform();
  let out = "", err = "";
  const platform = {
    ...real,
    console: {
      ...real.console,
      writeStdout: (d: Uint8Array) => {
        out += new TextDecoder().decode(d);
        return Promise.resolve();
      },
      out: (t: string) => void (out += t),
      err: (t: string) => void (err += t),
      stderrIsTerminal: false,
      columns: () => 80,
    },
  };
  const code = await runCli(args, COMMANDS, platform);
  return { code, out, err };
}
