// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Worker body of {@linkcode WorkerHasher}: incremental `node:crypto` hashes. Messages:
 * `{ algs }` (re)starts, `{ seq, data }` updates and is acknowledged with `{ seq }`,
 * `{ digest: true }` answers `{ digests: hex[] }` in `algs` order.
 *
 * @module
 */
import { createHash, type Hash } from "node:crypto";

interface Scope {
  onmessage: ((e: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
}

const scope = globalThis as unknown as Scope;
let hashes: Hash[] = [];

scope.onmessage = (e: MessageEvent) => {
  const m = e.data as { algs?: string[]; seq?: number; data?: Uint8Array; digest?: boolean };
  if (m.algs) {
    hashes = m.algs.map((a) => createHash(a));
  } else if (m.digest) {
    scope.postMessage({ digests: hashes.map((h) => h.digest("hex")) });
  } else if (m.data) {
    for (const h of hashes) h.update(m.data);
    scope.postMessage({ seq: m.seq });
  }
};
