// Copyright 2026 the sectorkit authors. MIT license.
/** Access to ../shared/examples/cd (redumper's outputs for synthetic dumps). */

function isDir(u: URL): boolean {
  try {
    return Deno.statSync(u).isDirectory;
  } catch {
    return false;
  }
}

/**
 * The examples folder: ../shared relative to the repo root (CI), or one level further up for a
 * git worktree kept under a folder next to shared/.
 */
export const EXAMPLES_DIR: URL = [
  new URL("../../../shared/examples/cd/", import.meta.url),
  new URL("../../../../shared/examples/cd/", import.meta.url),
].find(isDir) ?? new URL("../../../shared/examples/cd/", import.meta.url);

/** Whether the examples are available (tests skip with a message when not). */
export function examplesAvailable(): boolean {
  return isDir(EXAMPLES_DIR);
}

/** The expected.json of an example. */
export interface ExampleExpected {
  case: string;
  write_offset_samples: number;
  split_must_fail: boolean;
  errors: { track: string; lba: number; state: string }[];
  files: ExampleFile[];
  cue: string | null;
  forced: { files: ExampleFile[]; cue: string } | null;
  redumper: {
    split_rc: number;
    logged_write_offset: number;
    universal_hash: string | null;
    log_lines: string[];
    hash_lines?: string[];
    info_lines: string[];
  };
}

/** One expected file. */
export interface ExampleFile {
  name: string;
  size: number;
  crc32: string;
  md5: string;
  sha1: string;
  lba_start: number;
  lba_end: number;
  in_cue: boolean;
  generated_sectors: number[];
}

/** Reads expected.json of `name`. */
export function readExpected(name: string): ExampleExpected {
  return JSON.parse(Deno.readTextFileSync(new URL(`${name}/expected.json`, EXAMPLES_DIR)));
}

/** Copies an example (decompressing .xz) into a new temp dir; returns the dir. */
export async function unpackExample(name: string): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: `sectorkit-${name}-` });
  const src = new URL(`${name}/`, EXAMPLES_DIR);
  for await (const e of Deno.readDir(src)) {
    const from = new URL(e.name, src).pathname;
    if (e.name.endsWith(".xz")) {
      const out = await Deno.open(`${dir}/${e.name.slice(0, -3)}`, { write: true, create: true });
      const p = new Deno.Command("xz", { args: ["-dc", from], stdout: "piped" }).spawn();
      await p.stdout.pipeTo(out.writable);
      const st = await p.status;
      if (!st.success) throw new Error(`xz -dc ${from} failed`);
    } else if (e.name.startsWith(name + ".")) {
      await Deno.copyFile(from, `${dir}/${e.name}`);
    }
  }
  return dir;
}

/** SHA-1 of a file, hex. */
export async function sha1File(path: string): Promise<string> {
  const d = await crypto.subtle.digest("SHA-1", await Deno.readFile(path));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
