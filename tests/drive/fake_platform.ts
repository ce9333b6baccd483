// Copyright 2026 the sectorkit authors. MIT license.
/**
 * A Platform for drive tests: memory files, captured console, fixed clock, optional fake SCSI.
 *
 * @module
 */
import type { Platform, ScsiOpener } from "../../lib/platform/mod.ts";
import { COMMANDS } from "../../lib/cli/registry.ts";
import { runCli } from "../../lib/cli/run_cli.ts";
import { memoryFileStore } from "../scsi/fake_fs.ts";

/** The platform plus what it printed. */
export interface FakePlatform extends Platform {
  /** Everything written to stdout. */
  stdout: () => string;
  /** Everything written to stderr. */
  stderr: () => string;
  /** The memory file store. */
  fs: ReturnType<typeof memoryFileStore>;
}

/** Builds a fake platform. */
export function fakePlatform(
  options: {
    files?: Record<string, string | Uint8Array>;
    scsi?: ScsiOpener;
    env?: Record<string, string>;
  } = {},
): FakePlatform {
  let out = "";
  let err = "";
  const fs = memoryFileStore(options.files ?? {});
  return {
    fs,
    devices: {
      openBlockDevice: () => Promise.reject(new Error("no block devices in tests")),
      allocAligned: (n: number) => new Uint8Array(n),
    },
    console: {
      out: (t: string) => void (out += t),
      err: (t: string) => void (err += t),
      writeStdout: (d: Uint8Array) => Promise.resolve(void (out += new TextDecoder().decode(d))),
      stderrIsTerminal: false,
      columns: () => 80,
    },
    runtime: {
      now: () => 0,
      date: () => new Date("2026-01-02T03:04:05Z"),
      sleep: () => Promise.resolve(),
      onInterrupt: () => () => {},
      env: (n: string) => (options.env ?? { HOME: "/home/u" })[n],
      cwd: () => "/",
      os: "linux",
      arch: "x86_64",
      isPrivileged: false,
    },
    scsi: options.scsi,
    stdout: () => out,
    stderr: () => err,
  };
}

/** Runs the CLI on a fake platform; returns the exit code. */
export function run(p: Platform, args: string[]): Promise<number> {
  return runCli(args, COMMANDS, p);
}
