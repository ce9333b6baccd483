// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The disc model the virtual drive reads: sessions, tracks, indices and per-LBA content. Main
 * channel is a continuous *physical* byte stream (what a drive with read offset 0 returns when
 * reading as audio, data sectors still scrambled, the disc write offset already applied), so the
 * same model serves synthesized discs, redumper dump sets, CUE/BIN sets and ISOs.
 *
 * @module
 */
import type { DvdExtras } from "./dvd_disc.ts";

/** What a track holds. */
export type TrackType = "audio" | "mode1" | "mode2" | "mode2form1" | "mode2form2";

/** One track. LBAs are disc addresses (LBA 0 = MSF 00:02:00). */
export interface DiscTrack {
  /** Track number 1–99. */
  number: number;
  /** Session number (1-based). */
  session: number;
  /** Content type. */
  type: TrackType;
  /** Q control nibble (0x4 data, 0x2 copy permitted, 0x1 pre-emphasis, 0x8 four-channel). */
  control: number;
  /** LBA of index 0 (equals `start` when there is no pregap). */
  pregapStart: number;
  /** LBA of index 1 (what the TOC lists). */
  start: number;
  /** LBAs of index 2, 3… (absolute). */
  indices: number[];
  /** End LBA, exclusive (start of the next track's pregap or of the lead-out). */
  end: number;
  /** ISRC (12 characters), if any. */
  isrc?: string;
}

/** One session. */
export interface DiscSession {
  /** Session number (1-based). */
  number: number;
  /** First track number. */
  firstTrack: number;
  /** Last track number. */
  lastTrack: number;
  /** Lead-out start LBA. */
  leadOut: number;
  /** Lead-in start LBA (the session 1 lead-in starts before LBA −150). */
  leadInStart: number;
}

/** Kind of medium. */
export type MediumType = "cd" | "dvd" | "bd";

/** Per-sample quality of the main channel, as in redumper's `.state` (0 unreadable … 4 good). */
export type SampleQuality = 0 | 1 | 2 | 3 | 4;

/** A disc as the virtual drive sees it. */
export interface Disc {
  /** CD, DVD or BD. DVD/BD discs have only `userData` (2048-byte sectors). */
  medium: MediumType;
  /** Sessions in order. */
  sessions: DiscSession[];
  /** Tracks in order. */
  tracks: DiscTrack[];
  /** Media catalogue number (13 digits), if any. */
  mcn?: string;
  /** CD-TEXT packs (18 bytes each, CRC included), if any. */
  cdText?: Uint8Array;
  /** Disc write offset in samples (positive: data starts later on the disc than addressed). */
  writeOffset: number;
  /** Disc type byte of FULL TOC A0 PSEC: 0x00 CD-DA/CD-ROM, 0x10 CD-i, 0x20 XA. */
  discType: number;
  /** First LBA with content (lead-in reads below it fail). */
  firstLba: number;
  /** One past the last LBA with content (lead-out reads beyond it fail). */
  lastLba: number;
  /**
   * Physical main channel: fills `out` with `out.length` bytes starting at stream byte `pos`
   * (byte 0 = LBA 0; negative positions are the pregap/lead-in). Positions without content are 0.
   */
  readMain(pos: number, out: Uint8Array): void;
  /** Raw interleaved P–W record (96 bytes) at `lba`; already carries any authored damage. */
  readSubcode(lba: number): Uint8Array;
  /** Quality of `count` samples from sample index `sample` (sample 0 = LBA 0). */
  readQuality(sample: number, out: Uint8Array): void;
  /** Whether the sector at `lba` is a data sector (scrambled on the disc, sync-aligned by the drive). */
  isDataSector(lba: number): boolean;
  /**
   * File-backed discs load what a read of `count` sectors from `lba` needs before the synchronous
   * reads (the drive calls it with a margin for offsets). Absent on in-memory discs.
   */
  prefetch?: (lba: number, count: number) => Promise<void>;
  /** 2048-byte user data sector (ISO-backed discs and DVD/BD); null when the disc has none. */
  userData?: (lba: number) => Uint8Array | null;
  /** DVD/BD extras from a DVD spec (layers, BCA, copyright); absent: one layer, no BCA. */
  dvd?: DvdExtras;
}

/**
 * The track holding `lba` (its pregap included), or null outside every track.
 *
 * @example Usage
 * ```ts
 * import { trackAt, type DiscTrack } from "./disc.ts";
 * const t: DiscTrack = { number: 1, session: 1, type: "mode1", control: 4, pregapStart: -150,
 *   start: 0, indices: [], end: 100 };
 * if (trackAt([t], 50)?.number !== 1 || trackAt([t], 100) !== null) throw new Error();
 * ```
 */
export function trackAt(tracks: DiscTrack[], lba: number): DiscTrack | null {
  for (const t of tracks) if (lba >= t.pregapStart && lba < t.end) return t;
  return null;
}

/** The disc's final lead-out LBA (what READ CAPACITY reports as the block count). */
export function discLeadOut(disc: Pick<Disc, "sessions">): number {
  return disc.sessions[disc.sessions.length - 1].leadOut;
}

/** Whether a track type is data (control bit 0x4). */
export function isDataType(type: TrackType): boolean {
  return type !== "audio";
}

/**
 * Whether `lba` holds a data sector, judged from the tracks: inside a track by its control;
 * in a lead-out by the session's last track, in a lead-in by the next session's first track.
 */
export function dataSectorByTracks(
  tracks: DiscTrack[],
  sessions: DiscSession[],
  lba: number,
): boolean {
  let prev: DiscTrack | undefined;
  for (const t of tracks) {
    if (lba < t.pregapStart) {
      if (!prev) return (t.control & 4) !== 0;
      const s = sessions[prev.session - 1];
      const loLen = prev.session === 1 ? 6750 : 2250;
      if (prev.session !== t.session && lba >= s.leadOut + loLen) return (t.control & 4) !== 0;
      return (prev.control & 4) !== 0;
    }
    if (lba < t.end) return (t.control & 4) !== 0;
    prev = t;
  }
  return prev ? (prev.control & 4) !== 0 : false;
}
