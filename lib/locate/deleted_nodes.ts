// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Finding deleted entries (`Filesystem.deleted()`) on the volumes of an image: by path, by The
 * Sleuth Kit metadata address, or everything below a directory.
 *
 * @module
 */
import type { Filesystem, FsNode } from "../fs/filesystem.ts";
import type { OpenedVolume } from "../fs/open_filesystem.ts";

/** The Sleuth Kit metadata address of a node (`fls`/`istat`/`ifind` numbering). */
export function tskAddress(node: FsNode): number {
  return node.address ?? node.id;
}

/** A deleted entry found on a volume. */
export interface DeletedHit {
  /** The volume. */
  volume: OpenedVolume;
  /** Its filesystem. */
  fs: Filesystem;
  /** The deleted entry. */
  node: FsNode;
}

/**
 * Whether `path` is `dir` itself or below it (`recursive`), or a direct child of `dir`.
 *
 * @example Usage
 * ```ts
 * import { isBelow } from "./deleted_nodes.ts";
 * if (!isBelow("/a/b", "/a", false) || isBelow("/a/b/c", "/a", false)) throw new Error("unexpected");
 * ```
 */
export function isBelow(path: string, dir: string, recursive: boolean): boolean {
  const prefix = dir === "/" ? "/" : dir.replace(/\/+$/, "") + "/";
  if (!path.startsWith(prefix)) return false;
  return recursive || !path.slice(prefix.length).includes("/");
}

/**
 * The deleted entries of the volumes (of `partition` only, when given) that `match` accepts, in
 * volume order then `fls -d -r` order.
 */
export async function findDeleted(
  volumes: OpenedVolume[],
  match: (node: FsNode) => boolean,
  partition?: number,
): Promise<DeletedHit[]> {
  const out: DeletedHit[] = [];
  for (const v of volumes) {
    if (partition !== undefined && v.volume.number !== partition) continue;
    if (v.error && partition !== undefined) throw v.error;
    const fs = v.filesystem;
    if (!fs?.deleted) continue;
    for (const node of await fs.deleted()) if (match(node)) out.push({ volume: v, fs, node });
  }
  return out;
}
