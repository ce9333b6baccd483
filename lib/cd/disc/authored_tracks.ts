// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import { CD_DATA_SIZE } from "../constants.ts";
import type { SynthesizedDisc } from "./synthesize.ts";

/** One track image as a correct split writes it. */
export interface AuthoredTrack {
  /** Track number. */
  number: number;
  /** First LBA in the image. */
  lbaStart: number;
  /** End LBA, exclusive. */
  lbaEnd: number;
  /** Descrambled, write-offset-corrected 2352-byte sectors (authored, before any damage). */
  bytes: Uint8Array;
}

/**
 * The track images a redump-style split of a synthesized disc must produce: session 1's first
 * track from LBA 0, later sessions' first tracks from index 1, every other track from its index 0,
 * each up to the next track's image or its session's lead-out (optical.md §3.4). Test oracles for
 * split.
 *
 * @example Two tracks
 * ```ts
 * import { synthesizeDisc } from "./synthesize.ts";
 * import { authoredTracks } from "./authored_tracks.ts";
 * const disc = synthesizeDisc({ tracks: [{ type: "mode1", length: 100 }, { type: "audio", length: 50 }] });
 * const [t1, t2] = authoredTracks(disc);
 * if (t1.lbaEnd !== 100 || t2.lbaStart !== 100 || t2.bytes.length !== 200 * 2352) throw new Error();
 * ```
 */
export function authoredTracks(disc: SynthesizedDisc): AuthoredTrack[] {
  const tracks = disc.tracks;
  return tracks.map((t, i) => {
    const firstOfSession = i === 0 || tracks[i - 1].session !== t.session;
    const lbaStart = i === 0 ? 0 : firstOfSession ? t.start : t.pregapStart;
    const next = tracks[i + 1];
    const lbaEnd = next && next.session === t.session
      ? next.pregapStart
      : disc.sessions[t.session - 1].leadOut;
    const bytes = new Uint8Array((lbaEnd - lbaStart) * CD_DATA_SIZE);
    for (let l = lbaStart; l < lbaEnd; l++) {
      bytes.set(disc.authoredSector(l), (l - lbaStart) * CD_DATA_SIZE);
    }
    return { number: t.number, lbaStart, lbaEnd, bytes };
  });
}
