// Copyright 2026 the sectorkit authors. MIT license.
/**
 * The real filesystem for lib/'s FileStore, through Deno and node:fs (positional writes).
 *
 * @module
 */
import { open as fsOpen, statfs } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { errorFromErrno } from "../lib/errno.ts";
import { SectorkitError } from "../lib/errors.ts";
import { openWriteBehind } from "./linux/write_behind.ts";
import { openDirectWriter } from "./linux/direct_write.ts";
import { libc } from "./linux/libc.ts";
import type {
  DirEntry,
  FileInfo,
  FileStore,
  OpenWriteOptions,
  ReadableFile,
  WritableFile,
} from "../lib/platform/mod.ts";

const ERRNO_BY_CODE: Record<string, number> = {
  ENOENT: 2,
  EIO: 5,
  ENXIO: 6,
  EACCES: 13,
  EPERM: 1,
  EBUSY: 16,
  EEXIST: 17,
  ENOTDIR: 20,
  EISDIR: 21,
  EINVAL: 22,
  ENOSPC: 28,
  EROFS: 30,
  EDQUOT: 122,
  EFBIG: 27,
  ENOTEMPTY: 39,
};

/** Turns a Deno/Node filesystem error into a sectorkit error with a one-line message. */
export function fsError(e: unknown, action: string, path: string): unknown {
  if (e instanceof SectorkitError) return e;
  const code = (e as { code?: string })?.code ??
    (e instanceof Deno.errors.NotFound
      ? "ENOENT"
      : e instanceof Deno.errors.PermissionDenied
      ? "EACCES"
      : e instanceof Deno.errors.AlreadyExists
      ? "EEXIST"
      : undefined);
  const n = code ? ERRNO_BY_CODE[code] : undefined;
  if (n === undefined) return e;
  return errorFromErrno(n, action, { path, cause: e });
}

function toInfo(s: Deno.FileInfo): FileInfo {
  return {
    size: s.size,
    isFile: s.isFile,
    isDirectory: s.isDirectory,
    isDevice: s.isBlockDevice === true || s.isCharDevice === true,
    dev: s.dev ?? null,
    ino: s.ino ?? null,
    rdev: s.rdev ?? null,
    mtime: s.mtime,
  };
}

/** Creates the FileStore backed by the real filesystem. */
export function createFileStore(): FileStore {
  const pwriteOffThread = Deno.build.os === "linux";
  const enc = new TextEncoder();
  const store: FileStore = {
    async stat(path) {
      try {
        return toInfo(await Deno.stat(path));
      } catch (e) {
        if (e instanceof Deno.errors.NotFound || e instanceof Deno.errors.NotADirectory) {
          return null;
        }
        throw fsError(e, `stat ${path}`, path);
      }
    },
    async realPath(path) {
      try {
        return await Deno.realPath(path);
      } catch (e) {
        throw fsError(e, `resolve ${path}`, path);
      }
    },
    async readFile(path) {
      try {
        return await Deno.readFile(path);
      } catch (e) {
        throw fsError(e, `read ${path}`, path);
      }
    },
    async readTextFile(path) {
      try {
        return await Deno.readTextFile(path);
      } catch (e) {
        throw fsError(e, `read ${path}`, path);
      }
    },
    async writeFile(path, data) {
      try {
        await Deno.writeFile(path, data);
      } catch (e) {
        throw fsError(e, `write ${path}`, path);
      }
    },
    async writeTextFile(path, text) {
      await store.writeFile(path, enc.encode(text));
    },
    async appendTextFile(path, text) {
      try {
        await Deno.writeTextFile(path, text, { append: true });
      } catch (e) {
        throw fsError(e, `write ${path}`, path);
      }
    },
    async writeFileAtomic(path, data) {
      const tmp = join(dirname(path), `.${basename(path)}.tmp-${Deno.pid}`);
      try {
        const f = await Deno.open(tmp, { write: true, create: true, truncate: true });
        try {
          let off = 0;
          while (off < data.length) off += await f.write(data.subarray(off));
          await f.sync();
        } finally {
          f.close();
        }
        await Deno.rename(tmp, path);
      } catch (e) {
        await Deno.remove(tmp).catch(() => {});
        throw fsError(e, `write ${path}`, path);
      }
    },
    async rename(from, to) {
      try {
        await Deno.rename(from, to);
      } catch (e) {
        throw fsError(e, `rename ${from} to ${to}`, from);
      }
    },
    async remove(path) {
      try {
        await Deno.remove(path);
      } catch (e) {
        if (e instanceof Deno.errors.NotFound) return;
        throw fsError(e, `remove ${path}`, path);
      }
    },
    async mkdir(path) {
      try {
        await Deno.mkdir(path, { recursive: true });
      } catch (e) {
        throw fsError(e, `create directory ${path}`, path);
      }
    },
    async readDir(path) {
      const out: DirEntry[] = [];
      try {
        for await (const e of Deno.readDir(path)) {
          out.push({
            name: e.name,
            isFile: e.isFile,
            isDirectory: e.isDirectory,
            isSymlink: e.isSymlink,
          });
        }
      } catch (e) {
        throw fsError(e, `list ${path}`, path);
      }
      return out;
    },
    async openWrite(path, options: OpenWriteOptions = {}): Promise<WritableFile> {
      const flags = options.createNew ? "wx" : options.truncate ? "w" : "r+";
      let h;
      try {
        h = await fsOpen(path, flags).catch(async (e) => {
          if (flags === "r+" && e?.code === "ENOENT" && options.create !== false) {
            return await fsOpen(path, "w+");
          }
          throw e;
        });
      } catch (e) {
        throw fsError(e, `open ${path} for writing`, path);
      }
      const handle = h;
      const behind = options.writeBehind && Deno.build.os === "linux"
        ? openWriteBehind(path)
        : null;
      const direct = options.direct && Deno.build.os === "linux" ? openDirectWriter(path) : null;
      let closed = false;
      return {
        direct: direct !== null,
        async writeAt(offset, data) {
          let done = direct ? await direct.write(offset, data) : 0;
          try {
            while (done < data.length) {
              if (pwriteOffThread) {
                // pwrite on the thread pool (node's write copies on the JavaScript thread); an
                // error or a zero-byte write falls through to node's write, which reports errno.
                const n = Number(
                  await libc().pwrite_nb(
                    handle.fd,
                    data.subarray(done) as Uint8Array<ArrayBuffer>,
                    BigInt(data.length - done),
                    BigInt(offset + done),
                  ),
                );
                if (n > 0) {
                  done += n;
                  continue;
                }
              }
              const { bytesWritten } = await handle.write(
                data,
                done,
                data.length - done,
                offset + done,
              );
              done += bytesWritten;
            }
          } catch (e) {
            throw fsError(e, `write ${path} at offset ${offset + done}`, path);
          }
          await behind?.start(offset, data.length);
        },
        async truncate(size) {
          try {
            await handle.truncate(size);
          } catch (e) {
            throw fsError(e, `truncate ${path}`, path);
          }
        },
        async sync() {
          try {
            await handle.sync();
          } catch (e) {
            throw fsError(e, `sync ${path}`, path);
          }
        },
        close() {
          if (!closed) {
            closed = true;
            behind?.close();
            direct?.close();
            handle.close().catch(() => {});
          }
        },
      };
    },
    async openRead(path): Promise<ReadableFile> {
      let h;
      try {
        h = await fsOpen(path, "r");
      } catch (e) {
        throw fsError(e, `open ${path}`, path);
      }
      const handle = h;
      const size = (await handle.stat()).size;
      let closed = false;
      return {
        size,
        async readAt(offset, buffer) {
          let done = 0;
          try {
            while (done < buffer.length) {
              const { bytesRead } = await handle.read(
                buffer,
                done,
                buffer.length - done,
                offset + done,
              );
              if (bytesRead === 0) break;
              done += bytesRead;
            }
          } catch (e) {
            throw fsError(e, `read ${path} at offset ${offset + done}`, path);
          }
          return done;
        },
        close() {
          if (!closed) {
            closed = true;
            handle.close().catch(() => {});
          }
        },
      };
    },
    async freeSpace(path) {
      try {
        const s = await statfs(path);
        return Number(s.bavail) * Number(s.bsize);
      } catch {
        return null;
      }
    },
  };
  return store;
}
