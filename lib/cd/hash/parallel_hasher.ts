// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * CRC-32/MD5/SHA-1 on two Web Workers (MD5 on one, SHA-1 + CRC-32 on the other) so hashing
 * overlaps descrambling and writing. Chunks backed by a SharedArrayBuffer are shared, not copied.
 * Falls back to hashing inline when workers are unavailable.
 *
 * @module
 */
import type {
  HashAlgo,
  HashWorkerDigest,
  HashWorkerReply,
  HashWorkerRequest,
} from "./hash_worker.ts";
import { type RomDigest, RomHasher } from "./rom_hasher.ts";
import { type ChunkVerify, verifyChunk } from "../split/sector_verify.ts";

/** Digest plus the data sectors that failed verification. */
export interface StreamDigest extends RomDigest {
  /** LBAs whose EDC failed. */
  edcErrors: number[];
  /** LBAs whose ECC failed too. */
  eccErrors: number[];
}

/** One hashing stream. */
export interface HashStream {
  /**
   * Hands over a chunk; do not modify it afterwards (it may be shared or transferred). With
   * `verify`, its data sectors' EDC/ECC are checked alongside the hashing.
   */
  update(data: Uint8Array, verify?: ChunkVerify): void;
  /** Resolves to the digest after all chunks. */
  digest(): Promise<StreamDigest>;
}

type Waiter = (r: HashWorkerDigest) => void;

/**
 * Hashing workers shared by several streams.
 *
 * @example Usage
 * ```ts ignore
 * const pool = ParallelHashPool.create();
 * const s = pool.stream();
 * s.update(pool.alloc(2352));
 * console.log(await s.digest());
 * pool.close();
 * ```
 */
export class ParallelHashPool {
  #workers: Worker[];
  #next = 1;
  #waiting = new Map<string, Waiter>();
  #shared = typeof SharedArrayBuffer !== "undefined";
  #free = new Map<number, Uint8Array[]>();
  #inflight = new Map<number, { buf: Uint8Array; left: number }>();
  #nextChunk = 1;

  private constructor(workers: Worker[]) {
    this.#workers = workers;
    workers.forEach((w, i) => {
      w.onmessage = (e: MessageEvent<HashWorkerReply>): void => {
        if (e.data.type === "ack") {
          const c = this.#inflight.get(e.data.id);
          if (c && --c.left === 0) {
            this.#inflight.delete(e.data.id);
            const list = this.#free.get(c.buf.length) ?? [];
            list.push(c.buf);
            this.#free.set(c.buf.length, list);
          }
          return;
        }
        const key = `${i}:${e.data.id}`;
        const r = this.#waiting.get(key);
        this.#waiting.delete(key);
        r?.(e.data);
      };
    });
  }

  /** Starts two workers when `useWorkers` and the runtime has them. */
  static create(useWorkers = true): ParallelHashPool {
    const workers: Worker[] = [];
    if (useWorkers && typeof Worker !== "undefined") {
      try {
        for (let i = 0; i < 2; i++) {
          workers.push(
            new Worker(new URL("./hash_worker.ts", import.meta.url), { type: "module" }),
          );
        }
      } catch {
        for (const w of workers) w.terminate();
        workers.length = 0;
      }
    }
    return new ParallelHashPool(workers);
  }

  /** Whether hashing runs on workers. */
  get parallel(): boolean {
    return this.#workers.length > 0;
  }

  /**
   * A buffer that can be handed to several workers without copying. Buffers passed to a stream
   * come back for reuse once both workers are done with them (no page faults on fresh memory).
   */
  alloc(size: number): Uint8Array {
    const reused = this.#free.get(size)?.pop();
    if (reused) return reused;
    return this.parallel && this.#shared
      ? new Uint8Array(new SharedArrayBuffer(size))
      : new Uint8Array(size);
  }

  #post(w: number, m: HashWorkerRequest): void {
    this.#workers[w].postMessage(m);
  }

  #end(w: number, id: number, algos: HashAlgo[]): Promise<HashWorkerDigest> {
    return new Promise((resolve) => {
      this.#waiting.set(`${w}:${id}`, resolve);
      this.#post(w, { type: "end", id, algos });
    });
  }

  /** Opens a CRC-32 + MD5 + SHA-1 stream. */
  stream(): HashStream {
    if (!this.parallel) {
      const h = new RomHasher();
      const edcErrors: number[] = [], eccErrors: number[] = [];
      return {
        update: (d, v) => {
          h.update(d);
          if (v) verifyChunk(d, v, edcErrors, eccErrors);
        },
        digest: () => Promise.resolve({ ...h.digest(), edcErrors, eccErrors }),
      };
    }
    const id = this.#next++;
    const a: HashAlgo[] = ["md5"], b: HashAlgo[] = ["sha1", "crc32"];
    return {
      update: (data: Uint8Array, verify?: ChunkVerify): void => {
        const shared = data.buffer instanceof SharedArrayBuffer;
        let ack: number | undefined;
        if (shared && data.byteOffset === 0 && data.length === data.buffer.byteLength) {
          ack = this.#nextChunk++;
          this.#inflight.set(ack, { buf: data, left: 2 });
        }
        this.#post(0, { type: "data", id, algos: a, data: shared ? data : data.slice(), ack });
        this.#post(1, { type: "data", id, algos: b, data, ack, verify });
      },
      digest: async (): Promise<StreamDigest> => {
        const [x, y] = await Promise.all([this.#end(0, id, a), this.#end(1, id, b)]);
        return {
          size: x.size,
          crc32: y.digests.crc32!,
          md5: x.digests.md5!,
          sha1: y.digests.sha1!,
          edcErrors: y.edcErrors,
          eccErrors: y.eccErrors,
        };
      },
    };
  }

  /** SHA-1 of one buffer (on the SHA-1 worker when the buffer is shared). */
  sha1(data: Uint8Array): Promise<string> {
    if (!this.parallel || !(data.buffer instanceof SharedArrayBuffer)) {
      const h = new RomHasher();
      h.update(data);
      return Promise.resolve(h.digest().sha1);
    }
    const id = this.#next++;
    this.#post(1, { type: "data", id, algos: ["sha1"], data });
    return this.#end(1, id, ["sha1"]).then((r) => r.digests.sha1!);
  }

  /** Stops the workers. */
  close(): void {
    for (const w of this.#workers) w.terminate();
    this.#workers = [];
  }
}
