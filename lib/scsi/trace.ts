// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Record and replay of SCSI sessions. A trace is JSON lines: a header line
 * `{"trace":"sectorkit-scsi","version":1,"path":…,"maxTransferBytes":…}` and then one line per
 * command `{"i":0,"cdb":"12 00 00 00 60 00","dir":"in","len":96,"status":0,"sense":"",
 * "transferred":96,"transportError":0,"data":"<base64>","ms":0.4}`. `data` holds the bytes the
 * device returned (direction in) or was sent (direction out), trimmed of trailing zeros beyond
 * `transferred`.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import type { FileStore } from "../platform/file_store.ts";
import type { DataDirection, ScsiResult, ScsiTransport } from "../platform/scsi_transport.ts";
import { fromHex, hex } from "./bytes.ts";

/** The first line of a trace. */
export interface TraceHeader {
  /** Always `sectorkit-scsi`. */
  trace: "sectorkit-scsi";
  /** Format version (1). */
  version: number;
  /** The recorded device. */
  path: string;
  /** Its maximum transfer size. */
  maxTransferBytes: number;
}

/** One recorded command. */
export interface TraceRecord {
  /** Sequence number from 0. */
  i: number;
  /** CDB as hex bytes. */
  cdb: string;
  /** Data direction. */
  dir: DataDirection;
  /** Buffer length of the data phase. */
  len: number;
  /** SCSI status. */
  status: number;
  /** Sense as hex bytes. */
  sense: string;
  /** Bytes the transport reported as transferred. */
  transferred: number;
  /** Transport error (0 = none). */
  transportError: number;
  /** Transport error text. */
  transportMessage?: string;
  /** Data phase, base64. */
  data: string;
  /** Duration in milliseconds, when known. */
  ms?: number;
}

/** Encodes one command as a trace record. */
export function traceRecord(
  i: number,
  cdb: Uint8Array,
  direction: DataDirection,
  buffer: Uint8Array | null,
  result: ScsiResult,
): TraceRecord {
  let data = buffer ?? new Uint8Array();
  let end = data.length;
  while (end > 0 && data[end - 1] === 0) end--;
  data = data.subarray(0, end);
  const r: TraceRecord = {
    i,
    cdb: hex(cdb),
    dir: direction,
    len: buffer?.length ?? 0,
    status: result.status,
    sense: hex(result.sense),
    transferred: result.transferred,
    transportError: result.transportError,
    data: Buffer.from(data.buffer, data.byteOffset, data.length).toString("base64"),
  };
  if (result.transportMessage) r.transportMessage = result.transportMessage;
  if (result.durationMs !== undefined) r.ms = Math.round(result.durationMs * 1000) / 1000;
  return r;
}

/**
 * Wraps a transport so that every command is appended to a trace file.
 *
 * @example Usage
 * ```ts ignore
 * const t = await recordingTransport(await platform.scsi!.open("/dev/sr0"), platform.fs, "s.jsonl");
 * ```
 */
export async function recordingTransport(
  inner: ScsiTransport,
  fs: FileStore,
  file: string,
): Promise<ScsiTransport> {
  const header: TraceHeader = {
    trace: "sectorkit-scsi",
    version: 1,
    path: inner.path,
    maxTransferBytes: inner.maxTransferBytes,
  };
  await fs.writeTextFile(file, JSON.stringify(header) + "\n");
  let i = 0;
  return {
    path: inner.path,
    maxTransferBytes: inner.maxTransferBytes,
    async execute(cdb, direction, buffer, timeoutMs) {
      const result = await inner.execute(cdb, direction, buffer, timeoutMs);
      await fs.appendTextFile(
        file,
        JSON.stringify(traceRecord(i++, cdb, direction, buffer, result)) + "\n",
      );
      return result;
    },
    close: () => inner.close(),
  };
}

/** Parses trace text into its header and records. */
export function parseTrace(text: string): { header: TraceHeader; records: TraceRecord[] } {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  if (lines.length === 0) throw new SyntaxError("empty SCSI trace");
  const header = JSON.parse(lines[0]) as TraceHeader;
  if (header.trace !== "sectorkit-scsi") throw new SyntaxError("not a sectorkit SCSI trace");
  return { header, records: lines.slice(1).map((l) => JSON.parse(l) as TraceRecord) };
}

/**
 * A transport that answers from a trace: each command is matched to the next unused record with
 * the same CDB, direction and length (in order first, then anywhere), and its data, status and
 * sense are played back. A command the trace lacks fails as a transport error naming the CDB.
 *
 * @example Usage
 * ```ts
 * import { replayTransport } from "./trace.ts";
 * const t = replayTransport([
 *   '{"trace":"sectorkit-scsi","version":1,"path":"/dev/sr0","maxTransferBytes":65536}',
 *   '{"i":0,"cdb":"00 00 00 00 00 00","dir":"none","len":0,"status":0,"sense":"","transferred":0,"transportError":0,"data":""}',
 * ].join("\n"));
 * const r = await t.execute(new Uint8Array(6), "none", null);
 * if (r.status !== 0 || t.path !== "/dev/sr0") throw new Error();
 * ```
 */
export function replayTransport(text: string, path?: string): ScsiTransport & { unused(): number } {
  const { header, records } = parseTrace(text);
  const used = new Uint8Array(records.length);
  let next = 0;
  const matches = (r: TraceRecord, cdb: string, dir: DataDirection, len: number) =>
    r.cdb === cdb && r.dir === dir && r.len === len;
  return {
    path: path ?? header.path,
    maxTransferBytes: header.maxTransferBytes,
    execute(cdb, direction, buffer) {
      const key = hex(cdb);
      const len = buffer?.length ?? 0;
      let idx = -1;
      for (let k = next; k < records.length; k++) {
        if (!used[k] && matches(records[k], key, direction, len)) {
          idx = k;
          break;
        }
      }
      if (idx < 0) idx = records.findIndex((r, k) => !used[k] && matches(r, key, direction, len));
      if (idx < 0) {
        return Promise.resolve({
          status: 0,
          sense: new Uint8Array(),
          transferred: 0,
          transportError: -1,
          transportMessage: `command not in the trace (CDB ${key}, ${direction} ${len} bytes)`,
        });
      }
      used[idx] = 1;
      next = idx + 1;
      const r = records[idx];
      if (buffer && direction === "in") {
        buffer.fill(0);
        const data = Buffer.from(r.data, "base64");
        buffer.set(data.subarray(0, buffer.length));
      }
      return Promise.resolve({
        status: r.status,
        sense: fromHex(r.sense),
        transferred: r.transferred,
        transportError: r.transportError,
        transportMessage: r.transportMessage,
        durationMs: r.ms,
      });
    },
    close() {},
    unused: () => used.length - used.reduce((a, b) => a + b, 0),
  };
}
