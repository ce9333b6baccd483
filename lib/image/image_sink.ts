// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Sinks for the rescue: an image file (positional writes, optional sparse output) or stdout
 * (strictly sequential), both feeding a {@linkcode HashCursor}.
 *
 * @module
 */
import type { MultiHasher } from "../hash/multi_hasher.ts";
import type { WritableFile } from "../platform/mod.ts";
import type { RescueSink } from "./rescue.ts";

const FILL_CHUNK = 1 << 20;

/** Whether every byte of `data` is zero. */
export function isAllZero(data: Uint8Array): boolean {
  let i = 0;
  if (data.byteOffset % 4 === 0) {
    const words = new Uint32Array(data.buffer, data.byteOffset, data.length >> 2);
    for (let w = 0; w < words.length; w += 64) {
      let acc = 0;
      const end = Math.min(words.length, w + 64);
      for (let k = w; k < end; k++) acc |= words[k];
      if (acc !== 0) return false;
    }
    i = words.length * 4;
  }
  for (; i < data.length; i++) if (data[i] !== 0) return false;
  return true;
}

/**
 * The fill bytes for device range `[pos, pos + size)`: `pattern` repeated from device byte 0, so a
 * sector always gets the same bytes whatever order it is filled in.
 *
 * @example Usage
 * ```ts
 * import { fillBytes } from "./image_sink.ts";
 * const b = fillBytes(new Uint8Array([1, 2, 3, 4]), 6, 4);
 * if (b.join() !== "3,4,1,2") throw new Error(b.join());
 * ```
 */
export function fillBytes(pattern: Uint8Array, pos: number, size: number): Uint8Array {
  const out = new Uint8Array(size);
  if (pattern.length === 1) return out.fill(pattern[0]);
  for (let i = 0; i < size; i++) out[i] = pattern[(pos + i) % pattern.length];
  return out;
}

/**
 * Feeds a hasher with the image in order: bytes offered at the current position advance it, others
 * are ignored and read back from the finished image by {@linkcode HashCursor.finish}. Offered bytes
 * must be final (rescued data, or fill of unreadable sectors).
 */
export class HashCursor {
  /** Next device byte the hasher needs. */
  pos: number;
  /** Bytes read back from the image to complete the hashes. */
  reread = 0;
  #hasher: MultiHasher;
  #end: number;

  /** Hashes device range `[start, end)`. */
  constructor(hasher: MultiHasher, start: number, end: number) {
    this.#hasher = hasher;
    this.pos = start;
    this.#end = end;
  }

  /** Offers bytes at device position `pos`; resolves when `data` may be reused. */
  offer(pos: number, data: Uint8Array): Promise<void> {
    if (pos !== this.pos || data.length === 0) return Promise.resolve();
    this.pos += data.length;
    return this.#hasher.update(data);
  }

  /**
   * Reads the rest of the image back (device position → image bytes via `read`) and hashes it.
   */
  async finish(
    read: (pos: number, buf: Uint8Array) => Promise<number>,
    chunk = 1 << 20,
  ): Promise<void> {
    const bufs = [new Uint8Array(chunk), new Uint8Array(chunk)];
    let k = 0;
    let pending: Promise<void> = Promise.resolve();
    while (this.pos < this.#end) {
      const buf = bufs[k++ % 2].subarray(0, Math.min(chunk, this.#end - this.pos));
      const n = await read(this.pos, buf);
      if (n <= 0) throw new Error(`image ends early at device position ${this.pos}`);
      await pending;
      this.reread += n;
      this.pos += n;
      pending = this.#hasher.update(buf.subarray(0, n));
    }
    await pending;
  }
}

/** Options for {@linkcode FileImageSink}. */
export interface FileSinkOptions {
  /** Device position stored at image byte 0. */
  start: number;
  /** Fill pattern for unreadable bytes. */
  fill: Uint8Array;
  /** Skip writing all-zero blocks (leave holes). */
  sparse: boolean;
  /** In-order hashing, or null. */
  cursor: HashCursor | null;
}

/** Writes rescued bytes into an image file at `pos - start`. */
export class FileImageSink implements RescueSink {
  /** Bytes actually written. */
  written = 0;
  #file: WritableFile;
  #o: FileSinkOptions;

  /** Wraps an open image file. */
  constructor(file: WritableFile, options: FileSinkOptions) {
    this.#file = file;
    this.#o = options;
  }

  async write(pos: number, data: Uint8Array): Promise<void> {
    const hash = this.#o.cursor?.offer(pos, data);
    if (!(this.#o.sparse && isAllZero(data))) {
      await this.#file.writeAt(pos - this.#o.start, data);
      this.written += data.length;
    }
    await hash;
  }

  async fill(pos: number, size: number): Promise<void> {
    const zero = this.#o.fill.every((b) => b === 0);
    for (let p = pos; p < pos + size; p += FILL_CHUNK) {
      const n = Math.min(FILL_CHUNK, pos + size - p);
      const bytes = fillBytes(this.#o.fill, p, n);
      const hash = this.#o.cursor?.offer(p, bytes);
      if (!(this.#o.sparse && zero)) {
        await this.#file.writeAt(p - this.#o.start, bytes);
        this.written += n;
      }
      await hash;
    }
  }
}

/** Writes rescued bytes to a stream in order (stdout); positions must arrive ascending. */
export class StreamImageSink implements RescueSink {
  /** Bytes written. */
  written = 0;
  #write: (data: Uint8Array) => Promise<void>;
  #fill: Uint8Array;
  #cursor: HashCursor | null;
  #chain: Promise<void> = Promise.resolve();

  /** Wraps a sequential writer. */
  constructor(
    write: (data: Uint8Array) => Promise<void>,
    fill: Uint8Array,
    cursor: HashCursor | null,
  ) {
    this.#write = write;
    this.#fill = fill;
    this.#cursor = cursor;
  }

  async write(pos: number, data: Uint8Array): Promise<void> {
    const hash = this.#cursor?.offer(pos, data);
    // Calls may overlap; chain them so bytes leave in call order.
    const done = this.#chain.then(() => this.#write(data));
    this.#chain = done.catch(() => {});
    await done;
    this.written += data.length;
    await hash;
  }

  async fill(pos: number, size: number): Promise<void> {
    for (let p = pos; p < pos + size; p += FILL_CHUNK) {
      const bytes = fillBytes(this.#fill, p, Math.min(FILL_CHUNK, pos + size - p));
      await this.write(p, bytes);
    }
  }
}
