// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The rescue domain of GNU ddrescue's `--domain-mapfile` (`-m`): only the blocks a mapfile marks
 * finished (`+`) are rescued; every other byte is neither read nor written.
 *
 * @module
 */
import { FormatError, SectorkitError, UsageError } from "../errors.ts";
import type { FileStore } from "../platform/file_store.ts";
import { type BlockStatus, parseMapfile } from "./mapfile.ts";
import type { RescueMap, StatusTotals } from "./rescue_map.ts";

/** Sorted, disjoint, non-empty byte ranges `[start, end)`. */
export type Domain = [number, number][];

/**
 * The finished (`+`) blocks of a mapfile's text as a {@linkcode Domain} (adjacent blocks merged).
 * Throws a FormatError when the text is not a mapfile.
 *
 * @example Usage
 * ```ts
 * import { domainFromMapfile } from "./domain.ts";
 * const d = domainFromMapfile("0 +\n0 512 ?\n512 1024 +\n1536 512 -\n2048 512 +\n");
 * if (JSON.stringify(d) !== "[[512,1536],[2048,2560]]") throw new Error(JSON.stringify(d));
 * ```
 */
export function domainFromMapfile(text: string, name = "domain mapfile"): Domain {
  const out: Domain = [];
  for (const b of parseMapfile(text, name).blocks) {
    if (b.status !== "+" || b.size === 0) continue;
    const last = out[out.length - 1];
    if (last && last[1] === b.pos) last[1] += b.size;
    else out.push([b.pos, b.pos + b.size]);
  }
  return out;
}

/**
 * Checks a domain read from `name` against a source of `sourceSize` bytes imaged over
 * `[start, end)` and returns the part inside that range. Throws (one line) when the domain has no
 * finished block, reaches beyond the end of the source, or misses the range entirely.
 *
 * @example Usage
 * ```ts
 * import { clipDomain } from "./domain.ts";
 * const d = clipDomain([[0, 1024], [4096, 8192]], "d.map", 8192, 512, 6144);
 * if (JSON.stringify(d) !== "[[512,1024],[4096,6144]]") throw new Error(JSON.stringify(d));
 * ```
 */
export function clipDomain(
  domain: Domain,
  name: string,
  sourceSize: number,
  start: number,
  end: number,
): Domain {
  if (domain.length === 0) {
    throw new UsageError(`Domain mapfile ${name} has no finished (+) blocks: nothing to rescue`);
  }
  const last = domain[domain.length - 1];
  if (last[1] > sourceSize) {
    throw new FormatError(
      `Domain mapfile ${name} reaches byte ${
        last[1]
      }, beyond the end of SOURCE (${sourceSize} bytes)`,
    );
  }
  const out: Domain = [];
  for (const [s, e] of domain) {
    const a = Math.max(s, start);
    const b = Math.min(e, end);
    if (a < b) out.push([a, b]);
  }
  if (out.length === 0) {
    throw new UsageError(
      `Domain mapfile ${name} has no finished block inside bytes ${start}-${end}: nothing to rescue`,
    );
  }
  return out;
}

/**
 * Total bytes of a domain.
 *
 * @example Usage
 * ```ts
 * import { domainSize } from "./domain.ts";
 * if (domainSize([[0, 512], [1024, 4096]]) !== 3584) throw new Error("unexpected");
 * ```
 */
export function domainSize(domain: Domain): number {
  return domain.reduce((n, [s, e]) => n + e - s, 0);
}

/**
 * The first run of `status` in `map` at or after `from` inside the domain, clipped to it, or null.
 *
 * @example Usage
 * ```ts
 * import { nextInDomain } from "./domain.ts";
 * import { RescueMap } from "./rescue_map.ts";
 * const r = nextInDomain(RescueMap.fresh(0, 4096), [[512, 1024], [2048, 3072]], "?", 1024);
 * if (r?.join() !== "2048,3072") throw new Error(String(r));
 * ```
 */
export function nextInDomain(
  map: RescueMap,
  domain: Domain,
  status: BlockStatus,
  from: number,
): [number, number] | null {
  for (const [s, e] of domain) {
    if (e <= from) continue;
    const r = map.nextRun(status, Math.max(s, from), e);
    if (r) return r;
  }
  return null;
}

/**
 * The last run of `status` in `map` ending at or before `before` inside the domain, clipped, or null.
 *
 * @example Usage
 * ```ts
 * import { prevInDomain } from "./domain.ts";
 * import { RescueMap } from "./rescue_map.ts";
 * const r = prevInDomain(RescueMap.fresh(0, 4096), [[512, 1024], [2048, 3072]], "?", 2048);
 * if (r?.join() !== "512,1024") throw new Error(String(r));
 * ```
 */
export function prevInDomain(
  map: RescueMap,
  domain: Domain,
  status: BlockStatus,
  before: number,
): [number, number] | null {
  for (let i = domain.length - 1; i >= 0; i--) {
    const [s, e] = domain[i];
    if (s >= before) continue;
    const r = map.prevRun(status, Math.min(e, before), s);
    if (r) return r;
  }
  return null;
}

/**
 * Byte totals by status of `map` inside the domain.
 *
 * @example Usage
 * ```ts
 * import { domainTotals } from "./domain.ts";
 * import { RescueMap } from "./rescue_map.ts";
 * const t = domainTotals(RescueMap.fresh(0, 4096), [[0, 512], [1024, 2048]]);
 * if (t["?"] !== 1536) throw new Error("unexpected");
 * ```
 */
export function domainTotals(map: RescueMap, domain: Domain): StatusTotals {
  const t: StatusTotals = { "?": 0, "*": 0, "/": 0, "-": 0, "+": 0 };
  for (const [s, e] of domain) {
    const part = map.totals(s, e);
    for (const k of Object.keys(t) as (keyof StatusTotals)[]) t[k] += part[k];
  }
  return t;
}

/**
 * Reads the domain mapfile `path` for a source of `sourceSize` bytes imaged over `[start, end)`:
 * {@linkcode domainFromMapfile} then {@linkcode clipDomain}; every problem is one line.
 *
 * @example Usage
 * ```ts ignore
 * const domain = await readDomain(platform.fs, "used.map", device.size, 0, device.size);
 * ```
 */
export async function readDomain(
  fs: FileStore,
  path: string,
  sourceSize: number,
  start: number,
  end: number,
): Promise<Domain> {
  let text: string;
  try {
    text = await fs.readTextFile(path);
  } catch (e) {
    if (!(e instanceof SectorkitError)) throw e;
    const why = e.message.replace(/^Cannot read [^:]*: /, "");
    throw new UsageError(`Cannot read domain mapfile ${path}: ${why}`);
  }
  return clipDomain(
    domainFromMapfile(text, `domain mapfile ${path}`),
    path,
    sourceSize,
    start,
    end,
  );
}
