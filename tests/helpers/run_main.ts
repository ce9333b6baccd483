// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Runs `deno run -A main.ts ARGS` as a user does (a child process), for the CLI tests.
 *
 * @module
 */

const MAIN = new URL("../../main.ts", import.meta.url).pathname;

/** Exit code, stdout and stderr of one run. */
export interface MainRun {
  /** Exit code. */
  code: number;
  /** stdout text. */
  out: string;
  /** stderr text. */
  err: string;
}

/** Runs the CLI with `args` (and extra environment variables) to the end. */
export async function runMain(args: string[], env: Record<string, string> = {}): Promise<MainRun> {
  const o = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, ...args],
    stdout: "piped",
    stderr: "piped",
    env,
  }).output();
  const d = new TextDecoder();
  return { code: o.code, out: d.decode(o.stdout), err: d.decode(o.stderr) };
}
