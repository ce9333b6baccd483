// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import type { FileStore, ReadableFile } from "../../platform/file_store.ts";

const CHUNK = 1 << 20;

/**
 * A file read in 1 MiB chunks with a bounded cache: `ensure()` loads (async), `read()` copies
 * synchronously from what is loaded (zeros elsewhere and past the end). Lets file-backed discs
 * serve synchronous sector reads without holding whole images in memory.
 */
export class FileChunks {
  /** File size in bytes. */
  readonly size: number;
  #file: ReadableFile;
  #chunks = new Map<number, Uint8Array>();
  #max: number;

  private constructor(file: ReadableFile, maxChunks: number) {
    this.#file = file;
    this.size = file.size;
    this.#max = maxChunks;
  }

  /** Opens `path`. */
  static async open(fs: FileStore, path: string, maxChunks = 64): Promise<FileChunks> {
    return new FileChunks(await fs.openRead(path), maxChunks);
  }

  /** Loads the chunks covering `[pos, pos+len)`. */
  async ensure(pos: number, len: number): Promise<void> {
    const first = Math.max(0, Math.floor(pos / CHUNK));
    const last = Math.min(Math.floor((this.size - 1) / CHUNK), Math.floor((pos + len - 1) / CHUNK));
    for (let c = first; c <= last; c++) {
      const have = this.#chunks.get(c);
      if (have) {
        this.#chunks.delete(c);
        this.#chunks.set(c, have);
        continue;
      }
      const buf = new Uint8Array(Math.min(CHUNK, this.size - c * CHUNK));
      let got = 0;
      while (got < buf.length) {
        const n = await this.#file.readAt(c * CHUNK + got, buf.subarray(got));
        if (n <= 0) break;
        got += n;
      }
      if (this.#chunks.size >= this.#max) this.#chunks.delete(this.#chunks.keys().next().value!);
      this.#chunks.set(c, buf);
    }
  }

  /** Copies `[pos, pos+out.length)` into `out` from loaded chunks (zeros where not loaded). */
  read(pos: number, out: Uint8Array): void {
    let o = 0;
    while (o < out.length) {
      const p = pos + o;
      const c = Math.floor(p / CHUNK);
      const within = p - c * CHUNK;
      const n = Math.min(CHUNK - within, out.length - o);
      const chunk = p >= 0 ? this.#chunks.get(c) : undefined;
      if (chunk && within < chunk.length) {
        const m = Math.min(n, chunk.length - within);
        out.set(chunk.subarray(within, within + m), o);
        out.fill(0, o + m, o + n);
      } else out.fill(0, o, o + n);
      o += n;
    }
  }

  /** Closes the file. */
  close(): void {
    this.#file.close();
  }
}
