// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * C2 error pointers to per-sample dump states, with the C2 shift some drives have (PLEXTOR
 * returns a sector's C2 bits shifted by 294 or 295 bytes into the following sector's block).
 *
 * @module
 */
import {
  CD_C2_SIZE,
  CD_DATA_SIZE,
  CD_RAW_DATA_SIZE,
  CD_SECTOR_SAMPLES,
  SampleState,
} from "../cd/constants.ts";

/** Extra sectors to read after a batch so that every sector's shifted C2 block is complete. */
export function c2ExtraSectors(c2Shift: number): number {
  return Math.ceil(c2Shift / CD_C2_SIZE);
}

/**
 * Gathers the C2 block of sector `index` from normalised DATA_C2_SUB records, `shift` bytes into
 * the C2 stream (the stream is the concatenation of every record's 294 C2 bytes).
 *
 * @example A 294-byte shift takes the next record's block
 * ```ts
 * import { alignedC2 } from "./c2_states.ts";
 * const raw = new Uint8Array(2 * 2742);
 * raw[2742 + 2352] = 0xff;
 * if (alignedC2(raw, 2, 0, 294)[0] !== 0xff) throw new Error();
 * ```
 */
export function alignedC2(
  records: Uint8Array,
  count: number,
  index: number,
  shift: number,
  out: Uint8Array = new Uint8Array(CD_C2_SIZE),
): Uint8Array {
  let pos = index * CD_C2_SIZE + shift;
  let filled = 0;
  while (filled < CD_C2_SIZE) {
    const rec = Math.floor(pos / CD_C2_SIZE);
    const within = pos % CD_C2_SIZE;
    const n = Math.min(CD_C2_SIZE - within, CD_C2_SIZE - filled);
    if (rec >= count) {
      out.fill(0, filled, filled + n);
    } else {
      const base = rec * CD_RAW_DATA_SIZE + CD_DATA_SIZE + within;
      out.set(records.subarray(base, base + n), filled);
    }
    filled += n;
    pos += n;
  }
  return out;
}

/**
 * Per-sample states of one sector from its 294 C2 bytes: one bit per main-channel byte, so a
 * sample (4 bytes) owns a nibble, the high nibble for even samples. Any bit set makes the sample
 * ERROR_C2, else SUCCESS. Returns the number of C2-flagged samples.
 *
 * @example Usage
 * ```ts
 * import { c2ToStates } from "./c2_states.ts";
 * const c2 = new Uint8Array(294);
 * c2[0] = 0x01; // low nibble of byte 0: sample 1
 * const states = new Uint8Array(588);
 * if (c2ToStates(c2, states) !== 1 || states[0] !== 4 || states[1] !== 1) throw new Error();
 * ```
 */
export function c2ToStates(
  c2: Uint8Array,
  states: Uint8Array,
  statesOffset = 0,
  c2Offset = 0,
): number {
  let errors = 0;
  for (let b = 0; b < CD_C2_SIZE; b++) {
    const v = c2[c2Offset + b];
    const s = statesOffset + 2 * b;
    if (v === 0) {
      states[s] = SampleState.Success;
      states[s + 1] = SampleState.Success;
      continue;
    }
    const hi = (v & 0xf0) !== 0;
    const lo = (v & 0x0f) !== 0;
    states[s] = hi ? SampleState.ErrorC2 : SampleState.Success;
    states[s + 1] = lo ? SampleState.ErrorC2 : SampleState.Success;
    errors += (hi ? 1 : 0) + (lo ? 1 : 0);
  }
  return errors;
}

/** Fills the states of one sector with a single value (no C2 available, or cache data). */
export function fillStates(states: Uint8Array, offset: number, state: number): void {
  states.fill(state, offset, offset + CD_SECTOR_SAMPLES);
}

/**
 * Merges `incoming` sample states into `current` keeping the better (higher) one per sample;
 * returns a mask of samples where the incoming state won (1) so data can be taken from it.
 *
 * @example Usage
 * ```ts
 * import { mergeStates } from "./c2_states.ts";
 * const cur = new Uint8Array([4, 1, 0]);
 * const won = mergeStates(cur, new Uint8Array([1, 4, 2]));
 * if (cur.join() !== "4,4,2" || won.join() !== "0,1,1") throw new Error();
 * ```
 */
export function mergeStates(current: Uint8Array, incoming: Uint8Array): Uint8Array {
  const won = new Uint8Array(current.length);
  for (let i = 0; i < current.length; i++) {
    if (incoming[i] > current[i]) {
      current[i] = incoming[i];
      won[i] = 1;
    }
  }
  return won;
}

/** Whether every C2 byte of a block is zero. */
export function c2Clean(c2: Uint8Array): boolean {
  for (let i = 0; i < c2.length; i++) if (c2[i] !== 0) return false;
  return true;
}
