// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Windows disks, volumes and files through kernel32: CreateFileW (FILE_FLAG_NO_BUFFERING on
 * devices), positional ReadFile on the thread pool, sizes and sector sizes by DeviceIoControl.
 * Not run here (no Windows host): keep it thin; the logic is in lib/os/.
 *
 * @module
 */
import type { BlockDevice, DeviceKind, OpenDeviceOptions } from "../../lib/platform/mod.ts";
import { isWindowsDeviceNamespace } from "../../lib/os/device_path.ts";
import { errorFromWin32 } from "../../lib/os/win32_error.ts";
import {
  decodeAccessAlignment,
  decodeDriveGeometryEx,
  decodeLengthInfo,
  encodeOverlapped,
  encodeStoragePropertyQuery,
  FILE_BEGIN,
  FILE_FLAG_NO_BUFFERING,
  FILE_FLAG_SEQUENTIAL_SCAN,
  FILE_SHARE_READ,
  FILE_SHARE_WRITE,
  fromUtf16z,
  FSCTL_ALLOW_EXTENDED_DASD_IO,
  GENERIC_READ,
  IOCTL_DISK_GET_DRIVE_GEOMETRY_EX,
  IOCTL_DISK_GET_LENGTH_INFO,
  IOCTL_STORAGE_QUERY_PROPERTY,
  OPEN_EXISTING,
  SEM_FAILCRITICALERRORS,
  SEM_NOOPENFILEERRORBOX,
  StorageAccessAlignmentProperty,
  utf16z,
} from "../../lib/os/windows_ioctl.ts";
import { readAction } from "../linux/block_device.ts";
import { kernel32 } from "./kernel32.ts";

const ERROR_HANDLE_EOF = 38;
let errorModeSet = false;

function ioctl(h: Deno.PointerValue, code: number, input: Uint8Array | null, out: Uint8Array) {
  const returned = new Uint32Array(1);
  const ok = kernel32().DeviceIoControl(
    h,
    code,
    input as Uint8Array<ArrayBuffer> | null,
    input?.length ?? 0,
    out as Uint8Array<ArrayBuffer>,
    out.length,
    new Uint8Array(returned.buffer),
    null,
  );
  return ok ? returned[0] : -kernel32().GetLastError();
}

class WindowsBlockDevice implements BlockDevice {
  readonly alignment: number;
  #h: Deno.PointerValue;

  constructor(
    h: Deno.PointerValue,
    readonly path: string,
    readonly size: number,
    readonly logicalSectorSize: number,
    readonly physicalSectorSize: number,
    readonly kind: DeviceKind,
    readonly direct: boolean,
  ) {
    this.#h = h;
    this.alignment = direct ? Math.max(4096, physicalSectorSize) : 1;
  }

  async readAt(offset: number, buffer: Uint8Array): Promise<number> {
    if (this.#h === null) throw new Error(`Cannot read ${this.path}: device is closed`);
    const k = kernel32();
    let done = 0;
    while (done < buffer.length) {
      const view = buffer.subarray(done) as Uint8Array<ArrayBuffer>;
      const got = new Uint32Array(1);
      const gotBytes = new Uint8Array(got.buffer);
      let ok = await k.ReadFile_nb(
        this.#h,
        view,
        view.length,
        gotBytes,
        encodeOverlapped(offset + done),
      );
      if (!ok) {
        // GetLastError lives on the pool thread: repeat synchronously and read it at once.
        const pos = new Uint8Array(8);
        k.SetFilePointerEx(this.#h, BigInt(offset + done), pos, FILE_BEGIN);
        ok = k.ReadFile(this.#h, view, view.length, gotBytes, null);
        if (!ok) {
          const err = k.GetLastError();
          if (err === ERROR_HANDLE_EOF) break;
          throw errorFromWin32(
            err,
            readAction(this.path, offset + done, view.length, this.logicalSectorSize),
            { path: this.path, offset: offset + done, syscall: "ReadFile" },
          );
        }
      }
      if (got[0] === 0) break;
      done += got[0];
    }
    return done;
  }

  close(): void {
    if (this.#h !== null) {
      kernel32().CloseHandle(this.#h);
      this.#h = null;
    }
  }
}

/** Opens a Windows disk (`\\.\PhysicalDriveN`), volume, mount folder or file read-only. */
export function openWindowsBlockDevice(
  path: string,
  options: OpenDeviceOptions = {},
): BlockDevice {
  const k = kernel32();
  if (!errorModeSet) {
    k.SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOOPENFILEERRORBOX);
    errorModeSet = true;
  }
  let target = path;
  if (path.endsWith("\\") && !isWindowsDeviceNamespace(path)) {
    const name = new Uint8Array(2 * 64);
    if (!k.GetVolumeNameForVolumeMountPointW(utf16z(path), name, 64)) {
      throw errorFromWin32(k.GetLastError(), `find the volume mounted at ${path}`, { path });
    }
    target = fromUtf16z(name).replace(/\\$/, "");
  }
  const isDevice = isWindowsDeviceNamespace(target);
  const direct = options.direct ?? isDevice;
  const h = k.CreateFileW(
    utf16z(target),
    GENERIC_READ,
    FILE_SHARE_READ | FILE_SHARE_WRITE,
    null,
    OPEN_EXISTING,
    (direct ? FILE_FLAG_NO_BUFFERING : 0) | FILE_FLAG_SEQUENTIAL_SCAN,
    null,
  );
  if (h === null || Deno.UnsafePointer.value(h) === 0xffff_ffff_ffff_ffffn) {
    throw errorFromWin32(k.GetLastError(), `open ${path}`, { path, syscall: "CreateFileW" });
  }
  try {
    let size: number;
    let logical = 512;
    let physical = 512;
    let kind: DeviceKind = "file";
    if (isDevice) {
      kind = /\\CdRom\d+$/i.test(target) ? "optical" : "block";
      // Volumes: read up to the partition's end, not the file system's (fails harmlessly on disks).
      ioctl(h, FSCTL_ALLOW_EXTENDED_DASD_IO, null, new Uint8Array(0));
      const len = new Uint8Array(8);
      const r = ioctl(h, IOCTL_DISK_GET_LENGTH_INFO, null, len);
      if (r < 0) throw errorFromWin32(-r, `get the size of ${path}`, { path });
      size = decodeLengthInfo(len);
      const align = new Uint8Array(28);
      const query = encodeStoragePropertyQuery(StorageAccessAlignmentProperty);
      if (ioctl(h, IOCTL_STORAGE_QUERY_PROPERTY, query, align) >= 28) {
        const a = decodeAccessAlignment(align);
        logical = a.bytesPerLogicalSector || logical;
        physical = a.bytesPerPhysicalSector || logical;
      } else {
        const geo = new Uint8Array(256);
        if (ioctl(h, IOCTL_DISK_GET_DRIVE_GEOMETRY_EX, null, geo) >= 32) {
          logical = decodeDriveGeometryEx(geo).bytesPerSector || logical;
          physical = logical;
        }
      }
      if (kind === "optical") logical = physical = 2048;
    } else {
      const s = new BigInt64Array(1);
      if (!k.GetFileSizeEx(h, new Uint8Array(s.buffer))) {
        throw errorFromWin32(k.GetLastError(), `get the size of ${path}`, { path });
      }
      size = Number(s[0]);
      physical = 4096;
    }
    return new WindowsBlockDevice(h, path, size, logical, physical, kind, direct);
  } catch (e) {
    k.CloseHandle(h);
    throw e;
  }
}
