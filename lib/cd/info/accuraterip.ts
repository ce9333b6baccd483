// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * AccurateRip: per-track CRC v1/v2 (32-bit little-endian stereo words, 1-based multiplier,
 * first track skips its first 5 sectors minus one sample, last track its last 5 sectors) and the
 * disc ids (id1, id2, FreeDB id) used in the `dBAR-…` lookup name.
 *
 * @module
 */

/** AccurateRip checksums of one track. */
export interface ArChecksums {
  /** v1 CRC. */
  v1: number;
  /** v2 CRC. */
  v2: number;
}

/** Incremental AccurateRip checksum over a track's samples. */
export class AccurateRipSummer {
  #m = 1;
  #v1 = 0;
  #v2 = 0;
  readonly #from: number;
  readonly #to: number;

  /** `samples` is the track length in samples. */
  constructor(samples: number, first: boolean, last: boolean) {
    this.#from = first ? 5 * 588 : 1;
    this.#to = last ? samples - 5 * 588 : samples;
  }

  /** Adds bytes (a whole number of samples, little-endian words). */
  update(data: Uint8Array): void {
    const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
    let m = this.#m, v1 = this.#v1, v2 = this.#v2;
    const from = this.#from, to = this.#to;
    for (let o = 0; o + 4 <= data.length; o += 4, m++) {
      if (m < from || m > to) continue;
      const w = dv.getUint32(o, true);
      // 64-bit product as hi/lo 32-bit halves without BigInt.
      const wl = w & 0xffff, wh = w >>> 16;
      const ml = m & 0xffff, mh = m >>> 16;
      const ll = wl * ml, lh = wl * mh, hl = wh * ml, hh = wh * mh;
      const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
      const lo = ((mid & 0xffff) << 16 | (ll & 0xffff)) >>> 0;
      const hi = (hh + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) >>> 0;
      v1 = (v1 + lo) >>> 0;
      v2 = (v2 + lo + hi) >>> 0;
    }
    this.#m = m;
    this.#v1 = v1;
    this.#v2 = v2;
  }

  /** The checksums. */
  digest(): ArChecksums {
    return { v1: this.#v1, v2: this.#v2 };
  }
}

/** AccurateRip disc identifiers. */
export interface ArDiscId {
  /** Track count used. */
  tracks: number;
  /** Sum of offsets. */
  id1: number;
  /** Weighted sum of offsets. */
  id2: number;
  /** FreeDB/CDDB disc id. */
  cddb: number;
  /** `dBAR-NNN-id1-id2-cddb.bin` lookup path. */
  url: string;
}

/**
 * Disc ids from the audio tracks' index-1 LBAs and the lead-out LBA (for CD-Extra pass the data
 * session start − 11400 as lead-out).
 *
 * @example Usage
 * ```ts
 * import { accurateRipDiscId } from "./accuraterip.ts";
 * const id = accurateRipDiscId([0], 1000);
 * if (id.id1 !== 1000 || id.id2 !== 2001) throw new Error(JSON.stringify(id));
 * ```
 */
export function accurateRipDiscId(offsets: number[], leadOut: number): ArDiscId {
  let id1 = 0, id2 = 0, n = 0;
  offsets.forEach((o, i) => {
    id1 = (id1 + o) >>> 0;
    id2 = (id2 + Math.max(o, 1) * (i + 1)) >>> 0;
    let sec = Math.floor((o + 150) / 75);
    while (sec > 0) {
      n += sec % 10;
      sec = Math.floor(sec / 10);
    }
  });
  id1 = (id1 + leadOut) >>> 0;
  id2 = (id2 + Math.max(leadOut, 1) * (offsets.length + 1)) >>> 0;
  const t = Math.floor((leadOut + 150) / 75) - Math.floor((offsets[0] + 150) / 75);
  const cddb = (((n % 0xff) << 24) | (t << 8) | offsets.length) >>> 0;
  const h = (v: number): string => v.toString(16).padStart(8, "0");
  const url = `http://www.accuraterip.com/accuraterip/${h(id1).at(-1)}/${h(id1).at(-2)}/${
    h(id1).at(-3)
  }/dBAR-${String(offsets.length).padStart(3, "0")}-${h(id1)}-${h(id2)}-${h(cddb)}.bin`;
  return { tracks: offsets.length, id1, id2, cddb, url };
}
