// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * A file allocation table (FAT12/16/32 and exFAT's 32-bit FAT) read lazily, and cluster-chain
 * walks that stop on loops, free or bad clusters and out-of-range numbers with a FormatError.
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import { le16, le32, type Volume } from "../_common/volume.ts";

const CHUNK = 65536;

/** Entry width: 12, 16, 28 (FAT32: the top 4 bits are reserved) or 32 (exFAT). */
export type FatWidth = 12 | 16 | 28 | 32;

/**
 * One FAT copy at `offset` (bytes on the volume) of `length` bytes, for clusters
 * 2 .. `clusterCount`+1.
 */
export class FatTable {
  readonly #vol: Volume;
  readonly #offset: number;
  readonly #length: number;
  readonly #width: FatWidth;
  readonly #clusterCount: number;
  readonly #chunks = new Map<number, Uint8Array>();
  #whole: Uint8Array | null = null;

  /** Describes the table; nothing is read until a chain is walked. */
  constructor(vol: Volume, offset: number, length: number, width: FatWidth, clusterCount: number) {
    this.#vol = vol;
    this.#offset = offset;
    this.#length = length;
    this.#width = width;
    this.#clusterCount = clusterCount;
  }

  /** The value at which a chain ends (any entry at or above it). */
  get endOfChain(): number {
    return { 12: 0xff8, 16: 0xfff8, 28: 0x0ffffff8, 32: 0xfffffff8 }[this.#width];
  }

  /** The "bad cluster" marker. */
  get badCluster(): number {
    return { 12: 0xff7, 16: 0xfff7, 28: 0x0ffffff7, 32: 0xfffffff7 }[this.#width];
  }

  /** Whether `c` is a valid data cluster number. */
  inRange(c: number): boolean {
    return c >= 2 && c <= this.#clusterCount + 1;
  }

  /** The FAT entry of cluster `c`. */
  async entry(c: number): Promise<number> {
    if (this.#width === 12 || this.#width === 16) {
      this.#whole ??= await this.#vol.read(this.#offset, this.#length, "FAT");
      return this.#small(c);
    }
    const at = c * 4;
    const base = at - (at % CHUNK);
    const v = le32(await this.#chunk(base), at - base);
    return this.#width === 28 ? v & 0x0fffffff : v;
  }

  /**
   * The entries of clusters `first … first + count − 1`: one read per table chunk instead of an
   * await per cluster (scans over every cluster).
   */
  async entries(first: number, count: number): Promise<Uint32Array> {
    const out = new Uint32Array(count);
    if (this.#width === 12 || this.#width === 16) {
      this.#whole ??= await this.#vol.read(this.#offset, this.#length, "FAT");
      for (let i = 0; i < count; i++) out[i] = this.#small(first + i);
      return out;
    }
    const mask = this.#width === 28 ? 0x0fffffff : 0xffffffff;
    for (let i = 0; i < count;) {
      const at = (first + i) * 4;
      const base = at - (at % CHUNK);
      const chunk = await this.#chunk(base);
      for (; i < count && (first + i) * 4 - base + 4 <= chunk.length; i++) {
        out[i] = (le32(chunk, (first + i) * 4 - base) & mask) >>> 0;
      }
      if (i < count && (first + i) * 4 - base < CHUNK) break; // past the table's end: 0
    }
    return out;
  }

  /** A FAT12/16 entry from the whole table (read). */
  #small(c: number): number {
    if (this.#width === 16) return le16(this.#whole!, c * 2);
    const v = le16(this.#whole!, c + (c >> 1));
    return c & 1 ? v >> 4 : v & 0xfff;
  }

  /** The table chunk at byte `base` (cached). */
  async #chunk(base: number): Promise<Uint8Array> {
    let chunk = this.#chunks.get(base);
    if (!chunk) {
      chunk = await this.#vol.read(
        this.#offset + base,
        Math.min(CHUNK, this.#length - base),
        "FAT",
      );
      this.#chunks.set(base, chunk);
    }
    return chunk;
  }

  /**
   * The chain from `first`: at most `limit` clusters when given (a file of known size), else up
   * to the end-of-chain mark. `what` names the owner in errors ("FAT chain of /DIR/FILE.BIN").
   */
  async chain(first: number, what: string, limit?: number): Promise<number[]> {
    const out: number[] = [];
    const seen = new Set<number>();
    let c = first;
    while (true) {
      if (!this.inRange(c)) {
        throw new FormatError(
          `${what}: cluster ${c} is out of range (2..${this.#clusterCount + 1})`,
        );
      }
      if (seen.has(c)) throw new FormatError(`${what}: loop back to cluster ${c}`);
      seen.add(c);
      out.push(c);
      if (limit !== undefined && out.length >= limit) return out;
      const next = await this.entry(c);
      if (next >= this.endOfChain) break;
      if (next === this.badCluster) {
        throw new FormatError(`${what}: cluster ${c} links to a cluster marked bad`);
      }
      if (next === 0) throw new FormatError(`${what}: cluster ${c} links to a free cluster`);
      c = next;
    }
    if (limit !== undefined && out.length < limit) {
      throw new FormatError(
        `${what}: chain ends after ${out.length} clusters, the size needs ${limit}`,
      );
    }
    return out;
  }
}
