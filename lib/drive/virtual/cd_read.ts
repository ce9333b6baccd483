// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Sector assembly for READ CD (0xBE), READ CD MSF (0xB9) and PLEXTOR READ CDDA (0xD8): main
 * channel as CD-DA (read offset applied, data still scrambled) or as a data sector (sync-aligned
 * and descrambled by the drive), header/user data/EDC selection, C2 pointers (with the drive's C2
 * shift), and raw / Q / R–W subchannel in the drive's sector order.
 *
 * @module
 */
import {
  CD_C2_SIZE,
  CD_DATA_SIZE,
  CD_SECTOR_SAMPLES,
  CD_SUBCODE_SIZE,
} from "../../cd/constants.ts";
import type { Disc } from "../../cd/disc/disc.ts";
import { scramble } from "../../cd/scrambler.ts";
import { hasSync } from "../../cd/sector.ts";
import { deinterleave, Subchannel } from "../../cd/subchannel.ts";
import type { DriveProfile } from "./profile.ts";
import { Sense } from "./sense.ts";

/** What one sector request asks for. */
export interface SectorRequest {
  /** Expected sector type (READ CD byte 1 bits 4–2): 0 any, 1 CD-DA, 2 Mode 1, 3 Mode 2, 4 M2F1, 5 M2F2. */
  expectedType: number;
  /** READ CD byte 9 (sync, header code, user data, EDC/ECC, error field). */
  flags: number;
  /** Subchannel selection: 0 none, 1 raw P–W, 2 formatted Q (16), 4 R–W (96). */
  sub: number;
  /** Read as CD-DA regardless of the sector (D8). */
  forceCdda: boolean;
}

/** Shared state of a drive while reading. */
export interface ReadContext {
  /** The disc. */
  disc: Disc;
  /** The drive model. */
  profile: DriveProfile;
  /** Seeded uniform generator for the random error model. */
  random: () => number;
  /** Transient C2 damage from the random error model: stream byte ranges. */
  transientC2: [number, number][];
}

/** A data sector's layout after descrambling. */
export type Layout = "mode0" | "mode1" | "mode2" | "mode2form1" | "mode2form2";

function layoutOf(s: Uint8Array): Layout | null {
  if (!hasSync(s)) return null;
  if (s[15] === 0) return "mode0";
  if (s[15] === 1) return "mode1";
  if (s[15] !== 2) return null;
  const xa = s[16] === s[20] && s[17] === s[21] && s[18] === s[22] && s[19] === s[23];
  if (!xa) return "mode2";
  return s[18] & 0x20 ? "mode2form2" : "mode2form1";
}

function typeMatches(expected: number, layout: Layout): boolean {
  switch (expected) {
    case 0:
      return true;
    case 2:
      return layout === "mode1";
    case 3:
      return layout.startsWith("mode2");
    case 4:
      return layout === "mode2form1";
    case 5:
      return layout === "mode2form2";
    default:
      return false;
  }
}

/** Byte ranges [start, end) of the fields a READ CD byte 9 selects from a data sector. */
function dataFields(layout: Layout, flags: number): [number, number][] {
  if ((flags & 0xf8) === 0xf8) return [[0, CD_DATA_SIZE]];
  const r: [number, number][] = [];
  const xa = layout === "mode2form1" || layout === "mode2form2";
  if (flags & 0x80) r.push([0, 12]);
  const hc = (flags >> 5) & 3;
  if (hc & 1) r.push([12, 16]);
  if (hc & 2 && xa) r.push([16, 24]);
  if (flags & 0x10) {
    r.push(
      layout === "mode1"
        ? [16, 2064]
        : layout === "mode2form1"
        ? [24, 2072]
        : layout === "mode2form2"
        ? [24, 2348]
        : [16, CD_DATA_SIZE],
    );
  }
  if (flags & 0x08) {
    if (layout === "mode1") r.push([2064, CD_DATA_SIZE]);
    else if (layout === "mode2form1") r.push([2072, CD_DATA_SIZE]);
    else if (layout === "mode2form2") r.push([2348, CD_DATA_SIZE]);
  }
  return r;
}

/** Per-sector byte count for a request on a sector of the given kind (for buffer sizing). */
export function sectorSize(req: SectorRequest, layout: Layout | "audio"): number {
  let n = 0;
  if (layout === "audio" || req.forceCdda) n = req.flags & 0xf8 ? CD_DATA_SIZE : 0;
  else for (const [a, b] of dataFields(layout, req.flags)) n += b - a;
  const ef = (req.flags >> 1) & 3;
  if (ef === 1) n += CD_C2_SIZE;
  else if (ef === 2) n += CD_C2_SIZE + 2;
  if (req.sub === 1 || req.sub === 4) n += CD_SUBCODE_SIZE;
  else if (req.sub === 2) n += 16;
  return n;
}

function damaged(ctx: ReadContext, pos: number, len: number): Uint8Array | null {
  // Per-byte C2 flag for stream bytes [pos, pos+len): authored damage (.state quality 1) and
  // random transient damage. Null when nothing is flagged.
  let flags: Uint8Array | null = null;
  const firstSample = Math.floor(pos / 4);
  const q = new Uint8Array(Math.ceil((pos + len) / 4) - firstSample);
  ctx.disc.readQuality(firstSample, q);
  if (q.includes(1)) {
    flags = new Uint8Array(len);
    for (let i = 0; i < len; i++) {
      if (q[Math.floor((pos + i) / 4) - firstSample] === 1) flags[i] = 1;
    }
  }
  for (const [a, b] of ctx.transientC2) {
    for (let p = Math.max(a, pos); p < Math.min(b, pos + len); p++) {
      flags ??= new Uint8Array(len);
      flags[p - pos] = 1;
    }
  }
  return flags;
}

function unreadableAt(ctx: ReadContext, pos: number): boolean {
  const q = new Uint8Array(CD_SECTOR_SAMPLES);
  ctx.disc.readQuality(Math.floor(pos / 4), q);
  return q.includes(0);
}

/**
 * Reads one sector at `lba` as `req` asks. Throws a SenseCondition (medium error, illegal mode).
 */
export function readSector(ctx: ReadContext, lba: number, req: SectorRequest): Uint8Array {
  const { disc, profile } = ctx;
  const isData = disc.isDataSector(lba);
  let cdda = req.forceCdda || !isData;
  if (!req.forceCdda && isData && req.expectedType === 1) {
    if (profile.cddaOnData === "error") throw Sense.illegalMode(lba);
    cdda = profile.cddaOnData === "scrambled";
  }
  if (!req.forceCdda && !isData && req.expectedType > 1) throw Sense.illegalMode(lba);
  // Stream position of the returned main channel.
  const base = cdda ? lba * CD_DATA_SIZE - profile.readOffset * 4 : lba * CD_DATA_SIZE +
    disc.writeOffset * 4;
  if (unreadableAt(ctx, base)) throw Sense.mediumError(lba);
  if (profile.errors.scsi > 0 && ctx.random() < profile.errors.scsi) throw Sense.mediumError(lba);
  if (profile.errors.c2 > 0 && ctx.random() < profile.errors.c2) {
    const start = base + Math.floor(ctx.random() * (CD_DATA_SIZE - 64));
    ctx.transientC2.push([start, start + 1 + Math.floor(ctx.random() * 64)]);
  }
  const main = new Uint8Array(CD_DATA_SIZE);
  disc.readMain(base, main);
  // Bytes hit by a random C2 error in this read come back wrong (authored damage is already in
  // the medium's bytes).
  for (const [a, b] of ctx.transientC2) {
    for (let p = Math.max(a, base); p < Math.min(b, base + CD_DATA_SIZE); p++) {
      main[p - base] ^= 0x5a;
    }
  }
  let fields: [number, number][];
  if (cdda) {
    fields = req.flags & 0xf8 ? [[0, CD_DATA_SIZE]] : [];
  } else {
    scramble(main);
    const layout = layoutOf(main);
    if (!layout) throw Sense.mediumError(lba);
    if (!typeMatches(req.expectedType, layout) && req.expectedType !== 1) {
      throw Sense.illegalMode(lba);
    }
    fields = dataFields(layout, req.flags);
  }
  const parts: Uint8Array[] = fields.map(([a, b]) => main.subarray(a, b));
  const ef = (req.flags >> 1) & 3;
  let c2: Uint8Array | null = null;
  if (ef === 1 || ef === 2) {
    if (profile.sectorOrder === "DATA_SUB") throw Sense.invalidField();
    c2 = new Uint8Array(ef === 2 ? CD_C2_SIZE + 2 : CD_C2_SIZE);
    const shiftBytes = profile.c2Shift * 8;
    const f = damaged(ctx, base - shiftBytes, CD_DATA_SIZE);
    let any = 0;
    if (f) {
      for (let k = 0; k < CD_DATA_SIZE; k++) {
        if (f[k]) {
          c2[k >> 3] |= 0x80 >> (k & 7);
          any = 1;
        }
      }
    }
    if (ef === 2) c2[CD_C2_SIZE] = any;
  } else if (ef === 3) throw Sense.invalidField();
  let sub: Uint8Array | null = null;
  if (req.sub) {
    if (profile.sectorOrder === "DATA_C2") throw Sense.invalidField();
    let raw = disc.readSubcode(lba);
    if ((profile.errors.q ?? 0) > 0 && ctx.random() < profile.errors.q!) {
      // A transient Q read error: one flipped Q bit (bit 6 of a subcode byte) in this read only.
      raw = raw.slice();
      raw[Math.floor(ctx.random() * CD_SUBCODE_SIZE)] ^= 0x40;
    }
    if (req.sub === 1) sub = raw;
    else if (req.sub === 2) {
      sub = new Uint8Array(16);
      sub.set(deinterleave(raw, Subchannel.Q));
    } else if (req.sub === 4) sub = raw.map((b) => b & 0x3f);
    else throw Sense.invalidField();
  }
  if (profile.sectorOrder === "DATA_SUB_C2") {
    if (sub) parts.push(sub);
    if (c2) parts.push(c2);
  } else {
    if (c2) parts.push(c2);
    if (sub) parts.push(sub);
  }
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** The 0xB00-byte MediaTek cache entry of `lba`: main, raw P–W, Q, C2 at their offsets. */
export function cacheEntry(ctx: ReadContext, lba: number): Uint8Array {
  const e = new Uint8Array(0xb00);
  const base = lba * CD_DATA_SIZE - ctx.profile.readOffset * 4;
  const main = e.subarray(0, CD_DATA_SIZE);
  ctx.disc.readMain(base, main);
  const raw = ctx.disc.readSubcode(lba);
  e.set(raw, 0x930);
  e.set(deinterleave(raw, Subchannel.Q), 0x990);
  const f = damaged(ctx, base, CD_DATA_SIZE);
  for (let k = 0; f && k < CD_DATA_SIZE; k++) if (f[k]) e[0x9a4 + (k >> 3)] |= 0x80 >> (k & 7);
  return e;
}
