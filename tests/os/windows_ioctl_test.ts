// Copyright 2026 the sectorkit authors. MIT license.
// Documented values: winioctl.h CTL_CODE results, struct layouts (x64), winerror.h codes.
import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import {
  ctlCode,
  decodeAccessAlignment,
  decodeDriveGeometryEx,
  decodeLengthInfo,
  encodeOverlapped,
  encodeStoragePropertyQuery,
  FILE_FLAG_NO_BUFFERING,
  fromUtf16z,
  FSCTL_ALLOW_EXTENDED_DASD_IO,
  GENERIC_READ,
  IOCTL_DISK_GET_DRIVE_GEOMETRY_EX,
  IOCTL_DISK_GET_LENGTH_INFO,
  IOCTL_STORAGE_QUERY_PROPERTY,
  SEM_FAILCRITICALERRORS,
  SEM_NOOPENFILEERRORBOX,
  StorageAccessAlignmentProperty,
  utf16z,
} from "../../lib/os/windows_ioctl.ts";
import { errorFromWin32, win32ErrorInfo } from "../../lib/os/win32_error.ts";
import {
  BusyError,
  IoError,
  NoMediumError,
  NoSpaceError,
  NotFoundError,
  PermissionDeniedError,
} from "../../lib/errors.ts";

Deno.test("Windows control codes equal the documented winioctl.h values", () => {
  assertEquals(IOCTL_DISK_GET_LENGTH_INFO, 0x0007405c);
  assertEquals(IOCTL_DISK_GET_DRIVE_GEOMETRY_EX, 0x000700a0);
  assertEquals(IOCTL_STORAGE_QUERY_PROPERTY, 0x002d1400);
  assertEquals(FSCTL_ALLOW_EXTENDED_DASD_IO, 0x00090083);
  assertEquals(ctlCode(7, 0, 0, 0), 0x00070000); // IOCTL_DISK_GET_DRIVE_GEOMETRY
  assertEquals(ctlCode(0x2d, 0x420, 0, 0), 0x002d1080); // IOCTL_STORAGE_GET_DEVICE_NUMBER
  assertEquals(ctlCode(9, 6, 0, 0), 0x00090018); // FSCTL_LOCK_VOLUME
  assertEquals(GENERIC_READ, 0x80000000);
  assertEquals(FILE_FLAG_NO_BUFFERING, 0x20000000);
  assertEquals(SEM_FAILCRITICALERRORS | SEM_NOOPENFILEERRORBOX, 0x8001);
  assertEquals(StorageAccessAlignmentProperty, 6);
});

Deno.test("Windows structs: GET_LENGTH_INFORMATION, DISK_GEOMETRY_EX, alignment descriptor", () => {
  const len = new Uint8Array(8);
  new DataView(len.buffer).setBigInt64(0, 0x1d1c1116000n, true);
  assertEquals(decodeLengthInfo(len), 0x1d1c1116000);
  const g = new Uint8Array(256);
  const gv = new DataView(g.buffer);
  gv.setBigInt64(0, 121601n, true);
  gv.setUint32(8, 12, true);
  gv.setUint32(12, 255, true);
  gv.setUint32(16, 63, true);
  gv.setUint32(20, 4096, true);
  gv.setBigInt64(24, 1000204886016n, true);
  assertEquals(decodeDriveGeometryEx(g), {
    cylinders: 121601,
    mediaType: 12,
    tracksPerCylinder: 255,
    sectorsPerTrack: 63,
    bytesPerSector: 4096,
    diskSize: 1000204886016,
  });
  const a = new Uint8Array(28);
  const av = new DataView(a.buffer);
  [28, 28, 64, 0, 512, 4096, 0].forEach((x, i) => av.setUint32(i * 4, x, true));
  assertEquals(decodeAccessAlignment(a).bytesPerPhysicalSector, 4096);
  assertEquals(decodeAccessAlignment(a).bytesPerLogicalSector, 512);
  const q = encodeStoragePropertyQuery(StorageAccessAlignmentProperty);
  assertEquals([...q], [6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  const o = encodeOverlapped(5 * 2 ** 32 + 4096);
  assertEquals(new DataView(o.buffer).getUint32(16, true), 4096);
  assertEquals(new DataView(o.buffer).getUint32(20, true), 5);
  assertEquals(fromUtf16z(utf16z("\\\\.\\PhysicalDrive3")), "\\\\.\\PhysicalDrive3");
});

Deno.test("errorFromWin32() maps documented winerror.h codes to error classes", () => {
  const cases: [number, string, unknown][] = [
    [2, "ERROR_FILE_NOT_FOUND", NotFoundError],
    [5, "ERROR_ACCESS_DENIED", PermissionDeniedError],
    [21, "ERROR_NOT_READY", NoMediumError],
    [23, "ERROR_CRC", IoError],
    [27, "ERROR_SECTOR_NOT_FOUND", IoError],
    [32, "ERROR_SHARING_VIOLATION", BusyError],
    [112, "ERROR_DISK_FULL", NoSpaceError],
    [1112, "ERROR_NO_MEDIA_IN_DRIVE", NoMediumError],
    [1117, "ERROR_IO_DEVICE", IoError],
  ];
  for (const [code, name, cls] of cases) {
    const e = errorFromWin32(code, "read \\\\.\\PhysicalDrive1", { offset: 512 });
    ok(e instanceof (cls as typeof IoError), name);
    assertEquals(e.code, name);
    assertEquals(e.errno, code);
    assertEquals(e.offset, 512);
  }
  assertEquals(win32ErrorInfo(87).name, "ERROR_INVALID_PARAMETER");
  assertEquals(win32ErrorInfo(99999).name, "WIN32_99999");
});
