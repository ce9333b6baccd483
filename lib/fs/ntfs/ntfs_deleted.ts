// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Deleted NTFS files as The Sleuth Kit lists them with `fls -d -r`: MFT base records not in use
 * (header flag bit 0 clear) that still hold a $FILE_NAME. Each is placed under its parent from the
 * $FILE_NAME parent reference when that parent (a live directory, or a deleted one found the same
 * way) still carries the referenced sequence number (a deleted one: that number + 1, as its
 * deletion bumped it); otherwise it is an orphan, listed as
 * `/$OrphanFiles/NAME` (the records of an orphan directory below it, `/$OrphanFiles/DIR/NAME`). Their runs are the ones still in the record ($DATA, or the $I30 index
 * allocation of a directory).
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import { joinPath } from "../_common/tree.ts";
import type { NtfsFilesystem, NtfsNode } from "./ntfs_filesystem.ts";
import type { Mft } from "./ntfs_mft.ts";
import { AT, type FileName, type NtfsAttribute, parseFileName } from "./ntfs_record.ts";
import { indexRecordSpans, type IndexSlackName, scanIndexNames } from "./ntfs_index_slack.ts";
import { le32 } from "../_common/volume.ts";

/** One deleted record, placed in the tree. */
export interface NtfsDeletedRecord {
  /** MFT record number. */
  record: number;
  /** Path (`/$OrphanFiles/NAME` when the parent is gone). */
  path: string;
  /** Name. */
  name: string;
  /** Directory flag of the record header. */
  isDirectory: boolean;
}

/**
 * Scans MFT records 16.. for unused base records with a $FILE_NAME. `liveDirs` maps a live
 * directory's record number to its path and sequence number. Unreadable records are skipped.
 */
export async function scanDeletedRecords(
  mft: Mft,
  liveDirs: Map<number, { path: string; sequence: number }>,
): Promise<NtfsDeletedRecord[]> {
  const found = new Map<number, { fn: FileName; isDirectory: boolean; sequence: number }>();
  for (let n = 16; n < mft.recordCount; n++) {
    let rec;
    try {
      rec = await mft.record(n);
    } catch (e) {
      if (e instanceof FormatError) continue;
      throw e;
    }
    if (rec.inUse || rec.baseRecord !== 0) continue;
    const names: FileName[] = [];
    for (const a of rec.attributes) {
      if (a.type !== AT.fileName || !a.value) continue;
      try {
        names.push(parseFileName(a.value, `MFT record ${n} $FILE_NAME`));
      } catch (e) {
        if (!(e instanceof FormatError)) throw e;
      }
    }
    const fn = names.find((x) => x.namespace !== 2) ?? names[0];
    if (!fn) continue;
    found.set(n, { fn, isDirectory: rec.isDirectory, sequence: rec.sequence });
  }
  const paths = new Map<number, string>();
  const resolve = (n: number, depth: number): string => {
    const known = paths.get(n);
    if (known) return known;
    const { fn } = found.get(n)!;
    let dir: string | null = null;
    const live = liveDirs.get(fn.parent);
    const gone = found.get(fn.parent);
    if (live && live.sequence === fn.parentSequence) dir = live.path;
    else if (
      gone && gone.isDirectory && fn.parent !== n && depth < 64 &&
      // Deleting a record bumps its sequence number: TSK wants exactly the one after the
      // reference (checked with patched records).
      gone.sequence === fn.parentSequence + 1
    ) {
      // Below an orphan directory too: TSK opens orphan directories ($OrphanFiles/DIR/NAME).
      dir = resolve(fn.parent, depth + 1);
    }
    const path = joinPath(dir ?? "/$OrphanFiles", fn.name);
    paths.set(n, path);
    return path;
  };
  const out: NtfsDeletedRecord[] = [];
  for (const [record, f] of found) {
    out.push({ record, path: resolve(record, 0), name: f.fn.name, isDirectory: f.isDirectory });
  }
  return out;
}

/**
 * Deleted records placed in the tree as nodes (unnamed data, then named streams as
 * `NAME:stream`), with their sizes. Use `NtfsFilesystem.deleted()`.
 */
export async function ntfsDeleted(fs: NtfsFilesystem): Promise<NtfsNode[]> {
  const live = new Map<number, { path: string; sequence: number }>();
  const root = await fs.lookup("/");
  if (!root) throw new FormatError("NTFS: no root directory");
  const dirs: NtfsNode[] = [root];
  for await (const n of fs.walk()) if (n.kind === "directory" && !n.stream) dirs.push(n);
  for (const d of dirs) {
    live.set(d.record, { path: d.path, sequence: (await fs.mft.record(d.record)).sequence });
  }
  const out: NtfsNode[] = [];
  for (const r of await scanDeletedRecords(fs.mft, live)) {
    const node: NtfsNode = {
      path: r.path,
      name: r.name,
      id: r.record,
      kind: r.isDirectory ? "directory" : "file",
      size: 0,
      record: r.record,
      stream: "",
      deleted: true,
    };
    let attrs: NtfsAttribute[] = [];
    try {
      attrs = await fs.mft.attributes(r.record);
      node.size = r.isDirectory
        ? sizeOf(attrs, AT.indexAllocation, "$I30")
        : sizeOf(attrs, AT.data, "");
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
    }
    out.push(node);
    const streams = new Set(
      attrs.filter((a) => a.type === AT.data && a.name !== "").map((a) => a.name),
    );
    for (const st of streams) {
      out.push({
        ...node,
        path: `${node.path}:${st}`,
        name: `${node.name}:${st}`,
        kind: "file",
        size: sizeOf(attrs, AT.data, st),
        stream: st,
      });
    }
  }
  const listed = new Set(out.map((n) => `${n.record}/${n.path}`));
  // TSK reads the index of every directory it lists, deleted ones too (all their names deleted).
  const deletedDirs = out.filter((n) => n.kind === "directory" && !n.stream);
  for (const d of [...dirs, ...deletedDirs]) {
    for (const s of await slackNodes(fs, d)) {
      const key = `${s.record}/${s.path}`;
      if (listed.has(key)) continue;
      listed.add(key);
      out.push(s);
    }
  }
  return out;
}

/**
 * Names in the `$I30` slack of a directory (every name of a deleted one) that TSK lists
 * (ntfs_index_slack.ts) and that no allocated entry of the same record and name hides; record 0 (an end entry written over a name)
 * has no metadata. Unreadable indexes give none.
 */
async function slackNodes(fs: NtfsFilesystem, d: NtfsNode): Promise<NtfsNode[]> {
  const names: IndexSlackName[] = [];
  const last = fs.mft.recordCount;
  try {
    const attrs = await fs.mft.attributes(d.record);
    const root = attrs.find((a) => a.type === AT.indexRoot && a.name === "$I30")?.value;
    if (root && root.length >= 32) {
      const first = le32(root, 16);
      const used = le32(root, 20) - first;
      const size = le32(root, 24) - first;
      if (used >= 0 && size >= used && 16 + le32(root, 24) <= root.length) {
        names.push(...scanIndexNames(root, 16 + first, size, used, d.record, last, !!d.deleted));
      }
    }
    const extents = attrs.some((a) => a.type === AT.indexAllocation && a.name === "$I30")
      ? await fs.extents(d)
      : [];
    // TSK gives up on index allocations over 128 MiB too.
    if (extents.length && extents.reduce((n, x) => n + x.length, 0) <= 128 * 1024 * 1024) {
      const parts: Uint8Array[] = [];
      for (const x of extents) {
        if (x.volumeOffset === null) parts.push(new Uint8Array(x.length));
        else parts.push(await fs.mft.vol.read(x.volumeOffset, x.length, `${d.path} $I30`));
      }
      const buf = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      parts.reduce((o, p) => (buf.set(p, o), o + p.length), 0);
      for (const [, start, length, used] of indexRecordSpans(buf, fs.blockSize)) {
        names.push(...scanIndexNames(buf, start, length, used, d.record, last, !!d.deleted));
      }
    }
  } catch (e) {
    if (e instanceof FormatError) return [];
    throw e;
  }
  const live = new Set(names.filter((n) => !n.deleted).map((n) => `${n.record}/${n.name}`));
  const out: NtfsNode[] = [];
  for (const n of names) {
    if (!n.deleted || live.has(`${n.record}/${n.name}`)) continue;
    const node: NtfsNode = {
      path: joinPath(d.path, n.name),
      name: n.name,
      id: n.record,
      kind: n.isDirectory ? "directory" : "file",
      size: 0,
      record: n.record,
      stream: "",
      deleted: true,
    };
    if (n.record !== 0) {
      const attrs = await fs.mft.attributes(n.record).catch(() => []);
      node.size = n.isDirectory
        ? sizeOf(attrs, AT.indexAllocation, "$I30")
        : sizeOf(attrs, AT.data, "");
    }
    out.push(node);
  }
  return out;
}

function sizeOf(attrs: NtfsAttribute[], type: number, name: string): number {
  const a = attrs.find((x) => x.type === type && x.name === name && x.startVcn === 0);
  return a ? a.dataSize : 0;
}
