// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "../errors.ts";

/** Option specs as `node:util` `parseArgs` takes them. */
export type OptionSpecs = NonNullable<ParseArgsConfig["options"]>;

/** Parsed options: values by name, plus positionals. */
export interface ParsedOptions {
  /** Option values by name (string, boolean, or arrays for `multiple`). */
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  /** Positional arguments. */
  positionals: string[];
}

/**
 * Parses a command's arguments strictly; any problem becomes a one-line {@linkcode UsageError}.
 * `--help`/`-h` and `--json` are always accepted.
 *
 * @example Usage
 * ```ts
 * import { parseOptions } from "./parse_options.ts";
 * const { values, positionals } = parseOptions(["--size", "4096", "src"], {
 *   size: { type: "string" },
 * });
 * if (values.size !== "4096" || positionals[0] !== "src") throw new Error("unexpected");
 * ```
 */
export function parseOptions(args: string[], options: OptionSpecs): ParsedOptions {
  try {
    const r = parseArgs({
      args,
      options: {
        help: { type: "boolean", short: "h" },
        json: { type: "boolean" },
        ...options,
      },
      strict: true,
      allowPositionals: true,
      allowNegative: true,
    });
    return { values: r.values as ParsedOptions["values"], positionals: r.positionals };
  } catch (e) {
    const msg = e instanceof Error ? e.message.split("\n")[0] : String(e);
    throw new UsageError(msg.replace(/\. To specify a positional argument.*$/, ""));
  }
}

/**
 * Parses a byte count with an optional suffix: `512`, `4k`/`4KiB` (1024), `1M`, `2G`, `1T`,
 * `1kB`/`1MB` (1000), `8s` (sectors of `sectorSize`).
 *
 * @example Usage
 * ```ts
 * import { parseSize } from "./parse_options.ts";
 * if (parseSize("1M") !== 1048576) throw new Error("unexpected");
 * if (parseSize("8s", "--size", 512) !== 4096) throw new Error("unexpected");
 * ```
 */
export function parseSize(text: string, option = "size", sectorSize = 512): number {
  const m = /^(0x[0-9a-f]+|\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  if (!m) {
    throw new UsageError(`Cannot parse ${option} "${text}": expected a number like 4096, 1M or 8s`);
  }
  const n = m[1].startsWith("0x") ? parseInt(m[1], 16) : Number(m[1]);
  const unit = m[2].toLowerCase();
  const table: Record<string, number> = {
    "": 1,
    b: 1,
    s: sectorSize,
    k: 1024,
    kib: 1024,
    m: 1024 ** 2,
    mib: 1024 ** 2,
    g: 1024 ** 3,
    gib: 1024 ** 3,
    t: 1024 ** 4,
    tib: 1024 ** 4,
    kb: 1000,
    mb: 1000 ** 2,
    gb: 1000 ** 3,
    tb: 1000 ** 4,
  };
  const mult = table[unit];
  if (mult === undefined) {
    throw new UsageError(`Cannot parse ${option} "${text}": unknown unit "${m[2]}"`);
  }
  const v = n * mult;
  if (!Number.isSafeInteger(v) || v < 0) {
    throw new UsageError(`Cannot parse ${option} "${text}": not a whole byte count`);
  }
  return v;
}

/**
 * Parses a non-negative (or any, with `allowNegative`) integer option.
 *
 * @example Usage
 * ```ts
 * import { parseInteger } from "./parse_options.ts";
 * if (parseInteger("-75", "--lba-start", true) !== -75) throw new Error("unexpected");
 * ```
 */
export function parseInteger(text: string, option: string, allowNegative = false): number {
  const t = text.trim();
  const v = /^[+-]?0x[0-9a-f]+$/i.test(t)
    ? parseInt(t, 16)
    : /^[+-]?\d+$/.test(t)
    ? Number(t)
    : NaN;
  if (!Number.isSafeInteger(v) || (!allowNegative && v < 0)) {
    throw new UsageError(
      `Cannot parse ${option} "${text}": expected ${
        allowNegative ? "an" : "a non-negative"
      } integer`,
    );
  }
  return v;
}
