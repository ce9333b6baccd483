// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The deleted entries of an exFAT volume as `fls -d -r` lists them: deleted entry sets of every
 * live directory, the sets of deleted directories (entered through the clusters TSK recovers for
 * them), then TSK's `$OrphanFiles`: File entries in free clusters that no listing names
 * (exfat_orphans.ts), orphan directories opened the same way.
 *
 * @module
 */
import { joinPath, MAX_DEPTH } from "../_common/tree.ts";
import { nestOrphans } from "../_common/orphan_dirs.ts";
import { scanFreeRuns } from "../_common/free_runs.ts";
import type { ExfatGeometry } from "./exfat_boot.ts";
import type { ExfatEntry } from "./exfat_dir.ts";
import { parseExfatDeleted } from "./exfat_deleted.ts";
import type { ExfatNode } from "./exfat_filesystem.ts";
import { scanExfatOrphans } from "./exfat_orphans.ts";

/** What the walk needs from the filesystem. */
export interface ExfatDeletedSource {
  /** Boot-region layout. */
  geometry: ExfatGeometry;
  /** Live directories, the root first. */
  directories(): Promise<ExfatNode[]>;
  /** Clusters of a live directory. */
  dirClusters(dir: ExfatNode): Promise<number[]>;
  /** TSK's recovered clusters of a deleted entry. */
  deletedClusters(node: ExfatNode): Promise<number[]>;
  /** In-use flags in the allocation bitmap (1 = allocated) of `count` clusters from `first`. */
  allocatedFlags(first: number, count: number): Promise<Uint8Array>;
  /** Reads volume bytes. */
  read(offset: number, length: number, what: string): Promise<Uint8Array>;
}

/** Clusters read at a time while scanning free space for orphans. */
const SCAN_BYTES = 4 << 20;

/**
 * Lists deleted entries like `fls -d -r` (named ones depth-first, then `/$OrphanFiles/…`).
 *
 * @example
 * ```ts ignore
 * const nodes = await listExfatDeleted(source);
 * ```
 */
export async function listExfatDeleted(src: ExfatDeletedSource): Promise<ExfatNode[]> {
  const out: ExfatNode[] = [];
  const dirs = await src.directories();
  const seen = new Set(dirs.map((d) => d.firstCluster));
  for (const d of dirs) await visit(src, d, await src.dirClusters(d), false, 0, seen, out);
  const named = new Set(out.map((n) => n.id));
  const orphans = (await scanOrphans(src)).filter((o) => !named.has(o.id));
  out.push(
    ...await nestOrphans(orphans, async (dir) => {
      const below: ExfatNode[] = [];
      const sub = (await src.deletedClusters(dir)).slice(0, 4096);
      if (sub.length) await visit(src, dir, sub, true, 1, new Set(seen), below);
      return below;
    }),
  );
  return out;
}

async function readClusters(
  src: ExfatDeletedSource,
  clusters: number[],
  what: string,
): Promise<Uint8Array> {
  const g = src.geometry;
  const cs = g.clusterSize;
  const out = new Uint8Array(clusters.length * cs);
  for (let i = 0; i < clusters.length; i++) {
    out.set(await src.read(g.heapOffset + (clusters[i] - 2) * cs, cs, what), i * cs);
  }
  return out;
}

/** Adds the deleted sets of a directory's clusters to `out`, entering deleted directories. */
async function visit(
  src: ExfatDeletedSource,
  dir: ExfatNode,
  clusters: number[],
  all: boolean,
  depth: number,
  seen: Set<number>,
  out: ExfatNode[],
): Promise<void> {
  const g = src.geometry;
  const cs = g.clusterSize;
  const what = `${all ? "deleted " : ""}directory ${dir.path}`;
  const bytes = await readClusters(src, clusters, what);
  for (const e of parseExfatDeleted(bytes, all)) {
    const id = g.heapOffset + (clusters[Math.floor(e.offset / cs)] - 2) * cs + (e.offset % cs);
    const node = deletedNode(e, id, g.heapOffset, joinPath(dir.path, e.name), e.name);
    out.push(node);
    if (node.kind !== "directory" || seen.has(e.firstCluster) || depth >= MAX_DEPTH) continue;
    seen.add(e.firstCluster);
    const sub = (await src.deletedClusters(node)).slice(0, 4096);
    if (sub.length) await visit(src, node, sub, true, depth + 1, seen, out);
  }
}

/** File entries in free clusters (TSK's orphan inode walk), in address order. */
async function scanOrphans(src: ExfatDeletedSource): Promise<ExfatNode[]> {
  const g = src.geometry;
  const cs = g.clusterSize;
  const last = g.clusterCount + 1;
  const lim = { heapBytes: g.clusterCount * cs, lastCluster: last };
  const heapEnd = g.heapOffset + g.clusterCount * cs;
  const batch = Math.max(1, Math.floor(SCAN_BYTES / cs));
  const out: ExfatNode[] = [];
  const scan = async (first: number, count: number) => {
    const base = g.heapOffset + (first - 2) * cs;
    // 19 entries of look-ahead: a set may run on into the next (physical) cluster.
    const length = Math.min(count * cs + 19 * 32, heapEnd - base);
    const bytes = await src.read(base, length, "free clusters");
    for (const e of scanExfatOrphans(bytes, count * cs, g.bytesPerSector, lim)) {
      const id = base + e.offset;
      const name = e.name || `OrphanFile-${entryAddress(id, g.heapOffset)}`;
      out.push(deletedNode(e, id, g.heapOffset, `/$OrphanFiles/${name}`, name));
    }
  };
  await scanFreeRuns(2, last, batch, (first, n) => src.allocatedFlags(first, n), scan);
  return out;
}

/** TSK's metadata address of the directory entry at volume byte `id`. */
function entryAddress(id: number, heapOffset: number): number {
  return (id - heapOffset) / 32 + 3;
}

/** The deleted node of entry `e` found at volume byte `id`. */
function deletedNode(
  e: ExfatEntry,
  id: number,
  heapOffset: number,
  path: string,
  name: string,
): ExfatNode {
  return {
    path,
    name,
    id,
    kind: e.attributes & 0x10 ? "directory" : "file",
    size: e.size,
    firstCluster: e.firstCluster,
    noFatChain: e.noFatChain,
    validSize: e.validSize,
    deleted: true,
    address: entryAddress(id, heapOffset),
  };
}
