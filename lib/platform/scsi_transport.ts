// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.

/** Direction of a SCSI command's data phase. */
export type DataDirection = "none" | "in" | "out";

/** What a transport reports for one command. */
export interface ScsiResult {
  /** SCSI status byte: 0x00 GOOD, 0x02 CHECK CONDITION, 0x08 BUSY… */
  status: number;
  /** Sense data (empty when none was returned). */
  sense: Uint8Array;
  /** Bytes actually transferred (may be unreliable for short replies; see the transport). */
  transferred: number;
  /** Transport-level failure (host/driver status, timeout) separate from SCSI status; 0 = none. */
  transportError: number;
  /** Human text for a transport failure, if any. */
  transportMessage?: string;
  /** How long the command took, in milliseconds, when known. */
  durationMs?: number;
}

/**
 * Sends CDBs to a device: SG_IO on Linux, SPTD on Windows, IOKit on macOS, the virtual drive,
 * or a recorded trace. `buffer` is filled (direction "in") or sent (direction "out").
 */
export interface ScsiTransport {
  /** The device as the user named it (`/dev/sr0`, `D:`, `virtual:demo`). */
  readonly path: string;
  /** Largest transfer one command may carry, in bytes. */
  readonly maxTransferBytes: number;
  /** Executes one command. Rejects only when the command could not be sent at all. */
  execute(
    cdb: Uint8Array,
    direction: DataDirection,
    buffer: Uint8Array | null,
    timeoutMs?: number,
  ): Promise<ScsiResult>;
  /** Releases the device. Idempotent. */
  close(): void;
}
