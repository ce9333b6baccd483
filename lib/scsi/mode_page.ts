// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * MODE SENSE(10) responses and the MM Capabilities and Mechanical Status page (0x2A).
 *
 * @module
 */
import { be16 } from "./bytes.ts";

/** Bytes in the whole MODE SENSE(10) response according to its header. */
export function modeSenseLength(b: Uint8Array): number {
  return be16(b, 0) + 2;
}

/**
 * Finds a mode page in a MODE SENSE(10) response (after the 8-byte header and block
 * descriptors); returns the page bytes starting at its page-code byte, or null.
 */
export function findModePage(b: Uint8Array, page: number): Uint8Array | null {
  const end = Math.min(b.length, modeSenseLength(b));
  let o = 8 + be16(b, 6);
  while (o + 2 <= end) {
    const code = b[o] & 0x3f;
    const spf = (b[o] & 0x40) !== 0;
    const len = spf ? be16(b, o + 2) + 4 : b[o + 1] + 2;
    if (code === page) return b.slice(o, Math.min(end, o + len));
    if (len <= 2 && !spf && b[o + 1] === 0) break;
    o += len;
  }
  return null;
}

/** Decoded page 0x2A (MMC-3 layout). */
export interface CapabilitiesPage {
  /** Media the drive reads. */
  reads: { cdr: boolean; cdrw: boolean; dvdrom: boolean; dvdr: boolean; dvdram: boolean };
  /** Media the drive writes. */
  writes: { cdr: boolean; cdrw: boolean; dvdr: boolean; dvdram: boolean; testWrite: boolean };
  /** Audio play. */
  audioPlay: boolean;
  /** Mode 2 Form 1 / Form 2 reading. */
  mode2Form1: boolean;
  /** Mode 2 Form 2 reading. */
  mode2Form2: boolean;
  /** Multisession. */
  multiSession: boolean;
  /** CD-DA commands supported (READ CD on audio). */
  cddaCommands: boolean;
  /** CD-DA stream is accurate (no jitter between reads). */
  cddaAccurate: boolean;
  /** R–W subchannel supported. */
  rwSupported: boolean;
  /** R–W deinterleaved and corrected. */
  rwCorrected: boolean;
  /** C2 error pointers supported. */
  c2Pointers: boolean;
  /** ISRC reading. */
  isrc: boolean;
  /** UPC/MCN reading. */
  upc: boolean;
  /** Bar code reading. */
  barCode: boolean;
  /** Lock supported. */
  lock: boolean;
  /** Currently locked. */
  locked: boolean;
  /** Eject supported. */
  eject: boolean;
  /** Loading mechanism: caddy, tray, pop-up, changer… */
  loadingMechanism: string;
  /** R–W readable in the lead-in (CD-TEXT). */
  rwInLeadIn: boolean;
  /** Maximum read speed in kB/s (obsolete field; 0 when absent). */
  maxReadKBps: number;
  /** Buffer size in KiB. */
  bufferKiB: number;
  /** Current read speed in kB/s (obsolete field). */
  currentReadKBps: number;
}

const MECHANISMS = [
  "caddy",
  "tray",
  "pop-up",
  "reserved",
  "changer (individual discs)",
  "changer (cartridge)",
  "reserved",
  "reserved",
];

/**
 * Decodes page 0x2A given the page bytes (from {@linkcode findModePage}).
 *
 * @example QEMU's ide-cd page
 * ```ts
 * import { parseCapabilitiesPage } from "./mode_page.ts";
 * const p = new Uint8Array(28);
 * p.set([0x2a, 26, 0x3b, 0x00, 0x71, 0x60, 0x29, 0x00, 0x02, 0xc0]);
 * const c = parseCapabilitiesPage(p);
 * if (!c.reads.dvdrom || c.c2Pointers || !c.isrc || c.loadingMechanism !== "tray") throw new Error();
 * if (c.maxReadKBps !== 704) throw new Error(String(c.maxReadKBps));
 * ```
 */
export function parseCapabilitiesPage(p: Uint8Array): CapabilitiesPage {
  if ((p[0] & 0x3f) !== 0x2a) throw new RangeError("not mode page 0x2A");
  const bit = (o: number, n: number) => ((p[o] ?? 0) & (1 << n)) !== 0;
  return {
    reads: {
      cdr: bit(2, 0),
      cdrw: bit(2, 1),
      dvdrom: bit(2, 3),
      dvdr: bit(2, 4),
      dvdram: bit(2, 5),
    },
    writes: {
      cdr: bit(3, 0),
      cdrw: bit(3, 1),
      testWrite: bit(3, 2),
      dvdr: bit(3, 4),
      dvdram: bit(3, 5),
    },
    audioPlay: bit(4, 0),
    mode2Form1: bit(4, 4),
    mode2Form2: bit(4, 5),
    multiSession: bit(4, 6),
    cddaCommands: bit(5, 0),
    cddaAccurate: bit(5, 1),
    rwSupported: bit(5, 2),
    rwCorrected: bit(5, 3),
    c2Pointers: bit(5, 4),
    isrc: bit(5, 5),
    upc: bit(5, 6),
    barCode: bit(5, 7),
    lock: bit(6, 0),
    locked: bit(6, 1),
    eject: bit(6, 3),
    loadingMechanism: MECHANISMS[((p[6] ?? 0) >> 5) & 7],
    rwInLeadIn: bit(7, 5),
    maxReadKBps: be16(p, 8),
    bufferKiB: be16(p, 12),
    currentReadKBps: be16(p, 14),
  };
}
