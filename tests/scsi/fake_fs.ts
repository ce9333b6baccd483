// Copyright 2026 the sectorkit authors. MIT license.
/**
 * A small in-memory FileStore for SCSI/drive tests (only what these tests use is complete).
 *
 * @module
 */
import type { DirEntry, FileStore, ReadableFile, WritableFile } from "../../lib/platform/mod.ts";
import { NotFoundError } from "../../lib/errors.ts";

/** Creates a memory FileStore; `files` seeds it (text or bytes by path). */
export function memoryFileStore(files: Record<string, string | Uint8Array> = {}): FileStore & {
  files: Map<string, Uint8Array>;
} {
  const enc = new TextEncoder();
  const map = new Map<string, Uint8Array>();
  for (const [k, v] of Object.entries(files)) map.set(k, typeof v === "string" ? enc.encode(v) : v);
  const get = (p: string) => {
    const f = map.get(p);
    if (!f) {
      throw new NotFoundError(`Cannot open ${p}: No such file or directory (ENOENT)`, { path: p });
    }
    return f;
  };
  const isDir = (p: string) =>
    [...map.keys()].some((k) => k.startsWith(p.replace(/\/$/, "") + "/"));
  const store = {
    files: map,
    stat: (p: string) =>
      Promise.resolve(
        map.has(p) || isDir(p)
          ? {
            size: map.get(p)?.length ?? 0,
            isFile: map.has(p),
            isDirectory: !map.has(p),
            isDevice: false,
            dev: null,
            ino: null,
            rdev: null,
            mtime: null,
          }
          : null,
      ),
    realPath: (p: string) => Promise.resolve(p),
    readFile: (p: string) => Promise.resolve().then(() => get(p).slice()),
    readTextFile: (p: string) => Promise.resolve().then(() => new TextDecoder().decode(get(p))),
    writeFile: (p: string, d: Uint8Array) => Promise.resolve(void map.set(p, d.slice())),
    writeTextFile: (p: string, t: string) => Promise.resolve(void map.set(p, enc.encode(t))),
    appendTextFile: (p: string, t: string) => {
      const old = map.get(p) ?? new Uint8Array();
      const add = enc.encode(t);
      const n = new Uint8Array(old.length + add.length);
      n.set(old);
      n.set(add, old.length);
      map.set(p, n);
      return Promise.resolve();
    },
    writeFileAtomic: (p: string, d: Uint8Array) => Promise.resolve(void map.set(p, d.slice())),
    rename: (a: string, b: string) => {
      map.set(b, get(a));
      map.delete(a);
      return Promise.resolve();
    },
    remove: (p: string) => Promise.resolve(void map.delete(p)),
    mkdir: () => Promise.resolve(),
    readDir: (p: string): Promise<DirEntry[]> => {
      const prefix = p.replace(/\/$/, "") + "/";
      const names = new Map<string, boolean>();
      for (const k of map.keys()) {
        if (!k.startsWith(prefix)) continue;
        const rest = k.slice(prefix.length);
        const i = rest.indexOf("/");
        names.set(i < 0 ? rest : rest.slice(0, i), i < 0);
      }
      if (names.size === 0 && !isDir(p)) {
        return Promise.reject(new NotFoundError(`Cannot read directory ${p}`, { path: p }));
      }
      return Promise.resolve(
        [...names].map(([name, file]) => ({
          name,
          isFile: file,
          isDirectory: !file,
          isSymlink: false,
        })),
      );
    },
    openWrite: (p: string): Promise<WritableFile> => {
      if (!map.has(p)) map.set(p, new Uint8Array());
      return Promise.resolve({
        writeAt(offset: number, data: Uint8Array) {
          const old = get(p);
          const n = new Uint8Array(Math.max(old.length, offset + data.length));
          n.set(old);
          n.set(data, offset);
          map.set(p, n);
          return Promise.resolve();
        },
        truncate(size: number) {
          const n = new Uint8Array(size);
          n.set(get(p).subarray(0, size));
          map.set(p, n);
          return Promise.resolve();
        },
        sync: () => Promise.resolve(),
        close() {},
      });
    },
    openRead: (p: string): Promise<ReadableFile> =>
      Promise.resolve().then(() => {
        const f = get(p);
        return {
          size: f.length,
          readAt(offset: number, buf: Uint8Array) {
            const part = f.subarray(offset, offset + buf.length);
            buf.set(part);
            return Promise.resolve(part.length);
          },
          close() {},
        };
      }),
    freeSpace: () => Promise.resolve(null),
  };
  return store;
}
