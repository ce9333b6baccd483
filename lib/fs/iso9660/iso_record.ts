// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * ISO 9660 (ECMA-119) both-endian fields and directory records, with Joliet (UCS-2BE) names and
 * the SUSP / Rock Ridge (IEEE P1282) entries that matter for locating files: NM, PX, SL, CL,
 * RE and CE continuations.
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import { be16, be32, le16, le32 } from "../_common/volume.ts";

/** A both-endian 32-bit field (LE then BE copy); disagreeing copies are a FormatError. */
export function both32(b: Uint8Array, at: number, what: string): number {
  const l = le32(b, at);
  const m = be32(b, at + 4);
  if (l !== m) throw new FormatError(`${what}: both-endian field disagrees (LE ${l}, BE ${m})`);
  return l;
}

/** A both-endian 16-bit field. */
export function both16(b: Uint8Array, at: number, what: string): number {
  const l = le16(b, at);
  const m = be16(b, at + 2);
  if (l !== m) throw new FormatError(`${what}: both-endian field disagrees (LE ${l}, BE ${m})`);
  return l;
}

/** One directory record. */
export interface IsoRecord {
  /** Offset of the record in the directory bytes. */
  offset: number;
  /** First logical block of the extent. */
  lba: number;
  /** Extended attribute record length in blocks (data starts after it). */
  extAttrBlocks: number;
  /** Data length in bytes. */
  length: number;
  /** File flags (0x02 directory, 0x80 not the final extent). */
  flags: number;
  /** Interleave: file unit size and gap, in blocks. */
  unitSize: number;
  /** Interleave gap size. */
  gapSize: number;
  /** Raw identifier bytes. */
  ident: Uint8Array;
  /** System use area. */
  systemUse: Uint8Array;
}

/** Parses all records of directory bytes (records never cross a `blockSize` boundary). */
export function parseIsoDir(d: Uint8Array, blockSize: number, what: string): IsoRecord[] {
  const out: IsoRecord[] = [];
  let at = 0;
  while (at < d.length) {
    const len = d[at];
    if (len === 0) {
      at = (Math.floor(at / blockSize) + 1) * blockSize;
      continue;
    }
    const nameLen = d[at + 32];
    if (len < 34 || at + len > d.length || 33 + nameLen > len) {
      throw new FormatError(`${what}: bad directory record length ${len} at ${at}`);
    }
    const r = d.subarray(at, at + len);
    const suStart = 33 + nameLen + (nameLen % 2 === 0 ? 1 : 0);
    out.push({
      offset: at,
      lba: both32(r, 2, what),
      extAttrBlocks: r[1],
      length: both32(r, 10, what),
      flags: r[25],
      unitSize: r[26],
      gapSize: r[27],
      ident: r.subarray(33, 33 + nameLen),
      systemUse: suStart < len ? r.subarray(suStart) : new Uint8Array(0),
    });
    at += len;
  }
  return out;
}

/** The name of a primary-tree identifier ("BIG.BIN;1" → "BIG.BIN"). */
export function isoName(ident: Uint8Array): string {
  let s = "";
  for (const c of ident) s += String.fromCharCode(c);
  return stripVersion(s);
}

/** The name of a Joliet identifier (UCS-2 big-endian). */
export function jolietName(ident: Uint8Array): string {
  let s = "";
  for (let i = 0; i + 1 < ident.length; i += 2) s += String.fromCharCode(be16(ident, i));
  return stripVersion(s);
}

function stripVersion(s: string): string {
  const semi = s.lastIndexOf(";");
  if (semi >= 0 && /^\d+$/.test(s.slice(semi + 1))) s = s.slice(0, semi);
  return s.endsWith(".") ? s.slice(0, -1) : s;
}

/** What Rock Ridge says about a record. */
export interface RockRidge {
  /** Alternate (POSIX) name from NM entries. */
  name?: string;
  /** POSIX mode from PX. */
  mode?: number;
  /** Child link: the relocated directory's block (CL). */
  childLink?: number;
  /** This directory was relocated here (RE): hide it from its parent listing. */
  relocated?: boolean;
  /** SUSP "SP" present (only in the root's "." record): bytes to skip in each system use area. */
  skip?: number;
  /** A continuation area (CE) to read: block, offset, length. */
  continuation?: { lba: number; offset: number; length: number };
}

/** Parses SUSP entries of one system use area (or continuation area) into `rr`. */
export function parseSusp(su: Uint8Array, rr: RockRidge, what: string): void {
  let at = 0;
  while (at + 4 <= su.length) {
    const sig = String.fromCharCode(su[at], su[at + 1]);
    const len = su[at + 2];
    if (len < 4 || at + len > su.length) break;
    const e = su.subarray(at, at + len);
    switch (sig) {
      case "SP":
        if (len >= 7 && e[4] === 0xbe && e[5] === 0xef) rr.skip = e[6];
        break;
      case "NM": {
        if (e[4] & 0x06) break; // "." or ".."
        let s = "";
        for (let i = 5; i < len; i++) s += String.fromCharCode(e[i]);
        rr.name = (rr.name ?? "") +
          new TextDecoder().decode(Uint8Array.from(s, (c) => c.charCodeAt(0)));
        break;
      }
      case "PX":
        if (len >= 12) rr.mode = both32(e, 4, what);
        break;
      case "CL":
        if (len >= 12) rr.childLink = both32(e, 4, what);
        break;
      case "RE":
        rr.relocated = true;
        break;
      case "CE":
        if (len >= 28) {
          rr.continuation = {
            lba: both32(e, 4, what),
            offset: both32(e, 12, what),
            length: both32(e, 20, what),
          };
        }
        break;
      case "ST":
        return;
    }
    at += len;
  }
}
