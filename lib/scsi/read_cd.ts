// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * READ CD (0xBE) and READ CD MSF (0xB9): every expected-sector-type, header, C2 and subchannel
 * selection, and the number of bytes a drive returns for each.
 *
 * @module
 */
import { put24, put32 } from "./bytes.ts";
import { Op } from "./opcodes.ts";

/** Expected sector type (byte 1 bits 4–2). */
export type SectorType = "any" | "cdda" | "mode1" | "mode2" | "mode2form1" | "mode2form2";
/** Header codes (byte 9 bits 6–5): none, 4-byte header, 8-byte subheader, both. */
export type HeaderCode = "none" | "header" | "subheader" | "all";
/** Error field (byte 9 bits 2–1): none, C2 pointers (294 bytes), C2 + block error byte (296). */
export type C2Mode = "none" | "c2" | "c2-beb";
/** Subchannel selection (byte 10 bits 2–0): raw interleaved P–W (96), formatted Q (16), R–W (96). */
export type SubchannelMode = "none" | "raw" | "q" | "rw";

/** The fields of a READ CD request. */
export interface ReadCdFields {
  /** Expected sector type; the drive rejects other sectors (default any). */
  sectorType?: SectorType;
  /** Digital audio play (DAP) bit: error-conceal audio. */
  dap?: boolean;
  /** Return the 12-byte sync pattern. */
  sync?: boolean;
  /** Header/subheader selection. */
  header?: HeaderCode;
  /** Return user data. */
  userData?: boolean;
  /** Return EDC/ECC. */
  edcEcc?: boolean;
  /** Return C2 error pointers. */
  c2?: C2Mode;
  /** Return subchannel data. */
  subchannel?: SubchannelMode;
}

const SECTOR_TYPE: Record<SectorType, number> = {
  any: 0,
  cdda: 1,
  mode1: 2,
  mode2: 3,
  mode2form1: 4,
  mode2form2: 5,
};
const HEADER: Record<HeaderCode, number> = { none: 0, header: 1, subheader: 2, all: 3 };
const C2: Record<C2Mode, number> = { none: 0, c2: 1, "c2-beb": 2 };
const SUB: Record<SubchannelMode, number> = { none: 0, raw: 1, q: 2, rw: 4 };

/** Common presets. `raw` = all 2352 bytes (byte 9 0xF8); `user` = 2048 user bytes (0x10). */
export const READ_CD_PRESETS: Record<string, ReadCdFields> = {
  raw: { sync: true, header: "all", userData: true, edcEcc: true },
  user: { userData: true },
  cdda: { sectorType: "cdda", userData: true },
};

function byte9(f: ReadCdFields): number {
  return (f.sync ? 0x80 : 0) | (HEADER[f.header ?? "none"] << 5) | (f.userData ? 0x10 : 0) |
    (f.edcEcc ? 0x08 : 0) | (C2[f.c2 ?? "none"] << 1);
}

/**
 * READ CD: `count` sectors from `lba` (signed: negative LBAs reach the lead-in on some drives).
 *
 * @example redumper's "all types + C2 + raw subchannel" request
 * ```ts
 * import { readCdCdb } from "./read_cd.ts";
 * const c = readCdCdb(16, 1, { sync: true, header: "all", userData: true, edcEcc: true,
 *   c2: "c2", subchannel: "raw" });
 * if (c.join(",") !== "190,0,0,0,0,16,0,0,1,250,1,0") throw new Error(c.join(","));
 * ```
 */
export function readCdCdb(lba: number, count: number, fields: ReadCdFields): Uint8Array {
  if (count < 0 || count > 0xffffff) throw new RangeError(`READ CD count ${count} out of range`);
  const c = new Uint8Array(12);
  c[0] = Op.READ_CD;
  c[1] = (SECTOR_TYPE[fields.sectorType ?? "any"] << 2) | (fields.dap ? 0x02 : 0);
  put32(c, 2, lba);
  put24(c, 6, count);
  c[9] = byte9(fields);
  c[10] = SUB[fields.subchannel ?? "none"];
  return c;
}

/** An MSF address (binary minutes, seconds, frames). */
export interface Msf {
  /** Minutes. */
  m: number;
  /** Seconds (0–59). */
  s: number;
  /** Frames (0–74). */
  f: number;
}

/**
 * LBA → MSF as MMC addresses it (LBA 0 = 00:02:00; negative LBAs from 90:00:00 upwards).
 *
 * @example Usage
 * ```ts
 * import { lbaToMsf } from "./read_cd.ts";
 * const m = lbaToMsf(16);
 * if (m.m !== 0 || m.s !== 2 || m.f !== 16) throw new Error("unexpected");
 * ```
 */
export function lbaToMsf(lba: number): Msf {
  let v = lba + 150;
  if (lba < -150) v = lba + 450150;
  return { m: Math.floor(v / 4500), s: Math.floor(v / 75) % 60, f: v % 75 };
}

/** MSF → LBA (inverse of {@linkcode lbaToMsf}; minutes ≥ 90 are negative LBAs). */
export function msfToLba(msf: Msf): number {
  const v = (msf.m * 60 + msf.s) * 75 + msf.f;
  return msf.m >= 90 ? v - 450150 : v - 150;
}

/** READ CD MSF: sectors from `start` up to (not including) `end`. */
export function readCdMsfCdb(start: Msf, end: Msf, fields: ReadCdFields): Uint8Array {
  const c = new Uint8Array(12);
  c[0] = Op.READ_CD_MSF;
  c[1] = (SECTOR_TYPE[fields.sectorType ?? "any"] << 2) | (fields.dap ? 0x02 : 0);
  c[3] = start.m;
  c[4] = start.s;
  c[5] = start.f;
  c[6] = end.m;
  c[7] = end.s;
  c[8] = end.f;
  c[9] = byte9(fields);
  c[10] = SUB[fields.subchannel ?? "none"];
  return c;
}

/** The layout of a sector as a drive reads it. */
export type SectorKind = "cdda" | "mode0" | "mode1" | "mode2" | "mode2form1" | "mode2form2";

/**
 * Bytes a drive returns per sector for `fields` on a sector of `kind` (MMC table "READ CD,
 * number of bytes returned"). On CD-DA every main-channel selection yields the 2352 audio bytes.
 *
 * @example Usage
 * ```ts
 * import { readCdSectorSize } from "./read_cd.ts";
 * if (readCdSectorSize({ userData: true }, "mode1") !== 2048) throw new Error("user");
 * if (readCdSectorSize({ sync: true, header: "all", userData: true, edcEcc: true, c2: "c2",
 *   subchannel: "raw" }, "cdda") !== 2742) throw new Error("raw");
 * ```
 */
export function readCdSectorSize(fields: ReadCdFields, kind: SectorKind = "mode1"): number {
  let main = 0;
  const header = fields.header ?? "none";
  const anyMain = fields.sync || header !== "none" || fields.userData || fields.edcEcc;
  if (kind === "cdda") {
    main = anyMain ? 2352 : 0;
  } else {
    const form = kind === "mode2form1" || kind === "mode2form2";
    if (fields.sync) main += 12;
    if (header === "header" || header === "all") main += 4;
    if ((header === "subheader" || header === "all") && form) main += 8;
    if (fields.userData) {
      main += kind === "mode1"
        ? 2048
        : kind === "mode2form1"
        ? 2048
        : kind === "mode2form2"
        ? 2324
        : 2336;
    }
    if (fields.edcEcc) {
      main += kind === "mode1" ? 288 : kind === "mode2form1" ? 280 : kind === "mode2form2" ? 4 : 0;
    }
  }
  const c2 = fields.c2 === "c2" ? 294 : fields.c2 === "c2-beb" ? 296 : 0;
  const sub = fields.subchannel === "q"
    ? 16
    : fields.subchannel && fields.subchannel !== "none"
    ? 96
    : 0;
  return main + c2 + sub;
}

/** PLEXTOR READ CDDA (0xD8) sub-codes: 0 = 2352, 1 = 2352+Q16, 2 = 2352+96, 3 = 96 only, 8 = 2352+294+96. */
export type PlextorSubcode = 0 | 1 | 2 | 3 | 8;

/** Bytes per sector for a PLEXTOR READ CDDA sub-code. */
export function plextorSectorSize(subcode: PlextorSubcode): number {
  return { 0: 2352, 1: 2368, 2: 2448, 3: 96, 8: 2742 }[subcode];
}

/**
 * PLEXTOR READ CDDA (0xD8): `count` sectors from a signed `lba` (negative reaches the lead-in).
 *
 * @example Usage
 * ```ts
 * import { plextorReadCddaCdb } from "./read_cd.ts";
 * const c = plextorReadCddaCdb(-75, 1, 8);
 * if (c.join(",") !== "216,0,255,255,255,181,0,0,0,1,8,0") throw new Error(c.join(","));
 * ```
 */
export function plextorReadCddaCdb(
  lba: number,
  count: number,
  subcode: PlextorSubcode,
): Uint8Array {
  const c = new Uint8Array(12);
  c[0] = Op.PLEXTOR_READ_CDDA;
  put32(c, 2, lba);
  put32(c, 6, count);
  c[10] = subcode;
  return c;
}

/** MediaTek READ CACHE (0xF1, `F1 06 <offset BE32> <size BE32>`): raw drive cache bytes. */
export function mediatekReadCacheCdb(offset: number, size: number): Uint8Array {
  const c = new Uint8Array(10);
  c[0] = Op.MEDIATEK_READ_CACHE;
  c[1] = 0x06;
  put32(c, 2, offset);
  put32(c, 6, size);
  return c;
}
