// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The handful of MMC commands a CD dump issues, over any {@linkcode ScsiTransport}: READ TOC
 * (formats 0/2/3/4/5), READ CD (0xBE), PLEXTOR READ CDDA (0xD8), the READ(12) FUA cache flush,
 * SET CD SPEED, INQUIRY and MediaTek READ CACHE (0xF1). Failures are returned, not thrown: a dump
 * decides per sector what an error means.
 *
 * @module
 */
import type { DataDirection, ScsiTransport } from "../platform/scsi_transport.ts";
import { readTocCdb, setCdSpeedCdb } from "../scsi/cdb_mmc.ts";
import { inquiryCdb, read12Cdb, testUnitReadyCdb } from "../scsi/cdb_spc.ts";
import { parseInquiry } from "../scsi/inquiry.ts";
import {
  mediatekReadCacheCdb,
  plextorReadCddaCdb,
  type PlextorSubcode,
  readCdCdb,
  type ReadCdFields,
} from "../scsi/read_cd.ts";
import { parseSense } from "../scsi/sense.ts";

/** The outcome of one command. */
export interface CommandOutcome {
  /** GOOD status and no transport error. */
  ok: boolean;
  /** The data buffer (full allocation length; valid when ok). */
  data: Uint8Array;
  /** Sense key / ASC / ASCQ when the drive returned sense. */
  sense: { key: number; asc: number; ascq: number } | null;
  /** How long the command took (ms). */
  durationMs: number;
  /** Bytes the transport says were transferred. */
  transferred: number;
  /** One line describing a failure. */
  message: string;
}

/** READ CD request kinds used by the dump. */
export interface ReadCdRequest {
  /** Expected sector type CD-DA (byte 1 = 0x04) instead of any type. */
  cdda: boolean;
  /** Ask for C2 error pointers (294 bytes). */
  c2: boolean;
  /** Ask for raw P–W subchannel (96 bytes). */
  sub: boolean;
}

/**
 * READ CD (0xBE) CDB as redumper issues it: CD-DA → byte1 0x04, byte9 0x10|C2; all types →
 * byte1 0x00, byte9 0xF8|C2; byte10 0x01 for raw subchannel.
 *
 * @example All types with C2 and subchannel
 * ```ts
 * import { dumpReadCdCdb } from "./cd_drive.ts";
 * const c = dumpReadCdCdb(16, 1, { cdda: false, c2: true, sub: true });
 * if (c.join(",") !== "190,0,0,0,0,16,0,0,1,250,1,0") throw new Error(c.join(","));
 * ```
 */
export function dumpReadCdCdb(lba: number, count: number, r: ReadCdRequest): Uint8Array {
  const fields: ReadCdFields = r.cdda
    ? { sectorType: "cdda", userData: true }
    : { sync: true, header: "all", userData: true, edcEcc: true };
  return readCdCdb(lba, count, {
    ...fields,
    c2: r.c2 ? "c2" : "none",
    subchannel: r.sub ? "raw" : "none",
  });
}

/** Talks MMC to one drive. */
export class CdDrive {
  /** The transport commands go through. */
  readonly transport: ScsiTransport;
  #now: () => number;
  /** Commands issued. */
  commands = 0;

  /** Wraps a transport; `now` measures command durations when the transport does not. */
  constructor(transport: ScsiTransport, now: () => number = () => Date.now()) {
    this.transport = transport;
    this.#now = now;
  }

  /** The device path. */
  get path(): string {
    return this.transport.path;
  }

  /** Sends a CDB; never throws for a SCSI or transport failure. */
  async command(
    cdb: Uint8Array,
    length: number,
    direction: DataDirection = "in",
    timeoutMs = 50000,
    buffer?: Uint8Array,
  ): Promise<CommandOutcome> {
    const data = buffer ?? new Uint8Array(length);
    const t0 = this.#now();
    this.commands++;
    let message = "";
    try {
      const r = await this.transport.execute(
        cdb,
        length === 0 ? "none" : direction,
        length === 0 ? null : data,
        timeoutMs,
      );
      const durationMs = r.durationMs ?? this.#now() - t0;
      const sense = r.sense.length ? parseSense(r.sense) : null;
      const ok = r.transportError === 0 && r.status === 0;
      if (!ok) {
        message = r.transportError
          ? r.transportMessage ?? `transport error ${r.transportError}`
          : sense
          ? `SCSI error (sense ${sense.key.toString(16).padStart(2, "0")}/${
            sense.asc.toString(16).padStart(2, "0")
          }/${sense.ascq.toString(16).padStart(2, "0")})`
          : `SCSI status 0x${r.status.toString(16)}`;
      }
      return { ok, data, sense, durationMs, message, transferred: r.transferred };
    } catch (e) {
      return {
        ok: false,
        data,
        sense: null,
        durationMs: this.#now() - t0,
        message: e instanceof Error ? e.message : String(e),
        transferred: 0,
      };
    }
  }

  /** TEST UNIT READY. */
  async testUnitReady(): Promise<CommandOutcome> {
    return await this.command(testUnitReadyCdb(), 0);
  }

  /** INQUIRY: vendor, product, revision, vendor-specific bytes. */
  async inquiry(): Promise<
    { vendor: string; product: string; revision: string; vendorSpecific: string } | null
  > {
    const r = await this.command(inquiryCdb(96), 96);
    if (!r.ok) return null;
    const i = parseInquiry(r.data);
    return {
      vendor: i.vendor,
      product: i.product,
      revision: i.revision,
      vendorSpecific: i.vendorSpecific,
    };
  }

  /**
   * READ TOC/PMA/ATIP `format` (0 TOC, 2 full TOC, 3 PMA, 4 ATIP, 5 CD-TEXT), re-issued with the
   * length from the header; null when the drive refuses. The format is set in byte 2 and, for
   * formats 0–2, byte 9 bits 7–6.
   */
  async readToc(format: number, trackOrSession = 1, msf = false): Promise<Uint8Array | null> {
    const cdb = (alloc: number): Uint8Array =>
      readTocCdb(format, { msf, trackOrSession, allocation: alloc });
    let r = await this.command(cdb(4096), 4096);
    if (!r.ok) return null;
    const len = ((r.data[0] << 8) | r.data[1]) + 2;
    if (len > 4096) {
      r = await this.command(cdb(Math.min(len, 0xffff)), Math.min(len, 0xffff));
      if (!r.ok) return null;
    }
    return r.data.slice(0, Math.min(len, r.data.length));
  }

  /** READ CD of `count` sectors into `buffer` (sized by the caller). */
  async readCd(
    lba: number,
    count: number,
    request: ReadCdRequest,
    buffer: Uint8Array,
  ): Promise<CommandOutcome> {
    return await this.command(
      dumpReadCdCdb(lba, count, request),
      buffer.length,
      "in",
      50000,
      buffer,
    );
  }

  /** PLEXTOR READ CDDA of `count` sectors with `subcode` into `buffer`. */
  async readCdda(
    lba: number,
    count: number,
    subcode: PlextorSubcode,
    buffer: Uint8Array,
  ): Promise<CommandOutcome> {
    return await this.command(
      plextorReadCddaCdb(lba, count, subcode),
      buffer.length,
      "in",
      50000,
      buffer,
    );
  }

  /** Flushes the drive's read cache: READ(12) with FUA and transfer length 0 at `lba`. */
  async flushCache(lba: number): Promise<CommandOutcome> {
    return await this.command(read12Cdb(lba, 0, { fua: true }), 0);
  }

  /** SET CD SPEED: `multiplier` × 176.4 KB/s, or 0xFFFF (optimal) when undefined. */
  async setSpeed(multiplier?: number): Promise<CommandOutcome> {
    const kbps = multiplier === undefined
      ? 0xffff
      : Math.min(0xffff, Math.ceil(multiplier * 176.4));
    return await this.command(setCdSpeedCdb(kbps, 0xffff), 0);
  }

  /** MediaTek READ CACHE (0xF1): `size` bytes of drive cache from `offset`. */
  async readCache(offset: number, size: number): Promise<CommandOutcome> {
    return await this.command(mediatekReadCacheCdb(offset, size), size);
  }
}
