// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The Sleuth Kit's `$OrphanFiles` with orphan directories opened: each orphan that is a directory
 * is listed with its (deleted) contents below it, `$OrphanFiles/DIR/NAME`, and an orphan found
 * inside an orphan directory is listed there only, not again at the top of `$OrphanFiles` (TSK's
 * `find_orphan_meta_walk_cb` marks the contents of orphan directories as seen and drops them from
 * the top level).
 *
 * @module
 */
import type { FsNode } from "../filesystem.ts";

/**
 * Nests orphans (in address order, paths `/$OrphanFiles/NAME`) with the contents of orphan
 * directories: `contents(dir)` lists a directory's deleted entries recursively, paths below
 * `dir.path`. Returns the top-level orphans, each directory followed by its contents.
 *
 * @example An orphan directory swallows an orphan listed inside it
 * ```ts
 * import { nestOrphans } from "./orphan_dirs.ts";
 * const n = (id: number, path: string, kind: "file" | "directory" = "file") =>
 *   ({ id, path, name: path.split("/").pop()!, kind, size: 0 });
 * const d = n(2, "/$OrphanFiles/D", "directory");
 * const out = await nestOrphans([n(1, "/$OrphanFiles/x"), d], (dir) =>
 *   Promise.resolve(dir === d ? [n(1, "/$OrphanFiles/D/x")] : []));
 * if (out.map((o) => o.path).join() !== "/$OrphanFiles/D,/$OrphanFiles/D/x") throw new Error();
 * ```
 */
export async function nestOrphans<N extends FsNode>(
  orphans: N[],
  contents: (dir: N) => Promise<N[]>,
): Promise<N[]> {
  const inDirs = new Set<number>();
  const top: { node: N; below: N[] }[] = [];
  for (const o of orphans) {
    if (inDirs.has(o.id)) continue;
    const below = o.kind === "directory" ? await contents(o) : [];
    for (const b of below) inDirs.add(b.id);
    top.push({ node: o, below });
  }
  const out: N[] = [];
  for (const t of top) {
    if (inDirs.has(t.node.id)) continue;
    out.push(t.node, ...t.below);
  }
  return out;
}
