// Copyright 2026 the sectorkit authors. MIT license.
/** Runs the CLI as a user does, for the image tests. */

const MAIN = new URL("../../main.ts", import.meta.url).pathname;

/** Result of one CLI run. */
export interface CliRun {
  /** Exit code. */
  code: number;
  /** stdout bytes. */
  stdout: Uint8Array;
  /** stderr text. */
  stderr: string;
  /** stdout parsed as JSON when `--json` was given (else {}). */
  json: Record<string, unknown>;
}

/** Spawns `deno run -A main.ts image ARGS` (not awaited). */
export function spawnImage(args: string[]): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "image", ...args],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
}

/** Runs `sectorkit image ARGS` to the end. */
export async function image(args: string[]): Promise<CliRun> {
  const out = await spawnImage(args).output();
  const text = new TextDecoder().decode(out.stdout);
  let json = {};
  if (args.includes("--json")) {
    try {
      json = JSON.parse(text);
    } catch { /* asserted by callers */ }
  }
  return { code: out.code, stdout: out.stdout, stderr: new TextDecoder().decode(out.stderr), json };
}
