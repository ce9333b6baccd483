// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * A read-only exFAT filesystem: FAT chains and NoFatChain contiguous allocations, entry sets,
 * the allocation bitmap and the up-case table (checksum verified).
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import type { ExtentFlag, Filesystem, FsExtent, FsNode, MetadataRegion } from "../filesystem.ts";
import { readThroughExtents, type Run, runsToExtents } from "../_common/extents.ts";
import { joinPath, lookupPath, walkTree } from "../_common/tree.ts";
import { recoverClusters } from "../fat/fat_deleted.ts";
import { listExfatDeleted } from "./exfat_deleted_walk.ts";
import type { Volume } from "../_common/volume.ts";
import { FatTable } from "../fat/fat_table.ts";
import type { ExfatGeometry } from "./exfat_boot.ts";
import { type ExfatSystemEntry, parseExfatDir } from "./exfat_dir.ts";

/** An exFAT node: `id` is the volume byte offset of its File entry (root: 0). */
export interface ExfatNode extends FsNode {
  /** First cluster. */
  firstCluster: number;
  /** Contiguous allocation without a FAT chain. */
  noFatChain: boolean;
  /** ValidDataLength. */
  validSize: number;
}

/**
 * Expands an up-case table (exFAT §7.2.5: a 0xFFFF entry is followed by a count of code points
 * that map to themselves) into a fold function.
 */
export function upcaseFolder(table: Uint8Array): (name: string) => string {
  const map = new Uint16Array(65536).map((_, i) => i);
  let ch = 0;
  for (let at = 0; at + 1 < table.length && ch < 65536; at += 2) {
    const v = table[at] | (table[at + 1] << 8);
    if (v === 0xffff && at + 3 < table.length) {
      at += 2;
      ch += table[at] | (table[at + 1] << 8);
      continue;
    }
    map[ch++] = v;
  }
  return (name) => {
    let s = "";
    for (let i = 0; i < name.length; i++) s += String.fromCharCode(map[name.charCodeAt(i)]);
    return s;
  };
}

/** The 32-bit checksum of the up-case table. */
export function upcaseChecksum(b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < b.length; i++) {
    sum = (((sum & 1) ? 0x80000000 : 0) + (sum >>> 1) + b[i]) >>> 0;
  }
  return sum;
}

/** Allocation-bitmap bytes read (and cached) at a time by `isAllocated`. */
const BITMAP_CHUNK = 65536;

/** A parsed exFAT volume. Construct with {@linkcode probeExfat}. */
export class ExfatFilesystem implements Filesystem {
  /** "exfat". */
  readonly type = "exfat";
  /** Cluster size. */
  readonly blockSize: number;
  /** Volume size in bytes. */
  readonly size: number;
  /** Volume label. */
  readonly label: string;
  /** Boot-region layout. */
  readonly geometry: ExfatGeometry;
  readonly #vol: Volume;
  readonly #fat: FatTable;
  readonly #root: ExfatNode;
  readonly #system: ExfatSystemEntry[];
  readonly #dirs = new Map<number, ExfatNode[]>();
  readonly #bitmap = new Map<number, Uint8Array>();
  #bitmapExtents: FsExtent[] | null = null;
  #fold: (name: string) => string = (name) => name.toUpperCase();

  private constructor(
    vol: Volume,
    g: ExfatGeometry,
    fat: FatTable,
    root: ExfatNode,
    label: string,
    system: ExfatSystemEntry[],
  ) {
    this.#vol = vol;
    this.geometry = g;
    this.blockSize = g.clusterSize;
    this.size = g.volumeLength;
    this.label = label;
    this.#fat = fat;
    this.#root = root;
    this.#system = system;
  }

  /** Reads the root directory, checks the bitmap and up-case table entries. */
  static async open(vol: Volume, g: ExfatGeometry): Promise<ExfatFilesystem> {
    const fat = new FatTable(vol, g.fatOffset, g.fatLength, 32, g.clusterCount);
    const chain = await fat.chain(g.rootCluster, "FAT chain of the root directory");
    const root: ExfatNode = {
      path: "/",
      name: "",
      id: 0,
      kind: "directory",
      size: chain.length * g.clusterSize,
      firstCluster: g.rootCluster,
      noFatChain: false,
      validSize: chain.length * g.clusterSize,
    };
    const bytes = await readClusters(vol, g, chain, "root directory");
    const dir = parseExfatDir(bytes, "root directory");
    const bitmap = dir.system.filter((s) => s.type === 0x81);
    const upcase = dir.system.find((s) => s.type === 0x82);
    if (bitmap.length !== g.numFats) {
      throw new FormatError(
        `exFAT root directory: ${bitmap.length} allocation bitmap entries for ${g.numFats} FATs`,
      );
    }
    if (bitmap[0].size < Math.ceil(g.clusterCount / 8)) {
      throw new FormatError(
        `exFAT allocation bitmap: ${bitmap[0].size} bytes for ${g.clusterCount} clusters`,
      );
    }
    if (!upcase) throw new FormatError("exFAT root directory: no up-case table entry");
    const fs = new ExfatFilesystem(vol, g, fat, root, dir.label, dir.system);
    const table = await readThroughExtents(
      vol,
      await fs.#systemExtents(upcase, "up-case table"),
      upcase.size,
      0,
      upcase.size,
      "up-case table",
    );
    if (upcaseChecksum(table) !== upcase.checksum) {
      throw new FormatError(
        `exFAT up-case table: checksum 0x${upcaseChecksum(table).toString(16)}, entry says 0x${
          upcase.checksum.toString(16)
        }`,
      );
    }
    fs.#fold = upcaseFolder(table);
    return fs;
  }

  /** Byte offset of cluster `c`. */
  clusterOffset(c: number): number {
    return this.geometry.heapOffset + (c - 2) * this.geometry.clusterSize;
  }

  /** The node at `path` (case-insensitive through the volume's up-case table), or null. */
  lookup(path: string): Promise<ExfatNode | null> {
    return lookupPath(this.#root, (d) => this.readDir(d), path, this.#fold);
  }

  /** Children of a directory. */
  async readDir(dir: FsNode): Promise<ExfatNode[]> {
    const d = await this.#node(dir);
    if (d.kind !== "directory") throw new FormatError(`${d.path} is not a directory`);
    if (d.deleted) return [];
    const cached = this.#dirs.get(d.firstCluster);
    if (cached) return cached;
    const clusters = await this.#clusters(d, `directory ${d.path}`);
    const bytes = await readClusters(this.#vol, this.geometry, clusters, `directory ${d.path}`);
    const cs = this.geometry.clusterSize;
    const out: ExfatNode[] = [];
    for (const e of parseExfatDir(bytes, `directory ${d.path}`).entries) {
      out.push({
        path: joinPath(d.path, e.name),
        name: e.name,
        id: this.clusterOffset(clusters[Math.floor(e.offset / cs)]) + (e.offset % cs),
        kind: e.attributes & 0x10 ? "directory" : "file",
        size: e.size,
        firstCluster: e.firstCluster,
        noFatChain: e.noFatChain,
        validSize: e.validSize,
      });
    }
    this.#dirs.set(d.firstCluster, out);
    return out;
  }

  #clusters(n: ExfatNode, what: string): Promise<number[]> {
    if (n.firstCluster === 0 || n.size === 0) return Promise.resolve([]);
    const cs = this.geometry.clusterSize;
    const count = Math.ceil(n.size / cs);
    if (!n.noFatChain) return this.#fat.chain(n.firstCluster, `FAT chain of ${what}`, count);
    const last = n.firstCluster + count - 1;
    if (n.firstCluster < 2 || last > this.geometry.clusterCount + 1) {
      throw new FormatError(
        `${what}: contiguous clusters ${n.firstCluster}..${last} out of range (2..${
          this.geometry.clusterCount + 1
        })`,
      );
    }
    return Promise.resolve(Array.from({ length: count }, (_, i) => n.firstCluster + i));
  }

  /**
   * Deleted entry sets like `fls -d -r` (exfat_deleted.ts) of every live directory, and of deleted
   * directories (entered through the clusters TSK's rule gives them), recursively; then TSK's
   * `$OrphanFiles` (exfat_orphans.ts, exfat_deleted_walk.ts).
   */
  async deleted(): Promise<ExfatNode[]> {
    const dirs: ExfatNode[] = [this.#root];
    for await (const n of this.walk()) if (n.kind === "directory") dirs.push(n);
    return await listExfatDeleted({
      geometry: this.geometry,
      directories: () => Promise.resolve(dirs),
      dirClusters: (d) => this.#clusters(d, `directory ${d.path}`),
      deletedClusters: (n) => this.#deletedClusters(n),
      allocatedFlags: (first, count) => this.allocatedFlags(first, count),
      read: (offset, length, what) => this.#vol.read(offset, length, what),
    });
  }

  /** TSK's clusters of a deleted entry: free ones from the first cluster on (fat_deleted.ts). */
  #deletedClusters(n: ExfatNode): Promise<number[]> {
    return recoverClusters(
      n.firstCluster,
      n.size,
      this.geometry.clusterSize,
      this.geometry.clusterCount + 1,
      async (c) => !(await this.isAllocated(c)),
    );
  }

  /** Extents; clusters wholly past ValidDataLength are flagged "unwritten". */
  async extents(node: FsNode): Promise<FsExtent[]> {
    const n = await this.#node(node);
    const cs = this.geometry.clusterSize;
    const clusters = n.deleted ? await this.#deletedClusters(n) : await this.#clusters(n, n.path);
    return runsToExtents(clusters.map((c, i) => ({
      volumeOffset: this.clusterOffset(c),
      length: cs,
      flags: (i * cs >= n.validSize ? ["unwritten"] : []) as ExtentFlag[],
    })));
  }

  async #systemExtents(s: ExfatSystemEntry, what: string): Promise<FsExtent[]> {
    const cs = this.geometry.clusterSize;
    const chain = await this.#fat.chain(
      s.firstCluster,
      `FAT chain of the ${what}`,
      Math.ceil(s.size / cs),
    );
    return runsToExtents(
      chain.map((c): Run => ({ volumeOffset: this.clusterOffset(c), length: cs })),
    );
  }

  /** Every node, depth-first. */
  walk(): AsyncIterable<ExfatNode> {
    return walkTree(this.#root, (d) => this.readDir(d), (d) => d.firstCluster);
  }

  /** Boot regions, FATs, the allocation bitmap(s) and the up-case table. */
  async metadata(): Promise<MetadataRegion[]> {
    const g = this.geometry;
    const out: MetadataRegion[] = [
      { name: "boot region", volumeOffset: 0, length: 12 * g.bytesPerSector },
      {
        name: "backup boot region",
        volumeOffset: 12 * g.bytesPerSector,
        length: 12 * g.bytesPerSector,
      },
    ];
    for (let i = 0; i < g.numFats; i++) {
      out.push({
        name: `FAT ${i + 1}`,
        volumeOffset: g.fatOffset + i * g.fatLength,
        length: g.fatLength,
      });
    }
    let bitmaps = 0;
    for (const s of this.#system) {
      const name = s.type === 0x81
        ? `allocation bitmap${g.numFats > 1 ? ` ${++bitmaps}` : ""}`
        : "up-case table";
      for (const e of await this.#systemExtents(s, name)) {
        out.push({ name, volumeOffset: e.volumeOffset!, length: e.length });
      }
    }
    return out;
  }

  /** Whether cluster `c` is marked in use in the (first) allocation bitmap. */
  async isAllocated(c: number): Promise<boolean> {
    const idx = c - 2;
    if (idx < 0 || idx >= this.geometry.clusterCount) return false;
    const bytes = await this.#bitmapChunk(Math.floor((idx >> 3) / BITMAP_CHUNK));
    const at = (idx >> 3) % BITMAP_CHUNK;
    return at < bytes.length && (bytes[at] >> (idx & 7) & 1) === 1;
  }

  /**
   * In-use flags (1 = allocated) of clusters `first … first + count − 1`, one byte each: one
   * bitmap read per 512 Ki clusters instead of an await per cluster.
   */
  async allocatedFlags(first: number, count: number): Promise<Uint8Array> {
    const out = new Uint8Array(count);
    const total = this.geometry.clusterCount;
    for (let i = 0; i < count;) {
      const idx = first + i - 2;
      if (idx < 0 || idx >= total) {
        i++;
        continue;
      }
      const chunk = Math.floor((idx >> 3) / BITMAP_CHUNK);
      const bytes = await this.#bitmapChunk(chunk);
      const chunkEnd = Math.min((chunk + 1) * BITMAP_CHUNK * 8, total);
      for (; i < count && first + i - 2 < chunkEnd; i++) {
        const j = first + i - 2;
        const at = (j >> 3) % BITMAP_CHUNK;
        out[i] = at < bytes.length ? (bytes[at] >> (j & 7)) & 1 : 0;
      }
    }
    return out;
  }

  /** Bytes `chunk × BITMAP_CHUNK …` of the (first) allocation bitmap, cached. */
  async #bitmapChunk(chunk: number): Promise<Uint8Array> {
    let bytes = this.#bitmap.get(chunk);
    if (!bytes) {
      const bm = this.#system.find((s) => s.type === 0x81)!;
      this.#bitmapExtents ??= await this.#systemExtents(bm, "allocation bitmap");
      bytes = await readThroughExtents(
        this.#vol,
        this.#bitmapExtents,
        bm.size,
        chunk * BITMAP_CHUNK,
        BITMAP_CHUNK,
        "allocation bitmap",
      );
      if (this.#bitmap.size >= 64) this.#bitmap.clear();
      this.#bitmap.set(chunk, bytes);
    }
    return bytes;
  }

  /** Reads a node's bytes (past ValidDataLength: zeros). */
  async read(node: FsNode, offset: number, length: number): Promise<Uint8Array> {
    const n = await this.#node(node);
    const end = Math.min(n.size, offset + length);
    const out = new Uint8Array(Math.max(0, end - offset));
    const valid = await readThroughExtents(
      this.#vol,
      await this.extents(n),
      Math.min(n.validSize, n.size),
      offset,
      length,
      n.path,
    );
    out.set(valid.subarray(0, out.length));
    return out;
  }

  async #node(node: FsNode): Promise<ExfatNode> {
    if ("noFatChain" in node) return node as ExfatNode;
    const found = await this.lookup(node.path);
    if (!found) throw new FormatError(`No such file in the exFAT volume: ${node.path}`);
    return found;
  }
}

async function readClusters(
  vol: Volume,
  g: ExfatGeometry,
  clusters: number[],
  what: string,
): Promise<Uint8Array> {
  const cs = g.clusterSize;
  const out = new Uint8Array(clusters.length * cs);
  for (let i = 0; i < clusters.length; i++) {
    out.set(await vol.read(g.heapOffset + (clusters[i] - 2) * cs, cs, what), i * cs);
  }
  return out;
}
