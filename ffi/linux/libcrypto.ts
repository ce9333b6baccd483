// Copyright 2026 the sectorkit authors. MIT license.
/**
 * OpenSSL's libcrypto (EVP digests) as lib/'s HashProvider: MD5/SHA-1/SHA-256 with the CPU's
 * assembly (SHA-NI where present), each update on Deno's blocking thread pool, so hashes run in
 * parallel with each other and with reads. Absent library → no provider (workers are used).
 *
 * @module
 */
import type { HashProvider, NativeHash, NativeHashName } from "../../lib/platform/mod.ts";
import { cString } from "./libc.ts";

/** libcrypto symbols, with their C prototypes. */
export const LIBCRYPTO_SYMBOLS = {
  /** const EVP_MD *EVP_get_digestbyname(const char *name) */
  EVP_get_digestbyname: { parameters: ["buffer"], result: "pointer" },
  /** EVP_MD_CTX *EVP_MD_CTX_new(void) */
  EVP_MD_CTX_new: { parameters: [], result: "pointer" },
  /** void EVP_MD_CTX_free(EVP_MD_CTX *ctx) */
  EVP_MD_CTX_free: { parameters: ["pointer"], result: "void" },
  /** int EVP_DigestInit_ex(EVP_MD_CTX *ctx, const EVP_MD *type, ENGINE *impl) */
  EVP_DigestInit_ex: { parameters: ["pointer", "pointer", "pointer"], result: "i32" },
  /** int EVP_DigestUpdate(EVP_MD_CTX *ctx, const void *d, size_t cnt)  (on the thread pool) */
  EVP_DigestUpdate: {
    parameters: ["pointer", "buffer", "usize"],
    result: "i32",
    nonblocking: true,
  },
  /** Same as EVP_DigestUpdate, synchronous (for use inside a hash worker). */
  EVP_DigestUpdate_sync: {
    name: "EVP_DigestUpdate",
    parameters: ["pointer", "buffer", "usize"],
    result: "i32",
  },
  /** int EVP_DigestFinal_ex(EVP_MD_CTX *ctx, unsigned char *md, unsigned int *s) */
  EVP_DigestFinal_ex: { parameters: ["pointer", "buffer", "buffer"], result: "i32" },
} as const;

type Lib = Deno.DynamicLibrary<typeof LIBCRYPTO_SYMBOLS>["symbols"];
let lib: Lib | null | undefined;

/** libcrypto's symbols, or null when it cannot be loaded. */
export function libcrypto(): Lib | null {
  if (lib === undefined) {
    lib = null;
    for (const name of ["libcrypto.so.3", "libcrypto.so"]) {
      try {
        lib = Deno.dlopen(name, LIBCRYPTO_SYMBOLS).symbols;
        break;
      } catch { /* try the next name */ }
    }
  }
  return lib;
}

/** Lowercase hex of a digest. */
export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

class EvpHash implements NativeHash {
  #ctx: Deno.PointerValue;
  #name: string;
  #busy: Promise<unknown> | null = null;

  constructor(ctx: Deno.PointerValue, name: string) {
    this.#ctx = ctx;
    this.#name = name;
  }

  async update(data: Uint8Array): Promise<void> {
    if (data.length === 0) return;
    if (this.#ctx === null) throw new Error(`OpenSSL ${this.#name}: hash is closed`);
    const call = libcrypto()!.EVP_DigestUpdate(
      this.#ctx,
      data as Uint8Array<ArrayBuffer>,
      BigInt(data.length),
    );
    this.#busy = call;
    const ok = await call.finally(() => {
      if (this.#busy === call) this.#busy = null;
    });
    if (ok !== 1) throw new Error(`OpenSSL ${this.#name} update failed`);
  }

  digest(): string {
    const out = new Uint8Array(64);
    const len = new Uint32Array(1);
    if (libcrypto()!.EVP_DigestFinal_ex(this.#ctx, out, new Uint8Array(len.buffer)) !== 1) {
      throw new Error(`OpenSSL ${this.#name} final failed`);
    }
    return hex(out.subarray(0, len[0]));
  }

  close(): void {
    const ctx = this.#ctx;
    if (ctx === null) return;
    this.#ctx = null;
    // Never free the context under an update still running on the thread pool.
    if (this.#busy) this.#busy.finally(() => libcrypto()!.EVP_MD_CTX_free(ctx));
    else libcrypto()!.EVP_MD_CTX_free(ctx);
  }
}

/** The libcrypto provider, or undefined when libcrypto cannot be loaded. */
export function createLibcryptoProvider(): HashProvider | undefined {
  if (!libcrypto()) return undefined;
  return {
    workerUrl: new URL("./libcrypto_worker.ts", import.meta.url).href,
    createHash(name: NativeHashName): NativeHash | null {
      const l = libcrypto()!;
      const md = l.EVP_get_digestbyname(cString(name));
      if (md === null) return null;
      const ctx = l.EVP_MD_CTX_new();
      if (ctx === null) return null;
      if (l.EVP_DigestInit_ex(ctx, md, null) !== 1) {
        l.EVP_MD_CTX_free(ctx);
        return null;
      }
      return new EvpHash(ctx, name);
    },
  };
}
