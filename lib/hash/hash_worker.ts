// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Worker body of {@linkcode WorkerHasher}: one incremental `node:crypto` hash per worker. Messages:
 * `{ alg }` starts, `{ seq, data }` updates and is acknowledged with `{ seq }`, `{ digest: true }`
 * answers `{ digest: hex }`.
 *
 * @module
 */
import { createHash, type Hash } from "node:crypto";

interface Scope {
  onmessage: ((e: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
}

const scope = globalThis as unknown as Scope;
let hash: Hash | null = null;

scope.onmessage = (e: MessageEvent) => {
  const m = e.data as { alg?: string; seq?: number; data?: Uint8Array; digest?: boolean };
  if (m.alg) {
    hash = createHash(m.alg);
  } else if (m.digest) {
    scope.postMessage({ digest: hash!.digest("hex") });
  } else if (m.data) {
    hash!.update(m.data);
    scope.postMessage({ seq: m.seq });
  }
};
