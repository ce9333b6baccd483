// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Write offsets of audio-only formats from a known byte pattern (optical.md §3.3): the Atari
 * Jaguar CD boot track header (`TAIRTAIR`, "ATRI" byte-swapped) at the start of session 2's first
 * track, and the VideoNow / VideoNow Color frame magic at the start of track 1.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { CD_SECTOR_SAMPLES } from "../constants.ts";
import { rangeClean, SCRAM_SAMPLE_BASE, type ScramImage } from "./scram_image.ts";
import type { Layout } from "./layout.ts";
import { isData } from "./layout.ts";

/** `TAIRTAIR`: the Atari Jaguar CD track header as read from the disc. */
export const JAGUAR_MAGIC: Uint8Array = new TextEncoder().encode("TAIRTAIR");
/** VideoNow (original) magic. */
export const VIDEONOW_MAGIC: Uint8Array = new Uint8Array([
  0xe1,
  0xe1,
  0xe1,
  0x01,
  0xe1,
  0xe1,
  0xe1,
  0x00,
]);
/** VideoNow Color / Jr. / XP / Color FX magic. */
export const VIDEONOW_COLOR_MAGIC: Uint8Array = new Uint8Array([
  0x81,
  0xe3,
  0xe3,
  0xc7,
  0xc7,
  0x81,
  0x81,
  0xe3,
]);

/**
 * Byte position of the first `magic` in the `.scram` bytes of LBAs `[lbaStart, lbaEnd)` read with
 * offset 0 (position 0 = the first byte of `lbaStart`), or null when absent, when the range is
 * empty, or when any of its samples is missing or C2-flagged.
 *
 * @example Usage
 * ```ts
 * import { byteOffsetByMagic } from "./magic_offset.ts";
 * import { SCRAM_SAMPLE_BASE } from "./scram_image.ts";
 * const n = 4 * 588, first = SCRAM_SAMPLE_BASE / 588; // the file's first LBA
 * const data = new Uint8Array(n * 4);
 * data.set([1, 2, 3], 2352 + 10);
 * const img = { data, state: new Uint8Array(n).fill(4), samples: n };
 * if (byteOffsetByMagic(img, first + 1, first + 2, new Uint8Array([1, 2, 3])) !== 10) throw new Error();
 * ```
 */
export function byteOffsetByMagic(
  img: ScramImage,
  lbaStart: number,
  lbaEnd: number,
  magic: Uint8Array,
): number | null {
  if (lbaEnd <= lbaStart) return null;
  const s = lbaStart * CD_SECTOR_SAMPLES, n = (lbaEnd - lbaStart) * CD_SECTOR_SAMPLES;
  if (!rangeClean(img, s, n)) return null;
  const i = (s - SCRAM_SAMPLE_BASE) * 4;
  const hay = Buffer.from(img.data.buffer, img.data.byteOffset + i, n * 4);
  const at = hay.indexOf(magic);
  return at < 0 ? null : at;
}

/** A magic-pattern offset and the line redumper logs for it. */
export interface MagicOffset {
  /** Write offset in samples. */
  offset: number;
  /** Which format. */
  kind: "jaguar" | "videonow" | "videonow-color";
  /** The log line. */
  line: string;
}

/**
 * Atari Jaguar CD: two sessions, session 2 starting with an audio track whose header
 * `TAIRTAIR` lies two bytes into its index 1: searched in the sector before and at index 1;
 * offset = (position − 2) / 4 − 588.
 *
 * @example Usage
 * ```ts ignore
 * const j = jaguarOffset(img, layout); // { offset: -123, kind: "jaguar", … } or null
 * ```
 */
export function jaguarOffset(img: ScramImage, layout: Layout): MagicOffset | null {
  if (layout.sessions.length !== 2) return null;
  const t = layout.sessions[1].tracks[0];
  if (!t || isData(t.control) || t.indices.length === 0) return null;
  const i1 = t.indices[0];
  const pos = byteOffsetByMagic(img, i1 - 1, i1 + 1, JAGUAR_MAGIC);
  if (pos === null) return null;
  return {
    offset: Math.trunc((pos - 2) / 4) - CD_SECTOR_SAMPLES,
    kind: "jaguar",
    line: "Atari Jaguar disc detected",
  };
}

/**
 * VideoNow discs (single session): the first magic from the sector holding the first non-zero
 * sample to the end of track 1 marks LBA 0; offset = its sample position relative to LBA 0.
 *
 * @example Usage
 * ```ts ignore
 * const v = videoNowOffset(img, layout, dataStart);
 * ```
 */
export function videoNowOffset(
  img: ScramImage,
  layout: Layout,
  dataStart: number | null,
): MagicOffset | null {
  if (layout.sessions.length !== 1 || dataStart === null) return null;
  const t = layout.sessions[0].tracks[0];
  const lbaStart = Math.floor(dataStart / CD_SECTOR_SAMPLES);
  const kinds = [
    { magic: VIDEONOW_MAGIC, kind: "videonow", line: "VideoNow disc detected" },
    {
      magic: VIDEONOW_COLOR_MAGIC,
      kind: "videonow-color",
      line: "VideoNow Color (Color / Jr. / XP / Color FX) disc detected",
    },
  ] as const;
  for (const k of kinds) {
    const pos = byteOffsetByMagic(img, lbaStart, t.end, k.magic);
    if (pos !== null) {
      return {
        offset: Math.trunc(pos / 4) + CD_SECTOR_SAMPLES * lbaStart,
        kind: k.kind,
        line: k.line,
      };
    }
  }
  return null;
}
