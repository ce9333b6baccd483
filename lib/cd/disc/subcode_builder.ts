// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Authored subchannel of a laid-out disc: P (pause flag), Q (ADR 1 position, MCN and ISRC
 * frames, lead-in TOC frames, lead-out) and R–W (CD-TEXT packs in the lead-in).
 *
 * @module
 */
import { CD_SUBCODE_SIZE } from "../constants.ts";
import { lbaToMsf, toBcd } from "../msf.ts";
import { buildQIsrc, buildQMcn, buildQPosition, interleave, setQCrc } from "../subchannel.ts";
import type { DiscSession, DiscTrack } from "./disc.ts";

/** What the subchannel of a disc is built from. */
export interface SubcodeSource {
  /** Sessions. */
  sessions: DiscSession[];
  /** Tracks. */
  tracks: DiscTrack[];
  /** MCN (13 digits). */
  mcn?: string;
  /** CD-TEXT packs (18 bytes each). */
  cdText?: Uint8Array;
  /** Disc type for POINT A0's PSEC (0x00, 0x10 CD-i, 0x20 XA). */
  discType?: number;
}

/** One lead-in TOC entry: POINT with its control and the PMIN/PSEC/PFRAME address. */
interface LeadInEntry {
  point: number;
  control: number;
  adr: number;
  pmsf: [number, number, number];
  /** ADR 5 pointers: fixed MIN/SEC/FRAME and ZERO instead of the running time. */
  msf?: [number, number, number];
  zero?: number;
  /** PSEC is a raw byte (A0's disc type), not BCD. */
  rawPsec?: boolean;
}

function msfOf(lba: number): [number, number, number] {
  const m = lbaToMsf(lba);
  return [m.m, m.s, m.f];
}

function leadInEntries(src: SubcodeSource, s: DiscSession): LeadInEntry[] {
  const tr = src.tracks.filter((t) => t.session === s.number);
  const first = tr[0], last = tr[tr.length - 1];
  const e: LeadInEntry[] = [
    {
      point: 0xa0,
      control: first.control,
      adr: 1,
      pmsf: [first.number, src.discType ?? 0, 0],
      rawPsec: true,
    },
    { point: 0xa1, control: last.control, adr: 1, pmsf: [last.number, 0, 0] },
    { point: 0xa2, control: last.control, adr: 1, pmsf: msfOf(s.leadOut) },
  ];
  for (const t of tr) e.push({ point: t.number, control: t.control, adr: 1, pmsf: msfOf(t.start) });
  // Multisession: B0 (next program area, ADR 5) in every session but the last, C0 in session 1.
  const next = src.sessions[s.number];
  if (next) {
    const nt = src.tracks.find((t) => t.number === next.firstTrack)!;
    const pointers = s.number === 1 ? 2 : 1;
    e.push({
      point: 0xb0,
      control: 0,
      adr: 5,
      msf: msfOf(nt.pregapStart),
      zero: pointers,
      pmsf: [79, 59, 74],
    });
    if (s.number === 1) {
      e.push({ point: 0xc0, control: 0, adr: 5, msf: [0, 0, 0], zero: 0, pmsf: [97, 26, 66] });
    }
  }
  return e;
}

/** Builds the 96-byte raw P–W record of `lba` (before any damage or desync). */
export function buildSubcode(src: SubcodeSource, lba: number): Uint8Array {
  const out = new Uint8Array(CD_SUBCODE_SIZE);
  const sessions = src.sessions;
  // Which area: a track (pregap included), a lead-out or a lead-in.
  const track = src.tracks.find((t) => lba >= t.pregapStart && lba < t.end);
  if (track) {
    const inPregap = lba < track.start;
    let index = inPregap ? 0 : 1;
    for (const i of track.indices) if (lba >= i) index++;
    let q: Uint8Array;
    const slot = ((lba % 100) + 100) % 100;
    if (src.mcn && slot === 23) q = buildQMcn(track.control, src.mcn, lba);
    else if (track.isrc && slot === 71 && !inPregap) q = buildQIsrc(track.control, track.isrc, lba);
    else {
      q = buildQPosition({
        control: track.control,
        track: track.number,
        index,
        relLba: lba - track.start,
        absLba: lba,
      });
    }
    return interleave({ p: inPregap, q }, out);
  }
  // Lead-in of a session: the span before its first track's index 0.
  for (const s of sessions) {
    const first = src.tracks.find((t) => t.number === s.firstTrack)!;
    if (lba < first.pregapStart && lba >= s.leadInStart) {
      const k = lba - s.leadInStart;
      const entries = leadInEntries(src, s);
      const e = entries[Math.floor(k / 3) % entries.length];
      const q = new Uint8Array(12);
      q[0] = (e.control << 4) | e.adr;
      q[1] = 0;
      q[2] = e.point <= 99 ? toBcd(e.point) : e.point;
      const r = lbaToMsf(k - 150);
      const t = e.msf ?? [r.m % 100, r.s, r.f];
      q[3] = toBcd(t[0]);
      q[4] = toBcd(t[1]);
      q[5] = toBcd(t[2]);
      q[6] = e.zero ?? 0;
      q[7] = toBcd(e.pmsf[0]);
      q[8] = e.rawPsec ? e.pmsf[1] : toBcd(e.pmsf[1]);
      q[9] = toBcd(e.pmsf[2]);
      setQCrc(q);
      interleave({ q }, out);
      if (src.cdText && src.cdText.length >= 18) writeCdTextPacks(out, src.cdText, k);
      return out;
    }
  }
  // Otherwise a lead-out: after the last session that ended before `lba`.
  let s = sessions[0];
  for (const x of sessions) if (lba >= x.leadOut) s = x;
  const last = src.tracks.find((t) => t.number === s.lastTrack)!;
  const q = buildQPosition({
    control: last.control,
    track: 170,
    index: 1,
    relLba: lba - s.leadOut,
    absLba: lba,
  });
  // 2 Hz: on for the first quarter second, off for the next (18.75 frames each).
  const p = Math.floor((lba - s.leadOut) / 18.75) % 2 === 0;
  return interleave({ p, q }, out);
}

/** Puts four CD-TEXT packs (24 six-bit symbols each) into the R–W bits of a record. */
function writeCdTextPacks(out: Uint8Array, packs: Uint8Array, k: number): void {
  const count = Math.floor(packs.length / 18);
  for (let j = 0; j < 4; j++) {
    const p = ((k * 4 + j) % count) * 18;
    for (let sym = 0; sym < 24; sym++) {
      // 24 symbols × 6 bits = 144 bits = 18 bytes, most significant bit first.
      let v = 0;
      for (let b = 0; b < 6; b++) {
        const bit = sym * 6 + b;
        v = (v << 1) | ((packs[p + (bit >> 3)] >> (7 - (bit & 7))) & 1);
      }
      out[j * 24 + sym] |= v;
    }
  }
}
