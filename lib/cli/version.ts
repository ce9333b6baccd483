// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.

/** The sectorkit version (kept equal to deno.json's). */
export const VERSION = "0.1.0";
