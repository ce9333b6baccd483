// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.

/** Cryptographic hashes a platform may compute natively. */
export type NativeHashName = "md5" | "sha1" | "sha256";

/** One incremental native hash whose updates run off the JavaScript thread. */
export interface NativeHash {
  /** Adds bytes; calls must not overlap. Resolves when `data` may be reused. */
  update(data: Uint8Array): Promise<void>;
  /** Finishes; lowercase hex. */
  digest(): string;
  /** Frees the native state. Idempotent. */
  close(): void;
}

/** Native hashing (e.g. OpenSSL's libcrypto through FFI), when the platform has it. */
export interface HashProvider {
  /** A new hash, or null when this one is not available. */
  createHash(name: NativeHashName): NativeHash | null;
  /**
   * URL of a worker module that hashes natively and speaks the protocol of
   * lib/hash/hash_worker.ts, when the platform has one.
   */
  workerUrl?: string;
}
