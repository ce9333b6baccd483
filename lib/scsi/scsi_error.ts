// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Errors of SCSI commands: {@linkcode ScsiError} for a CHECK CONDITION (sense key/ASC/ASCQ) or
 * another bad status, {@linkcode ScsiTransportError} when the command never completed at the
 * device (host/driver status, timeout, ioctl failure).
 *
 * @module
 */
import { SectorkitError } from "../errors.ts";
import type { ScsiResult } from "../platform/scsi_transport.ts";
import { be32s } from "./bytes.ts";
import { opcodeName } from "./opcodes.ts";
import { formatSense, parseSense, type Sense } from "./sense.ts";

/** SCSI status byte values. */
export const Status = {
  GOOD: 0x00,
  CHECK_CONDITION: 0x02,
  CONDITION_MET: 0x04,
  BUSY: 0x08,
  RESERVATION_CONFLICT: 0x18,
  TASK_SET_FULL: 0x28,
  ACA_ACTIVE: 0x30,
  TASK_ABORTED: 0x40,
} as const;

/** The name of a SCSI status byte. */
export function statusName(status: number): string {
  const names: Record<number, string> = {
    0x00: "GOOD",
    0x02: "CHECK CONDITION",
    0x04: "CONDITION MET",
    0x08: "BUSY",
    0x18: "RESERVATION CONFLICT",
    0x28: "TASK SET FULL",
    0x30: "ACA ACTIVE",
    0x40: "TASK ABORTED",
  };
  return names[status] ?? `STATUS 0x${status.toString(16).padStart(2, "0")}`;
}

/** LBA-carrying read commands: where the starting LBA sits in the CDB. */
function cdbLba(cdb: Uint8Array): number | undefined {
  switch (cdb[0]) {
    case 0x28:
    case 0xa8:
    case 0xbe:
    case 0xd8:
      return be32s(cdb, 2);
    default:
      return undefined;
  }
}

/** Number of blocks a read CDB asks for (1 when unknown). */
function cdbCount(cdb: Uint8Array): number {
  switch (cdb[0]) {
    case 0x28:
      return (cdb[7] << 8) | cdb[8];
    case 0xa8:
    case 0xd8:
      return be32s(cdb, 6) >>> 0;
    case 0xbe:
      return (cdb[6] << 16) | (cdb[7] << 8) | cdb[8];
    default:
      return 1;
  }
}

/**
 * The failing LBA of a read: the sense INFORMATION when it lies inside the request (drives such
 * as QEMU's leave it 0), else the CDB's first LBA. Non-read commands have none.
 */
function failingLba(cdb: Uint8Array, sense: Sense | null): number | undefined {
  const first = cdbLba(cdb);
  if (first === undefined) return undefined;
  const info = sense?.information;
  if (
    info !== null && info !== undefined && info >= first &&
    info < first + Math.max(1, cdbCount(cdb))
  ) {
    return info;
  }
  return first;
}

/** Context that makes an error message useful. */
export interface CommandContext {
  /** The device path. */
  path: string;
  /** The CDB sent. */
  cdb: Uint8Array;
  /** The LBA the command was about (defaults to the CDB's LBA field for reads). */
  lba?: number;
}

function action(ctx: CommandContext, lba: number | undefined): string {
  return lba !== undefined
    ? `read sector ${lba} of ${ctx.path}`
    : `${opcodeName(ctx.cdb[0])} on ${ctx.path}`;
}

/**
 * A SCSI command ended with a status other than GOOD.
 *
 * @example Usage
 * ```ts
 * import { ScsiError } from "./scsi_error.ts";
 * const sense = new Uint8Array(18);
 * sense.set([0x70, 0, 0x03, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x11, 0x05]);
 * const cdb = new Uint8Array([0x28, 0, 0, 0, 0, 12, 0, 0, 1, 0]);
 * const e = ScsiError.from({ status: 2, sense, transferred: 0, transportError: 0 },
 *   { path: "/dev/sr0", cdb });
 * if (e.message !== "Cannot read sector 12 of /dev/sr0: MEDIUM ERROR, L-EC UNCORRECTABLE ERROR (03/11/05)") {
 *   throw new Error(e.message);
 * }
 * ```
 */
export class ScsiError extends SectorkitError {
  /** SCSI status byte. */
  status: number;
  /** Operation code of the failing command. */
  opcode: number;
  /** Sense key (−1 when no sense was returned). */
  senseKey: number;
  /** Additional sense code (−1 when none). */
  asc: number;
  /** Additional sense code qualifier (−1 when none). */
  ascq: number;
  /** The LBA involved, when known. */
  lba?: number;
  /** The decoded sense, when there was one. */
  sense: Sense | null;

  /** Creates the error; prefer {@linkcode ScsiError.from}. */
  constructor(
    message: string,
    init: { status: number; opcode: number; sense: Sense | null; lba?: number; path: string },
  ) {
    super(message, { path: init.path, code: "SCSI" });
    this.name = "ScsiError";
    this.status = init.status;
    this.opcode = init.opcode;
    this.sense = init.sense;
    this.senseKey = init.sense?.key ?? -1;
    this.asc = init.sense?.asc ?? -1;
    this.ascq = init.sense?.ascq ?? -1;
    this.lba = init.lba;
  }

  /** Builds the error for a failed result. */
  static from(result: ScsiResult, ctx: CommandContext): ScsiError {
    const sense = parseSense(result.sense);
    const lba = ctx.lba ?? failingLba(ctx.cdb, sense);
    const what = sense
      ? formatSense(sense)
      : `${statusName(result.status)} without sense data (status 0x${
        result.status.toString(16).padStart(2, "0")
      })`;
    return new ScsiError(`Cannot ${action(ctx, lba)}: ${what}`, {
      status: result.status,
      opcode: ctx.cdb[0],
      sense,
      lba,
      path: ctx.path,
    });
  }

  /** NOT READY / MEDIUM NOT PRESENT (02/3A/xx). */
  get noMedium(): boolean {
    return this.asc === 0x3a;
  }

  /** ILLEGAL REQUEST: INVALID COMMAND OPERATION CODE or INVALID FIELD IN CDB (unsupported). */
  get unsupported(): boolean {
    return this.senseKey === 5 && (this.asc === 0x20 || this.asc === 0x24);
  }

  /** ILLEGAL REQUEST: LOGICAL BLOCK ADDRESS OUT OF RANGE. */
  get outOfRange(): boolean {
    return this.senseKey === 5 && this.asc === 0x21;
  }

  /** MEDIUM ERROR (or HARDWARE ERROR) reading the disc. */
  get mediumError(): boolean {
    return this.senseKey === 3 || this.senseKey === 4;
  }
}

/** The command did not complete at the device: host/driver status, timeout or the OS call failed. */
export class ScsiTransportError extends SectorkitError {
  /** Operation code of the failing command. */
  opcode: number;
  /** Transport-specific code (host status, Win32 error…). */
  transportError: number;
  /** The LBA involved, when known. */
  lba?: number;

  /** Creates the error; prefer {@linkcode ScsiTransportError.from}. */
  constructor(
    message: string,
    init: { opcode: number; transportError: number; lba?: number; path: string },
  ) {
    super(message, { path: init.path, code: "SCSI_TRANSPORT" });
    this.name = "ScsiTransportError";
    this.opcode = init.opcode;
    this.transportError = init.transportError;
    this.lba = init.lba;
  }

  /** Builds the error for a result with `transportError` set. */
  static from(result: ScsiResult, ctx: CommandContext): ScsiTransportError {
    const lba = ctx.lba ?? cdbLba(ctx.cdb);
    const text = result.transportMessage ??
      `transport error 0x${result.transportError.toString(16)}`;
    return new ScsiTransportError(
      `Cannot ${
        lba !== undefined
          ? `${opcodeName(ctx.cdb[0])} sector ${lba} of ${ctx.path}`
          : action(ctx, undefined)
      }: ${text}`,
      { opcode: ctx.cdb[0], transportError: result.transportError, lba, path: ctx.path },
    );
  }
}

/**
 * Throws the right error unless `result` is a clean GOOD; returns nothing otherwise.
 *
 * @example Usage
 * ```ts
 * import { checkResult } from "./scsi_error.ts";
 * checkResult({ status: 0, sense: new Uint8Array(), transferred: 0, transportError: 0 },
 *   { path: "/dev/sr0", cdb: new Uint8Array(6) });
 * ```
 */
export function checkResult(result: ScsiResult, ctx: CommandContext): void {
  if (result.transportError !== 0) throw ScsiTransportError.from(result, ctx);
  if (result.status !== Status.GOOD && result.status !== Status.CONDITION_MET) {
    throw ScsiError.from(result, ctx);
  }
  // Some transports report CHECK CONDITION only through sense with a deferred/current error.
  if (result.sense.length > 0) {
    const s = parseSense(result.sense);
    if (s && s.key !== 0 && s.key !== 1) throw ScsiError.from({ ...result, status: 2 }, ctx);
  }
}
