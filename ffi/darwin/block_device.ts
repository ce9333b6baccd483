// Copyright 2026 the sectorkit authors. MIT license.
/**
 * macOS disks (`/dev/rdiskN`, uncached with F_NOCACHE) and files through libSystem. Not run here
 * (no macOS host): thin glue over lib/os/darwin_ioctl.ts.
 *
 * @module
 */
import { errorFromErrno } from "../../lib/errno.ts";
import type { BlockDevice, DeviceKind, OpenDeviceOptions } from "../../lib/platform/mod.ts";
import {
  darwinErrnoToLinux,
  DKIOCGETBLOCKCOUNT,
  DKIOCGETBLOCKSIZE,
  DKIOCGETPHYSICALBLOCKSIZE,
  F_NOCACHE,
  O_RDONLY,
} from "../../lib/os/darwin_ioctl.ts";
import { cString } from "../linux/libc.ts";
import { readAction } from "../linux/block_device.ts";
import { darwinErrno, fcntl, ioctl, libSystem } from "./libsystem.ts";

const O_CLOEXEC = 0x1000000;
const SEEK_END = 2;

function fail(action: string, path: string, extra: { offset?: number; syscall?: string } = {}) {
  return errorFromErrno(darwinErrnoToLinux(darwinErrno()), action, { path, ...extra });
}

class DarwinBlockDevice implements BlockDevice {
  readonly alignment: number;
  #fd: number;

  constructor(
    fd: number,
    readonly path: string,
    readonly size: number,
    readonly logicalSectorSize: number,
    readonly physicalSectorSize: number,
    readonly kind: DeviceKind,
    readonly direct: boolean,
  ) {
    this.#fd = fd;
    this.alignment = kind === "file" ? 1 : Math.max(4096, logicalSectorSize);
  }

  async readAt(offset: number, buffer: Uint8Array): Promise<number> {
    if (this.#fd < 0) throw new Error(`Cannot read ${this.path}: device is closed`);
    const l = libSystem();
    let done = 0;
    while (done < buffer.length) {
      const view = buffer.subarray(done) as Uint8Array<ArrayBuffer>;
      const at = BigInt(offset + done);
      let n = Number(await l.pread_nb(this.#fd, view, BigInt(view.length), at));
      if (n < 0) {
        n = Number(l.pread(this.#fd, view, BigInt(view.length), at));
        if (n < 0) {
          throw fail(
            readAction(this.path, offset + done, view.length, this.logicalSectorSize),
            this.path,
            { offset: offset + done, syscall: "pread" },
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
      libSystem().close(this.#fd);
      this.#fd = -1;
    }
  }
}

/** Opens a macOS raw disk or a file read-only. */
export function openDarwinBlockDevice(path: string, options: OpenDeviceOptions = {}): BlockDevice {
  const l = libSystem();
  const fd = l.open(cString(path), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw fail(`open ${path}`, path, { syscall: "open" });
  try {
    const isDevice = path.startsWith("/dev/");
    const direct = options.direct ?? isDevice;
    if (direct && fcntl(fd, F_NOCACHE, 1) < 0) {
      throw fail(`turn caching off for ${path}`, path, { syscall: "fcntl(F_NOCACHE)" });
    }
    if (!isDevice) {
      const size = Number(l.lseek(fd, 0n, SEEK_END));
      if (size < 0) throw fail(`get the size of ${path}`, path, { syscall: "lseek" });
      return new DarwinBlockDevice(fd, path, size, 512, 4096, "file", direct);
    }
    const u32 = new Uint32Array(1);
    if (ioctl(fd, DKIOCGETBLOCKSIZE, new Uint8Array(u32.buffer)) < 0) {
      throw fail(`get the block size of ${path}`, path, { syscall: "ioctl(DKIOCGETBLOCKSIZE)" });
    }
    const logical = u32[0];
    const u64 = new BigUint64Array(1);
    if (ioctl(fd, DKIOCGETBLOCKCOUNT, new Uint8Array(u64.buffer)) < 0) {
      throw fail(`get the size of ${path}`, path, { syscall: "ioctl(DKIOCGETBLOCKCOUNT)" });
    }
    const size = Number(u64[0]) * logical;
    const phys = new Uint32Array(1);
    const physical = ioctl(fd, DKIOCGETPHYSICALBLOCKSIZE, new Uint8Array(phys.buffer)) === 0
      ? phys[0]
      : logical;
    const kind: DeviceKind = logical === 2048 ? "optical" : "block";
    return new DarwinBlockDevice(fd, path, size, logical, physical, kind, direct);
  } catch (e) {
    l.close(fd);
    throw e;
  }
}
