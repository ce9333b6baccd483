// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * MFT file records (after fixups) and their attributes.
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import { le16, le32, le64, utf16le } from "../_common/volume.ts";

/** Attribute type codes. */
export const AT = {
  standardInformation: 0x10,
  attributeList: 0x20,
  fileName: 0x30,
  volumeName: 0x60,
  data: 0x80,
  indexRoot: 0x90,
  indexAllocation: 0xa0,
  bitmap: 0xb0,
  end: 0xffffffff,
} as const;

/** One attribute of a record. */
export interface NtfsAttribute {
  /** Type code. */
  type: number;
  /** Name ("" for the unnamed stream). */
  name: string;
  /** Flags: 0x0001 compressed, 0x4000 encrypted, 0x8000 sparse. */
  flags: number;
  /** Attribute id. */
  id: number;
  /** MFT record holding this attribute. */
  record: number;
  /** Offset of the attribute in its record. */
  offset: number;
  /** Resident value (null for non-resident). */
  value: Uint8Array | null;
  /** Offset of a resident value inside the record. */
  valueOffset: number;
  /** Non-resident: first VCN of this segment. */
  startVcn: number;
  /** Non-resident: last VCN of this segment (-1 when empty). */
  lastVcn: number;
  /** Non-resident: the mapping pairs bytes. */
  runlist: Uint8Array | null;
  /** Non-resident: compression unit as a power of two of clusters (0 = none). */
  compressionUnit: number;
  /** Allocated, data and initialized sizes (first segment only for non-resident). */
  allocatedSize: number;
  /** Data size in bytes. */
  dataSize: number;
  /** Initialized size in bytes. */
  initializedSize: number;
}

/** A parsed MFT record. */
export interface MftRecord {
  /** Record number. */
  number: number;
  /** In use. */
  inUse: boolean;
  /** Has a directory index. */
  isDirectory: boolean;
  /** Base record (0 when this is a base record). */
  baseRecord: number;
  /** Sequence number (bumped each time the record is reused). */
  sequence: number;
  /** Attributes in record order. */
  attributes: NtfsAttribute[];
}

/** Parses a fixed-up FILE record. */
export function parseMftRecord(rec: Uint8Array, number: number): MftRecord {
  const what = `MFT record ${number}`;
  const flags = le16(rec, 0x16);
  const used = le32(rec, 0x18);
  const first = le16(rec, 0x14);
  if (used > rec.length || first < 0x18 || first >= rec.length) {
    throw new FormatError(`${what}: bad header (first attribute at ${first}, ${used} bytes used)`);
  }
  const baseRecord = le32(rec, 0x20) + (le16(rec, 0x24) * 0x1_0000_0000);
  const attributes: NtfsAttribute[] = [];
  let at = first;
  while (at + 8 <= used) {
    const type = le32(rec, at);
    if (type === AT.end) break;
    const len = le32(rec, at + 4);
    if (len < 16 || at + len > used || len % 8 !== 0) {
      throw new FormatError(
        `${what}: attribute 0x${type.toString(16)} at ${at} has bad length ${len}`,
      );
    }
    const nonResident = rec[at + 8] !== 0;
    const nameLen = rec[at + 9];
    const nameOff = le16(rec, at + 10);
    const a: NtfsAttribute = {
      type,
      name: nameLen ? utf16le(rec, at + nameOff, nameLen * 2) : "",
      flags: le16(rec, at + 12),
      id: le16(rec, at + 14),
      record: number,
      offset: at,
      value: null,
      valueOffset: 0,
      startVcn: 0,
      lastVcn: -1,
      runlist: null,
      compressionUnit: 0,
      allocatedSize: 0,
      dataSize: 0,
      initializedSize: 0,
    };
    if (!nonResident) {
      const vlen = le32(rec, at + 16);
      const voff = le16(rec, at + 20);
      if (voff + vlen > len) {
        throw new FormatError(`${what}: resident attribute 0x${type.toString(16)} value overflows`);
      }
      a.value = rec.subarray(at + voff, at + voff + vlen);
      a.valueOffset = at + voff;
      a.dataSize = a.allocatedSize = a.initializedSize = vlen;
    } else {
      if (len < 64) throw new FormatError(`${what}: non-resident attribute too short`);
      a.startVcn = le64(rec, at + 16);
      a.lastVcn = le32(rec, at + 28) === 0xffffffff ? -1 : le64(rec, at + 24);
      const rlOff = le16(rec, at + 32);
      if (rlOff >= len) throw new FormatError(`${what}: runlist offset ${rlOff} outside attribute`);
      a.runlist = rec.subarray(at + rlOff, at + len);
      a.compressionUnit = le16(rec, at + 34);
      a.allocatedSize = le64(rec, at + 40);
      a.dataSize = le64(rec, at + 48);
      a.initializedSize = le64(rec, at + 56);
      if (!Number.isSafeInteger(a.startVcn) || !Number.isSafeInteger(a.dataSize)) {
        throw new FormatError(`${what}: attribute sizes out of range`);
      }
    }
    attributes.push(a);
    at += len;
  }
  return {
    number,
    inUse: (flags & 1) !== 0,
    isDirectory: (flags & 2) !== 0,
    baseRecord,
    sequence: le16(rec, 0x10),
    attributes,
  };
}

/** A $FILE_NAME value: parent record, name and namespace (0 POSIX, 1 Win32, 2 DOS, 3 both). */
export interface FileName {
  /** Parent directory record number. */
  parent: number;
  /** Sequence number in the parent reference. */
  parentSequence: number;
  /** The name. */
  name: string;
  /** Namespace. */
  namespace: number;
  /** File attribute flags (0x10000000 = directory). */
  flags: number;
}

/** Parses a $FILE_NAME value (also the key of $I30 index entries). */
export function parseFileName(v: Uint8Array, what: string): FileName {
  if (v.length < 66 || 66 + v[64] * 2 > v.length) {
    throw new FormatError(`${what}: truncated $FILE_NAME`);
  }
  return {
    parent: le32(v, 0) + le16(v, 4) * 0x1_0000_0000,
    parentSequence: le16(v, 6),
    name: utf16le(v, 66, v[64] * 2),
    namespace: v[65],
    flags: le32(v, 56),
  };
}

/** One entry of an $ATTRIBUTE_LIST. */
export interface AttrListEntry {
  /** Type code. */
  type: number;
  /** Name. */
  name: string;
  /** First VCN. */
  startVcn: number;
  /** Record that holds the attribute. */
  record: number;
  /** Attribute id. */
  id: number;
}

/** Parses an $ATTRIBUTE_LIST value. */
export function parseAttributeList(v: Uint8Array, what: string): AttrListEntry[] {
  const out: AttrListEntry[] = [];
  let at = 0;
  while (at + 26 <= v.length) {
    const len = le16(v, at + 4);
    if (len < 26 || at + len > v.length) {
      throw new FormatError(`${what}: bad $ATTRIBUTE_LIST entry length ${len} at ${at}`);
    }
    const nameLen = v[at + 6];
    out.push({
      type: le32(v, at),
      name: nameLen ? utf16le(v, at + v[at + 7], nameLen * 2) : "",
      startVcn: le64(v, at + 8),
      record: le32(v, at + 16) + le16(v, at + 20) * 0x1_0000_0000,
      id: le16(v, at + 24),
    });
    at += len;
  }
  return out;
}
