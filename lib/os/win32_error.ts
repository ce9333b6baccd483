// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import {
  BusyError,
  IoError,
  NoMediumError,
  NoSpaceError,
  NotFoundError,
  type OsErrorInit,
  PermissionDeniedError,
  SectorkitError,
} from "../errors.ts";

type Kind = "notFound" | "denied" | "busy" | "noMedium" | "io" | "noSpace" | "other";

/** Win32 error codes met while imaging (winerror.h): code → [name, text, kind]. */
const WIN32: Record<number, [string, string, Kind]> = {
  1: ["ERROR_INVALID_FUNCTION", "Incorrect function", "other"],
  2: ["ERROR_FILE_NOT_FOUND", "The system cannot find the file specified", "notFound"],
  3: ["ERROR_PATH_NOT_FOUND", "The system cannot find the path specified", "notFound"],
  5: ["ERROR_ACCESS_DENIED", "Access is denied (run as Administrator)", "denied"],
  6: ["ERROR_INVALID_HANDLE", "The handle is invalid", "other"],
  15: ["ERROR_INVALID_DRIVE", "The system cannot find the drive specified", "notFound"],
  19: ["ERROR_WRITE_PROTECT", "The media is write protected", "denied"],
  21: ["ERROR_NOT_READY", "The device is not ready", "noMedium"],
  23: ["ERROR_CRC", "Data error (cyclic redundancy check)", "io"],
  25: ["ERROR_SEEK", "The drive cannot locate a specific area or track on the disk", "io"],
  27: ["ERROR_SECTOR_NOT_FOUND", "The drive cannot find the sector requested", "io"],
  30: ["ERROR_READ_FAULT", "The system cannot read from the specified device", "io"],
  31: ["ERROR_GEN_FAILURE", "A device attached to the system is not functioning", "io"],
  32: ["ERROR_SHARING_VIOLATION", "The file is being used by another process", "busy"],
  33: ["ERROR_LOCK_VIOLATION", "Another process has locked a portion of the file", "busy"],
  38: ["ERROR_HANDLE_EOF", "Reached the end of the file", "other"],
  39: ["ERROR_HANDLE_DISK_FULL", "The disk is full", "noSpace"],
  55: [
    "ERROR_DEV_NOT_EXIST",
    "The specified network resource or device is no longer available",
    "notFound",
  ],
  87: [
    "ERROR_INVALID_PARAMETER",
    "The parameter is incorrect (misaligned unbuffered I/O?)",
    "other",
  ],
  112: ["ERROR_DISK_FULL", "There is not enough space on the disk", "noSpace"],
  483: [
    "ERROR_DEVICE_HARDWARE_ERROR",
    "The request failed due to a fatal device hardware error",
    "io",
  ],
  1110: ["ERROR_MEDIA_CHANGED", "The media in the drive may have changed", "noMedium"],
  1112: ["ERROR_NO_MEDIA_IN_DRIVE", "No media in drive", "noMedium"],
  1117: [
    "ERROR_IO_DEVICE",
    "The request could not be performed because of an I/O device error",
    "io",
  ],
  1167: ["ERROR_DEVICE_NOT_CONNECTED", "The device is not connected", "notFound"],
};

/**
 * Name and text of a Win32 error code.
 *
 * @example Usage
 * ```ts
 * import { win32ErrorInfo } from "./win32_error.ts";
 * if (win32ErrorInfo(23).name !== "ERROR_CRC") throw new Error();
 * ```
 */
export function win32ErrorInfo(code: number): { name: string; text: string } {
  const e = WIN32[code];
  return e ? { name: e[0], text: e[1] } : { name: `WIN32_${code}`, text: `Windows error ${code}` };
}

/**
 * The error class for a failed Win32 call, message `Cannot <action>: <text> (<NAME>)`.
 *
 * @example Usage
 * ```ts
 * import { errorFromWin32 } from "./win32_error.ts";
 * import { IoError } from "../errors.ts";
 * const e = errorFromWin32(1117, "read sector 7 of \\\\.\\PhysicalDrive1", { offset: 3584 });
 * if (!(e instanceof IoError) || e.code !== "ERROR_IO_DEVICE") throw new Error();
 * ```
 */
export function errorFromWin32(
  code: number,
  action: string,
  init: OsErrorInit = {},
): SectorkitError {
  const { name, text } = win32ErrorInfo(code);
  const message = `Cannot ${action}: ${text} (${name})`;
  const data = { ...init, errno: code, code: name };
  switch (WIN32[code]?.[2]) {
    case "notFound":
      return new NotFoundError(message, data);
    case "denied":
      return new PermissionDeniedError(message, data);
    case "busy":
      return new BusyError(message, data);
    case "noMedium":
      return new NoMediumError(message, data);
    case "io":
      return new IoError(message, data);
    case "noSpace":
      return new NoSpaceError(message, data);
    default:
      return new SectorkitError(message, data);
  }
}
