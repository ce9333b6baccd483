// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * CRC-32/MD5/SHA-1 overlapping descrambling and writing. With the platform's native hashing
 * (`Platform.hashing`, e.g. OpenSSL through FFI) MD5 and SHA-1 run as native updates on the
 * runtime's thread pool and one Web Worker does CRC-32 + the EDC/ECC check; without it, two Web
 * Workers (MD5 on one, SHA-1 + CRC-32 + the check on the other). Chunks backed by a
 * SharedArrayBuffer are shared, not copied. Falls back to hashing inline when workers are
 * unavailable.
 *
 * @module
 */
import type {
  HashAlgo,
  HashWorkerDigest,
  HashWorkerReply,
  HashWorkerRequest,
} from "./hash_worker.ts";
import type { HashProvider, NativeHash } from "../../platform/mod.ts";
import { crc32, type RomDigest, RomHasher } from "./rom_hasher.ts";
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
  #native: HashProvider | null;
  #open = new Set<NativeHash>();
  #running = new Set<Promise<unknown>>();
  #wake: (() => void)[] = [];
  /** Buffers from {@linkcode ParallelHashPool.alloc}: only these are recycled (never a view of
   * someone else's memory, e.g. a read-only mapped file). */
  #mine = new WeakSet<Uint8Array>();

  private constructor(workers: Worker[], native: HashProvider | null) {
    this.#workers = workers;
    this.#native = native;
    workers.forEach((w, i) => {
      w.onmessage = (e: MessageEvent<HashWorkerReply>): void => {
        if (e.data.type === "ack") {
          this.#release(e.data.id);
          return;
        }
        const key = `${i}:${e.data.id}`;
        const r = this.#waiting.get(key);
        this.#waiting.delete(key);
        r?.(e.data);
      };
    });
  }

  /**
   * Starts the workers when `useWorkers` and the runtime has them: one next to `hashing` when it
   * has native MD5 and SHA-1, else two.
   */
  static create(useWorkers = true, hashing?: HashProvider): ParallelHashPool {
    const native = hashing && hasNative(hashing) ? hashing : null;
    const workers: Worker[] = [];
    if (useWorkers && typeof Worker !== "undefined") {
      try {
        for (let i = 0; i < (native ? 1 : 2); i++) {
          workers.push(
            new Worker(new URL("./hash_worker.ts", import.meta.url), { type: "module" }),
          );
        }
      } catch {
        for (const w of workers) w.terminate();
        workers.length = 0;
      }
    }
    return new ParallelHashPool(workers, native);
  }

  /** Whether MD5 and SHA-1 run natively. */
  get native(): boolean {
    return this.#native !== null;
  }

  #release(ack: number): void {
    const c = this.#inflight.get(ack);
    if (c && --c.left === 0) {
      this.#inflight.delete(ack);
      const list = this.#free.get(c.buf.length) ?? [];
      list.push(c.buf);
      this.#free.set(c.buf.length, list);
      for (const w of this.#wake.splice(0)) w();
    }
  }

  /**
   * Resolves once at most `max` chunks handed to streams are still being hashed: a producer
   * faster than the hashes waits here instead of allocating ever more buffers.
   */
  async drain(max = 6): Promise<void> {
    while (this.#inflight.size > max) await new Promise<void>((r) => this.#wake.push(r));
  }

  /** Keeps `p` (a native update) in {@linkcode ParallelHashPool.idle}'s set until it settles. */
  #track<T>(p: Promise<T>): Promise<T> {
    this.#running.add(p);
    const forget = (): void => {
      this.#running.delete(p);
    };
    p.then(forget, forget);
    return p;
  }

  /**
   * Resolves once no native update is running (they read their buffers from other threads: wait
   * for this before the process may exit, e.g. on an error path).
   */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }

  #nativeHash(name: "md5" | "sha1"): NativeHash {
    const h = this.#native!.createHash(name);
    if (!h) throw new Error(`native ${name} is unavailable`);
    this.#open.add(h);
    return h;
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
    const buf = this.parallel && this.#shared
      ? new Uint8Array(new SharedArrayBuffer(size))
      : new Uint8Array(size);
    this.#mine.add(buf);
    return buf;
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

  /**
   * Opens a CRC-32 + MD5 + SHA-1 stream. With native hashing, `inline` keeps CRC-32 and the check
   * on the calling thread (for chunks that are not shared memory, e.g. views of a mapped file,
   * which a worker could only get as copies).
   */
  stream(options: { inline?: boolean } = {}): HashStream {
    if (this.#native) return this.#nativeStream(options.inline ?? false);
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
        if (shared && this.#mine.has(data)) {
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

  /** MD5 + SHA-1 natively; CRC-32 and the check on the worker, or inline without one. */
  #nativeStream(inline: boolean): HashStream {
    const md5 = this.#nativeHash("md5"), sha1 = this.#nativeHash("sha1");
    let m5: Promise<void> = Promise.resolve(), s1: Promise<void> = Promise.resolve();
    const worker = this.parallel && !inline;
    const id = this.#next++;
    const algos: HashAlgo[] = ["crc32"];
    let crc = 0, size = 0;
    const edcErrors: number[] = [], eccErrors: number[] = [];
    return {
      update: (data: Uint8Array, verify?: ChunkVerify): void => {
        size += data.length;
        const shared = data.buffer instanceof SharedArrayBuffer;
        let ack: number | undefined;
        if (this.#mine.has(data)) {
          ack = this.#nextChunk++;
          this.#inflight.set(ack, { buf: data, left: worker && shared ? 2 : 1 });
        }
        // Updates of one hash must not overlap; MD5 and SHA-1 run side by side.
        m5 = this.#track(m5.then(() => md5.update(data)));
        s1 = this.#track(s1.then(() => sha1.update(data)));
        const done = Promise.all([m5, s1]);
        done.then(() => ack !== undefined && this.#release(ack)).catch(() => {});
        if (worker) {
          const d = shared ? data : data.slice();
          this.#post(0, {
            type: "data",
            id,
            algos,
            data: d,
            ack: shared ? ack : undefined,
            verify,
          });
        } else {
          crc = crc32(data, crc);
          if (verify) verifyChunk(data, verify, edcErrors, eccErrors);
        }
      },
      digest: async (): Promise<StreamDigest> => {
        try {
          const [w] = await Promise.all([worker ? this.#end(0, id, algos) : null, m5, s1]);
          return {
            size,
            crc32: w ? w.digests.crc32! : crc.toString(16).padStart(8, "0"),
            md5: md5.digest(),
            sha1: sha1.digest(),
            edcErrors: w ? w.edcErrors : edcErrors,
            eccErrors: w ? w.eccErrors : eccErrors,
          };
        } finally {
          for (const h of [md5, sha1]) {
            h.close();
            this.#open.delete(h);
          }
        }
      },
    };
  }

  /** SHA-1 of one buffer (natively, or on the SHA-1 worker when the buffer is shared). */
  async sha1(data: Uint8Array): Promise<string> {
    if (this.#native) {
      const h = this.#nativeHash("sha1");
      try {
        await this.#track(h.update(data));
        return h.digest();
      } finally {
        h.close();
        this.#open.delete(h);
      }
    }
    if (!this.parallel || !(data.buffer instanceof SharedArrayBuffer)) {
      const h = new RomHasher();
      h.update(data);
      return Promise.resolve(h.digest().sha1);
    }
    const id = this.#next++;
    this.#post(1, { type: "data", id, algos: ["sha1"], data });
    return this.#end(1, id, ["sha1"]).then((r) => r.digests.sha1!);
  }

  /** Stops the workers and frees native hashes still open. */
  close(): void {
    for (const w of this.#workers) w.terminate();
    this.#workers = [];
    for (const h of this.#open) h.close();
    this.#open.clear();
  }
}

function hasNative(p: HashProvider): boolean {
  return (["md5", "sha1"] as const).every((name) => {
    const h = p.createHash(name);
    h?.close();
    return h !== null;
  });
}
