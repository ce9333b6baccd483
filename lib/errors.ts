// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Error classes that callers handle, each carrying the data a user needs (path, offset, OS code).
 *
 * Built-in errors (`TypeError`, `RangeError`, `SyntaxError`) are used for programming and parsing
 * errors; the classes here are domain conditions that the CLI maps to one line and an exit code.
 *
 * @module
 */

/** Exit codes of the CLI. */
export const ExitCode = {
  /** Success. */
  Ok: 0,
  /** The job failed. */
  Failure: 1,
  /** Bad command line. */
  Usage: 2,
  /** The job finished but some sectors could not be read. */
  Unreadable: 3,
  /** Interrupted by the user (Ctrl-C). */
  Interrupted: 130,
} as const;

/** Data shared by errors that come from an operating-system call. */
export interface OsErrorInit {
  /** Symbolic code: an errno name (`EIO`) or a Win32 name (`ERROR_CRC`). */
  code?: string;
  /** Numeric errno or Win32 error code. */
  errno?: number;
  /** The path or device involved. */
  path?: string;
  /** Byte offset of the failing operation, when there is one. */
  offset?: number;
  /** The system call or operation (`open`, `pread`, `ioctl(BLKGETSIZE64)`). */
  syscall?: string;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * Base class of all sectorkit domain errors. `exitCode` is what the CLI exits with.
 *
 * @example Usage
 * ```ts
 * import { SectorkitError } from "./errors.ts";
 * const e = new SectorkitError("Cannot do it: no reason");
 * if (e.exitCode !== 1) throw new Error("unexpected");
 * ```
 */
export class SectorkitError extends Error {
  /** Exit code the CLI uses for this error. */
  exitCode: number = ExitCode.Failure;
  /** Symbolic OS error code, if any. */
  code?: string;
  /** Numeric OS error code, if any. */
  errno?: number;
  /** Path involved, if any. */
  path?: string;
  /** Byte offset involved, if any. */
  offset?: number;
  /** Operation involved, if any. */
  syscall?: string;

  /** Creates the error with a message and optional OS data. */
  constructor(message: string, init: OsErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "SectorkitError";
    this.code = init.code;
    this.errno = init.errno;
    this.path = init.path;
    this.offset = init.offset;
    this.syscall = init.syscall;
  }
}

/** Bad command line or option value; exit code 2. */
export class UsageError extends SectorkitError {
  /** Creates a usage error. */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
    this.exitCode = ExitCode.Usage;
  }
}

/** The user interrupted the job (Ctrl-C); exit code 130. */
export class InterruptedError extends SectorkitError {
  /** Creates an interruption error. */
  constructor(message = "Interrupted") {
    super(message);
    this.name = "InterruptedError";
    this.exitCode = ExitCode.Interrupted;
  }
}

/** A path or device does not exist (ENOENT, ENXIO, ERROR_FILE_NOT_FOUND). */
export class NotFoundError extends SectorkitError {
  /** Creates the error. */
  constructor(message: string, init: OsErrorInit = {}) {
    super(message, init);
    this.name = "NotFoundError";
  }
}

/** Access is denied (EACCES, EPERM, ERROR_ACCESS_DENIED). */
export class PermissionDeniedError extends SectorkitError {
  /** Creates the error. */
  constructor(message: string, init: OsErrorInit = {}) {
    super(message, init);
    this.name = "PermissionDeniedError";
  }
}

/** The device is busy or mounted (EBUSY, ERROR_SHARING_VIOLATION). */
export class BusyError extends SectorkitError {
  /** Creates the error. */
  constructor(message: string, init: OsErrorInit = {}) {
    super(message, init);
    this.name = "BusyError";
  }
}

/** No medium in the drive (ENOMEDIUM, ERROR_NOT_READY, sense 02/3A). */
export class NoMediumError extends SectorkitError {
  /** Creates the error. */
  constructor(message: string, init: OsErrorInit = {}) {
    super(message, init);
    this.name = "NoMediumError";
  }
}

/** A read or write failed at a known offset (EIO, ERROR_CRC). */
export class IoError extends SectorkitError {
  /** Creates the error. */
  constructor(message: string, init: OsErrorInit = {}) {
    super(message, init);
    this.name = "IoError";
  }
}

/** The output disk is full (ENOSPC, ERROR_DISK_FULL). */
export class NoSpaceError extends SectorkitError {
  /** Creates the error. */
  constructor(message: string, init: OsErrorInit = {}) {
    super(message, init);
    this.name = "NoSpaceError";
  }
}

/** A file or structure is not in the expected format (named structure, offset). */
export class FormatError extends SectorkitError {
  /** Creates the error. */
  constructor(message: string, init: OsErrorInit = {}) {
    super(message, init);
    this.name = "FormatError";
  }
}
