// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * LibCrypt (PlayStation) detection from raw subchannel Q, with redumper's rule: the key is stored
 * as Q frames with a bad CRC at 16 fixed LBAs (a base set and a backup set, each mirrored 5
 * sectors later). A disc has LibCrypt when exactly 8 base bits are set and at least one of the
 * three copies carries the same 8 bits, or when exactly 6 base bits are set (Net Yaroze discs).
 * Detected frames are printed as redump `.sbi`-style lines.
 *
 * @module
 */
import { crc16Gsm } from "../crc16.ts";
import { formatMsf, lbaToMsf } from "../msf.ts";
import type { QChannel } from "../split/subq.ts";

/** LBAs of the 16 base key bits. */
export const LIBCRYPT_BASE: readonly number[] = [
  13955,
  14081,
  14335,
  14429,
  14499,
  14749,
  14906,
  14980,
  15092,
  15162,
  15228,
  15478,
  15769,
  15881,
  15951,
  16017,
];

/** LBAs of the 16 backup key bits. */
export const LIBCRYPT_BACKUP: readonly number[] = [
  41895,
  42016,
  42282,
  42430,
  42521,
  42663,
  42862,
  43027,
  43139,
  43204,
  43258,
  43484,
  43813,
  43904,
  44009,
  44162,
];

/** Distance of the mirror copies. */
export const LIBCRYPT_MIRROR_SHIFT = 5;

/** What {@linkcode detectLibCrypt} found. */
export interface LibCryptResult {
  /** Whether the disc carries a LibCrypt key. */
  detected: boolean;
  /** LBAs of the key's modified Q frames (sorted), empty when not detected. */
  sectors: number[];
  /** One redump-style line per sector: `MSF: 03:08:05 Q-Data: 410101 …`. */
  sbiLines: string[];
}

const hex2 = (v: number): string => v.toString(16).toUpperCase().padStart(2, "0");

/**
 * redumper's Q print: `MSF: mm:ss:ff Q-Data: CA TT II mm:ss:ff ZZ mm:ss:ff CRC` with the control
 * and ADR nibbles, track, index, relative MSF, zero, absolute MSF and the CRC in hex.
 *
 * @example Usage
 * ```ts
 * import { sbiLine } from "./libcrypt.ts";
 * const q = new Uint8Array([0x41, 1, 1, 3, 6, 5, 0, 3, 8, 5, 0xab, 0xcd]);
 * if (sbiLine(13955, q, 0) !== "MSF: 03:08:05 Q-Data: 410101 03:06:05 00 03:08:05 ABCD") throw new Error();
 * ```
 */
export function sbiLine(lba: number, q: Uint8Array, o: number): string {
  const b = (i: number): string => hex2(q[o + i]);
  return `MSF: ${formatMsf(lbaToMsf(lba))} Q-Data: ${(q[o] >> 4).toString(16).toUpperCase()}${
    (q[o] & 0xf).toString(16).toUpperCase()
  }${b(1)}${b(2)} ${b(3)}:${b(4)}:${b(5)} ${b(6)} ${b(7)}:${b(8)}:${b(9)} ${b(10)}${b(11)}`;
}

function crcBad(ch: QChannel, lba: number): boolean {
  const r = lba - ch.firstLba;
  if (r < 0 || r >= ch.count) return false;
  const o = r * 12, c = crc16Gsm(ch.q, o, o + 10);
  return ch.q[o + 10] !== c >> 8 || ch.q[o + 11] !== (c & 0xff);
}

/**
 * Detects LibCrypt in raw (uncorrected) Q.
 *
 * @example Usage
 * ```ts
 * import { detectLibCrypt } from "./libcrypt.ts";
 * const ch = { firstLba: -150, count: 10, q: new Uint8Array(120), valid: new Uint8Array(10), empty: new Uint8Array(10) };
 * if (detectLibCrypt(ch).detected) throw new Error("too short for a key");
 * ```
 */
export function detectLibCrypt(ch: QChannel): LibCryptResult {
  const key = (lbas: readonly number[], shift: number): boolean[] =>
    lbas.map((l) => crcBad(ch, l + shift));
  const base = key(LIBCRYPT_BASE, 0);
  const and = (a: boolean[], b: boolean[]): boolean[] => a.map((v, i) => v && b[i]);
  const count = (a: boolean[]): number => a.filter((v) => v).length;
  // Copies only count where the base has the bit (filters stray Q errors in the copies).
  const baseMirror = and(base, key(LIBCRYPT_BASE, LIBCRYPT_MIRROR_SHIFT));
  const backup = and(base, key(LIBCRYPT_BACKUP, 0));
  const backupMirror = and(base, key(LIBCRYPT_BACKUP, LIBCRYPT_MIRROR_SHIFT));
  const mirrorOk = count(baseMirror) === 8;
  const backupOk = count(backup) === 8;
  const backupMirrorOk = count(backupMirror) === 8;
  // And the base with every complete copy (filters stray Q errors in the base).
  let b = base;
  if (mirrorOk) b = and(baseMirror, b);
  if (backupOk) b = and(backup, b);
  if (backupMirrorOk) b = and(backupMirror, b);
  const n = count(b);
  const sectors = new Set<number>();
  if ((n === 8 && (mirrorOk || backupOk || backupMirrorOk)) || n === 6) {
    b.forEach((v, i) => {
      if (!v) return;
      sectors.add(LIBCRYPT_BASE[i]);
      if (mirrorOk) sectors.add(LIBCRYPT_BASE[i] + LIBCRYPT_MIRROR_SHIFT);
      if (backupOk) sectors.add(LIBCRYPT_BACKUP[i]);
      if (backupMirrorOk) sectors.add(LIBCRYPT_BACKUP[i] + LIBCRYPT_MIRROR_SHIFT);
    });
  }
  const list = [...sectors].sort((x, y) => x - y);
  return {
    detected: list.length > 0,
    sectors: list,
    sbiLines: list.map((l) => sbiLine(l, ch.q, (l - ch.firstLba) * 12)),
  };
}
