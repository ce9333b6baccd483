// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Building and checking 2352-byte CD-ROM data sectors: sync, BCD MSF header, mode, Mode 2 XA
 * subheaders, EDC and ECC (ECMA-130 §14; CD-ROM XA).
 *
 * @module
 */
import { CD_DATA_SIZE, CD_SYNC } from "./constants.ts";
import { checkEcc, writeEcc } from "./ecc.ts";
import { edc } from "./edc.ts";
import { fromBcd, lbaToMsf, msfToLba, toBcd } from "./msf.ts";

/** Sector layouts. */
export type SectorMode = "mode0" | "mode1" | "mode2" | "mode2form1" | "mode2form2";

/** Writes sync + BCD MSF header + mode byte for `lba`. */
export function writeHeader(sector: Uint8Array, lba: number, mode: number): void {
  sector.set(CD_SYNC, 0);
  const msf = lbaToMsf(lba);
  sector[12] = toBcd(msf.m % 100);
  sector[13] = toBcd(msf.s);
  sector[14] = toBcd(msf.f);
  sector[15] = mode;
}

/** The LBA in a sector's BCD header, or NaN when the header is not BCD. */
export function headerLba(sector: Uint8Array): number {
  const m = fromBcd(sector[12]), s = fromBcd(sector[13]), f = fromBcd(sector[14]);
  if (Number.isNaN(m + s + f)) return NaN;
  return msfToLba({ m, s, f });
}

/** Whether the first 12 bytes are the sync pattern. */
export function hasSync(sector: Uint8Array, offset = 0): boolean {
  for (let i = 0; i < 12; i++) if (sector[offset + i] !== CD_SYNC[i]) return false;
  return true;
}

/** Options for {@linkcode buildDataSector}. */
export interface BuildSectorOptions {
  /** XA subheader bytes (file, channel, submode, coding); submode bit 5 selects form 2. */
  subheader?: [number, number, number, number];
}

/**
 * Builds a complete, unscrambled 2352-byte data sector with correct EDC/ECC.
 * `data` is 2048 bytes (mode1, mode2form1), 2324 (mode2form2) or 2336 (mode0, mode2).
 *
 * @example A Mode 1 sector verifies
 * ```ts
 * import { buildDataSector, checkDataSector } from "./sector.ts";
 * const s = buildDataSector(16, "mode1", new Uint8Array(2048).fill(0x41));
 * const r = checkDataSector(s);
 * if (r.mode !== "mode1" || !r.edcOk || !r.eccOk || r.lba !== 16) throw new Error();
 * ```
 */
export function buildDataSector(
  lba: number,
  mode: SectorMode,
  data: Uint8Array,
  options: BuildSectorOptions = {},
): Uint8Array {
  const s = new Uint8Array(CD_DATA_SIZE);
  switch (mode) {
    case "mode0":
      writeHeader(s, lba, 0);
      break;
    case "mode1": {
      writeHeader(s, lba, 1);
      s.set(data.subarray(0, 2048), 16);
      const e = edc(s, 0, 2064);
      new DataView(s.buffer).setUint32(2064, e, true);
      writeEcc(s);
      break;
    }
    case "mode2":
      writeHeader(s, lba, 2);
      s.set(data.subarray(0, 2336), 16);
      break;
    case "mode2form1":
    case "mode2form2": {
      writeHeader(s, lba, 2);
      const form2 = mode === "mode2form2";
      const sh = options.subheader ?? [0, 0, form2 ? 0x20 : 0x08, 0];
      const sub = [sh[0], sh[1], form2 ? sh[2] | 0x20 : sh[2] & ~0x20, sh[3]];
      s.set(sub, 16);
      s.set(sub, 20);
      if (form2) {
        s.set(data.subarray(0, 2324), 24);
        new DataView(s.buffer).setUint32(2348, edc(s, 16, 2348), true);
      } else {
        s.set(data.subarray(0, 2048), 24);
        new DataView(s.buffer).setUint32(2072, edc(s, 16, 2072), true);
        writeEcc(s, true);
      }
      break;
    }
  }
  return s;
}

/** What {@linkcode checkDataSector} finds. */
export interface SectorCheck {
  /** Detected layout, or null when there is no sync or the mode byte is unknown. */
  mode: SectorMode | null;
  /** LBA from the header (NaN when not BCD). */
  lba: number;
  /** EDC matches (true for mode0/mode2 formless, which have none; form 2 with EDC 0 counts as ok). */
  edcOk: boolean;
  /** ECC matches (true where the layout has none). */
  eccOk: boolean;
}

/** Checks sync, header, EDC and ECC of an unscrambled 2352-byte data sector. */
export function checkDataSector(s: Uint8Array): SectorCheck {
  const lba = headerLba(s);
  if (!hasSync(s)) return { mode: null, lba, edcOk: false, eccOk: false };
  const dv = new DataView(s.buffer, s.byteOffset, s.byteLength);
  switch (s[15]) {
    case 0:
      return { mode: "mode0", lba, edcOk: true, eccOk: true };
    case 1:
      return {
        mode: "mode1",
        lba,
        edcOk: edc(s, 0, 2064) === dv.getUint32(2064, true),
        eccOk: checkEcc(s),
      };
    case 2: {
      // XA when both subheader copies agree; form from submode bit 5.
      const xa = s[16] === s[20] && s[17] === s[21] && s[18] === s[22] && s[19] === s[23];
      if (!xa) return { mode: "mode2", lba, edcOk: true, eccOk: true };
      if (s[18] & 0x20) {
        const stored = dv.getUint32(2348, true);
        return {
          mode: "mode2form2",
          lba,
          edcOk: stored === 0 || stored === edc(s, 16, 2348),
          eccOk: true,
        };
      }
      return {
        mode: "mode2form1",
        lba,
        edcOk: edc(s, 16, 2072) === dv.getUint32(2072, true),
        eccOk: checkEcc(s, true),
      };
    }
    default:
      return { mode: null, lba, edcOk: false, eccOk: false };
  }
}
