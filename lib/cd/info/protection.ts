// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Subchannel protection signatures: LibCrypt (PSX: redumper's 16 fixed key LBAs, see
 * {@linkcode detectLibCrypt}) and SecuROM (Q frames with a valid CRC but a wrong address, or CRCs
 * XORed with 0x8001 / 0x0080; scheme by count).
 *
 * @module
 */
import { crc16Gsm } from "../crc16.ts";
import { qAbsLba, type QChannel } from "../split/subq.ts";
import { detectLibCrypt } from "./libcrypt.ts";

/** What {@linkcode detectProtections} found. */
export interface SubchannelProtections {
  /** LBAs of the LibCrypt key's modified Q frames (empty without LibCrypt). */
  libcrypt: number[];
  /** redump `.sbi`-style lines of the LibCrypt frames. */
  libcryptSbi: string[];
  /** SecuROM-style modified frames. */
  securom: number[];
  /** SecuROM scheme 1–4 by count, or null. */
  securomScheme: number | null;
  /** Report lines (empty when nothing found). */
  lines: string[];
}

/** Scans raw (uncorrected) Q. */
export function detectProtections(ch: QChannel): SubchannelProtections {
  const securom: number[] = [];
  const crcOk = (r: number): boolean => {
    const o = r * 12, c = crc16Gsm(ch.q, o, o + 10);
    return ch.q[o + 10] === c >> 8 && ch.q[o + 11] === (c & 0xff);
  };
  for (let r = 1; r + 1 < ch.count; r++) {
    if (ch.empty[r]) continue;
    const lba = ch.firstLba + r;
    const o = r * 12;
    const ok = crcOk(r);
    if (ok) {
      if ((ch.q[o] & 0xf) === 1 && ch.q[o + 1] !== 0 && ch.q[o + 1] !== 0xaa) {
        const a = qAbsLba(ch.q, o);
        if (Number.isFinite(a) && a !== lba) securom.push(lba);
      }
      continue;
    }
    const c = crc16Gsm(ch.q, o, o + 10);
    const stored = (ch.q[o + 10] << 8) | ch.q[o + 11];
    if ((stored ^ c) === 0x8001 || (stored ^ c) === 0x0080) {
      securom.push(lba);
    }
  }
  const lc = detectLibCrypt(ch);
  const lines: string[] = [];
  if (lc.detected) lines.push("LibCrypt:", "  libcrypt: yes", ...lc.sbiLines);
  let scheme: number | null = null;
  const n = securom.length;
  if (n === 216) scheme = 1;
  else if (n === 90) scheme = 2;
  else if (n === 98 || n === 99) scheme = 3;
  else if (n === 10 || n === 11) scheme = 4;
  if (scheme !== null) lines.push("SecuROM:", `  scheme: ${scheme}, modified Q frames: ${n}`);
  return {
    libcrypt: lc.sectors,
    libcryptSbi: lc.sbiLines,
    securom,
    securomScheme: scheme,
    lines,
  };
}
