// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The `NAME.log` every CD command appends to, with redumper's run header
 * (`=== YYYY-MM-DD HH:MM:SS ===…`).
 *
 * @module
 */
import type { FileStore } from "../platform/mod.ts";
import { VERSION } from "../cli/version.ts";

/**
 * The run header line for a date (UTC).
 *
 * @example Usage
 * ```ts
 * import { logHeader } from "./run_log.ts";
 * const h = logHeader(new Date(Date.UTC(2026, 10, 22, 0, 42, 2)));
 * if (!h.startsWith("=== 2026-11-22 00:42:02 ===") || h.length !== 80) throw new Error(h);
 * ```
 */
export function logHeader(date: Date): string {
  const p = (n: number): string => String(n).padStart(2, "0");
  const d = `${date.getUTCFullYear()}-${p(date.getUTCMonth() + 1)}-${p(date.getUTCDate())} ${
    p(date.getUTCHours())
  }:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())}`;
  return `=== ${d} `.padEnd(80, "=");
}

/** Collects a run's lines; optionally echoes them as they come. */
export class RunLog {
  /** Lines so far. */
  readonly lines: string[] = [];
  #echo?: (line: string) => void;

  /** Creates the log; `echo` receives each line (e.g. to print it). */
  constructor(echo?: (line: string) => void) {
    this.#echo = echo;
  }

  #echoed = 0;
  #holes = new Set<number>();

  /** Adds lines. */
  add(...lines: string[]): void {
    this.lines.push(...lines);
    this.#flush();
  }

  /** Reserves a line filled later with {@linkcode RunLog.fill}; echo waits for it. */
  reserve(): number {
    this.#holes.add(this.lines.length);
    this.lines.push("");
    return this.lines.length - 1;
  }

  /** Fills a reserved line (`null` removes it). */
  fill(index: number, line: string | null): void {
    this.#holes.delete(index);
    if (line === null) {
      this.lines.splice(index, 1);
      this.#holes = new Set([...this.#holes].map((h) => (h > index ? h - 1 : h)));
      if (this.#echoed > index) this.#echoed--;
    } else this.lines[index] = line;
    this.#flush();
  }

  #flush(): void {
    while (this.#echoed < this.lines.length && !this.#holes.has(this.#echoed)) {
      const line = this.lines[this.#echoed++];
      this.#echo?.(line);
    }
  }

  /** Appends the run (header, preamble, lines) to `path`. */
  async appendTo(
    fs: FileStore,
    path: string,
    date: Date,
    command: string,
    args: string,
    imagePath: string,
    imageName: string,
  ): Promise<void> {
    const text = [
      logHeader(date),
      `sectorkit (version: ${VERSION})`,
      "",
      `arguments: ${args}`,
      "",
      `image path: ${imagePath}`,
      `image name: ${imageName}`,
      "",
      `*** ${command.toUpperCase()}`,
      "",
      ...this.lines,
      "",
      "*** END",
      "",
      "",
    ].join("\n");
    await fs.appendTextFile(path, text);
  }
}
