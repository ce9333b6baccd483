// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * CUE files as bytes. redumper (and `sectorkit split`) write CD-TEXT verbatim, ISO 8859-1 or
 * MS-JIS double bytes, while file names are UTF-8: a CUE is not one text encoding. Readers take
 * the bytes, keep CD-TEXT as binary strings (one char per byte) and decode names as UTF-8.
 *
 * @module
 */

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Bytes as a binary string: one char per byte (ISO 8859-1 read as Unicode).
 *
 * @example Usage
 * ```ts
 * import { binaryString } from "./cue_text.ts";
 * if (binaryString(new Uint8Array([0x43, 0xe9])) !== "C\xe9") throw new Error();
 * ```
 */
export function binaryString(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return s;
}

/**
 * The lines of a CUE file as binary strings (CR LF or LF ends), blanks at both ends trimmed
 * (ASCII space and tab only: byte 0xA0 is an MS-JIS trail byte, not a blank).
 *
 * @example Usage
 * ```ts
 * import { cueLines } from "./cue_text.ts";
 * const l = cueLines(new Uint8Array([0x20, 0x41, 0xa0, 0x0d, 0x0a, 0x42]));
 * if (l.length !== 2 || l[0] !== "A\xa0" || l[1] !== "B") throw new Error();
 * ```
 */
export function cueLines(bytes: Uint8Array): string[] {
  return binaryString(bytes).split(/\r?\n/).map((l) => l.replace(/^[ \t]+|[ \t\r]+$/g, ""));
}

/**
 * Decodes a binary string as UTF-8; a string that is not valid UTF-8 stays as it is (ISO 8859-1).
 * File names in a CUE split writes are UTF-8; older tools wrote them in a local 8-bit code page.
 *
 * @example Usage
 * ```ts
 * import { decodeUtf8Binary } from "./cue_text.ts";
 * if (decodeUtf8Binary("\xc3\xbc.bin") !== "ü.bin") throw new Error();
 * if (decodeUtf8Binary("\xfc.bin") !== "ü.bin") throw new Error();
 * ```
 */
export function decodeUtf8Binary(s: string): string {
  // deno-lint-ignore no-control-regex
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  try {
    return UTF8.decode(Uint8Array.from(s, (c) => c.charCodeAt(0)));
  } catch {
    return s;
  }
}

/**
 * A CUE file's text for parsers that need names, track types and indices: UTF-8 when the whole
 * file is, else line by line UTF-8 or ISO 8859-1. Never throws and never yields U+FFFD, so a CUE
 * with a Latin-1 or MS-JIS CD-TEXT line still lists its UTF-8 file names.
 *
 * @example A Latin-1 title beside a UTF-8 file name
 * ```ts
 * import { decodeCueText } from "./cue_text.ts";
 * const b = new Uint8Array([...'TITLE "Caf'].map((c) => c.charCodeAt(0)).concat([0xe9, 0x22, 0x0a]));
 * const t = decodeCueText(new Uint8Array([...b, ...new TextEncoder().encode('FILE "ü.bin" BINARY\n')]));
 * if (t !== 'TITLE "Café"\nFILE "ü.bin" BINARY\n') throw new Error(t);
 * ```
 */
export function decodeCueText(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    return binaryString(bytes).split("\n").map(decodeUtf8Binary).join("\n");
  }
}
