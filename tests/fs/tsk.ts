// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Test helpers: The Sleuth Kit as the oracle (`fls -r -p`, `istat -r`), image sources, and the
 * comparison of our extents with TSK run lists in TSK's units.
 *
 * @module
 */
import nodeAssert from "node:assert/strict";
import { sh } from "../helpers/loop.ts";
import type { ByteSource, Filesystem, FsExtent } from "../../lib/fs/filesystem.ts";

export { sh };

/** Asserts a condition (typed as a TS assertion). */
export function assert(cond: unknown, msg?: string): asserts cond {
  nodeAssert.ok(cond, msg);
}

/** Deep strict equality. */
export function assertEquals<T>(actual: T, expected: T, msg?: string): void {
  nodeAssert.deepStrictEqual(actual, expected, msg);
}

/** Asserts that a promise rejects (matching `check`). */
export const rejects: typeof nodeAssert.rejects = nodeAssert.rejects;

/** A ByteSource over bytes in memory. */
export function memorySource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    readAt(offset: number, buffer: Uint8Array): Promise<number> {
      const part = bytes.subarray(offset, offset + buffer.length);
      buffer.set(part);
      return Promise.resolve(part.length);
    },
  };
}

/** One allocated, non-virtual entry of `fls -r -p`. */
export interface TskEntry {
  /** "r/r", "d/d"… */
  type: string;
  /** TSK address ("5", "64-128-2"). */
  inode: string;
  /** Path with a leading "/". */
  path: string;
}

/** Allocated entries of `fls -r -p [-o off]`, without TSK's virtual files and volume labels. */
export async function fls(img: string, offsetSectors = 0, fsType?: string): Promise<TskEntry[]> {
  const args = ["-r", "-p", "-o", String(offsetSectors)];
  if (fsType) args.push("-f", fsType);
  const out = await sh("fls", [...args, img]);
  const entries: TskEntry[] = [];
  for (const line of out.split("\n")) {
    const m = /^(\S+) (\* )?(\S+):\t(.*)$/.exec(line);
    if (!m || m[2]) continue;
    const [, type, , inode, path] = m;
    if (type === "v/v" || type === "V/V" || path.includes("(Volume Label Entry)")) continue;
    if (path.startsWith("$OrphanFiles")) continue;
    entries.push({ type, inode, path: "/" + path });
  }
  return entries;
}

/** One section of `istat -r` (an NTFS attribute, or FAT/ISO "Sectors:"). */
export interface TskSection {
  /** "Sectors", or "$DATA", "$DATA:name", "$INDEX_ALLOCATION:$I30"… */
  key: string;
  /** Resident attribute (NTFS). */
  resident: boolean;
  /** Runs: start null = sparse. */
  runs: { start: number | null; length: number }[];
  /** Attribute size (NTFS) or file size. */
  size: number;
  /** NTFS "Compressed". */
  compressed: boolean;
}

/** `istat -r` of one address: the file size and run-list sections. */
export async function istat(
  img: string,
  inode: string,
  offsetSectors = 0,
  fsType?: string,
): Promise<{ size: number; sections: TskSection[] }> {
  const args = ["-r", "-o", String(offsetSectors)];
  if (fsType) args.push("-f", fsType);
  const out = await sh("istat", [...args, img, inode]);
  let size = -1;
  const sections: TskSection[] = [];
  let cur: TskSection | null = null;
  for (const line of out.split("\n")) {
    const sz = /^(?:Size|Actual Size|size): (\d+)/.exec(line);
    if (sz && size < 0) size = Number(sz[1]);
    const t = /^Type: (\S+) \([\d-]+\)\s+Name: (\S+)\s+(Resident|Non-Resident)(.*?)\s+size: (\d+)/
      .exec(
        line,
      );
    if (t) {
      cur = {
        key: t[2] === "N/A" ? t[1] : `${t[1]}:${t[2]}`,
        resident: t[3] === "Resident",
        runs: [],
        size: Number(t[5]),
        compressed: /Compressed/.test(t[4]),
      };
      sections.push(cur);
      continue;
    }
    if (/^Sectors:/.test(line)) {
      cur = { key: "Sectors", resident: false, runs: [], size, compressed: false };
      sections.push(cur);
      continue;
    }
    const r = /Starting address: (\S+), length: (\d+)(.*)$/.exec(line);
    if (r && cur) {
      const sparse = /Sparse/.test(r[3]) || r[1] === "X";
      cur.runs.push({ start: sparse ? null : Number(r[1]), length: Number(r[2]) });
    } else if (!r) cur = null;
  }
  return { size, sections };
}

/** Merges adjacent runs (holes merge with holes). */
export function mergeRuns(
  runs: { start: number | null; length: number }[],
): { start: number | null; length: number }[] {
  const out: { start: number | null; length: number }[] = [];
  for (const r of runs) {
    if (r.length === 0) continue;
    const p = out[out.length - 1];
    if (p && (p.start === null ? r.start === null : r.start === p.start + p.length)) {
      p.length += r.length;
    } else out.push({ ...r });
  }
  return out;
}

/** Our extents as runs of `unit`-byte units, clipped to the first `limit` units. */
export function extentUnits(
  extents: FsExtent[],
  unit: number,
  limit: number,
): { start: number | null; length: number }[] {
  const runs: { start: number | null; length: number }[] = [];
  let used = 0;
  for (const e of extents) {
    if (used >= limit) break;
    assert(
      e.length % unit === 0 || e.flags.includes("last"),
      `extent length ${e.length} not in ${unit}-byte units`,
    );
    const n = Math.min(Math.ceil(e.length / unit), limit - used);
    if (e.volumeOffset !== null) {
      assertEquals(e.volumeOffset % unit, 0, `extent at ${e.volumeOffset} not ${unit}-aligned`);
    }
    runs.push({ start: e.volumeOffset === null ? null : e.volumeOffset / unit, length: n });
    used += n;
  }
  return mergeRuns(runs);
}

/** Compares our extents of `path` with a TSK section (units of `unit` bytes). */
export function assertSameRuns(
  path: string,
  ours: FsExtent[],
  tsk: { start: number | null; length: number }[],
  unit: number,
): void {
  const want = mergeRuns(tsk);
  const total = want.reduce((a, r) => a + r.length, 0);
  const got = extentUnits(ours, unit, total);
  assertEquals(got, want, `runs of ${path} differ from TSK`);
}

/** All nodes of a filesystem, by path. */
export async function walkAll(
  fs: Filesystem,
): Promise<Map<string, import("../../lib/fs/filesystem.ts").FsNode>> {
  const m = new Map();
  for await (const n of fs.walk()) m.set(n.path, n);
  return m;
}
