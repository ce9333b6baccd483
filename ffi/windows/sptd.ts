// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Windows SCSI pass-through: IOCTL_SCSI_PASS_THROUGH_DIRECT on `\\.\X:` through kernel32.
 * Layouts and control codes are lib/scsi/sptd_layout.ts (unit-tested); this is the thin glue.
 * Not runnable in this project's CI (Linux); type-checked only.
 *
 * @module
 */
import { PermissionDeniedError, SectorkitError } from "../../lib/errors.ts";
import type {
  DataDirection,
  DriveListing,
  ScsiResult,
  ScsiTransport,
} from "../../lib/platform/mod.ts";
import {
  decodeScsiCapabilities,
  decodeSptd,
  encodeSptd,
  IOCTL_SCSI_GET_CAPABILITIES,
  IOCTL_SCSI_PASS_THROUGH_DIRECT,
  sptdMaxTransfer,
  windowsDrivePath,
} from "../../lib/scsi/sptd_layout.ts";
import { utf16z } from "../../lib/os/windows_ioctl.ts";
import { allocAligned } from "../aligned.ts";
import { kernel32 } from "./kernel32.ts";

const GENERIC_READ = 0x80000000;
const GENERIC_WRITE = 0x40000000;
const OPEN_EXISTING = 3;

/** Opens `\\.\X:` for pass-through (Administrator rights needed for most commands). */
export async function openSptd(name: string): Promise<ScsiTransport> {
  const path = windowsDrivePath(name);
  const k = kernel32();
  const h = k.CreateFileW(
    utf16z(path),
    (GENERIC_READ | GENERIC_WRITE) >>> 0,
    3,
    null,
    OPEN_EXISTING,
    0,
    null,
  );
  if (!h || Deno.UnsafePointer.value(h) === 0xffffffffffffffffn) {
    const err = k.GetLastError();
    const msg = `Cannot open ${path}: Win32 error ${err}`;
    throw err === 5
      ? new PermissionDeniedError(msg, { path, errno: err })
      : new SectorkitError(msg, { path, errno: err });
  }
  const caps = new Uint8Array(24);
  const ret = new Uint8Array(4);
  let max = 65536;
  let alignment = 8;
  if (await k.DeviceIoControl_nb(h, IOCTL_SCSI_GET_CAPABILITIES, caps, 0, caps, 24, ret, null)) {
    const c = decodeScsiCapabilities(caps);
    max = sptdMaxTransfer(c);
    alignment = Math.max(8, c.alignmentMask + 1);
  }
  let handle: Deno.PointerValue | null = h;
  return {
    path: name,
    maxTransferBytes: max,
    async execute(
      cdb: Uint8Array,
      direction: DataDirection,
      buffer: Uint8Array | null,
      timeoutMs = 30000,
    ): Promise<ScsiResult> {
      if (!handle) throw new Error(`Cannot send a SCSI command to ${path}: device is closed`);
      const len = buffer?.length ?? 0;
      const data = len ? allocAligned(len, alignment) : null;
      if (data && direction === "out") data.set(buffer!);
      const req = encodeSptd({
        cdb,
        direction,
        dataLength: len,
        dataBuffer: data ? Deno.UnsafePointer.value(Deno.UnsafePointer.of(data)) : 0n,
        timeoutSeconds: timeoutMs / 1000,
      }) as Uint8Array<ArrayBuffer>;
      const t0 = performance.now();
      const ok = await k.DeviceIoControl_nb(
        handle,
        IOCTL_SCSI_PASS_THROUGH_DIRECT,
        req,
        req.length,
        req,
        req.length,
        ret,
        null,
      );
      if (!ok) {
        const err = k.GetLastError();
        return {
          status: 0,
          sense: new Uint8Array(),
          transferred: 0,
          transportError: err || -1,
          transportMessage: `DeviceIoControl failed: Win32 error ${err}`,
        };
      }
      const r = decodeSptd(req);
      if (data && direction === "in") buffer!.set(data);
      return {
        status: r.status,
        sense: r.sense,
        transferred: r.transferred,
        transportError: 0,
        durationMs: performance.now() - t0,
      };
    },
    close() {
      if (handle) k.CloseHandle(handle);
      handle = null;
    },
  };
}

/** Drive letters of type CD-ROM (GetDriveTypeW = DRIVE_CDROM 5) and fixed/removable disks. */
export function listWindowsDrives(): DriveListing[] {
  const k = kernel32();
  const mask = k.GetLogicalDrives();
  const out: DriveListing[] = [];
  for (let i = 0; i < 26; i++) {
    if (!(mask & (1 << i))) continue;
    const letter = String.fromCharCode(65 + i);
    const type = k.GetDriveTypeW(utf16z(`${letter}:\\`));
    if (type !== 5 && type !== 2 && type !== 3) continue;
    out.push({
      path: `${letter}:`,
      kind: type === 5 ? "optical" : "disk",
      blockPath: `\\\\.\\${letter}:`,
      vendor: "",
      product: "",
      revision: "",
      sizeBytes: 0,
      removable: type !== 3,
    });
  }
  // Physical disks: \\.\PhysicalDriveN opened with no access rights (metadata only).
  for (let n = 0; n < 32; n++) {
    const h = k.CreateFileW(utf16z(`\\\\.\\PhysicalDrive${n}`), 0, 3, null, OPEN_EXISTING, 0, null);
    if (!h || Deno.UnsafePointer.value(h) === 0xffffffffffffffffn) continue;
    k.CloseHandle(h);
    out.push({
      path: `\\\\.\\PhysicalDrive${n}`,
      kind: "disk",
      blockPath: `\\\\.\\PhysicalDrive${n}`,
      vendor: "",
      product: "",
      revision: "",
      sizeBytes: 0,
      removable: false,
    });
  }
  return out.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "optical" ? -1 : 1));
}
