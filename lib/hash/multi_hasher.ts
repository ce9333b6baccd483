// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Several hashes over one byte stream, fed in order. {@linkcode InlineHasher} hashes on the calling
 * thread; {@linkcode WorkerHasher} runs each cryptographic hash in its own Worker so hashing
 * overlaps reading and writing (CRC-32 is fast enough to stay inline). Chunks in a
 * `SharedArrayBuffer` reach the workers without a copy.
 *
 * @module
 */
import { createHash, type Hash } from "node:crypto";
import { crc32 } from "node:zlib";
import type { HashName } from "./hash_names.ts";
import type { HashProvider, NativeHash } from "../platform/mod.ts";

/** Hex digests by name. */
export type Digests = Partial<Record<HashName, string>>;

/** Hashes fed in stream order. */
export interface MultiHasher {
  /** The hashes computed. */
  readonly names: readonly HashName[];
  /** Adds the next chunk; resolves when `data` may be reused. */
  update(data: Uint8Array): Promise<void>;
  /** Finishes and returns the hex digests (crc32 as 8 lowercase hex digits). */
  digest(): Promise<Digests>;
  /** Releases workers. Idempotent. */
  close(): void;
}

function crcHex(v: number): string {
  return (v >>> 0).toString(16).padStart(8, "0");
}

/**
 * Hashes on the calling thread.
 *
 * @example Usage
 * ```ts
 * import { InlineHasher } from "./multi_hasher.ts";
 * const h = new InlineHasher(["md5", "crc32"]);
 * await h.update(new TextEncoder().encode("abc"));
 * const d = await h.digest();
 * if (d.md5 !== "900150983cd24fb0d6963f7d28e17f72" || d.crc32 !== "352441c2") throw new Error();
 * ```
 */
export class InlineHasher implements MultiHasher {
  readonly names: readonly HashName[];
  #hashes: [HashName, Hash][];
  #crc: number | null;

  /** Starts the given hashes. */
  constructor(names: readonly HashName[]) {
    this.names = names;
    this.#hashes = names.filter((n) => n !== "crc32").map((n) => [n, createHash(n)]);
    this.#crc = names.includes("crc32") ? 0 : null;
  }

  update(data: Uint8Array): Promise<void> {
    for (const [, h] of this.#hashes) h.update(data);
    if (this.#crc !== null) this.#crc = crc32(data, this.#crc);
    return Promise.resolve();
  }

  digest(): Promise<Digests> {
    const out: Digests = {};
    for (const n of this.names) {
      out[n] = n === "crc32" ? crcHex(this.#crc!) : this.#hashes.find(([m]) => m === n)![1]
        .digest("hex");
    }
    return Promise.resolve(out);
  }

  close(): void {}
}

interface Waiting {
  remaining: number;
  resolve: () => void;
}

/** How {@linkcode WorkerHasher} spreads hashes over workers. */
export type WorkerLayout = "per-hash" | "one";

/**
 * Hashes in Workers: one per cryptographic hash (`per-hash`, parallel on several cores) or all in
 * one (`one`, leaves a core for I/O on a 2-core machine). `update` resolves once every worker has
 * consumed the chunk, so a caller can keep several chunks in flight and reuse buffers safely.
 *
 * @example Usage
 * ```ts ignore
 * const h = new WorkerHasher(["md5", "sha1", "crc32"]);
 * await h.update(chunk);
 * console.log(await h.digest());
 * h.close();
 * ```
 */
export class WorkerHasher implements MultiHasher {
  readonly names: readonly HashName[];
  #workers: [HashName[], Worker][] = [];
  #crc: number | null;
  #seq = 0;
  #waiting = new Map<number, Waiting>();
  #digests: ((d: string[]) => void)[][] = [];
  #error: unknown = null;

  /**
   * Starts the workers for the cryptographic hashes in `names` (CRC-32 stays inline); `url` is a
   * worker module speaking hash_worker.ts's protocol (default: that module, with node:crypto).
   */
  constructor(names: readonly HashName[], layout: WorkerLayout = "per-hash", url?: string) {
    this.names = names;
    this.#crc = names.includes("crc32") ? 0 : null;
    const crypto = names.filter((n) => n !== "crc32");
    const groups = layout === "one" ? [crypto] : crypto.map((n) => [n]);
    url ??= new URL("./hash_worker.ts", import.meta.url).href;
    for (const algs of groups) {
      if (algs.length === 0) continue;
      const w = new Worker(url, { type: "module" });
      const index = this.#workers.length;
      this.#digests.push([]);
      w.onmessage = (e: MessageEvent) => {
        const m = e.data as { seq?: number; digests?: string[] };
        if (m.digests !== undefined) {
          this.#digests[index].shift()?.(m.digests);
          return;
        }
        const wait = this.#waiting.get(m.seq!);
        if (wait && --wait.remaining === 0) {
          this.#waiting.delete(m.seq!);
          wait.resolve();
        }
      };
      w.onerror = (e) => {
        this.#error = new Error(`hash worker (${algs.join("+")}) failed: ${e.message}`);
        e.preventDefault();
      };
      w.postMessage({ algs });
      this.#workers.push([algs, w]);
    }
  }

  update(data: Uint8Array): Promise<void> {
    if (this.#error) return Promise.reject(this.#error);
    if (this.#crc !== null) this.#crc = crc32(data, this.#crc);
    if (this.#workers.length === 0 || data.length === 0) return Promise.resolve();
    const seq = this.#seq++;
    // Shared memory goes to the workers as is; other buffers are copied by postMessage.
    return new Promise<void>((resolve) => {
      this.#waiting.set(seq, { remaining: this.#workers.length, resolve });
      for (const [, w] of this.#workers) w.postMessage({ seq, data });
    });
  }

  /** Starts all hashes over (after {@linkcode WorkerHasher.digest}), keeping the workers. */
  reset(): void {
    if (this.#crc !== null) this.#crc = 0;
    for (const [algs, w] of this.#workers) w.postMessage({ algs });
  }

  async digest(): Promise<Digests> {
    if (this.#error) throw this.#error;
    const out: Digests = {};
    const pending = this.#workers.map(([algs, w], i) =>
      new Promise<void>((resolve) => {
        this.#digests[i].push((d) => {
          algs.forEach((n, k) => out[n] = d[k]);
          resolve();
        });
        w.postMessage({ digest: true });
      })
    );
    await Promise.all(pending);
    if (this.#crc !== null) out.crc32 = crcHex(this.#crc);
    const ordered: Digests = {};
    for (const n of this.names) ordered[n] = out[n];
    return ordered;
  }

  close(): void {
    for (const [, w] of this.#workers) w.terminate();
    this.#workers = [];
  }
}

/**
 * Hashes through a platform's native {@linkcode HashProvider} (OpenSSL through FFI on Linux): each
 * hash's updates run in order on the runtime's blocking thread pool, in parallel with each other
 * and with reads, and without worker start-up. CRC-32 stays inline.
 *
 * @example Usage
 * ```ts ignore
 * const h = NativeHasher.create(["md5", "sha1", "crc32"], platform.hashing!);
 * ```
 */
export class NativeHasher implements MultiHasher {
  readonly names: readonly HashName[];
  #hashes: [HashName, NativeHash, Promise<void>][];
  #crc: number | null;

  private constructor(names: readonly HashName[], hashes: [HashName, NativeHash][]) {
    this.names = names;
    this.#hashes = hashes.map(([n, h]) => [n, h, Promise.resolve()]);
    this.#crc = names.includes("crc32") ? 0 : null;
  }

  /** A native hasher for `names`, or null when the provider lacks one of them. */
  static create(names: readonly HashName[], provider: HashProvider): NativeHasher | null {
    const hashes: [HashName, NativeHash][] = [];
    for (const n of names) {
      if (n === "crc32") continue;
      const h = provider.createHash(n);
      if (!h) {
        for (const [, o] of hashes) o.close();
        return null;
      }
      hashes.push([n, h]);
    }
    return new NativeHasher(names, hashes);
  }

  update(data: Uint8Array): Promise<void> {
    if (this.#crc !== null) this.#crc = crc32(data, this.#crc);
    const tails = this.#hashes.map((entry) => {
      const next = entry[2].then(() => entry[1].update(data));
      entry[2] = next;
      return next;
    });
    return Promise.all(tails).then(() => {});
  }

  async digest(): Promise<Digests> {
    await Promise.all(this.#hashes.map((e) => e[2]));
    const out: Digests = {};
    for (const n of this.names) {
      out[n] = n === "crc32"
        ? crcHex(this.#crc!)
        : this.#hashes.find((e) => e[0] === n)![1].digest();
    }
    return out;
  }

  close(): void {
    for (const [, h] of this.#hashes) h.close();
  }
}

/**
 * Where hashing runs: natively (platform provider), on the calling thread, or in workers laid out
 * as {@linkcode WorkerLayout}.
 */
export type HashMode = "native" | "native-workers" | "inline" | WorkerLayout;

/**
 * The fastest hasher available: native (`provider`, when given and mode is "native"), else a
 * {@linkcode WorkerHasher} where Workers exist and a cryptographic hash is asked (one worker per
 * hash by default), else an {@linkcode InlineHasher}.
 *
 * @example Usage
 * ```ts
 * import { createHasher } from "./multi_hasher.ts";
 * const h = createHasher(["crc32"]); // CRC-32 alone never needs a worker
 * await h.update(new Uint8Array(4));
 * if ((await h.digest()).crc32 !== "2144df1c") throw new Error();
 * h.close();
 * ```
 */
export function createHasher(
  names: readonly HashName[],
  mode: HashMode = "per-hash",
  provider?: HashProvider,
): MultiHasher {
  const crypto = names.some((n) => n !== "crc32");
  const workers = typeof Worker !== "undefined";
  if (crypto && provider?.workerUrl && workers && mode === "native-workers") {
    return new WorkerHasher(names, "per-hash", provider.workerUrl);
  }
  if (crypto && provider && (mode === "native" || mode === "native-workers")) {
    const native = NativeHasher.create(names, provider);
    if (native) return native;
  }
  if (mode === "native" || mode === "native-workers") mode = "per-hash";
  if (mode !== "inline" && crypto && workers) return new WorkerHasher(names, mode);
  return new InlineHasher(names);
}
