// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * CDB builders for MMC information commands: READ TOC/PMA/ATIP, GET CONFIGURATION, MODE SENSE(10),
 * READ DISC INFORMATION, READ TRACK INFORMATION, READ DISC STRUCTURE, SET CD SPEED and GET EVENT
 * STATUS NOTIFICATION.
 *
 * @module
 */
import { put16, put32 } from "./bytes.ts";
import { Op } from "./opcodes.ts";

/** READ TOC/PMA/ATIP formats. */
export const TocFormat = {
  TOC: 0,
  SESSION_INFO: 1,
  FULL_TOC: 2,
  PMA: 3,
  ATIP: 4,
  CD_TEXT: 5,
} as const;

/** Options for {@linkcode readTocCdb}. */
export interface ReadTocOptions {
  /** Addresses as MSF instead of LBA (MSF bit). */
  msf?: boolean;
  /** Starting track (format 0) or session (format 2). */
  trackOrSession?: number;
  /** Allocation length (default 4). */
  allocation?: number;
}

/**
 * READ TOC/PMA/ATIP. The format goes into byte 2 (MMC) and, for formats 0–2, also into byte 9 bits
 * 7–6 (SFF-8020, which QEMU's ATAPI drive and older drives read); formats 3–5 leave byte 9 zero
 * since two bits cannot hold them.
 *
 * @example Full TOC
 * ```ts
 * import { readTocCdb } from "./cdb_mmc.ts";
 * const c = readTocCdb(2, { msf: true, trackOrSession: 1, allocation: 804 });
 * if (c.join(",") !== "67,2,2,0,0,0,1,3,36,128") throw new Error(c.join(","));
 * ```
 */
export function readTocCdb(format: number, options: ReadTocOptions = {}): Uint8Array {
  if (format < 0 || format > 5) throw new RangeError(`READ TOC format ${format} out of range`);
  const c = new Uint8Array(10);
  c[0] = Op.READ_TOC;
  c[1] = options.msf ? 0x02 : 0;
  c[2] = format;
  c[6] = options.trackOrSession ?? 0;
  put16(c, 7, options.allocation ?? 4);
  c[9] = format <= 2 ? format << 6 : 0;
  return c;
}

/** GET CONFIGURATION request types. */
export type ConfigurationRequest = "all" | "current" | "one";

/** GET CONFIGURATION: RT 0 (all), 1 (current) or 2 (one feature) from `startingFeature`. */
export function getConfigurationCdb(
  request: ConfigurationRequest = "all",
  startingFeature = 0,
  allocation = 8,
): Uint8Array {
  const c = new Uint8Array(10);
  c[0] = Op.GET_CONFIGURATION;
  c[1] = request === "all" ? 0 : request === "current" ? 1 : 2;
  put16(c, 2, startingFeature);
  put16(c, 7, allocation);
  return c;
}

/** MODE SENSE page control: current, changeable, default or saved values. */
export type PageControl = "current" | "changeable" | "default" | "saved";

/**
 * MODE SENSE(10) with DBD set (no block descriptors).
 *
 * @example Page 0x2A
 * ```ts
 * import { modeSense10Cdb } from "./cdb_mmc.ts";
 * const c = modeSense10Cdb(0x2a, 256);
 * if (c.join(",") !== "90,8,42,0,0,0,0,1,0,0") throw new Error(c.join(","));
 * ```
 */
export function modeSense10Cdb(
  page: number,
  allocation = 8,
  control: PageControl = "current",
  subpage = 0,
): Uint8Array {
  const c = new Uint8Array(10);
  c[0] = Op.MODE_SENSE_10;
  c[1] = 0x08;
  const pc = { current: 0, changeable: 1, default: 2, saved: 3 }[control];
  c[2] = (pc << 6) | (page & 0x3f);
  c[3] = subpage;
  put16(c, 7, allocation);
  return c;
}

/** READ DISC INFORMATION (data type 0 = standard disc information). */
export function readDiscInformationCdb(allocation = 34, dataType = 0): Uint8Array {
  const c = new Uint8Array(10);
  c[0] = Op.READ_DISC_INFORMATION;
  c[1] = dataType & 7;
  put16(c, 7, allocation);
  return c;
}

/** How READ TRACK INFORMATION addresses a track. */
export type TrackAddressType = "lba" | "track" | "session";

/** READ TRACK INFORMATION for the track holding an LBA, a track number or a session's first track. */
export function readTrackInformationCdb(
  address: number,
  type: TrackAddressType = "track",
  allocation = 48,
): Uint8Array {
  const c = new Uint8Array(10);
  c[0] = Op.READ_TRACK_INFORMATION;
  c[1] = type === "lba" ? 0 : type === "track" ? 1 : 2;
  put32(c, 2, address);
  put16(c, 7, allocation);
  return c;
}

/** Options for {@linkcode readDiscStructureCdb}. */
export interface DiscStructureOptions {
  /** Media type: 0 DVD/HD DVD, 1 BD. */
  mediaType?: number;
  /** Address field. */
  address?: number;
  /** Layer number. */
  layer?: number;
  /** Authentication grant ID (bits 7–6 of byte 10). */
  agid?: number;
  /** Allocation length (default 4). */
  allocation?: number;
}

/** READ DISC STRUCTURE (format 0x00 physical, 0x01 copyright, 0x03 BCA, 0x04 manufacturer, 0xFF list). */
export function readDiscStructureCdb(
  format: number,
  options: DiscStructureOptions = {},
): Uint8Array {
  const c = new Uint8Array(12);
  c[0] = Op.READ_DISC_STRUCTURE;
  c[1] = (options.mediaType ?? 0) & 0x0f;
  put32(c, 2, options.address ?? 0);
  c[6] = options.layer ?? 0;
  c[7] = format;
  put16(c, 8, options.allocation ?? 4);
  c[10] = ((options.agid ?? 0) & 3) << 6;
  return c;
}

/** SET CD SPEED: read speed in kB/s (0xFFFF = maximum/optimal), write speed likewise. */
export function setCdSpeedCdb(readKBps = 0xffff, writeKBps = 0xffff, rotation = 0): Uint8Array {
  const c = new Uint8Array(12);
  c[0] = Op.SET_CD_SPEED;
  c[1] = rotation & 3;
  put16(c, 2, Math.min(Math.max(0, Math.round(readKBps)), 0xffff));
  put16(c, 4, Math.min(Math.max(0, Math.round(writeKBps)), 0xffff));
  return c;
}

/** The CD speed multiplier in kB/s (1x = 176.4 kB/s, rounded up as drives expect). */
export function cdSpeedKBps(multiplier: number): number {
  return Math.ceil(multiplier * 176.4);
}

/** Event notification classes for GET EVENT STATUS NOTIFICATION (bit numbers). */
export const EventClass = {
  OPERATIONAL_CHANGE: 1,
  POWER_MANAGEMENT: 2,
  EXTERNAL_REQUEST: 3,
  MEDIA: 4,
  MULTI_HOST: 5,
  DEVICE_BUSY: 6,
} as const;

/** GET EVENT STATUS NOTIFICATION, polled, for the given classes (default: media). */
export function getEventStatusCdb(
  classes: number[] = [EventClass.MEDIA],
  allocation = 8,
): Uint8Array {
  const c = new Uint8Array(10);
  c[0] = Op.GET_EVENT_STATUS_NOTIFICATION;
  c[1] = 1;
  c[4] = classes.reduce((m, k) => m | (1 << k), 0);
  put16(c, 7, allocation);
  return c;
}
