// Copyright 2026 the sectorkit authors. MIT license.
import { deepStrictEqual as assertEquals } from "node:assert/strict";
import {
  darwinDevicePath,
  isWindowsDeviceNamespace,
  parseWindowsDeviceName,
  resolveDevicePath,
} from "../../lib/os/device_path.ts";

Deno.test("parseWindowsDeviceName() accepts disk numbers and PhysicalDrive names", () => {
  for (
    const n of [
      "0",
      "PhysicalDrive0",
      "physicaldrive0",
      "\\\\.\\PhysicalDrive0",
      "\\\\?\\PhysicalDrive0",
    ]
  ) {
    assertEquals(parseWindowsDeviceName(n), { kind: "disk", path: "\\\\.\\PhysicalDrive0" }, n);
  }
  assertEquals(parseWindowsDeviceName("12").path, "\\\\.\\PhysicalDrive12");
});

Deno.test("parseWindowsDeviceName() turns drive letters into volume paths without a backslash", () => {
  for (const n of ["D:", "d:", "D:\\", "\\\\.\\D:", "\\\\.\\d:\\"]) {
    assertEquals(parseWindowsDeviceName(n), { kind: "volume", path: "\\\\.\\D:" }, n);
  }
});

Deno.test("parseWindowsDeviceName() strips the trailing backslash of volume GUID paths", () => {
  const g = "Volume{4c1b02c1-d990-11dc-99ae-806e6f6e6963}";
  assertEquals(parseWindowsDeviceName(`\\\\?\\${g}\\`), {
    kind: "volumeGuid",
    path: `\\\\?\\${g}`,
  });
  assertEquals(parseWindowsDeviceName(`\\\\.\\${g}`), { kind: "volumeGuid", path: `\\\\?\\${g}` });
});

Deno.test("parseWindowsDeviceName() keeps mount folders (trailing backslash) and files", () => {
  assertEquals(parseWindowsDeviceName("C:\\mnt\\usb\\"), {
    kind: "mountFolder",
    path: "C:\\mnt\\usb\\",
  });
  assertEquals(parseWindowsDeviceName("C:\\images\\disk.img"), {
    kind: "file",
    path: "C:\\images\\disk.img",
  });
  assertEquals(parseWindowsDeviceName("CdRom1"), { kind: "cdrom", path: "\\\\.\\CdRom1" });
  assertEquals(isWindowsDeviceNamespace("\\\\.\\D:"), true);
  assertEquals(isWindowsDeviceNamespace("C:\\x"), false);
});

Deno.test("darwinDevicePath() opens the raw disk for diskN, /dev/diskN and rdiskN", () => {
  for (const n of ["disk2", "/dev/disk2", "rdisk2", "/dev/rdisk2"]) {
    assertEquals(darwinDevicePath(n), "/dev/rdisk2", n);
  }
  assertEquals(darwinDevicePath("disk2s1"), "/dev/rdisk2s1");
  assertEquals(darwinDevicePath("./disk2.img"), "./disk2.img");
});

Deno.test("resolveDevicePath() leaves Linux paths alone", () => {
  assertEquals(resolveDevicePath("/dev/nvme0n1p2", "linux"), "/dev/nvme0n1p2");
  assertEquals(resolveDevicePath("disk2", "linux"), "disk2");
  assertEquals(resolveDevicePath("1", "windows"), "\\\\.\\PhysicalDrive1");
});
