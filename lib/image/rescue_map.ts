// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import type { BlockStatus, MapBlock, Mapfile, PhaseStatus } from "./mapfile.ts";

/** Byte totals by block status. */
export type StatusTotals = Record<BlockStatus, number>;

/**
 * The ledger of an imaging job: which bytes are finished, failed or untried, as contiguous blocks
 * (the mapfile's block list) plus the status line.
 *
 * @example Usage
 * ```ts
 * import { RescueMap } from "./rescue_map.ts";
 * const map = RescueMap.fresh(0, 4096);
 * map.set(512, 512, "-");
 * if (map.blocks.length !== 3 || map.totals()["-"] !== 512) throw new Error("unexpected");
 * ```
 */
export class RescueMap {
  /** Blocks in ascending order, contiguous, adjacent blocks of equal status merged. */
  blocks: MapBlock[];
  /** Status line: position. */
  currentPos = 0;
  /** Status line: phase. */
  currentStatus: PhaseStatus = "?";
  /** Status line: pass. */
  currentPass = 1;

  /** Builds a map from parsed mapfile blocks. */
  constructor(blocks: MapBlock[]) {
    this.blocks = blocks.map((b) => ({ ...b })).filter((b) => b.size > 0);
    this.#merge();
  }

  /** A map whose `[start, start + size)` is non-tried; bytes before `start` are listed as non-tried too. */
  static fresh(start: number, size: number): RescueMap {
    return new RescueMap([{ pos: 0, size: start + size, status: "?" }]);
  }

  /** A map from a parsed mapfile (keeps its status line). */
  static fromMapfile(file: Mapfile): RescueMap {
    const m = new RescueMap(file.blocks);
    m.currentPos = file.currentPos;
    m.currentStatus = file.currentStatus;
    m.currentPass = file.currentPass;
    return m;
  }

  /** The mapfile form. */
  toMapfile(): Mapfile {
    return {
      currentPos: this.currentPos,
      currentStatus: this.currentStatus,
      currentPass: this.currentPass,
      blocks: this.blocks.map((b) => ({ ...b })),
    };
  }

  /** End of the last block. */
  get end(): number {
    const b = this.blocks[this.blocks.length - 1];
    return b ? b.pos + b.size : 0;
  }

  /** Whether the blocks cover `[start, end)` entirely. */
  covers(start: number, end: number): boolean {
    return this.blocks.length > 0 && this.blocks[0].pos <= start && this.end >= end;
  }

  /** Extends the map with non-tried bytes up to `end` (a mapfile from a shorter run). */
  extendTo(end: number): void {
    if (this.end < end) this.set(this.end, end - this.end, "?");
  }

  #index(pos: number): number {
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const b = this.blocks[mid];
      if (pos < b.pos) hi = mid - 1;
      else if (pos >= b.pos + b.size) lo = mid + 1;
      else return mid;
    }
    return lo;
  }

  /** Status of the byte at `pos` (undefined outside the map). */
  statusAt(pos: number): BlockStatus | undefined {
    const b = this.blocks[this.#index(pos)];
    return b && b.pos <= pos && pos < b.pos + b.size ? b.status : undefined;
  }

  /** Sets `[pos, pos + size)` to `status`, splitting and merging blocks. */
  set(pos: number, size: number, status: BlockStatus): void {
    if (size <= 0) return;
    const end = pos + size;
    const bs = this.blocks;
    const i = this.#index(pos);
    let j = i;
    while (j < bs.length && bs[j].pos < end) j++;
    const repl: MapBlock[] = [];
    if (i < j && bs[i].pos < pos) {
      repl.push({ pos: bs[i].pos, size: pos - bs[i].pos, status: bs[i].status });
    }
    repl.push({ pos, size, status });
    if (i < j) {
      const last = bs[j - 1];
      const lastEnd = last.pos + last.size;
      if (lastEnd > end) repl.push({ pos: end, size: lastEnd - end, status: last.status });
    }
    bs.splice(i, j - i, ...repl);
    this.#merge(i - 1, i + repl.length + 1);
  }

  #merge(from = 0, to = this.blocks.length): void {
    const bs = this.blocks;
    let i = Math.max(0, from);
    let stop = Math.min(to, bs.length - 1);
    while (i < stop) {
      const a = bs[i];
      const b = bs[i + 1];
      if (a.status === b.status && a.pos + a.size === b.pos) {
        a.size += b.size;
        bs.splice(i + 1, 1);
        stop--;
      } else i++;
    }
  }

  /**
   * The first run of `status` at or after `from` and before `limit`, clipped: `[pos, end)`, or null.
   */
  nextRun(status: BlockStatus, from: number, limit: number): [number, number] | null {
    for (let i = this.#index(from); i < this.blocks.length; i++) {
      const b = this.blocks[i];
      if (b.pos >= limit) return null;
      if (b.status !== status) continue;
      const s = Math.max(b.pos, from);
      const e = Math.min(b.pos + b.size, limit);
      if (s < e) return [s, e];
    }
    return null;
  }

  /** The last run of `status` ending at or before `before` and after `limit`, clipped, or null. */
  prevRun(status: BlockStatus, before: number, limit: number): [number, number] | null {
    for (let i = Math.min(this.#index(before - 1), this.blocks.length - 1); i >= 0; i--) {
      const b = this.blocks[i];
      if (b.pos + b.size <= limit) return null;
      if (b.status !== status) continue;
      const s = Math.max(b.pos, limit);
      const e = Math.min(b.pos + b.size, before);
      if (s < e) return [s, e];
    }
    return null;
  }

  /** Byte totals by status within `[start, end)` (default: the whole map). */
  totals(start = 0, end = Infinity): StatusTotals {
    const t: StatusTotals = { "?": 0, "*": 0, "/": 0, "-": 0, "+": 0 };
    for (const b of this.blocks) {
      const s = Math.max(b.pos, start);
      const e = Math.min(b.pos + b.size, end);
      if (s < e) t[b.status] += e - s;
    }
    return t;
  }

  /** Number of separate runs of `-`, `*` or `/` within `[start, end)` (ddrescue's "bad areas"). */
  badAreas(start = 0, end = Infinity): number {
    let n = 0;
    let prevBad = false;
    for (const b of this.blocks) {
      if (b.pos + b.size <= start || b.pos >= end) continue;
      const bad = b.status === "-" || b.status === "*" || b.status === "/";
      if (bad && !prevBad) n++;
      prevBad = bad;
    }
    return n;
  }
}
