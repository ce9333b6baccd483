// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Deleted ext2/3/4 entries as The Sleuth Kit lists them (`fls -d -r`): names recovered from
 * directory slack (deleted_entries.ts), the contents of deleted directories, and unnamed free
 * inodes that were used once as `$OrphanFiles/OrphanFile-N`.
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import type { FsNode } from "../filesystem.ts";
import { joinPath } from "../_common/tree.ts";
import { nestOrphans } from "../_common/orphan_dirs.ts";
import { parseDeletedEntries } from "./deleted_entries.ts";
import type { ExtFilesystem } from "./ext_filesystem.ts";
import type { ExtGroupDesc } from "./group_desc.ts";
import { inlineDataXattr, InodeFlag, inodeKind } from "./inode.ts";
import { ExtFeature } from "./superblock.ts";

/**
 * Deleted names like `fls -d -r`: entries left in the slack of live directory blocks (and of
 * inline-data directories: the rest of i_block and the `system.data` xattr), and every
 * entry of a deleted directory whose inode still maps blocks; then TSK's orphans, orphan
 * directories followed by their contents. Each with its
 * inode's current size and extents (on ext4 the kernel zeroes a deleted file's extent tree: no
 * extents). Use `ExtFilesystem.deleted()`.
 */
export async function extDeleted(fs: ExtFilesystem, descs: ExtGroupDesc[]): Promise<FsNode[]> {
  const hasFt = (fs.sb.featureIncompat & ExtFeature.incompatFiletype) !== 0;
  const out: FsNode[] = [];
  const root = await fs.lookup("/");
  if (!root) throw new FormatError("ext: no root directory");
  const dirs: FsNode[] = [root];
  for await (const n of fs.walk()) if (n.kind === "directory") dirs.push(n);
  let seen = new Set(dirs.map((d) => d.id));
  const scan = async (
    dir: FsNode,
    all: boolean,
    depth: number,
    sink: FsNode[] = out,
  ): Promise<void> => {
    let data: Uint8Array;
    let chunk = fs.blockSize;
    try {
      const ino = await fs.inode(dir.id);
      if (ino.flags & InodeFlag.inlineData) {
        // TSK scans the inline entries (after the 4-byte parent) and the system.data xattr as one.
        const x = inlineDataXattr(ino.raw)?.bytes ?? new Uint8Array(0);
        data = new Uint8Array(56 + x.length);
        data.set(ino.iBlock.subarray(4, 60));
        data.set(x, 56);
        chunk = data.length;
      } else {
        if (ino.size > fs.size) return;
        data = await fs.read(dir, 0, ino.size);
      }
    } catch (e) {
      if (e instanceof FormatError && all) return;
      throw e;
    }
    for (let base = 0; base < data.length; base += chunk) {
      const block = data.subarray(base, base + chunk);
      for (const e of parseDeletedEntries(block, hasFt, fs.sb.inodesCount, all)) {
        const node: FsNode = {
          path: joinPath(dir.path, e.name),
          name: e.name,
          id: e.ino,
          kind: ["other", "file", "directory"][e.fileType] as FsNode["kind"] ?? "other",
          size: 0,
          deleted: true,
        };
        let links = 1;
        if (e.ino >= 1) {
          const i = await fs.inode(e.ino).catch(() => null);
          if (i && i.mode) {
            node.kind = inodeKind(i.mode);
            node.size = i.size;
            links = i.links;
          }
        }
        sink.push(node);
        if (node.kind === "directory" && links === 0 && !seen.has(e.ino) && depth < 64) {
          seen.add(e.ino);
          await scan(node, true, depth + 1, sink);
        }
      }
    }
  };
  for (const d of dirs) await scan(d, false, 0);
  const named = new Set(out.map((n) => n.id));
  const orphans: FsNode[] = [];
  for (const ino of await unnamedFreeInodes(fs, descs, named)) {
    const i = await fs.inode(ino);
    orphans.push({
      path: `/$OrphanFiles/OrphanFile-${ino}`,
      name: `OrphanFile-${ino}`,
      id: ino,
      kind: inodeKind(i.mode),
      size: i.size,
      deleted: true,
    });
  }
  // Orphan directories are opened like deleted ones (orphan_dirs.ts); names without an inode
  // (0) cannot hide an orphan.
  const base = new Set(seen);
  out.push(
    ...await nestOrphans(orphans, async (d) => {
      const below: FsNode[] = [];
      seen = new Set([...base, d.id]);
      await scan(d, true, 1, below);
      return below;
    }),
  );
  return out;
}

/**
 * Inodes free in their group's bitmap that were used once (mode or dtime set) and that no
 * deleted name points to: TSK's `$OrphanFiles/OrphanFile-N`. Groups flagged INODE_UNINIT are
 * skipped.
 */
async function unnamedFreeInodes(
  fs: ExtFilesystem,
  descs: ExtGroupDesc[],
  named: Set<number>,
): Promise<number[]> {
  const sb = fs.sb;
  const out: number[] = [];
  for (let g = 0; g < descs.length; g++) {
    const d = descs[g];
    if (d.flags & 1) continue;
    const bitmap = await fs.readBlock(d.inodeBitmap);
    const n = Math.min(sb.inodesPerGroup, sb.inodesCount - g * sb.inodesPerGroup);
    for (let idx = 0; idx < n; idx++) {
      if (bitmap[idx >> 3] >> (idx & 7) & 1) continue;
      const ino = g * sb.inodesPerGroup + idx + 1;
      if (ino < sb.firstIno || named.has(ino)) continue;
      const i = await fs.inode(ino);
      const dtime = new DataView(i.raw.buffer, i.raw.byteOffset, i.raw.byteLength)
        .getUint32(20, true);
      if (i.mode !== 0 || dtime !== 0) out.push(ino);
    }
  }
  return out;
}
