// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * READ DISC INFORMATION, READ TRACK INFORMATION and GET EVENT STATUS NOTIFICATION responses.
 *
 * @module
 */
import { be16, be32, be32s } from "./bytes.ts";

/** Standard disc information (data type 0). */
export interface DiscInformation {
  /** Response length (data length field + 2). */
  length: number;
  /** Erasable (CD-RW, DVD±RW…). */
  erasable: boolean;
  /** State of the last session: empty, incomplete, damaged, complete. */
  lastSessionState: string;
  /** Disc status: empty, incomplete, finalized, other. */
  discStatus: string;
  /** First track number on the disc. */
  firstTrack: number;
  /** Number of sessions. */
  sessions: number;
  /** First track in the last session. */
  firstTrackLastSession: number;
  /** Last track in the last session. */
  lastTrackLastSession: number;
  /** Unrestricted use (URU). */
  unrestrictedUse: boolean;
  /** Disc type: CD-DA/CD-ROM, CD-I, CD-ROM XA, undefined. */
  discType: string;
  /** Disc identification when valid (DID_V), else null. */
  discId: number | null;
  /** Last session lead-in start (LBA as the drive reports it, MSF fields combined). */
  lastSessionLeadIn: number;
  /** Last possible lead-out start. */
  lastPossibleLeadOut: number;
}

const SESSION_STATE = ["empty", "incomplete", "damaged", "complete"];
const DISC_STATUS = ["empty", "incomplete", "finalized", "other"];

/**
 * Decodes READ DISC INFORMATION (standard).
 *
 * @example QEMU: complete single-session disc
 * ```ts
 * import { parseDiscInformation } from "./disc_info.ts";
 * const b = new Uint8Array(34);
 * b.set([0, 32, 0x0e, 1, 1, 1, 1, 0x20, 0]);
 * const d = parseDiscInformation(b);
 * if (d.discStatus !== "finalized" || d.sessions !== 1 || d.discType !== "CD-DA or CD-ROM") throw new Error();
 * ```
 */
export function parseDiscInformation(b: Uint8Array): DiscInformation {
  if (b.length < 12) throw new RangeError(`disc information too short (${b.length} bytes)`);
  const types: Record<number, string> = {
    0x00: "CD-DA or CD-ROM",
    0x10: "CD-I",
    0x20: "CD-ROM XA",
    0xff: "undefined",
  };
  return {
    length: be16(b, 0) + 2,
    erasable: (b[2] & 0x10) !== 0,
    lastSessionState: SESSION_STATE[(b[2] >> 2) & 3],
    discStatus: DISC_STATUS[b[2] & 3],
    firstTrack: b[3],
    sessions: (b[9] << 8) | b[4],
    firstTrackLastSession: (b[10] << 8) | b[5],
    lastTrackLastSession: (b[11] << 8) | b[6],
    unrestrictedUse: (b[7] & 0x20) !== 0,
    discType: types[b[8]] ?? `0x${b[8].toString(16)}`,
    discId: (b[7] & 0x80) && b.length >= 16 ? be32(b, 12) : null,
    lastSessionLeadIn: b.length >= 20 ? be32s(b, 16) : 0,
    lastPossibleLeadOut: b.length >= 24 ? be32s(b, 20) : 0,
  };
}

/** READ TRACK INFORMATION response. */
export interface TrackInformation {
  /** Track number. */
  track: number;
  /** Session number. */
  session: number;
  /** Damage bit. */
  damage: boolean;
  /** Copy bit. */
  copy: boolean;
  /** Track mode (CONTROL nibble). */
  trackMode: number;
  /** Reserved track. */
  reserved: boolean;
  /** Blank track. */
  blank: boolean;
  /** Packet/incremental. */
  packet: boolean;
  /** Fixed packet. */
  fixedPacket: boolean;
  /** Data mode (1 = Mode 1, 2 = Mode 2, 0xF = unknown). */
  dataMode: number;
  /** Track start LBA. */
  start: number;
  /** Next writable address when valid, else null. */
  nextWritable: number | null;
  /** Free blocks. */
  freeBlocks: number;
  /** Fixed packet size. */
  fixedPacketSize: number;
  /** Track size in blocks. */
  size: number;
  /** Last recorded address when valid, else null. */
  lastRecorded: number | null;
}

/** Decodes READ TRACK INFORMATION. */
export function parseTrackInformation(b: Uint8Array): TrackInformation {
  if (b.length < 28) throw new RangeError(`track information too short (${b.length} bytes)`);
  return {
    track: ((b[32] ?? 0) << 8) | b[2],
    session: ((b[33] ?? 0) << 8) | b[3],
    damage: (b[5] & 0x20) !== 0,
    copy: (b[5] & 0x10) !== 0,
    trackMode: b[5] & 0x0f,
    reserved: (b[6] & 0x80) !== 0,
    blank: (b[6] & 0x40) !== 0,
    packet: (b[6] & 0x20) !== 0,
    fixedPacket: (b[6] & 0x10) !== 0,
    dataMode: b[6] & 0x0f,
    start: be32s(b, 8),
    nextWritable: b[7] & 1 ? be32s(b, 12) : null,
    freeBlocks: be32(b, 16),
    fixedPacketSize: be32(b, 20),
    size: be32(b, 24),
    lastRecorded: b[7] & 2 && b.length >= 32 ? be32s(b, 28) : null,
  };
}

/** A GET EVENT STATUS NOTIFICATION response. */
export interface EventStatus {
  /** No event available (NEA). */
  noEventAvailable: boolean;
  /** Notification class of the returned event (4 = media). */
  notificationClass: number;
  /** Bit mask of supported classes. */
  supportedClasses: number;
  /** Media event code (class 4): 0 none, 1 eject request, 2 new media, 3 media removal, 4 media changed. */
  mediaEvent: number | null;
  /** Media present (class 4). */
  mediaPresent: boolean | null;
  /** Door or tray open (class 4). */
  trayOpen: boolean | null;
}

/**
 * Decodes GET EVENT STATUS NOTIFICATION.
 *
 * @example QEMU: media present
 * ```ts
 * import { parseEventStatus } from "./disc_info.ts";
 * const e = parseEventStatus(new Uint8Array([0, 4, 4, 0x10, 0, 2, 0, 0]));
 * if (e.mediaPresent !== true || e.trayOpen !== false) throw new Error();
 * ```
 */
export function parseEventStatus(b: Uint8Array): EventStatus {
  const len = be16(b, 0);
  const cls = b[2] & 0x07;
  const media = cls === 4 && len >= 4 && b.length >= 8;
  return {
    noEventAvailable: (b[2] & 0x80) !== 0,
    notificationClass: cls,
    supportedClasses: b[3] ?? 0,
    mediaEvent: media ? b[4] & 0x0f : null,
    mediaPresent: media ? (b[5] & 0x02) !== 0 : null,
    trayOpen: media ? (b[5] & 0x01) !== 0 : null,
  };
}
