// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Linux block devices and image files through libc: open (O_DIRECT on request), pread on the
 * blocking thread pool, size and sector sizes by ioctl.
 *
 * @module
 */
import { errorFromErrno } from "../../lib/errno.ts";
import { NotFoundError } from "../../lib/errors.ts";
import type { BlockDevice, DeviceKind, OpenDeviceOptions } from "../../lib/platform/mod.ts";
import { cString, errno, libc } from "./libc.ts";
import { BLKGETSIZE64, BLKPBSZGET, BLKSSZGET, openFlags, SEEK_END } from "./constants.ts";

/** Describes a failed read as users expect: "read sector 12 of /dev/sdb". */
export function readAction(path: string, offset: number, length: number, sector: number): string {
  const first = Math.floor(offset / sector);
  const last = Math.floor((offset + Math.max(length, 1) - 1) / sector);
  return first === last
    ? `read sector ${first} of ${path}`
    : `read sectors ${first}-${last} of ${path}`;
}

class LinuxBlockDevice implements BlockDevice {
  readonly path: string;
  readonly size: number;
  readonly logicalSectorSize: number;
  readonly physicalSectorSize: number;
  readonly kind: DeviceKind;
  readonly direct: boolean;
  readonly alignment: number;
  #fd: number;

  constructor(
    fd: number,
    path: string,
    info: { size: number; logical: number; physical: number; kind: DeviceKind; direct: boolean },
  ) {
    this.#fd = fd;
    this.path = path;
    this.size = info.size;
    this.logicalSectorSize = info.logical;
    this.physicalSectorSize = info.physical;
    this.kind = info.kind;
    this.direct = info.direct;
    this.alignment = info.direct ? Math.max(4096, info.logical) : 1;
  }

  /** The raw file descriptor (for ioctls in ffi/). */
  get fd(): number {
    return this.#fd;
  }

  async readAt(offset: number, buffer: Uint8Array): Promise<number> {
    if (this.#fd < 0) throw new Error(`Cannot read ${this.path}: device is closed`);
    let done = 0;
    while (done < buffer.length) {
      const view = buffer.subarray(done) as Uint8Array<ArrayBuffer>;
      let n = Number(
        await libc().pread_nb(this.#fd, view, BigInt(view.length), BigInt(offset + done)),
      );
      if (n < 0) {
        // errno is lost on the thread pool: repeat the read synchronously and read errno at once.
        n = Number(libc().pread(this.#fd, view, BigInt(view.length), BigInt(offset + done)));
        if (n < 0) {
          const e = errno();
          throw errorFromErrno(
            e,
            readAction(this.path, offset + done, view.length, this.logicalSectorSize),
            {
              path: this.path,
              offset: offset + done,
              syscall: "pread",
            },
          );
        }
      }
      if (n === 0) break;
      done += n;
    }
    return done;
  }

  close(): void {
    if (this.#fd >= 0) {
      libc().close(this.#fd);
      this.#fd = -1;
    }
  }
}

/** Opens a Linux block device or regular file read-only. */
export function openLinuxBlockDevice(
  path: string,
  options: OpenDeviceOptions = {},
): LinuxBlockDevice {
  let stat: Deno.FileInfo;
  try {
    stat = Deno.statSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new NotFoundError(`Cannot open ${path}: No such file or directory (ENOENT)`, {
        path,
        code: "ENOENT",
        errno: 2,
        syscall: "stat",
      });
    }
    throw e;
  }
  if (stat.isDirectory) {
    throw errorFromErrno(21, `open ${path}`, { path, syscall: "open" });
  }
  const isBlock = stat.isBlockDevice === true;
  const direct = options.direct ?? isBlock;
  const f = openFlags(Deno.build.arch);
  const flags = f.O_RDONLY | f.O_CLOEXEC | (direct ? f.O_DIRECT : 0);
  const fd = libc().open(cString(path), flags, 0);
  if (fd < 0) throw errorFromErrno(errno(), `open ${path}`, { path, syscall: "open" });
  try {
    let size: number;
    let logical = 512;
    let physical = 512;
    let kind: DeviceKind = "file";
    if (isBlock) {
      const u64 = new BigUint64Array(1);
      if (libc().ioctl(fd, BLKGETSIZE64, new Uint8Array(u64.buffer)) < 0) {
        throw errorFromErrno(errno(), `get the size of ${path}`, {
          path,
          syscall: "ioctl(BLKGETSIZE64)",
        });
      }
      size = Number(u64[0]);
      const i32 = new Int32Array(1);
      if (libc().ioctl(fd, BLKSSZGET, new Uint8Array(i32.buffer)) === 0) logical = i32[0];
      if (libc().ioctl(fd, BLKPBSZGET, new Uint8Array(i32.buffer)) === 0) physical = i32[0];
      kind = /^\/dev\/sr\d+$/.test(path) || logical === 2048 ? "optical" : "block";
    } else {
      size = Number(libc().lseek(fd, 0n, SEEK_END));
      if (size < 0) size = stat.size;
      physical = 4096;
    }
    return new LinuxBlockDevice(fd, path, { size, logical, physical, kind, direct });
  } catch (e) {
    libc().close(fd);
    throw e;
  }
}
