// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import type { Console, Runtime } from "../platform/mod.ts";

/** Formats a byte count with binary units: `1.50 GiB`. */
export function formatBytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${n} B` : `${v.toFixed(2)} ${units[i]}`;
}

/** Formats seconds as `1h02m03s`, `2m05s` or `7s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "--";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, "0")}m${String(r).padStart(2, "0")}s`;
  if (m > 0) return `${m}m${String(r).padStart(2, "0")}s`;
  return `${r}s`;
}

/** Options for {@linkcode Progress}. */
export interface ProgressOptions {
  /** Print nothing. */
  quiet?: boolean;
  /** Milliseconds between plain lines when stderr is not a terminal (default 5000). */
  plainIntervalMs?: number;
  /** Milliseconds between redraws on a terminal (default 200). */
  ttyIntervalMs?: number;
}

/**
 * Progress on stderr: a redrawn line on a terminal, plain periodic lines otherwise (logs, CI).
 * The caller supplies the text; this class decides when and how to show it.
 *
 * @example Usage
 * ```ts
 * import { Progress } from "./progress.ts";
 * const lines: string[] = [];
 * const console = { err: (t: string) => lines.push(t), out() {}, async writeStdout() {},
 *   stderrIsTerminal: false, columns: () => 80 };
 * let t = 0;
 * const runtime = { now: () => t } as unknown as import("../platform/mod.ts").Runtime;
 * const p = new Progress(console, runtime, { plainIntervalMs: 1000 });
 * p.update(() => "10%");
 * t = 2000;
 * p.update(() => "20%");
 * p.done("done");
 * if (lines.join("") !== "10%\n20%\ndone\n") throw new Error(JSON.stringify(lines));
 * ```
 */
export class Progress {
  #console: Console;
  #runtime: Runtime;
  #quiet: boolean;
  #interval: number;
  #last = -Infinity;
  #drawn = false;

  /** Creates a progress reporter writing to `console`. */
  constructor(console: Console, runtime: Runtime, options: ProgressOptions = {}) {
    this.#console = console;
    this.#runtime = runtime;
    this.#quiet = options.quiet ?? false;
    this.#interval = console.stderrIsTerminal
      ? (options.ttyIntervalMs ?? 200)
      : (options.plainIntervalMs ?? 5000);
  }

  /** Shows the text from `render` if enough time has passed (or `force`). */
  update(render: () => string, force = false): void {
    if (this.#quiet) return;
    const now = this.#runtime.now();
    if (!force && now - this.#last < this.#interval) return;
    this.#last = now;
    const text = render();
    if (this.#console.stderrIsTerminal) {
      const cols = this.#console.columns();
      const width = Math.max(20, (cols > 0 ? cols : 80) - 1);
      this.#console.err(`\r\x1b[2K${text.slice(0, width)}`);
      this.#drawn = true;
    } else {
      this.#console.err(`${text}\n`);
    }
  }

  /** Prints a message line, clearing a live bar first. */
  log(text: string): void {
    if (this.#quiet) return;
    this.#clear();
    this.#console.err(`${text}\n`);
  }

  /** Clears the live line and prints a final message (if any). */
  done(text?: string): void {
    if (this.#quiet) return;
    this.#clear();
    if (text !== undefined) this.#console.err(`${text}\n`);
  }

  #clear(): void {
    if (this.#drawn) {
      this.#console.err("\r\x1b[2K");
      this.#drawn = false;
    }
  }
}
