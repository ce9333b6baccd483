// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.

/**
 * Fills `out` with deterministic pseudo-random bytes derived from `(seed, key1, key2)`
 * (a splitmix-style mix into a xorshift32 stream). Same inputs, same bytes, on every platform.
 *
 * @example Deterministic
 * ```ts
 * import { fillRandom } from "./prng.ts";
 * const a = fillRandom(new Uint8Array(8), 1, 2, 3);
 * const b = fillRandom(new Uint8Array(8), 1, 2, 3);
 * if (a.some((x, i) => x !== b[i])) throw new Error();
 * ```
 */
export function fillRandom(out: Uint8Array, seed: number, key1: number, key2 = 0): Uint8Array {
  let x = mix32((seed | 0) ^ mix32((key1 | 0) ^ mix32(key2 | 0))) || 0x6d2b79f5;
  const n4 = out.length & ~3;
  for (let i = 0; i < n4; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
    out[i + 1] = (x >>> 8) & 0xff;
    out[i + 2] = (x >>> 16) & 0xff;
    out[i + 3] = (x >>> 24) & 0xff;
  }
  for (let i = n4; i < out.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** A 32-bit integer hash (murmur3 finalizer). */
export function mix32(v: number): number {
  let h = v | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A seeded uniform generator in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
