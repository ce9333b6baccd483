// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.

/** Where a command prints: results on stdout, progress and messages on stderr. */
export interface Console {
  /** Writes bytes to stdout. */
  writeStdout(data: Uint8Array): Promise<void>;
  /** Writes text to stdout. */
  out(text: string): void;
  /** Writes text to stderr. */
  err(text: string): void;
  /** Whether stderr is a terminal (live progress bars) or not (plain periodic lines). */
  readonly stderrIsTerminal: boolean;
  /** Terminal width in columns (80 when unknown). */
  columns(): number;
}

/** Time and interruption. */
export interface Runtime {
  /** Monotonic milliseconds. */
  now(): number;
  /** Wall-clock date. */
  date(): Date;
  /** Sleeps for `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
  /** Calls `handler` on Ctrl-C (SIGINT/SIGTERM); returns a function that removes it. */
  onInterrupt(handler: () => void): () => void;
  /** An environment variable, or undefined. */
  env(name: string): string | undefined;
  /** Current working directory. */
  cwd(): string;
  /** The OS: "linux", "windows", "darwin", … */
  readonly os: string;
  /** The CPU architecture: "x86_64", "aarch64". */
  readonly arch: string;
  /** Whether the process runs as root/Administrator (best effort). */
  readonly isPrivileged: boolean;
}
