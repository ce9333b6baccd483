// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Response bodies of the virtual drive's informational commands: INQUIRY, GET CONFIGURATION,
 * MODE SENSE(10), READ DISC INFORMATION, READ TRACK INFORMATION, GET EVENT STATUS NOTIFICATION,
 * READ DISC STRUCTURE (MMC-6 layouts).
 *
 * @module
 */
import type { Disc } from "../../cd/disc/disc.ts";
import type { DriveProfile } from "./profile.ts";
import { Sense, SenseCondition } from "./sense.ts";

function ascii(out: Uint8Array, at: number, len: number, s: string): void {
  for (let i = 0; i < len; i++) out[at + i] = i < s.length ? s.charCodeAt(i) & 0x7f : 0x20;
}

function be16(out: Uint8Array, at: number, v: number): void {
  out[at] = (v >> 8) & 0xff;
  out[at + 1] = v & 0xff;
}

function be32(out: Uint8Array, at: number, v: number): void {
  new DataView(out.buffer, out.byteOffset).setInt32(at, v);
}

/** INQUIRY: standard data (96 bytes) or VPD page 0x00 / 0x80. */
export function inquiry(p: DriveProfile, cdb: Uint8Array): Uint8Array {
  if (cdb[1] & 1) {
    if (cdb[2] === 0x00) return new Uint8Array([5, 0x00, 0, 2, 0x00, 0x80]);
    if (cdb[2] === 0x80) {
      const serial = "VIRT0001";
      const o = new Uint8Array(4 + serial.length);
      o[0] = 5;
      o[1] = 0x80;
      o[3] = serial.length;
      ascii(o, 4, serial.length, serial);
      return o;
    }
    throw Sense.invalidField();
  }
  if (cdb[2] !== 0) throw Sense.invalidField();
  const o = new Uint8Array(96);
  o[0] = 0x05; // CD/DVD device
  o[1] = 0x80; // removable
  o[2] = 0x00;
  o[3] = 0x32; // response data format 2, HiSup
  o[4] = 96 - 5;
  ascii(o, 8, 8, p.vendor);
  ascii(o, 16, 16, p.product);
  ascii(o, 32, 4, p.revision);
  if (p.vendorSpecific) ascii(o, 36, 20, p.vendorSpecific);
  return o;
}

/** The MMC profile number of the loaded medium (0 = none). */
export function currentProfile(disc: Disc | null): number {
  if (!disc) return 0;
  return disc.medium === "cd" ? 0x08 : disc.medium === "dvd" ? 0x10 : 0x40;
}

/** GET CONFIGURATION (RT 0 all, 1 current, 2 one feature from the starting number). */
export function getConfiguration(p: DriveProfile, disc: Disc | null, cdb: Uint8Array): Uint8Array {
  const rt = cdb[1] & 3;
  if (rt === 3) throw Sense.invalidField();
  const start = (cdb[2] << 8) | cdb[3];
  const cur = currentProfile(disc);
  const profiles = p.dvd ? [0x40, 0x10, 0x08] : [0x08];
  const feats: { code: number; current: boolean; body: number[] }[] = [
    {
      code: 0x0000,
      current: true,
      body: profiles.flatMap((x) => [0, x, x === cur ? 1 : 0, 0]),
    },
    { code: 0x0001, current: true, body: [0, 0, 0, 2, 0, 0, 0, 0] }, // Core: ATAPI
    { code: 0x0002, current: true, body: [0, 0, 0, 0] }, // Morphing
    { code: 0x0003, current: true, body: [0x29, 0, 0, 0] }, // Removable: tray, eject, lock
    { code: 0x0010, current: !!disc, body: [0, 0, 8, 0, 0, 1, 0, 0] }, // Random Readable
    { code: 0x001d, current: !!disc, body: [] }, // Multi-Read
    {
      code: 0x001e,
      current: disc?.medium === "cd",
      body: [p.sectorOrder === "DATA_SUB" ? 0x01 : 0x03, 0, 0, 0], // CD Read: CD-TEXT, C2
    },
  ];
  if (p.dvd) feats.push({ code: 0x001f, current: disc?.medium === "dvd", body: [0, 0, 0, 0] });
  feats.push({ code: 0x0107, current: true, body: [0x01, 0, 0, 0] }); // Real-Time Streaming
  const chosen = feats.filter((f) =>
    rt === 2 ? f.code === start : f.code >= start && (rt === 0 || f.current)
  );
  const body: number[] = [];
  for (const f of chosen) {
    body.push(f.code >> 8, f.code & 0xff, (f.code === 0 ? 0 : 0x04) | 0x02 | (f.current ? 1 : 0));
    body.push(f.body.length, ...f.body);
  }
  const o = new Uint8Array(8 + body.length);
  be32(o, 0, 4 + body.length);
  be16(o, 6, cur);
  o.set(body, 8);
  return o;
}

/** MODE SENSE(10): pages 0x01, 0x0E, 0x2A and 0x3F (all), current/changeable/default values. */
export function modeSense10(p: DriveProfile, cdb: Uint8Array, speedKb: number): Uint8Array {
  const page = cdb[2] & 0x3f;
  const pc = cdb[2] >> 6;
  if (pc === 3) throw new SenseCondition(0x05, 0x39, 0x00); // saving parameters not supported
  const changeable = pc === 1;
  const pages: Record<number, Uint8Array> = {
    0x01: new Uint8Array([
      0x01,
      0x0a,
      changeable ? 0 : 0x20,
      changeable ? 0 : 1,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
    ]),
    0x0e: new Uint8Array([0x0e, 0x0e, 0x04, ...new Array(13).fill(0)]),
    0x2a: page2a(p, speedKb, changeable),
  };
  let body: Uint8Array;
  if (page === 0x3f) {
    const all = [pages[0x01], pages[0x0e], pages[0x2a]];
    body = new Uint8Array(all.reduce((n, x) => n + x.length, 0));
    let o = 0;
    for (const x of all) {
      body.set(x, o);
      o += x.length;
    }
  } else if (pages[page]) body = pages[page];
  else throw Sense.invalidField();
  const o = new Uint8Array(8 + body.length);
  be16(o, 0, 6 + body.length);
  o.set(body, 8);
  return o;
}

function page2a(p: DriveProfile, speedKb: number, changeable: boolean): Uint8Array {
  const o = new Uint8Array(2 + 0x1c);
  o[0] = 0x2a;
  o[1] = 0x1c;
  if (changeable) return o;
  o[2] = 0x03 | (p.dvd ? 0x08 : 0); // reads CD-R, CD-RW (method 2), DVD-ROM
  o[3] = 0x00;
  o[4] = 0x71; // audio play, mode 2 form 1/2, multisession
  const c2 = p.sectorOrder !== "DATA_SUB";
  const rw = p.sectorOrder !== "DATA_C2";
  // CD-DA commands, stream accurate, R-W, R-W deinterleaved, C2 pointers, ISRC, UPC.
  o[5] = 0x01 | 0x02 | (rw ? 0x0c : 0) | (c2 ? 0x10 : 0) | 0x20 | 0x40;
  o[6] = 0x29; // lock, eject, tray loader
  const max = Math.round(p.maxSpeed * 176.4);
  be16(o, 8, max);
  be16(o, 10, 0x100);
  be16(o, 12, 2048);
  be16(o, 14, speedKb);
  return o;
}

/** READ DISC INFORMATION (type 0, 34 bytes). */
export function discInformation(disc: Disc): Uint8Array {
  const o = new Uint8Array(34);
  be16(o, 0, 32);
  o[2] = 0x0e; // last session complete, disc complete
  o[3] = disc.tracks[0].number;
  const last = disc.sessions[disc.sessions.length - 1];
  o[4] = disc.sessions.length;
  o[5] = last.firstTrack;
  o[6] = last.lastTrack;
  o[7] = 0x20; // unrestricted use
  o[8] = disc.medium === "cd" ? disc.discType : 0;
  o.fill(0xff, 16, 24);
  return o;
}

/** READ TRACK INFORMATION for an LBA (type 0), track (1) or session (2). */
export function trackInformation(disc: Disc, cdb: Uint8Array): Uint8Array {
  const type = cdb[1] & 3;
  const n = new DataView(cdb.buffer, cdb.byteOffset).getInt32(2);
  let t;
  if (type === 0) t = disc.tracks.find((x) => n >= x.pregapStart && n < x.end);
  else if (type === 1) t = n === 0xff ? undefined : disc.tracks.find((x) => x.number === n);
  else if (type === 2) {
    const s = disc.sessions.find((x) => x.number === n);
    t = s && disc.tracks.find((x) => x.number === s.firstTrack);
  }
  if (!t) throw Sense.invalidField();
  const o = new Uint8Array(36);
  be16(o, 0, 34);
  o[2] = t.number;
  o[3] = t.session;
  o[5] = t.control;
  o[6] = t.type === "audio" ? 0x0f : t.type === "mode1" ? 0x01 : 0x02;
  be32(o, 8, t.start);
  be32(o, 24, t.end - t.start);
  be32(o, 28, t.end - 1);
  return o;
}

/**
 * GET EVENT STATUS NOTIFICATION (polled): the media class; `event` 0 none, 2 new media, 3 media
 * removal.
 */
export function eventStatus(cdb: Uint8Array, present: boolean, event: number): Uint8Array {
  if (!(cdb[1] & 1)) throw Sense.invalidField();
  if (!(cdb[4] & 0x10)) return new Uint8Array([0, 2, 0x80, 0x10]);
  // Event data length counts the descriptor only (4), as QEMU and ATAPI drives report it.
  return new Uint8Array([0, 4, 4, 0x10, event, present ? 2 : 0, 0, 0]);
}

/**
 * READ DISC STRUCTURE (DVD/BD): formats 0x00 (DVD physical per layer, parallel track path; BD
 * disc information), 0x01 (copyright), 0x03 (BCA, when the disc has one), 0x04 (manufacturer per
 * layer) and 0xFF (list).
 */
export function discStructure(disc: Disc, cdb: Uint8Array): Uint8Array {
  const media = cdb[1] & 0x0f;
  const format = cdb[7];
  if (disc.medium === "cd" && format !== 0xff) throw Sense.incompatibleMedium();
  const blocks = disc.sessions[0].leadOut;
  const layers = disc.dvd?.layers ?? 1;
  const bca = disc.dvd?.bca ?? null;
  const wrap = (body: Uint8Array): Uint8Array => {
    const o = new Uint8Array(4 + body.length);
    be16(o, 0, body.length + 2);
    o.set(body, 4);
    return o;
  };
  if (format === 0xff) {
    const list = disc.medium === "cd" ? [] : [0x00, 0x01, ...(bca ? [0x03] : []), 0x04, 0xff];
    const body = new Uint8Array(list.length * 4);
    list.forEach((f, i) => {
      body[i * 4] = f;
      body[i * 4 + 1] = 0x40;
      const len = f === 0xff ? 4 + list.length * 4 : f === 0x03 ? 4 + bca!.length : 2052;
      be16(body, i * 4 + 2, len);
    });
    return wrap(body);
  }
  if (format === 0x03) {
    if (!bca) throw Sense.invalidField();
    return wrap(bca);
  }
  const layer = layerOf(cdb);
  const bd = disc.medium === "bd" || media === 1;
  if (layer >= (bd ? 1 : layers)) throw Sense.invalidField();
  if (format === 0x00) {
    if (bd) {
      // One BD-ROM disc information unit (64 bytes: 8 header, 4 common, 52 body).
      const body = new Uint8Array(4096);
      body.set([0x44, 0x49, 0x01, 0x08, 0, 0, 64, 0], 0); // "DI", format 1, layer 0, 64 bytes
      body.set([0x42, 0x44, 0x4f, 0x01], 8); // "BDO", version 1, class 0, 120 mm
      body[12] = 0x10; // one layer
      body[16] = bca ? 0x10 : 0;
      be32(body, 20, 0x100000 + blocks - 1); // last PSN
      be32(body, 24, 0x100000); // first AUN
      be32(body, 28, 0x100000 + blocks - 2); // last AUN
      return wrap(body);
    }
    const body = new Uint8Array(2048);
    const l0 = layers === 2 ? Math.ceil(blocks / 2) : blocks;
    const len = layer === 0 ? l0 : blocks - l0;
    const otp = disc.dvd?.otp === true;
    body[0] = 0x01; // DVD-ROM, part version 1
    body[1] = 0x02; // 120 mm, 10.08 Mbit/s
    // Layers − 1, track path (opposite: 0x10), embossed.
    body[2] = 0x01 | (layers === 2 ? 0x20 : 0) | (otp ? 0x10 : 0);
    body[3] = 0x10;
    be32(body, 4, 0x30000);
    // Opposite track path: the data area ends on layer 1 at the complement of PSN
    // (0x30000 + 2 × layer 0 length − sectors), 24 bits.
    be32(body, 8, otp ? ~(0x30000 + 2 * l0 - blocks) & 0xffffff : 0x30000 + len - 1);
    be32(body, 12, layers === 2 ? 0x30000 + l0 - 1 : 0);
    body[16] = bca ? 0x80 : 0;
    return wrap(body);
  }
  if (format === 0x01) return wrap(new Uint8Array([disc.dvd?.cpst ?? 0, 0, 0, 0]));
  if (format === 0x04) {
    const body = new Uint8Array(2048);
    body.set(new TextEncoder().encode(`SECTORKIT VIRTUAL LAYER ${layer}`), 0);
    return wrap(body);
  }
  throw Sense.invalidField();
}

function layerOf(cdb: Uint8Array): number {
  return cdb[6];
}
