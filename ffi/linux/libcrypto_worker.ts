// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Hash worker with OpenSSL's libcrypto, speaking the protocol of lib/hash/hash_worker.ts:
 * `{ algs }` (re)starts, `{ seq, data }` updates (synchronous FFI, so a backlog of chunks is hashed
 * without leaving the thread) and is acknowledged with `{ seq }`, `{ digest: true }` answers
 * `{ digests }`.
 *
 * @module
 */
import { cString } from "./libc.ts";
import { hex, libcrypto } from "./libcrypto.ts";

interface Scope {
  onmessage: ((e: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
}

const scope = globalThis as unknown as Scope;
const lib = libcrypto()!;
let contexts: Deno.PointerValue[] = [];

function start(algs: string[]): void {
  for (const c of contexts) lib.EVP_MD_CTX_free(c);
  contexts = algs.map((a) => {
    const ctx = lib.EVP_MD_CTX_new();
    if (lib.EVP_DigestInit_ex(ctx, lib.EVP_get_digestbyname(cString(a)), null) !== 1) {
      throw new Error(`OpenSSL cannot start ${a}`);
    }
    return ctx;
  });
}

scope.onmessage = (e: MessageEvent) => {
  const m = e.data as { algs?: string[]; seq?: number; data?: Uint8Array; digest?: boolean };
  if (m.algs) {
    start(m.algs);
  } else if (m.digest) {
    const out = new Uint8Array(64);
    const len = new Uint32Array(1);
    scope.postMessage({
      digests: contexts.map((c) => {
        lib.EVP_DigestFinal_ex(c, out, new Uint8Array(len.buffer));
        return hex(out.subarray(0, len[0]));
      }),
    });
  } else if (m.data) {
    const data = m.data as Uint8Array<ArrayBuffer>;
    for (const c of contexts) lib.EVP_DigestUpdate_sync(c, data, BigInt(data.length));
    scope.postMessage({ seq: m.seq });
  }
};
