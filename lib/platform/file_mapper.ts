// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Read-only memory maps of whole files (Linux: `mmap(PROT_READ, MAP_PRIVATE | MAP_POPULATE)`):
 * a large input such as a 900 MB `.scram` is addressable at once without copying it into the
 * JavaScript heap.
 *
 * @module
 */

/** A mapped file. Its bytes are READ-ONLY: writing into `data` crashes the process. */
export interface MappedFile {
  /** The file's bytes (page-aligned, so 32-bit views work). Do not use after `close`. */
  readonly data: Uint8Array;
  /** Unmaps. Idempotent. Nothing may still read `data` (e.g. native hashing on another thread). */
  close(): void;
}

/** Maps files read-only. */
export interface FileMapper {
  /**
   * Maps a regular file, or resolves to null when it cannot be mapped here (empty file, not a
   * regular file, mapping refused): callers then read it instead.
   */
  mapRead(path: string): Promise<MappedFile | null>;
}
