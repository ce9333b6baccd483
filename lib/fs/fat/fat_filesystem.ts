// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * A read-only FAT12/16/32 filesystem: directories, cluster chains, extents and metadata regions.
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import type { Filesystem, FsExtent, FsNode, MetadataRegion } from "../filesystem.ts";
import { readThroughExtents, type Run, runsToExtents } from "../_common/extents.ts";
import { joinPath, lookupPath, MAX_DEPTH, walkTree } from "../_common/tree.ts";
import type { Volume } from "../_common/volume.ts";
import type { FatGeometry } from "./fat_boot.ts";
import { ATTR, parseFatDir } from "./fat_dir.ts";
import { parseFatDeleted, recoverClusters } from "./fat_deleted.ts";
import { scanOrphanSectors } from "./fat_orphans.ts";
import { nestOrphans } from "../_common/orphan_dirs.ts";
import { FatTable } from "./fat_table.ts";
import { scanFreeRuns } from "../_common/free_runs.ts";

/** A FAT node: `id` is the byte offset of its short directory entry on the volume (root: 0). */
export interface FatNode extends FsNode {
  /** First cluster (0 for empty files and the FAT12/16 root). */
  firstCluster: number;
  /** Attribute byte. */
  attr: number;
}

/** A parsed FAT volume. Construct with {@linkcode probeFat}. */
export class FatFilesystem implements Filesystem {
  /** "fat12" | "fat16" | "fat32". */
  readonly type: string;
  /** Cluster size in bytes. */
  readonly blockSize: number;
  /** Volume size in bytes (from the BPB). */
  readonly size: number;
  /** Volume label. */
  readonly label: string;
  /** The BPB layout. */
  readonly geometry: FatGeometry;
  readonly #vol: Volume;
  readonly #fat: FatTable;
  readonly #root: FatNode;
  readonly #dirs = new Map<number, FatNode[]>();

  /** Wraps a volume whose BPB was parsed into `geometry`. */
  constructor(vol: Volume, geometry: FatGeometry) {
    this.#vol = vol;
    this.geometry = geometry;
    this.type = `fat${geometry.bits}`;
    this.blockSize = geometry.clusterSize;
    this.size = geometry.totalSectors * geometry.bytesPerSector;
    this.label = geometry.label;
    const g = geometry;
    this.#fat = new FatTable(
      vol,
      (g.reservedSectors + g.activeFat * g.fatSectors) * g.bytesPerSector,
      g.fatSectors * g.bytesPerSector,
      g.bits === 32 ? 28 : g.bits,
      g.clusterCount,
    );
    this.#root = {
      path: "/",
      name: "",
      id: 0,
      kind: "directory",
      size: g.rootDirLength,
      firstCluster: g.rootCluster,
      attr: ATTR.directory,
    };
  }

  /** The root directory node. */
  get root(): FatNode {
    return this.#root;
  }

  /** Byte offset of cluster `c` on the volume. */
  clusterOffset(c: number): number {
    return this.geometry.dataOffset + (c - 2) * this.geometry.clusterSize;
  }

  /** The node at `path` (case-insensitive like FAT itself), or null. */
  lookup(path: string): Promise<FatNode | null> {
    return lookupPath(this.#root, (d) => this.readDir(d), path, true);
  }

  /** Children of a directory. */
  async readDir(dir: FsNode): Promise<FatNode[]> {
    const d = await this.#node(dir);
    if (d.kind !== "directory") throw new FormatError(`${d.path} is not a directory`);
    if (d.deleted) return [];
    const cached = this.#dirs.get(d.id);
    if (cached) return cached;
    const { bytes, entryOffsets } = await this.#dirBytes(d);
    const out: FatNode[] = [];
    for (const e of parseFatDir(bytes, this.geometry.bits === 32)) {
      const isDir = (e.attr & ATTR.directory) !== 0;
      const node: FatNode = {
        path: joinPath(d.path, e.name),
        name: e.name,
        id: entryOffsets(e.offset),
        kind: isDir ? "directory" : "file",
        size: e.size,
        firstCluster: e.firstCluster,
        attr: e.attr,
      };
      if (isDir) {
        node.size = e.firstCluster === 0
          ? 0
          : (await this.#fat.chain(e.firstCluster, `FAT chain of directory ${node.path}`)).length *
            this.geometry.clusterSize;
      }
      out.push(node);
    }
    this.#dirs.set(d.id, out);
    return out;
  }

  /** The bytes of a live directory and the volume offset of each entry. */
  async #dirBytes(
    d: FatNode,
  ): Promise<{ bytes: Uint8Array; entryOffsets: (at: number) => number }> {
    if (d === this.#root && this.geometry.bits !== 32) {
      const bytes = await this.#vol.read(
        this.geometry.rootDirOffset,
        this.geometry.rootDirLength,
        "root directory",
      );
      return { bytes, entryOffsets: (at) => this.geometry.rootDirOffset + at };
    }
    const chain = await this.#fat.chain(d.firstCluster, `FAT chain of directory ${d.path}`);
    const cs = this.geometry.clusterSize;
    const bytes = new Uint8Array(chain.length * cs);
    for (let i = 0; i < chain.length; i++) {
      bytes.set(
        await this.#vol.read(this.clusterOffset(chain[i]), cs, `directory ${d.path}`),
        i * cs,
      );
    }
    return {
      bytes,
      entryOffsets: (at) => this.clusterOffset(chain[Math.floor(at / cs)]) + (at % cs),
    };
  }

  /**
   * Deleted entries like `fls -d -r`: 0xE5 entries of every live directory, and the entries of
   * deleted directories (their first cluster only: the FAT chain is gone), recursively; then
   * TSK's orphans (`/$OrphanFiles/NAME`), orphan directories with their contents.
   */
  async deleted(): Promise<FatNode[]> {
    const g = this.geometry;
    const out: FatNode[] = [];
    const seen = new Set<number>();
    const dirs: FatNode[] = [this.#root];
    for await (const n of this.walk()) if (n.kind === "directory") dirs.push(n);
    for (const d of dirs) {
      if (d !== this.#root && d.firstCluster !== 0) seen.add(d.firstCluster);
    }
    for (const d of dirs) {
      if (d !== this.#root && d.firstCluster === 0) continue;
      const { bytes, entryOffsets } = await this.#dirBytes(d);
      await this.#visitDeleted(d, bytes, entryOffsets, false, 0, seen, out);
    }
    const named = new Set([...dirs.map((d) => d.id), ...out.map((n) => n.id)]);
    for await (const n of this.walk()) named.add(n.id);
    const orphans = await this.#orphans(named);
    // Orphan directories are opened like deleted ones: `$OrphanFiles/DIR/NAME` (orphan_dirs.ts).
    const nested = await nestOrphans(orphans, async (dir) => {
      const below: FatNode[] = [];
      if (dir.firstCluster < 2 || dir.firstCluster > g.clusterCount + 1) return below;
      const off = this.clusterOffset(dir.firstCluster);
      const sub = await this.#vol.read(off, g.clusterSize, `orphan directory ${dir.path}`);
      await this.#visitDeleted(dir, sub, (o) => off + o, true, 1, new Set(seen), below);
      return below;
    });
    out.push(...nested);
    return out;
  }

  /**
   * Adds the deleted entries of directory bytes to `out` (every entry when `all`: the contents of
   * a deleted directory), entering deleted directories (their first cluster only: the FAT chain is
   * gone) whose first cluster is not in `seen`.
   */
  async #visitDeleted(
    dir: FatNode,
    bytes: Uint8Array,
    at: (o: number) => number,
    all: boolean,
    depth: number,
    seen: Set<number>,
    out: FatNode[],
  ): Promise<void> {
    const g = this.geometry;
    const maxCluster = g.clusterCount + 1;
    const dataBytes = g.clusterCount * g.clusterSize;
    for (const e of parseFatDeleted(bytes, g.bits === 32, maxCluster, all, dataBytes)) {
      const isDir = (e.attr & ATTR.directory) !== 0;
      const id = at(e.offset);
      const node: FatNode = {
        path: joinPath(dir.path, e.name),
        name: e.name,
        id,
        kind: isDir ? "directory" : "file",
        size: isDir ? g.clusterSize : e.size,
        firstCluster: e.firstCluster,
        attr: e.attr,
        deleted: true,
        address: (id - this.#firstData()) / 32 + 3,
      };
      out.push(node);
      if (!isDir || e.firstCluster < 2 || seen.has(e.firstCluster) || depth >= MAX_DEPTH) {
        continue;
      }
      seen.add(e.firstCluster);
      const off = this.clusterOffset(e.firstCluster);
      const sub = await this.#vol.read(off, g.clusterSize, `deleted directory ${node.path}`);
      await this.#visitDeleted(node, sub, (o) => off + o, true, depth + 1, seen, out);
    }
  }

  /** Byte offset of the first sector after the FATs (TSK's address origin). */
  #firstData(): number {
    const g = this.geometry;
    return (g.reservedSectors + g.numFats * g.fatSectors) * g.bytesPerSector;
  }

  /** TSK's `$OrphanFiles`: unnamed entries in free clusters (fat_orphans.ts). */
  async #orphans(named: Set<number>): Promise<FatNode[]> {
    const firstData = this.#firstData();
    const g = this.geometry;
    const maxCluster = g.clusterCount + 1;
    const cs = g.clusterSize;
    const batch = Math.max(1, Math.floor(262144 / cs));
    const out: FatNode[] = [];
    const scan = async (first: number, count: number) => {
      const base = this.clusterOffset(first);
      const bytes = await this.#vol.read(base, count * cs, "free clusters");
      const found = scanOrphanSectors(
        bytes,
        g.bytesPerSector,
        g.bits === 32,
        maxCluster,
        g.clusterCount * cs,
      );
      for (const e of found) {
        const id = base + e.offset;
        if (named.has(id)) continue;
        const isDir = (e.attr & ATTR.directory) !== 0;
        out.push({
          path: `/$OrphanFiles/${e.name}`,
          name: e.name,
          id,
          kind: isDir ? "directory" : "file",
          size: isDir ? cs : e.size,
          firstCluster: e.firstCluster,
          attr: e.attr,
          deleted: true,
          address: (id - firstData) / 32 + 3,
        });
      }
    };
    await scanFreeRuns(2, maxCluster, batch, (first, n) => this.#fat.entries(first, n), scan);
    return out;
  }

  /** Extents of a node: whole clusters, the last one possibly past EOF. */
  async extents(node: FsNode): Promise<FsExtent[]> {
    const n = await this.#node(node);
    if (n.deleted) {
      const cs = this.geometry.clusterSize;
      const clusters = await recoverClusters(
        n.firstCluster,
        n.size,
        cs,
        this.geometry.clusterCount + 1,
        async (c) => (await this.#fat.entry(c)) === 0,
      );
      return runsToExtents(
        clusters.map((c) => ({ volumeOffset: this.clusterOffset(c), length: cs })),
      );
    }
    if (n === this.#root && this.geometry.bits !== 32) {
      return runsToExtents([{
        volumeOffset: this.geometry.rootDirOffset,
        length: this.geometry.rootDirLength,
      }]);
    }
    if (n.firstCluster === 0 || (n.kind === "file" && n.size === 0)) return [];
    const cs = this.geometry.clusterSize;
    const limit = n.kind === "file" ? Math.ceil(n.size / cs) : undefined;
    const what = `FAT chain of ${n.path}`;
    const chain = await this.#fat.chain(n.firstCluster, what, limit);
    const runs: Run[] = chain.map((c) => ({ volumeOffset: this.clusterOffset(c), length: cs }));
    return runsToExtents(runs);
  }

  /** Every node, depth-first. */
  walk(): AsyncIterable<FatNode> {
    return walkTree(this.#root, (d) => this.readDir(d), (d) => d.firstCluster || d.id);
  }

  /** Boot/reserved sectors, each FAT copy, and the FAT12/16 root directory. */
  metadata(): Promise<MetadataRegion[]> {
    const g = this.geometry;
    const out: MetadataRegion[] = [
      {
        name: "boot sector and reserved sectors",
        volumeOffset: 0,
        length: g.reservedSectors * g.bytesPerSector,
      },
    ];
    for (let i = 0; i < g.numFats; i++) {
      out.push({
        name: `FAT ${i + 1}`,
        volumeOffset: (g.reservedSectors + i * g.fatSectors) * g.bytesPerSector,
        length: g.fatSectors * g.bytesPerSector,
      });
    }
    if (g.rootDirLength) {
      out.push({ name: "root directory", volumeOffset: g.rootDirOffset, length: g.rootDirLength });
    }
    return Promise.resolve(out);
  }

  /** Reads a node's bytes. */
  async read(node: FsNode, offset: number, length: number): Promise<Uint8Array> {
    const n = await this.#node(node);
    return readThroughExtents(this.#vol, await this.extents(n), n.size, offset, length, n.path);
  }

  async #node(node: FsNode): Promise<FatNode> {
    if ("firstCluster" in node) return node as FatNode;
    const found = await this.lookup(node.path);
    if (!found) throw new FormatError(`No such file in the FAT volume: ${node.path}`);
    return found;
  }
}
