// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Path lookup and depth-first walk on top of `readDir`, shared by tree-shaped filesystems. Guards
 * against directory cycles (a corrupt image can make a directory contain an ancestor).
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import type { FsNode } from "../filesystem.ts";

/** Maximum directory depth walked before the tree is declared corrupt. */
export const MAX_DEPTH = 512;

/** Splits `/a/b/` into `["a", "b"]`. */
export function splitPath(path: string): string[] {
  return path.split("/").filter((p) => p !== "" && p !== ".");
}

/** Joins a directory path and an entry name. */
export function joinPath(dir: string, name: string): string {
  return dir === "/" ? `/${name}` : `${dir}/${name}`;
}

/**
 * Resolves `path` from `root` by reading directories; exact names win, then (when
 * `caseInsensitive`) a case-folded match: `true` folds with `toUpperCase`, a function folds with
 * the filesystem's own table (exFAT and NTFS up-case tables).
 *
 * @example Root
 * ```ts
 * import { lookupPath } from "./tree.ts";
 * const root = { path: "/", name: "", id: 0, kind: "directory" as const, size: 0 };
 * const n = await lookupPath(root, () => Promise.resolve([]), "/", true);
 * if (n !== root) throw new Error("unexpected");
 * ```
 */
export async function lookupPath<N extends FsNode>(
  root: N,
  readDir: (dir: N) => Promise<N[]>,
  path: string,
  caseInsensitive: boolean | ((name: string) => string),
): Promise<N | null> {
  const fold = typeof caseInsensitive === "function"
    ? caseInsensitive
    : (name: string) => name.toUpperCase();
  let node = root;
  const parts = splitPath(path);
  if (parts.length > MAX_DEPTH) return null;
  for (const part of parts) {
    if (part === "..") return null;
    if (node.kind !== "directory") return null;
    const children = await readDir(node);
    let next = children.find((c) => c.name === part);
    if (!next && caseInsensitive) {
      const want = fold(part);
      next = children.find((c) => fold(c.name) === want);
    }
    if (!next) return null;
    node = next;
  }
  return node;
}

/**
 * Every node below `root`, depth-first pre-order (an entry, then its subtree). A directory whose
 * `dirKey` was already seen is reported but not entered again, and a depth beyond
 * {@linkcode MAX_DEPTH} throws a FormatError.
 */
export async function* walkTree<N extends FsNode>(
  root: N,
  readDir: (dir: N) => Promise<N[]>,
  dirKey: (dir: N) => string | number = (d) => d.id,
): AsyncGenerator<N> {
  const seen = new Set<string | number>([dirKey(root)]);
  async function* visit(dir: N, depth: number): AsyncGenerator<N> {
    if (depth > MAX_DEPTH) {
      throw new FormatError(`Directory tree deeper than ${MAX_DEPTH} levels at ${dir.path}`);
    }
    for (const c of await readDir(dir)) {
      yield c;
      if (c.kind !== "directory") continue;
      const k = dirKey(c);
      if (seen.has(k)) continue;
      seen.add(k);
      yield* visit(c, depth + 1);
    }
  }
  yield* visit(root, 0);
}
