// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * CRC-32 (ISO-HDLC), MD5 and SHA-1 of a stream, and the redump DAT `<rom …/>` line.
 *
 * @module
 */
import { createHash, type Hash } from "node:crypto";
import * as zlib from "node:zlib";

/** Size and hashes of one file. */
export interface RomDigest {
  /** Bytes hashed. */
  size: number;
  /** CRC-32, 8 lowercase hex digits. */
  crc32: string;
  /** MD5, lowercase hex. */
  md5: string;
  /** SHA-1, lowercase hex. */
  sha1: string;
}

const zcrc = (zlib as unknown as { crc32?: (d: Uint8Array, v?: number) => number }).crc32;

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/**
 * CRC-32/ISO-HDLC continuing from `crc` (0 to start).
 *
 * @example Check value
 * ```ts
 * import { crc32 } from "./rom_hasher.ts";
 * if (crc32(new TextEncoder().encode("123456789")) !== 0xcbf43926) throw new Error("unexpected");
 * ```
 */
export function crc32(data: Uint8Array, crc = 0): number {
  if (zcrc) return zcrc(data, crc) >>> 0;
  let c = (crc ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * Incremental CRC-32 + MD5 + SHA-1.
 *
 * @example Usage
 * ```ts
 * import { RomHasher } from "./rom_hasher.ts";
 * const h = new RomHasher();
 * h.update(new TextEncoder().encode("abc"));
 * if (h.digest().sha1 !== "a9993e364706816aba3e25717850c26c9cd0d89d") throw new Error("unexpected");
 * ```
 */
export class RomHasher {
  #crc = 0;
  #size = 0;
  #md5: Hash = createHash("md5");
  #sha1: Hash = createHash("sha1");

  /** Adds bytes. */
  update(data: Uint8Array): void {
    this.#crc = crc32(data, this.#crc);
    this.#md5.update(data);
    this.#sha1.update(data);
    this.#size += data.length;
  }

  /** Finishes. */
  digest(): RomDigest {
    return {
      size: this.#size,
      crc32: this.#crc.toString(16).padStart(8, "0"),
      md5: this.#md5.digest("hex"),
      sha1: this.#sha1.digest("hex"),
    };
  }
}

/** XML-escapes a name the way redumper does (`&` only) plus the characters XML requires. */
function xmlEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(
    /"/g,
    "&quot;",
  );
}

/**
 * The redump DAT line.
 *
 * @example Usage
 * ```ts
 * import { datLine } from "./rom_hasher.ts";
 * const l = datLine("a.bin", { size: 1, crc32: "00000000", md5: "m", sha1: "s" });
 * if (l !== '<rom name="a.bin" size="1" crc="00000000" md5="m" sha1="s" />') throw new Error(l);
 * ```
 */
export function datLine(name: string, d: RomDigest): string {
  return `<rom name="${
    xmlEscape(name)
  }" size="${d.size}" crc="${d.crc32}" md5="${d.md5}" sha1="${d.sha1}" />`;
}
