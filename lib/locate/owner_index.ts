// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * LBA → owner for a whole disk or image: one walk of every filesystem builds an interval index of
 * file/directory extents, the filesystems' metadata and the partition-table areas; each LBA is
 * then a binary search.
 *
 * @module
 */
import type { FsNode, MetadataRegion } from "../fs/filesystem.ts";
import type { OpenedDisk } from "../fs/open_filesystem.ts";
import { IntervalIndex } from "./interval_index.ts";

/** `owner --json` entry for one LBA. */
export interface LbaOwner {
  /** The LBA asked for. */
  lba: number;
  /** Partition number (0 = whole-disk filesystem), or null outside any partition. */
  partition: number | null;
  /** Filesystem type, or null. */
  filesystem: string | null;
  /** What the sector holds. */
  kind: "file" | "directory" | "metadata" | "free";
  /** File/directory path, the metadata structure's name, or null for free space. */
  path: string | null;
  /** Byte offset in the file (files and directories), else null. */
  fileOffset: number | null;
  /** With `deleted` indexing: true when only a deleted file or directory claims the sector. */
  deleted?: boolean;
}

interface Owner {
  partition: number | null;
  filesystem: string | null;
  kind: LbaOwner["kind"];
  path: string | null;
  /** Byte offset in the file at the range start, or null. */
  fileOffset: number | null;
}

/** Options for {@linkcode buildOwnerIndex}. */
export interface OwnerIndexOptions {
  /** Called every 1000 nodes. */
  onProgress?: (nodes: number) => void;
  /**
   * Also index deleted files and directories (`Filesystem.deleted()`); they answer only sectors
   * that nothing allocated (file, directory, metadata) claims.
   */
  deleted?: boolean;
}

/** The built index: answer LBAs with {@linkcode OwnerIndex.owner}. */
export class OwnerIndex {
  #ix: IntervalIndex<Owner>;
  #deleted: IntervalIndex<Owner> | null;
  #volumes: { start: number; end: number; partition: number; filesystem: string | null }[];
  /** Sector size of LBAs. */
  readonly sectorSize: number;
  /** Nodes walked. */
  readonly nodes: number;

  /** Wraps built data; use {@linkcode buildOwnerIndex}. */
  constructor(
    ix: IntervalIndex<Owner>,
    volumes: { start: number; end: number; partition: number; filesystem: string | null }[],
    sectorSize: number,
    nodes: number,
    deleted: IntervalIndex<Owner> | null = null,
  ) {
    this.#ix = ix;
    this.#deleted = deleted;
    this.#volumes = volumes;
    this.sectorSize = sectorSize;
    this.nodes = nodes;
  }

  /** The owner of one LBA. */
  owner(lba: number): LbaOwner {
    const byte = lba * this.sectorSize;
    const live = this.#ix.find(byte);
    const hit = live ?? this.#deleted?.find(byte);
    if (hit) {
      const o = hit.value;
      return {
        ...(live ? {} : { deleted: true }),
        lba,
        partition: o.partition,
        filesystem: o.filesystem,
        kind: o.kind,
        path: o.path,
        fileOffset: o.fileOffset === null ? null : o.fileOffset + (byte - hit.start),
      };
    }
    const v = this.#volumes.find((v) => byte >= v.start && byte < v.end);
    return {
      lba,
      partition: v ? v.partition : null,
      filesystem: v ? v.filesystem : null,
      kind: "free",
      path: null,
      fileOffset: null,
    };
  }
}

/**
 * Walks every filesystem of an opened disk once and indexes all extents.
 *
 * @example Usage
 * ```ts ignore
 * const ix = await buildOwnerIndex(await openDisk(image), image.size);
 * console.log(ix.owner(632968)); // { lba, partition: 2, filesystem: "ext4", kind: "file", path: "/big.bin", fileOffset: 0 }
 * ```
 */
export async function buildOwnerIndex(
  disk: OpenedDisk,
  diskSize: number,
  options: OwnerIndexOptions = {},
): Promise<OwnerIndex> {
  const ranges: { start: number; end: number; value: Owner }[] = [];
  const deletedRanges: { start: number; end: number; value: Owner }[] = [];
  const ss = disk.layout.sectorSize;
  const table = (name: string, start: number, end: number) =>
    ranges.push({
      start,
      end,
      value: { partition: null, filesystem: null, kind: "metadata", path: name, fileOffset: null },
    });
  if (disk.layout.scheme === "gpt") {
    table("protective MBR", 0, ss);
    table("GPT header", ss, 2 * ss);
    table("GPT entries", 2 * ss, 34 * ss);
    table("backup GPT", diskSize - 33 * ss, diskSize);
  } else if (disk.layout.scheme === "mbr") table("MBR", 0, ss);
  let nodes = 0;
  const volumes = [];
  for (const { volume, filesystem: fs, error } of disk.volumes) {
    const part = volume.scheme === "none" || volume.scheme === "iso" ? 0 : volume.number;
    volumes.push({
      start: volume.offset,
      end: volume.offset + volume.length,
      partition: part,
      filesystem: fs?.type ?? null,
    });
    if (!fs) {
      ranges.push({
        start: volume.offset,
        end: volume.offset + volume.length,
        value: {
          partition: part,
          filesystem: null,
          kind: "metadata",
          path: error ? `unreadable filesystem (${error.message})` : "unrecognized contents",
          fileOffset: null,
        },
      });
      continue;
    }
    const meta = (r: MetadataRegion) =>
      ranges.push({
        start: volume.offset + r.volumeOffset,
        end: volume.offset + r.volumeOffset + r.length,
        value: {
          partition: part,
          filesystem: fs.type,
          kind: "metadata",
          path: r.name,
          fileOffset: null,
        },
      });
    for (const r of await fs.metadata()) meta(r);
    const nodeMeta = (fs as { nodeMetadata?: (n: FsNode) => Promise<MetadataRegion[]> })
      .nodeMetadata?.bind(fs);
    /** The extents of a file or directory into `into`. */
    const extentsOf = async (node: FsNode, into: typeof ranges): Promise<void> => {
      if (node.kind !== "file" && node.kind !== "directory") return;
      for (const e of await fs.extents(node)) {
        if (e.volumeOffset === null) continue;
        into.push({
          start: volume.offset + e.volumeOffset,
          end: volume.offset + e.volumeOffset + e.length,
          value: {
            partition: part,
            filesystem: fs.type,
            kind: node.kind,
            path: node.path,
            fileOffset: e.fileOffset,
          },
        });
      }
    };
    const add = async (node: FsNode) => {
      if (node.kind !== "file" && node.kind !== "directory") return;
      await extentsOf(node, ranges);
      if (nodeMeta) {
        for (const r of await nodeMeta(node)) meta({ ...r, name: `${r.name} (${node.path})` });
      }
      if (++nodes % 1000 === 0) options.onProgress?.(nodes);
    };
    const root = await fs.lookup("/");
    if (root) await add(root);
    for await (const node of fs.walk()) await add(node);
    if (!options.deleted || !fs.deleted) continue;
    // Lowest metadata address first, like `ifind -d` when several deleted entries claim a sector.
    const gone = (await fs.deleted()).map((n, i) => ({ n, i, a: n.address ?? n.id }));
    gone.sort((x, y) => x.a - y.a || x.i - y.i);
    for (const { n: node } of gone) await extentsOf(node, deletedRanges);
  }
  return new OwnerIndex(
    new IntervalIndex(ranges),
    volumes,
    ss,
    nodes,
    options.deleted ? new IntervalIndex(deletedRanges) : null,
  );
}
