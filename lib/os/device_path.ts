// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Device names as users type them on each OS, turned into the path the OS opens.
 *
 * @module
 */

/** What a Windows name refers to. */
export type WindowsDeviceKind = "disk" | "volume" | "volumeGuid" | "cdrom" | "mountFolder" | "file";

/** A parsed Windows device name. */
export interface WindowsDeviceName {
  /** What it is. */
  kind: WindowsDeviceKind;
  /**
   * The path for CreateFileW (`\\.\PhysicalDrive0`, `\\.\D:`, `\\?\Volume{…}` without the trailing
   * backslash), or for `mountFolder` the folder with a trailing backslash, as
   * GetVolumeNameForVolumeMountPointW wants it.
   */
  path: string;
}

const GUID =
  /^\\\\[?.]\\(Volume\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\})\\?$/i;

/**
 * Parses a Windows device name: a disk number (`0`), `PhysicalDrive0`, `\\.\PhysicalDrive0`, a drive
 * letter (`D:`, `D:\`, `\\.\D:`), a volume GUID path (`\\?\Volume{…}\`), `CdRom0`, a mount-point
 * folder (`C:\mnt\disk\`), or else a file.
 *
 * @example Usage
 * ```ts
 * import { parseWindowsDeviceName } from "./device_path.ts";
 * if (parseWindowsDeviceName("1").path !== "\\\\.\\PhysicalDrive1") throw new Error();
 * if (parseWindowsDeviceName("d:\\").path !== "\\\\.\\D:") throw new Error();
 * ```
 */
export function parseWindowsDeviceName(name: string): WindowsDeviceName {
  const s = name.trim();
  let m: RegExpExecArray | null;
  if ((m = /^(?:\\\\[?.]\\)?PhysicalDrive(\d+)$/i.exec(s)) || (m = /^(\d+)$/.exec(s))) {
    return { kind: "disk", path: `\\\\.\\PhysicalDrive${Number(m[1])}` };
  }
  if ((m = /^(?:\\\\[?.]\\)?CdRom(\d+)$/i.exec(s))) {
    return { kind: "cdrom", path: `\\\\.\\CdRom${Number(m[1])}` };
  }
  if ((m = /^(?:\\\\[?.]\\)?([a-z]):\\?$/i.exec(s))) {
    return { kind: "volume", path: `\\\\.\\${m[1].toUpperCase()}:` };
  }
  if ((m = GUID.exec(s))) return { kind: "volumeGuid", path: `\\\\?\\${m[1]}` };
  if (/^([a-z]:|\\\\)[^]*\\$/i.test(s) && !/^\\\\[?.]\\/.test(s)) {
    return { kind: "mountFolder", path: s };
  }
  return { kind: "file", path: s };
}

/**
 * The macOS path to open: whole disks and partitions go to the raw device (`disk2`, `/dev/disk2`,
 * `rdisk2` → `/dev/rdisk2`; `disk2s1` → `/dev/rdisk2s1`); anything else is a file path.
 *
 * @example Usage
 * ```ts
 * import { darwinDevicePath } from "./device_path.ts";
 * if (darwinDevicePath("/dev/disk2") !== "/dev/rdisk2") throw new Error();
 * ```
 */
export function darwinDevicePath(name: string): string {
  const m = /^(?:\/dev\/)?r?(disk\d+(?:s\d+)?)$/.exec(name.trim());
  return m ? `/dev/r${m[1]}` : name;
}

/**
 * Whether a Linux path names a device node under /dev (`/dev/sdb`, `/dev/nvme0n1p1`, `/dev/loop3`).
 *
 * @example Usage
 * ```ts
 * import { isLinuxDevicePath } from "./device_path.ts";
 * if (!isLinuxDevicePath("/dev/sdb") || isLinuxDevicePath("disk.img")) throw new Error();
 * ```
 */
export function isLinuxDevicePath(name: string): boolean {
  return /^\/dev\/\S+$/.test(name);
}

/**
 * The path to open for a SOURCE on `os`: Windows names become `\\.\…` paths (mount folders stay
 * folders for the backend to resolve), macOS disks become `/dev/rdiskN`, Linux paths stay.
 *
 * @example Usage
 * ```ts
 * import { resolveDevicePath } from "./device_path.ts";
 * if (resolveDevicePath("disk3", "darwin") !== "/dev/rdisk3") throw new Error();
 * if (resolveDevicePath("PhysicalDrive2", "windows") !== "\\\\.\\PhysicalDrive2") throw new Error();
 * if (resolveDevicePath("/dev/sdb", "linux") !== "/dev/sdb") throw new Error();
 * ```
 */
export function resolveDevicePath(name: string, os: string): string {
  switch (os) {
    case "windows":
      return parseWindowsDeviceName(name).path;
    case "darwin":
      return darwinDevicePath(name);
    default:
      return name;
  }
}

/** Whether `path` is in the Windows device namespace (`\\.\…`, `\\?\Volume…`), which has no stat. */
export function isWindowsDeviceNamespace(path: string): boolean {
  return /^\\\\[?.]\\/.test(path);
}
