// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.

/** What `stat` tells about a path. */
export interface FileInfo {
  /** Size in bytes (0 for block devices on most OSes). */
  size: number;
  /** A regular file. */
  isFile: boolean;
  /** A directory. */
  isDirectory: boolean;
  /** A block or character device. */
  isDevice: boolean;
  /** Device number of the filesystem holding the path (POSIX), or null. */
  dev: number | null;
  /** Inode number (POSIX), or null. */
  ino: number | null;
  /** Device number the path itself stands for (device nodes), or null. */
  rdev: number | null;
  /** Last modification time, or null. */
  mtime: Date | null;
}

/** A file opened for writing at offsets (images, dump files). */
export interface WritableFile {
  /** Writes all of `data` at byte `offset`. */
  writeAt(offset: number, data: Uint8Array): Promise<void>;
  /** Sets the file length. */
  truncate(size: number): Promise<void>;
  /** Flushes data to stable storage. */
  sync(): Promise<void>;
  /** Closes the file. Idempotent. */
  close(): void;
  /** Whether aligned writes bypass the OS cache (opened with `OpenWriteOptions.direct`). */
  readonly direct?: boolean;
}

/** A file opened for reading at offsets. */
export interface ReadableFile {
  /** Size in bytes at open time. */
  readonly size: number;
  /** Reads up to `buffer.length` bytes at `offset`; resolves to the count (0 at the end). */
  readAt(offset: number, buffer: Uint8Array): Promise<number>;
  /** Closes the file. Idempotent. */
  close(): void;
}

/** Options for {@linkcode FileStore.openWrite}. */
export interface OpenWriteOptions {
  /** Create the file if missing (default true). */
  create?: boolean;
  /** Fail if the file exists (default false). */
  createNew?: boolean;
  /** Truncate to zero length on open (default false). */
  truncate?: boolean;
  /**
   * Start writing each block to disk as soon as it is written (Linux: sync_file_range), so the disk
   * writes overlap the rest of a long sequential job instead of piling up for the final sync.
   */
  writeBehind?: boolean;
  /**
   * Write aligned blocks (offset, length and buffer address multiples of 4096) past the OS cache
   * (Linux O_DIRECT), other writes buffered; ignored where unsupported (`WritableFile.direct`).
   */
  direct?: boolean;
}

/** One entry of a directory listing. */
export interface DirEntry {
  /** Entry name. */
  name: string;
  /** A regular file. */
  isFile: boolean;
  /** A directory. */
  isDirectory: boolean;
  /** A symbolic link. */
  isSymlink: boolean;
}

/** The filesystem as lib/ sees it: the real one in ffi/, memory in tests. */
export interface FileStore {
  /** `stat` (follows links); null when the path does not exist. */
  stat(path: string): Promise<FileInfo | null>;
  /** Resolves links and relative parts; throws NotFoundError when missing. */
  realPath(path: string): Promise<string>;
  /** Reads a whole file. */
  readFile(path: string): Promise<Uint8Array>;
  /** Reads a whole text file (UTF-8). */
  readTextFile(path: string): Promise<string>;
  /** Writes a whole file (creating or truncating). */
  writeFile(path: string, data: Uint8Array): Promise<void>;
  /** Writes a whole text file (UTF-8). */
  writeTextFile(path: string, text: string): Promise<void>;
  /** Appends UTF-8 text, creating the file if needed. */
  appendTextFile(path: string, text: string): Promise<void>;
  /** Writes a file atomically: temp file beside it, sync, rename. */
  writeFileAtomic(path: string, data: Uint8Array): Promise<void>;
  /** Renames (replacing the target). */
  rename(from: string, to: string): Promise<void>;
  /** Removes a file or an empty directory; no error if missing. */
  remove(path: string): Promise<void>;
  /** Creates a directory (and parents). */
  mkdir(path: string): Promise<void>;
  /** Lists a directory. */
  readDir(path: string): Promise<DirEntry[]>;
  /** Opens a file for positional writes. */
  openWrite(path: string, options?: OpenWriteOptions): Promise<WritableFile>;
  /** Opens a file for positional reads. */
  openRead(path: string): Promise<ReadableFile>;
  /** Free bytes on the filesystem holding `path`, or null when unknown. */
  freeSpace(path: string): Promise<number | null>;
}
