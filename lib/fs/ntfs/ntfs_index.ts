// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * NTFS directory index ($I30) node entries, shared by $INDEX_ROOT and INDX records.
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import { le16, le32, le64 } from "../_common/volume.ts";
import { type FileName, parseFileName } from "./ntfs_record.ts";

/** One index entry. */
export interface IndexEntry {
  /** MFT record the entry points to (null for the end entry). */
  record: number | null;
  /** The $FILE_NAME key. */
  key: FileName | null;
  /** VCN of the child node, or null. */
  child: number | null;
}

/**
 * Parses the entries of an index node whose header is at `hdr` in `b` (offsets inside the header
 * are relative to it). `what` names the node in errors.
 */
export function parseIndexNode(b: Uint8Array, hdr: number, what: string): IndexEntry[] {
  const first = hdr + le32(b, hdr);
  const end = hdr + le32(b, hdr + 4);
  if (first < hdr + 16 || end > b.length || first > end) {
    throw new FormatError(`${what}: bad index header (entries ${first}..${end} of ${b.length})`);
  }
  const out: IndexEntry[] = [];
  let at = first;
  while (at + 16 <= end) {
    const len = le16(b, at + 8);
    const keyLen = le16(b, at + 10);
    const flags = le16(b, at + 12);
    if (len < 16 || at + len > end || 16 + keyLen > len) {
      throw new FormatError(`${what}: bad index entry length ${len} at ${at}`);
    }
    const last = (flags & 2) !== 0;
    const child = flags & 1 ? le64(b, at + len - 8) : null;
    out.push({
      record: last ? null : le32(b, at) + le16(b, at + 4) * 0x1_0000_0000,
      key: last || keyLen === 0 ? null : parseFileName(b.subarray(at + 16, at + 16 + keyLen), what),
      child,
    });
    if (last) break;
    at += len;
  }
  return out;
}
