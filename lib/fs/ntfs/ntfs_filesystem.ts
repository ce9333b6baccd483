// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * A read-only NTFS filesystem: $I30 directory indexes, $DATA streams (resident, sparse,
 * compressed, named), and the system files as metadata regions.
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import type { ExtentFlag, Filesystem, FsExtent, FsNode, MetadataRegion } from "../filesystem.ts";
import { readThroughExtents, runsToExtents } from "../_common/extents.ts";
import { ntfsDeleted } from "./ntfs_deleted.ts";
import { joinPath, lookupPath, walkTree } from "../_common/tree.ts";
import { utf16le } from "../_common/volume.ts";
import { lznt1Decompress } from "./lznt1.ts";
import { mapRange, type Mft, readPieces } from "./ntfs_mft.ts";
import { classify, clip, compressionUnit } from "./ntfs_compression.ts";
import { applyFixups } from "./ntfs_fixup.ts";
import { type IndexEntry, parseIndexNode } from "./ntfs_index.ts";
import { AT, type NtfsAttribute } from "./ntfs_record.ts";

/** An NTFS node: `id` is the MFT record number; `stream` names an alternate data stream. */
export interface NtfsNode extends FsNode {
  /** MFT record number. */
  record: number;
  /** Named $DATA stream ("" for the file's unnamed data). */
  stream: string;
}

const SYSTEM_NAMES = [
  "$MFT",
  "$MFTMirr",
  "$LogFile",
  "$Volume",
  "$AttrDef",
  ".",
  "$Bitmap",
  "$Boot",
  "$BadClus",
  "$Secure",
  "$UpCase",
  "$Extend",
];
const TYPE_NAMES: Record<number, string> = {
  0x20: "$ATTRIBUTE_LIST",
  0x80: "$DATA",
  0xa0: "$INDEX_ALLOCATION",
  0xb0: "$BITMAP",
};

/** A parsed NTFS volume. Construct with {@linkcode probeNtfs}. */
export class NtfsFilesystem implements Filesystem {
  /** "ntfs". */
  readonly type = "ntfs";
  /** Cluster size. */
  readonly blockSize: number;
  /** Volume size in bytes (incl. the backup boot sector). */
  readonly size: number;
  /** Volume label from $Volume. */
  readonly label: string;
  /** The MFT. */
  readonly mft: Mft;
  readonly #root: NtfsNode = {
    path: "/",
    name: "",
    id: 5,
    kind: "directory",
    size: 0,
    record: 5,
    stream: "",
  };
  readonly #dirs = new Map<number, NtfsNode[]>();
  #fold: (name: string) => string = (name) => name.toUpperCase();

  private constructor(mft: Mft, label: string) {
    this.mft = mft;
    this.blockSize = mft.geo.clusterSize;
    this.size = (mft.geo.totalSectors + 1) * mft.geo.bytesPerSector;
    this.label = label;
  }

  /** Opens the MFT and reads the label. */
  static async open(mft: Mft): Promise<NtfsFilesystem> {
    const vol = (await mft.attributes(3)).find((a) => a.type === AT.volumeName);
    const label = vol?.value ? utf16le(vol.value, 0, vol.value.length) : "";
    const fs = new NtfsFilesystem(mft, label);
    const rootRec = await mft.record(5);
    if (!rootRec.isDirectory) {
      throw new FormatError("MFT record 5 (root directory) is not a directory");
    }
    // $UpCase (record 10): 65536 UTF-16 code units, the case folding of this volume.
    const upcase: NtfsNode = {
      path: "/$UpCase",
      name: "$UpCase",
      id: 10,
      kind: "file",
      size: 0,
      record: 10,
      stream: "",
    };
    const table = await fs.read(upcase, 0, 131072);
    if (table.length === 131072) {
      const map = new Uint16Array(table.buffer, table.byteOffset, 65536).slice();
      fs.#fold = (name) => {
        let out = "";
        for (let i = 0; i < name.length; i++) out += String.fromCharCode(map[name.charCodeAt(i)]);
        return out;
      };
    }
    return fs;
  }

  /**
   * The node at `path` (case-insensitive through the volume's $UpCase table; `name:stream` for
   * named streams), or null.
   */
  lookup(path: string): Promise<NtfsNode | null> {
    return lookupPath(this.#root, (d) => this.readDir(d), path, this.#fold);
  }

  /** Children of a directory (named data streams follow their file as `name:stream`). */
  async readDir(dir: FsNode): Promise<NtfsNode[]> {
    const d = await this.#node(dir);
    if (d.kind !== "directory") throw new FormatError(`${d.path} is not a directory`);
    const cached = this.#dirs.get(d.record);
    if (cached) return cached;
    const entries = await this.#indexEntries(d);
    const names = new Map<number, { name: string; namespace: number }[]>();
    for (const e of entries) {
      if (e.record === null || !e.key || e.record === d.record) continue;
      const list = names.get(e.record) ?? [];
      if (!list.some((x) => x.name === e.key!.name)) {
        list.push({ name: e.key.name, namespace: e.key.namespace });
      }
      names.set(e.record, list);
    }
    const out: NtfsNode[] = [];
    for (const [record, list] of names) {
      const rec = await this.mft.record(record);
      if (!rec.inUse || rec.baseRecord !== 0) continue;
      const attrs = await this.mft.attributes(record);
      const isDir = rec.isDirectory;
      const long = list.filter((x) => x.namespace !== 2);
      for (const { name } of long.length ? long : list) {
        const node: NtfsNode = {
          path: joinPath(d.path, name),
          name,
          id: record,
          kind: isDir ? "directory" : "file",
          size: 0,
          record,
          stream: "",
        };
        node.size = isDir ? sizeOf(attrs, AT.indexAllocation, "$I30") : sizeOf(attrs, AT.data, "");
        out.push(node);
        const streams = new Set(
          attrs.filter((a) => a.type === AT.data && a.name !== "").map((a) => a.name),
        );
        for (const s of streams) {
          out.push({
            path: `${node.path}:${s}`,
            name: `${name}:${s}`,
            id: record,
            kind: "file",
            size: sizeOf(attrs, AT.data, s),
            record,
            stream: s,
          });
        }
      }
    }
    this.#dirs.set(d.record, out);
    return out;
  }

  async #indexEntries(d: NtfsNode): Promise<IndexEntry[]> {
    const attrs = await this.mft.attributes(d.record);
    const what = `directory index of ${d.path} (MFT record ${d.record})`;
    const root = attrs.find((a) => a.type === AT.indexRoot && a.name === "$I30");
    if (!root?.value) throw new FormatError(`${what}: no $INDEX_ROOT`);
    const out: IndexEntry[] = [];
    const pending = parseIndexNode(root.value, 16, what);
    const alloc = attrs.filter((a) => a.type === AT.indexAllocation && a.name === "$I30");
    const runs = alloc.length ? this.mft.runsOf(alloc, `${what} $INDEX_ALLOCATION`) : [];
    const geo = this.mft.geo;
    const vcnSize = geo.indexRecordSize >= geo.clusterSize ? geo.clusterSize : 512;
    const seen = new Set<number>();
    while (pending.length) {
      const e = pending.shift()!;
      out.push(e);
      if (e.child === null) continue;
      if (seen.has(e.child)) {
        throw new FormatError(`${what}: index node VCN ${e.child} reached twice (loop)`);
      }
      seen.add(e.child);
      const nodeWhat = `${what} INDX at VCN ${e.child}`;
      const pieces = mapRange(
        runs,
        geo.clusterSize,
        e.child * vcnSize,
        geo.indexRecordSize,
        nodeWhat,
      );
      const rec = await readPieces(this.mft.vol, pieces, nodeWhat);
      applyFixups(rec, "INDX", nodeWhat);
      pending.push(...parseIndexNode(rec, 0x18, nodeWhat));
    }
    return out;
  }

  /** Extents of a node's data (directories: the $I30 index allocation). */
  async extents(node: FsNode): Promise<FsExtent[]> {
    if (!node.deleted) return await this.#extents(await this.#node(node));
    // A name left in $I30 slack under an end entry points to record 0: no metadata (fls "r/-").
    if ((node as NtfsNode).record === 0) return [];
    try {
      return await this.#extents(await this.#node(node));
    } catch (e) {
      if (e instanceof FormatError) return [];
      throw e;
    }
  }

  async #extents(n: NtfsNode): Promise<FsExtent[]> {
    const attrs = await this.mft.attributes(n.record);
    const [type, name] = n.kind === "directory" && !n.stream
      ? [AT.indexAllocation, "$I30"]
      : [AT.data, n.stream];
    const segs = attrs.filter((a) => a.type === type && a.name === name);
    if (!segs.length) return [];
    const what = `${n.path} (MFT record ${n.record}) ${TYPE_NAMES[type]}${name ? ":" + name : ""}`;
    const first = segs.find((s) => s.startVcn === 0) ?? segs[0];
    if (first.value) {
      if (first.value.length === 0) return [];
      const pieces = this.mft.recordPieces(
        n.record === first.record ? n.record : first.record,
        first.valueOffset,
        first.value.length,
      );
      return runsToExtents(pieces.map((p) => ({ ...p, flags: ["resident"] as ExtentFlag[] })));
    }
    const cs = this.blockSize;
    const clusters = Math.ceil(first.dataSize / cs);
    const extra: ExtentFlag[] = first.flags & 0x4000 ? ["encrypted", "encoded"] : [];
    const pieces = clip(classify(this.mft.runsOf(segs, what), compressionUnit(first)), clusters);
    return runsToExtents(pieces.map((r) => ({
      volumeOffset: r.lcn === null ? null : r.lcn * cs,
      length: r.length * cs,
      flags: [...r.flags, ...(r.lcn === null ? [] : extra)],
    })));
  }

  /** Every node, depth-first. */
  walk(): AsyncIterable<NtfsNode> {
    return walkTree(this.#root, (d) => this.readDir(d), (d) => d.record);
  }

  /** The system files' non-resident attributes ($MFT, $MFTMirr, $LogFile, $Bitmap…) and boot sectors. */
  async metadata(): Promise<MetadataRegion[]> {
    const geo = this.mft.geo;
    const cs = geo.clusterSize;
    const out: MetadataRegion[] = [{
      name: "boot sector",
      volumeOffset: 0,
      length: geo.bytesPerSector,
    }];
    for (let r = 0; r < 16; r++) {
      if (r === 5) continue;
      const rec = await this.mft.record(r);
      if (!rec.inUse) continue;
      const attrs = await this.mft.attributes(r);
      const groups = new Map<string, NtfsAttribute[]>();
      for (const a of attrs) {
        if (!a.runlist || (r === 8 && a.name === "$Bad")) continue;
        const key = `${a.type}:${a.name}`;
        groups.set(key, [...(groups.get(key) ?? []), a]);
      }
      for (const segs of groups.values()) {
        const a = segs[0];
        const label = `${SYSTEM_NAMES[r] ?? `MFT record ${r}`}${a.name ? ":" + a.name : ""}${
          a.type === AT.data ? "" : " " + (TYPE_NAMES[a.type] ?? `0x${a.type.toString(16)}`)
        }`;
        for (const run of this.mft.runsOf(segs, label)) {
          if (run.lcn !== null) {
            out.push({ name: label, volumeOffset: run.lcn * cs, length: run.length * cs });
          }
        }
      }
    }
    const backup = geo.totalSectors * geo.bytesPerSector;
    if (backup + geo.bytesPerSector <= this.mft.vol.length) {
      out.push({ name: "backup boot sector", volumeOffset: backup, length: geo.bytesPerSector });
    }
    return out;
  }

  /** Reads a node's bytes (resident, sparse and LZNT1-compressed data included). */
  async read(node: FsNode, offset: number, length: number): Promise<Uint8Array> {
    const n = await this.#node(node);
    const attrs = await this.mft.attributes(n.record);
    const segs = attrs.filter((a) => a.type === AT.data && a.name === n.stream);
    const first = segs.find((s) => s.startVcn === 0) ?? segs[0];
    if (!first) return new Uint8Array(0);
    const end = Math.min(first.dataSize, offset + length);
    if (first.value) return first.value.slice(offset, Math.max(offset, end));
    if (first.flags & 0x4000) {
      throw new FormatError(`${n.path}: encrypted (EFS) data cannot be read raw`);
    }
    const ext = await this.extents(n);
    let data: Uint8Array;
    const unit = compressionUnit(first);
    if (!unit) {
      data = await readThroughExtents(
        this.mft.vol,
        ext,
        first.initializedSize,
        offset,
        end - offset,
        n.path,
      );
      if (data.length < end - offset) {
        const full = new Uint8Array(Math.max(0, end - offset));
        full.set(data);
        data = full;
      }
      return data;
    }
    const cs = this.blockSize;
    const unitBytes = unit * cs;
    const pieces = classify(this.mft.runsOf(segs, n.path), unit);
    const out = new Uint8Array(Math.max(0, end - offset));
    for (let u = Math.floor(offset / unitBytes) * unitBytes; u < end; u += unitBytes) {
      const inUnit = pieces.filter((p) => p.vcn * cs >= u && p.vcn * cs < u + unitBytes);
      const real = inUnit.filter((p) => p.lcn !== null);
      let plain: Uint8Array;
      if (!real.length) plain = new Uint8Array(unitBytes);
      else {
        const raw = new Uint8Array(real.reduce((a, p) => a + p.length * cs, 0));
        let o = 0;
        for (const p of real) {
          raw.set(await this.mft.vol.read(p.lcn! * cs, p.length * cs, n.path), o);
          o += p.length * cs;
        }
        plain = inUnit.some((p) => p.flags.includes("compressed"))
          ? lznt1Decompress(raw, unitBytes)
          : raw;
      }
      const a = Math.max(offset, u);
      const b = Math.min(end, u + unitBytes);
      out.set(plain.subarray(a - u, b - u), a - offset);
    }
    return out;
  }

  /**
   * Deleted files and directories like `fls -d -r` (unused MFT records with a $FILE_NAME; see
   * ntfs_deleted.ts), orphans as `/$OrphanFiles/NAME`; named streams follow as `NAME:stream`.
   */
  deleted(): Promise<NtfsNode[]> {
    return ntfsDeleted(this);
  }

  async #node(node: FsNode): Promise<NtfsNode> {
    if ("record" in node && "stream" in node) return node as NtfsNode;
    const found = await this.lookup(node.path);
    if (!found) throw new FormatError(`No such file in the NTFS volume: ${node.path}`);
    return found;
  }
}

function sizeOf(attrs: NtfsAttribute[], type: number, name: string): number {
  const a = attrs.find((x) => x.type === type && x.name === name && x.startVcn === 0);
  return a ? a.dataSize : 0;
}
