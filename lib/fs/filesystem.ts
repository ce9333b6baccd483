// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The read-only filesystem interface shared by every parser (FAT, exFAT, NTFS, ext2/3/4, ISO 9660,
 * and later HFS+/APFS/XFS/btrfs), so `locate --image`, `owner` and `ls` work on any of them.
 *
 * @module
 */

/** Reads bytes at absolute offsets of an image or device (a BlockDevice satisfies this). */
export interface ByteSource {
  /** Size in bytes. */
  readonly size: number;
  /** Reads up to `buffer.length` bytes at `offset`; resolves to the count read. */
  readAt(offset: number, buffer: Uint8Array): Promise<number>;
}

/** Extent flags, named as `locate --json` prints them. */
export type ExtentFlag =
  | "unwritten"
  | "inline"
  | "resident"
  | "encoded"
  | "compressed"
  | "encrypted"
  | "shared"
  | "hole"
  | "last";

/** One run of a file's bytes. */
export interface FsExtent {
  /** Byte offset in the file. */
  fileOffset: number;
  /** Length in bytes (may extend past EOF to the end of the last cluster/block). */
  length: number;
  /** Byte offset relative to the start of the volume, or null for holes. */
  volumeOffset: number | null;
  /** Flags. */
  flags: ExtentFlag[];
}

/** A file, directory or other node of a filesystem. */
export interface FsNode {
  /** Absolute path inside the filesystem, `/` separated, starting with `/`. */
  path: string;
  /** Entry name. */
  name: string;
  /** Filesystem-specific id: inode number, MFT record, first cluster, directory-entry offset. */
  id: number;
  /** Node kind. */
  kind: "file" | "directory" | "symlink" | "other";
  /** Size in bytes. */
  size: number;
  /** Set on a deleted (unallocated) entry, as listed by `Filesystem.deleted()`. */
  deleted?: boolean;
  /** The Sleuth Kit's metadata address, when it differs from `id` (FAT: the entry's slot number). */
  address?: number;
}

/** A structure of the filesystem itself (for `owner`: FAT, MFT, inode table, journal). */
export interface MetadataRegion {
  /** What it is: "FAT 1", "MFT", "inode table (group 3)", "journal", "superblock". */
  name: string;
  /** Byte offset relative to the start of the volume. */
  volumeOffset: number;
  /** Length in bytes. */
  length: number;
}

/** A parsed, read-only filesystem on a volume. */
export interface Filesystem {
  /** "fat12" | "fat16" | "fat32" | "exfat" | "ntfs" | "ext2" | "ext3" | "ext4" | "iso9660" … */
  readonly type: string;
  /** Allocation unit (cluster/block) in bytes. */
  readonly blockSize: number;
  /** Volume size in bytes. */
  readonly size: number;
  /** Volume label, if any. */
  readonly label: string;
  /** The node at `path`, or null. */
  lookup(path: string): Promise<FsNode | null>;
  /** Children of a directory. */
  readDir(dir: FsNode): Promise<FsNode[]>;
  /** All extents of a node's data, in file order, holes included. */
  extents(node: FsNode): Promise<FsExtent[]>;
  /** Every node, depth-first from the root (root itself excluded). */
  walk(): AsyncIterable<FsNode>;
  /** The filesystem's own structures. */
  metadata(): Promise<MetadataRegion[]>;
  /** Reads a node's bytes [offset, offset+length) (resident/inline data included). */
  read(node: FsNode, offset: number, length: number): Promise<Uint8Array>;
  /**
   * Deleted entries (like `fls -d -r`), each with `deleted: true`, depth-first; `extents()` gives
   * the runs The Sleuth Kit reports for them. Absent where the filesystem keeps no such record.
   */
  deleted?(): Promise<FsNode[]>;
}
