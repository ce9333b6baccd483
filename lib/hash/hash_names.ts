// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import { UsageError } from "../errors.ts";

/** Hashes sectorkit computes while imaging. */
export type HashName = "md5" | "sha1" | "sha256" | "crc32";

/** All supported hashes, in output order. */
export const HASH_NAMES: readonly HashName[] = ["md5", "sha1", "sha256", "crc32"];

/** The default set: the forensic pair plus a cheap checksum. */
export const DEFAULT_HASHES: readonly HashName[] = ["md5", "sha1", "crc32"];

/**
 * Parses a `--hash` list: comma-separated names, or `none`.
 *
 * @example Usage
 * ```ts
 * import { parseHashList } from "./hash_names.ts";
 * const list = parseHashList("sha1,md5");
 * if (list.join() !== "md5,sha1") throw new Error("unexpected");
 * if (parseHashList("none").length !== 0) throw new Error("unexpected");
 * ```
 */
export function parseHashList(text: string): HashName[] {
  const parts = text.toLowerCase().split(",").map((s) => s.trim().replace("-", "")).filter(
    (s) => s !== "",
  );
  if (parts.length === 1 && parts[0] === "none") return [];
  for (const p of parts) {
    if (!(HASH_NAMES as readonly string[]).includes(p)) {
      throw new UsageError(
        `Unknown hash "${p}" in --hash: expected a list of ${HASH_NAMES.join(", ")}, or none`,
      );
    }
  }
  if (parts.length === 0) throw new UsageError(`--hash needs a list (md5,sha1,…) or none`);
  return HASH_NAMES.filter((n) => parts.includes(n));
}
