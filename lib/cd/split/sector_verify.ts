// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Checking descrambled data sectors while split writes them (EDC by lib/cd/edc.ts's slice-by-4
 * `edcWords`); ECC is computed only for sectors whose EDC fails (to tell the two apart).
 *
 * @module
 */
import { checkEcc } from "../ecc.ts";
import { edcWords } from "../edc.ts";

export { edcWords };

/** Result of {@linkcode verifySector}. */
export type SectorVerdict = "ok" | "edc" | "ecc" | "both" | "none";

/**
 * Checks a descrambled sector at byte `at` (a multiple of 4) of the chunk: Mode 1 and Mode 2 XA
 * form 1 (EDC + ECC), form 2 (EDC when non-zero). "none" for layouts without checks.
 */
export function verifySector(buf: Uint8Array, words: Uint32Array, at: number): SectorVerdict {
  const w = at >> 2;
  const mode = buf[at + 15];
  let edcOk: boolean;
  let form1: boolean;
  if (mode === 1) {
    edcOk = edcWords(words, w, w + 516) === words[w + 516];
    form1 = true;
  } else if (
    mode === 2 && buf[at + 16] === buf[at + 20] && buf[at + 17] === buf[at + 21] &&
    buf[at + 18] === buf[at + 22] && buf[at + 19] === buf[at + 23]
  ) {
    if (buf[at + 18] & 0x20) {
      const stored = words[w + 587];
      return stored === 0 || edcWords(words, w + 4, w + 587) === stored ? "ok" : "edc";
    }
    edcOk = edcWords(words, w + 4, w + 518) === words[w + 518];
    form1 = false;
  } else return "none";
  if (edcOk) return "ok";
  const s = buf.subarray(at, at + 2352);
  const eccOk = checkEcc(s, !form1);
  return eccOk ? "edc" : "both";
}

/** Data sectors of a chunk to verify: LBA of its first sector and LBAs to leave out. */
export interface ChunkVerify {
  /** LBA of the chunk's first sector. */
  firstLba: number;
  /** Regenerated or not-descrambled sectors (not checked). */
  skip: number[];
}

/** Verifies every sector of a chunk; appends failing LBAs. */
export function verifyChunk(
  buf: Uint8Array,
  v: ChunkVerify,
  edcErrors: number[],
  eccErrors: number[],
): void {
  const words = new Uint32Array(buf.buffer, buf.byteOffset, buf.length >> 2);
  const skip = new Set(v.skip);
  const n = Math.floor(buf.length / 2352);
  for (let k = 0; k < n; k++) {
    const lba = v.firstLba + k;
    if (skip.has(lba)) continue;
    const r = verifySector(buf, words, k * 2352);
    if (r === "edc" || r === "both") edcErrors.push(lba);
    if (r === "both") eccErrors.push(lba);
  }
}
