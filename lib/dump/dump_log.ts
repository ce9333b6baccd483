// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The `.log` of a dump set: lines collected during a run and appended to `NAME.log`, each run
 * opening with redumper's `=== YYYY-MM-DD HH:MM:SS ===` header.
 *
 * @module
 */
import type { FileStore } from "../platform/mod.ts";

/** Formats the run header line. */
export function logHeader(date: Date): string {
  const p = (n: number): string => String(n).padStart(2, "0");
  return `=== ${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())} ` +
    `${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())} ===`;
}

/**
 * Collects log lines and appends them to a file on {@linkcode DumpLog.flush}.
 *
 * @example Usage
 * ```ts ignore
 * const log = new DumpLog(platform.fs, "/tmp/x/disc.log", (l) => progress.log(l));
 * log.line("dump started");
 * await log.flush();
 * ```
 */
export class DumpLog {
  #fs: FileStore;
  #path: string;
  #pending: string[] = [];
  #mirror?: (line: string) => void;

  /** Creates a log writing to `path`; `mirror` also shows each line (stderr). */
  constructor(fs: FileStore, path: string, mirror?: (line: string) => void) {
    this.#fs = fs;
    this.#path = path;
    this.#mirror = mirror;
  }

  /** Adds a line (shown through the mirror too). */
  line(text: string): void {
    this.#pending.push(text);
    this.#mirror?.(text);
  }

  /** Adds a line to the file only. */
  quiet(text: string): void {
    this.#pending.push(text);
  }

  /** Appends pending lines to the file. */
  async flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const text = this.#pending.join("\n") + "\n";
    this.#pending = [];
    await this.#fs.appendTextFile(this.#path, text);
  }
}
