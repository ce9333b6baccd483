// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Names in NTFS `$I30` index slack, found the way The Sleuth Kit's `ntfs_proc_idxentry` finds
 * them: the entries of an index node (the $INDEX_ROOT list, or an INDX record up to the next
 * record) are walked from the first one to the end of the buffer, past the used length; a slot
 * whose header is implausible (record number beyond the MFT, key length not below the entry
 * length, a length not a multiple of 4 or beyond the buffer) or whose $FILE_NAME names another
 * parent moves the walk 4 bytes on. An entry is deleted when its key length is 0 (an end entry
 * written over an old one: its record number is 0 then) or it ends past the used length; a deleted
 * one must also have a valid namespace, allocated size ≥ real size, a non-empty name and creation,
 * modification and access times between 1970 and 2020 (TSK's `is_time`: later times are refused,
 * so entries written after 2020 are never listed). DOS (8.3) names are skipped. After a deleted
 * entry with key length 0 the walk moves on by the size the name implies.
 *
 * @module
 */
import { le16, le32 } from "../_common/volume.ts";

/** One name TSK reads from an index node. */
export interface IndexSlackName {
  /** MFT record number (48 bits; 0 for an end entry written over a name). */
  record: number;
  /** Name (Win32, POSIX or Win32+DOS namespace). */
  name: string;
  /** The $FILE_NAME directory flag. */
  isDirectory: boolean;
  /** Whether TSK marks it unallocated (in slack, or written over). */
  deleted: boolean;
  /** Offset of the entry in the node's entry buffer. */
  offset: number;
}

const le48 = (b: Uint8Array, at: number): number => le32(b, at) + le16(b, at + 4) * 0x1_0000_0000;

/** 100-second units from 1601 to 1970 and to 2020 (TSK's `is_time` bounds). */
const T1970 = 116444736n;
const T2020 = 132217920n;

function isTime(b: Uint8Array, at: number): boolean {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength).getBigUint64(at, true);
  const t = v / 1_000_000_000n;
  return t !== 0n && t >= T1970 && t <= T2020;
}

/**
 * The names of one index node as TSK reads them: `b[start, start + length)` is the entry buffer
 * (from the first entry to the end of the node), `used` the used length of the entry list (from
 * the node header), `dir` the directory's record number, `lastRecord` the highest valid record
 * number; every name of a deleted directory (`dirDeleted`) is deleted. Allocated entries are
 * returned too (`deleted: false`), in walk order.
 *
 * @example An end entry over a deleted name keeps the name (record 0)
 * ```ts
 * import { scanIndexNames } from "./ntfs_index_slack.ts";
 * const b = new Uint8Array(256);
 * const v = new DataView(b.buffer);
 * v.setUint16(8, 16, true); v.setUint16(12, 2, true); // end entry: length 16, no key
 * v.setUint32(16, 64, true); // parent record 64
 * for (const o of [24, 32, 48]) v.setBigUint64(16 + o - 16, 130000000000000000n, true);
 * b[16 + 64] = 1; b[16 + 65] = 1; b[16 + 66] = 0x61; // name "a", Win32
 * const [e] = scanIndexNames(b, 0, 256, 16, 64, 1000);
 * if (e.name !== "a" || e.record !== 0 || !e.deleted) throw new Error("unexpected");
 * ```
 */
export function scanIndexNames(
  b: Uint8Array,
  start: number,
  length: number,
  used: number,
  dir: number,
  lastRecord: number,
  dirDeleted = false,
): IndexSlackName[] {
  const out: IndexSlackName[] = [];
  const end = start + length;
  let p = start;
  while (p + 16 + 67 < end) {
    const ref = le48(b, p);
    const idxLen = le16(b, p + 8);
    const keyLen = le16(b, p + 10);
    const fn = p + 16;
    if (ref > lastRecord || idxLen <= keyLen || idxLen % 4 || idxLen > length) {
      p += 4;
      continue;
    }
    if (le48(b, fn) !== dir) {
      p += 4;
      continue;
    }
    const nlen = b[fn + 64];
    const nspace = b[fn + 65];
    const inSlack = keyLen === 0 || p + idxLen > start + used;
    if (inSlack) {
      const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
      const alloc = v.getBigUint64(fn + 40, true);
      const real = v.getBigUint64(fn + 48, true);
      if (
        nspace > 3 || alloc < real || nlen === 0 || b[fn + 66] === 0 ||
        !isTime(b, fn + 8) || !isTime(b, fn + 32) || !isTime(b, fn + 16)
      ) {
        p += 4;
        continue;
      }
    }
    const nameEnd = fn + 66 + nlen * 2;
    if (nspace !== 2 && nameEnd < end) {
      let name = "";
      for (let i = fn + 66; i < nameEnd; i += 2) name += String.fromCharCode(le16(b, i));
      const nul = name.indexOf("\0");
      out.push({
        record: ref,
        name: nul >= 0 ? name.slice(0, nul) : name,
        isDirectory: (le32(b, fn + 56) & 0x10000000) !== 0,
        deleted: inSlack || dirDeleted,
        offset: p - start,
      });
    }
    p = keyLen === 0 ? start + ((p - start + 16 + 66 + 2 * nlen + 3) & ~3) : p + idxLen;
  }
  return out;
}

/** TSK's index record test: the "INDX" magic at a record start. */
function isIndx(b: Uint8Array, at: number): boolean {
  return b[at] === 0x49 && b[at + 1] === 0x4e && b[at + 2] === 0x44 && b[at + 3] === 0x58;
}

/**
 * The index records of a whole `$INDEX_ALLOCATION` buffer as TSK finds them: an "INDX" magic at a
 * cluster boundary starts a record that runs to the next one (or to the end). Returns, per record,
 * `[recordStart, entriesStart, entriesLength, used]` after applying its fixups in place (records
 * with bad fixups end the scan, as TSK stops the directory there).
 *
 * @example No records in zeros
 * ```ts
 * import { indexRecordSpans } from "./ntfs_index_slack.ts";
 * if (indexRecordSpans(new Uint8Array(8192), 4096).length !== 0) throw new Error("unexpected");
 * ```
 */
export function indexRecordSpans(b: Uint8Array, clusterSize: number): number[][] {
  const starts: number[] = [];
  for (let off = 0; off + 0x28 <= b.length; off += clusterSize) {
    if (isIndx(b, off)) starts.push(off);
  }
  const out: number[][] = [];
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i];
    const recEnd = i + 1 < starts.length ? starts[i + 1] : b.length;
    if (!fixRecord(b, s, recEnd - s)) break;
    const list = s + 0x18;
    const first = list + le32(b, list);
    const used = le32(b, list + 4) - le32(b, list);
    if (first > recEnd || list + le32(b, list + 4) > recEnd || used < 0) break;
    out.push([s, first, recEnd - first, used]);
  }
  return out;
}

/** TSK's `ntfs_fix_idxrec`: every 512-byte stride must end with the update value. */
function fixRecord(b: Uint8Array, at: number, len: number): boolean {
  const updOff = le16(b, at + 4);
  const updCnt = le16(b, at + 6);
  if ((updCnt - 1) * 512 > len || updOff > len || len - updOff < 4) return false;
  const u = at + updOff;
  for (let i = 1; i < updCnt; i++) {
    const o = at + i * 512 - 2;
    if (b[o] !== b[u] || b[o + 1] !== b[u + 1]) return false;
    b[o] = b[u + i * 2];
    b[o + 1] = b[u + i * 2 + 1];
  }
  return true;
}
