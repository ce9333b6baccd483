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
} from "./errors.ts";

/** Linux errno numbers (asm-generic/errno-base.h, errno.h) with their names and texts. */
const LINUX_ERRNO: Record<number, [string, string]> = {
  1: ["EPERM", "Operation not permitted"],
  2: ["ENOENT", "No such file or directory"],
  4: ["EINTR", "Interrupted system call"],
  5: ["EIO", "I/O error"],
  6: ["ENXIO", "No such device or address"],
  9: ["EBADF", "Bad file descriptor"],
  11: ["EAGAIN", "Resource temporarily unavailable"],
  12: ["ENOMEM", "Out of memory"],
  13: ["EACCES", "Permission denied"],
  14: ["EFAULT", "Bad address"],
  16: ["EBUSY", "Device or resource busy"],
  17: ["EEXIST", "File exists"],
  19: ["ENODEV", "No such device"],
  20: ["ENOTDIR", "Not a directory"],
  21: ["EISDIR", "Is a directory"],
  22: ["EINVAL", "Invalid argument"],
  25: ["ENOTTY", "Inappropriate ioctl for device"],
  27: ["EFBIG", "File too large"],
  28: ["ENOSPC", "No space left on device"],
  30: ["EROFS", "Read-only file system"],
  61: ["ENODATA", "No data available"],
  95: ["EOPNOTSUPP", "Operation not supported"],
  110: ["ETIMEDOUT", "Connection timed out"],
  121: ["EREMOTEIO", "Remote I/O error"],
  122: ["EDQUOT", "Disk quota exceeded"],
  123: ["ENOMEDIUM", "No medium found"],
  124: ["EMEDIUMTYPE", "Wrong medium type"],
};

/**
 * Name and text of a Linux errno.
 *
 * @example Usage
 * ```ts
 * import { errnoInfo } from "./errno.ts";
 * const { name, text } = errnoInfo(5);
 * if (name !== "EIO" || text !== "I/O error") throw new Error("unexpected");
 * ```
 */
export function errnoInfo(errno: number): { name: string; text: string } {
  const e = LINUX_ERRNO[errno];
  return e ? { name: e[0], text: e[1] } : { name: `E${errno}`, text: `error ${errno}` };
}

/**
 * Builds the right error class for a failed OS call, with a message of the form
 * `Cannot <action>: <text> (<NAME>)`.
 *
 * @example Usage
 * ```ts
 * import { errorFromErrno } from "./errno.ts";
 * import { IoError } from "./errors.ts";
 * const e = errorFromErrno(5, "read sector 12 of /dev/sdb", { path: "/dev/sdb", offset: 6144 });
 * if (!(e instanceof IoError)) throw new Error("unexpected");
 * if (e.message !== "Cannot read sector 12 of /dev/sdb: I/O error (EIO)") throw new Error(e.message);
 * ```
 */
export function errorFromErrno(
  errno: number,
  action: string,
  init: OsErrorInit = {},
): SectorkitError {
  const { name, text } = errnoInfo(errno);
  const message = `Cannot ${action}: ${text} (${name})`;
  const data = { ...init, errno, code: name };
  switch (name) {
    case "ENOENT":
    case "ENXIO":
    case "ENODEV":
      return new NotFoundError(message, data);
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return new PermissionDeniedError(message, data);
    case "EBUSY":
      return new BusyError(message, data);
    case "ENOMEDIUM":
    case "EMEDIUMTYPE":
      return new NoMediumError(message, data);
    case "EIO":
    case "EREMOTEIO":
    case "ENODATA":
      return new IoError(message, data);
    case "ENOSPC":
    case "EDQUOT":
    case "EFBIG":
      return new NoSpaceError(message, data);
    default:
      return new SectorkitError(message, data);
  }
}
