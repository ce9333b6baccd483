// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The JSON disc spec (documented in docs/virtual-drive.md) and its layout into sessions/tracks.
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import type { DiscSession, DiscTrack, TrackType } from "./disc.ts";
import type { IsoFileSpec } from "./iso_pvd.ts";

/** One authored track. Lengths are in sectors. */
export interface TrackSpec {
  /** Content type. */
  type: TrackType;
  /** Sectors from index 1 to the end of the track (postgap included). */
  length: number;
  /** Index 0 length (default 150; for track 1 a pregap above 150 makes a hidden track, HTOA). */
  pregap?: number;
  /** Audio pregap content: silent (default) or seeded audio ("non-silent pregap"). */
  pregapAudio?: boolean;
  /** Data track: trailing sectors with zero user data inside `length` (default 0). */
  postgap?: number;
  /** Extra index points (2, 3…) as sector offsets from index 1. */
  indices?: number[];
  /** ISRC (12 characters). */
  isrc?: string;
  /** Q control flags besides data: copy permitted (DCP). */
  copy?: boolean;
  /** Q control flags: pre-emphasis (audio). */
  preemphasis?: boolean;
  /** Content: "random" (seeded, default) or "zero"/"silence". */
  content?: "random" | "zero" | "silence";
  /**
   * Given content instead: a file (path relative to the spec file) of raw 2352-byte audio
   * sectors, or user data (2048 per Mode 1/form 1 sector, 2324 form 2, 2336 Mode 2) from index 1
   * on; sectors past its end are zero. Loaded by the JSON loader into `bytes`.
   */
  file?: string;
  /** Given content as bytes (same layout as `file`). */
  bytes?: Uint8Array;
  /** Data track: ISO 9660 volume id to author a minimal primary volume descriptor at LBA 16. */
  volumeId?: string;
  /** With `volumeId`: files listed in the root directory (e.g. SafeDisc's `00000001.TMP`). */
  isoFiles?: IsoFileSpec[];
  /** CD-TEXT title of this track. */
  title?: string;
  /** CD-TEXT performer of this track. */
  performer?: string;
  /**
   * Audio track: its first sector (index 1) starts with a format header over the seeded audio:
   * "jaguar" (`TAIR`×8 + the byte-swapped "ATARI APPROVED DATA HEADER ATRI" from byte 2, as the
   * Atari Jaguar CD boot track), "videonow" (`E1 E1 E1 01 E1 E1 E1 00`) or "videonow-color"
   * (`81 E3 E3 C7 C7 81 81 E3`) from byte 0.
   */
  header?: "jaguar" | "videonow" | "videonow-color";
}

/** One authored session. */
export interface SessionSpec {
  /** Tracks of the session. */
  tracks: TrackSpec[];
}

/** Byte range of C2 damage inside one authored sector. */
export interface C2Damage {
  /** Authored LBA. */
  lba: number;
  /** First damaged byte (default 0). */
  offset?: number;
  /** Damaged byte count (default 2352). */
  length?: number;
}

/** A subchannel shift (desync) over a range of LBAs. */
export interface SubcodeDesync {
  /** First LBA. */
  from: number;
  /** Last LBA, exclusive. */
  to: number;
  /** Records are taken from `lba + shift`. */
  shift: number;
}

/** The whole disc spec. */
export interface DiscSpec {
  /** Seed of all pseudo-random content (default 1). */
  seed?: number;
  /** Disc write offset in samples (default 0). */
  writeOffset?: number;
  /** Offset shifts: from authored LBA `lba` on, the write offset is `offset` (sorted by LBA; a
   * larger offset leaves a gap of zeros, a smaller one overwrites the previous sector's tail). */
  writeOffsetShifts?: { lba: number; offset: number }[];
  /** Media catalogue number (13 digits). */
  mcn?: string;
  /** CD-TEXT album title. */
  title?: string;
  /** CD-TEXT album performer. */
  performer?: string;
  /** Further CD-TEXT language blocks (block 0 is English, from `title`/`performer`); `dbcs`:
   * the texts are MS-JIS double bytes given one char per byte (character code 0x80). */
  cdTextMore?: {
    language: number;
    title?: string;
    performer?: string;
    trackTitles?: string[];
    dbcs?: boolean;
  }[];
  /** Readable lead-out sectors with content after the last session (default 150). */
  leadOutLength?: number;
  /** Sessions (a single-session disc may use `tracks` instead). */
  sessions?: SessionSpec[];
  /** Shorthand for one session. */
  tracks?: TrackSpec[];
  /** Damage. */
  damage?: {
    /** Sectors (authored LBAs) or byte ranges flagged by C2 (their bytes come back corrupted). */
    c2?: (number | C2Damage)[];
    /** Authored LBAs whose reads fail with MEDIUM ERROR. */
    unreadable?: number[];
    /** LBAs whose Q CRC is wrong. */
    qCrc?: number[];
  };
  /** Subchannel desync ranges. */
  subcodeDesync?: SubcodeDesync[];
  /**
   * LBAs whose sectors carry seeded non-zero content whatever the area (lead-in, pregap,
   * lead-out between sessions): Mode 1 sectors with random user data in data areas, random
   * samples in audio areas.
   */
  areaData?: number[];
}

/** Sessions/tracks laid out on the disc. */
export interface DiscLayout {
  /** Sessions. */
  sessions: DiscSession[];
  /** Tracks. */
  tracks: DiscTrack[];
  /** Per track spec, same order as `tracks`. */
  specs: TrackSpec[];
}

const TYPES: TrackType[] = ["audio", "mode1", "mode2", "mode2form1", "mode2form2"];

/** Lead-out length of session 1 (01:30) and later sessions (00:30), lead-in length (01:00). */
export const FIRST_LEADOUT = 6750;
/** Lead-out length of sessions after the first. */
export const NEXT_LEADOUT = 2250;
/** Lead-in length of sessions after the first. */
export const LEADIN_LENGTH = 4500;

/**
 * Validates a parsed JSON spec; throws FormatError naming the bad field.
 *
 * @example Usage
 * ```ts
 * import { parseDiscSpec } from "./disc_spec.ts";
 * const spec = parseDiscSpec({ tracks: [{ type: "mode1", length: 300 }] });
 * if (spec.sessions?.length !== 1) throw new Error();
 * ```
 */
export function parseDiscSpec(json: unknown): DiscSpec {
  if (typeof json !== "object" || json === null) throw new FormatError("Disc spec: not an object");
  const spec = { ...(json as DiscSpec) };
  if (!spec.sessions) spec.sessions = [{ tracks: spec.tracks ?? [] }];
  if (spec.sessions.length === 0) throw new FormatError("Disc spec: no sessions");
  let n = 0;
  for (const s of spec.sessions) {
    if (!Array.isArray(s.tracks) || s.tracks.length === 0) {
      throw new FormatError("Disc spec: a session has no tracks");
    }
    for (const t of s.tracks) {
      n++;
      if (!TYPES.includes(t.type)) {
        throw new FormatError(`Disc spec: track ${n}: type must be one of ${TYPES.join(", ")}`);
      }
      if (!Number.isInteger(t.length) || t.length < 1) {
        throw new FormatError(`Disc spec: track ${n}: length must be a positive integer`);
      }
      if (t.pregap !== undefined && (!Number.isInteger(t.pregap) || t.pregap < 0)) {
        throw new FormatError(`Disc spec: track ${n}: pregap must be a non-negative integer`);
      }
    }
  }
  if (n > 99) throw new FormatError("Disc spec: more than 99 tracks");
  if (spec.mcn !== undefined && !/^\d{13}$/.test(spec.mcn)) {
    throw new FormatError("Disc spec: mcn must be 13 digits");
  }
  if (spec.writeOffset !== undefined && !Number.isInteger(spec.writeOffset)) {
    throw new FormatError("Disc spec: writeOffset must be an integer (samples)");
  }
  let prev = -Infinity;
  for (const sh of spec.writeOffsetShifts ?? []) {
    if (!Number.isInteger(sh.lba) || !Number.isInteger(sh.offset)) {
      throw new FormatError("Disc spec: writeOffsetShifts need integer lba and offset");
    }
    const at = sh.lba * 2352 + 4 * sh.offset;
    if (at <= prev) throw new FormatError("Disc spec: writeOffsetShifts must move forward");
    prev = at;
  }
  return spec;
}

/** Lays out sessions and tracks: session 1 starts at LBA −150; sessions are 1:30/0:30 + 1:00 apart. */
export function layoutDisc(spec: DiscSpec): DiscLayout {
  const sessions: DiscSession[] = [];
  const tracks: DiscTrack[] = [];
  const specs: TrackSpec[] = [];
  let lba = -150;
  let number = 1;
  (spec.sessions ?? []).forEach((s, si) => {
    const leadInStart = si === 0 ? -45150 + 0 : lba - LEADIN_LENGTH;
    const firstTrack = number;
    for (const t of s.tracks) {
      const isFirst = number === 1;
      const pregap = t.pregap ?? 150;
      // Track 1 index 0 always starts at LBA −150 (00:00:00); its index 1 follows the pregap.
      const pregapStart = lba;
      const start = isFirst ? -150 + Math.max(pregap, 150) : lba + pregap;
      const control = (t.type === "audio" ? 0 : 4) | (t.copy ? 2 : 0) | (t.preemphasis ? 1 : 0);
      tracks.push({
        number,
        session: si + 1,
        type: t.type,
        control,
        pregapStart,
        start,
        indices: (t.indices ?? []).map((o) => start + o),
        end: start + t.length,
        isrc: t.isrc,
      });
      specs.push(t);
      lba = start + t.length;
      number++;
    }
    sessions.push({ number: si + 1, firstTrack, lastTrack: number - 1, leadOut: lba, leadInStart });
    lba += (si === 0 ? FIRST_LEADOUT : NEXT_LEADOUT) + LEADIN_LENGTH;
  });
  return { sessions, tracks, specs };
}
