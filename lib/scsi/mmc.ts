// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * A drive session over any {@linkcode ScsiTransport}: executes a CDB, checks status and sense
 * (throwing {@linkcode ScsiError}/{@linkcode ScsiTransportError}), re-issues variable-length
 * commands with the length from their response header, and splits reads to the transport's
 * maximum transfer size. The typed command helpers live in `mmc_commands.ts`.
 *
 * @module
 */
import type { DataDirection, ScsiResult, ScsiTransport } from "../platform/scsi_transport.ts";
import { checkResult, ScsiError, ScsiTransportError } from "./scsi_error.ts";

/** Options for one command. */
export interface ExecOptions {
  /** Timeout in milliseconds (default: the session's). */
  timeoutMs?: number;
  /** The LBA the command is about, for error messages. */
  lba?: number;
}

/** The outcome of a command that did not throw. */
export interface ExecOutcome {
  /** The data phase (sized as requested; see `valid` for how much is meaningful). */
  data: Uint8Array;
  /** The transport's report. */
  result: ScsiResult;
  /** The error the result amounts to, or null when it succeeded. */
  error: ScsiError | ScsiTransportError | null;
}

/** Options for {@linkcode Mmc}. */
export interface MmcOptions {
  /** Default command timeout in milliseconds (default 30000). */
  timeoutMs?: number;
}

/**
 * One open drive.
 *
 * @example With a fake transport that answers TEST UNIT READY
 * ```ts
 * import { Mmc } from "./mmc.ts";
 * const mmc = new Mmc({
 *   path: "fake", maxTransferBytes: 65536, close() {},
 *   execute: () => Promise.resolve({ status: 0, sense: new Uint8Array(), transferred: 0, transportError: 0 }),
 * });
 * await mmc.exec(new Uint8Array(6), "none", 0);
 * ```
 */
export class Mmc {
  /** The transport commands go through. */
  readonly transport: ScsiTransport;
  /** Default timeout in milliseconds. */
  timeoutMs: number;

  /** Wraps a transport. */
  constructor(transport: ScsiTransport, options: MmcOptions = {}) {
    this.transport = transport;
    this.timeoutMs = options.timeoutMs ?? 30000;
  }

  /** The device path. */
  get path(): string {
    return this.transport.path;
  }

  /** Largest data phase per command. */
  get maxTransferBytes(): number {
    return this.transport.maxTransferBytes;
  }

  /** Runs a command without throwing on SCSI errors; returns data, result and the error it means. */
  async tryExec(
    cdb: Uint8Array,
    direction: DataDirection,
    lengthOrBuffer: number | Uint8Array,
    options: ExecOptions = {},
  ): Promise<ExecOutcome> {
    const data = typeof lengthOrBuffer === "number"
      ? new Uint8Array(lengthOrBuffer)
      : lengthOrBuffer;
    const result = await this.transport.execute(
      cdb,
      direction,
      data.length > 0 ? data : null,
      options.timeoutMs ?? this.timeoutMs,
    );
    let error: ScsiError | ScsiTransportError | null = null;
    try {
      checkResult(result, { path: this.path, cdb, lba: options.lba });
    } catch (e) {
      if (e instanceof ScsiError || e instanceof ScsiTransportError) error = e;
      else throw e;
    }
    return { data, result, error };
  }

  /** Runs a command; throws {@linkcode ScsiError} or {@linkcode ScsiTransportError} on failure. */
  async exec(
    cdb: Uint8Array,
    direction: DataDirection,
    lengthOrBuffer: number | Uint8Array,
    options: ExecOptions = {},
  ): Promise<Uint8Array> {
    const o = await this.tryExec(cdb, direction, lengthOrBuffer, options);
    if (o.error) throw o.error;
    return o.data;
  }

  /**
   * Runs a data-in command whose response starts with its own length: first with `initial`
   * bytes, again with the full length if the header says more (capped at `max`). The result is
   * trimmed to the header's length (transports cannot be trusted to report short replies).
   */
  async readVariable(
    build: (allocation: number) => Uint8Array,
    lengthOf: (data: Uint8Array) => number,
    initial = 2048,
    max = 0xffff,
  ): Promise<Uint8Array> {
    let alloc = Math.min(initial, max);
    for (let attempt = 0; attempt < 2; attempt++) {
      const data = await this.exec(build(alloc), "in", alloc);
      const want = lengthOf(data);
      if (want <= alloc || alloc >= max || attempt === 1) {
        return data.slice(0, Math.min(want, alloc));
      }
      alloc = Math.min(want, max);
    }
    throw new Error("unreachable");
  }

  /**
   * Reads `count` units of `unitBytes` with as many commands as the maximum transfer requires;
   * `build(first, n)` makes the CDB for `n` units from unit `first`.
   */
  async readSplit(
    first: number,
    count: number,
    unitBytes: number,
    build: (first: number, n: number) => Uint8Array,
    options: { timeoutMs?: number; maxUnits?: number } = {},
  ): Promise<Uint8Array> {
    const out = new Uint8Array(count * unitBytes);
    const perCommand = Math.max(
      1,
      Math.min(options.maxUnits ?? Infinity, Math.floor(this.maxTransferBytes / unitBytes)),
    );
    for (let done = 0; done < count;) {
      const n = Math.min(perCommand, count - done);
      const view = out.subarray(done * unitBytes, (done + n) * unitBytes);
      await this.exec(build(first + done, n), "in", view, { timeoutMs: options.timeoutMs });
      done += n;
    }
    return out;
  }
}
