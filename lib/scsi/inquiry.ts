// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Standard INQUIRY data and READ CAPACITY data.
 *
 * @module
 */
import { ascii, be32 } from "./bytes.ts";

/** Decoded standard INQUIRY data. */
export interface Inquiry {
  /** Peripheral qualifier (bits 7–5 of byte 0). */
  qualifier: number;
  /** Peripheral device type: 5 = CD/DVD (MMC), 0 = direct access. */
  deviceType: number;
  /** Removable medium (RMB). */
  removable: boolean;
  /** Version (5 = SPC-3). */
  version: number;
  /** Response data format (2). */
  responseFormat: number;
  /** Vendor identification (bytes 8–15, trimmed). */
  vendor: string;
  /** Product identification (bytes 16–31, trimmed). */
  product: string;
  /** Product revision level (bytes 32–35, trimmed). */
  revision: string;
  /** Vendor-specific bytes 36–55 as text (firmware tags like `KREON V1.00`), trimmed. */
  vendorSpecific: string;
  /** Bytes 74–103 as text (OmniDrive tag), trimmed; empty when not returned. */
  reserved5: string;
  /** Bytes the drive returned (header + additional length). */
  length: number;
}

/**
 * Decodes standard INQUIRY data.
 *
 * @example QEMU's ATAPI drive
 * ```ts
 * import { parseInquiry } from "./inquiry.ts";
 * const b = new Uint8Array(36);
 * b.set([5, 0x80, 5, 2, 31]);
 * b.set(new TextEncoder().encode("QEMU    QEMU DVD-ROM    2.5+"), 8);
 * const i = parseInquiry(b);
 * if (i.vendor !== "QEMU" || i.product !== "QEMU DVD-ROM" || i.revision !== "2.5+") throw new Error();
 * ```
 */
export function parseInquiry(b: Uint8Array): Inquiry {
  if (b.length < 5) throw new RangeError(`INQUIRY data too short (${b.length} bytes)`);
  const length = Math.min(b.length, (b[4] ?? 0) + 5);
  return {
    qualifier: b[0] >> 5,
    deviceType: b[0] & 0x1f,
    removable: (b[1] & 0x80) !== 0,
    version: b[2],
    responseFormat: b[3] & 0x0f,
    vendor: ascii(b, 8, 8).trim(),
    product: ascii(b, 16, 16).trim(),
    revision: ascii(b, 32, 4).trim(),
    vendorSpecific: length > 36 ? ascii(b, 36, Math.min(20, length - 36)).trim() : "",
    reserved5: length > 74 ? ascii(b, 74, Math.min(30, length - 74)).trim() : "",
    length,
  };
}

/** Peripheral device type names (SPC). */
export function deviceTypeName(type: number): string {
  const names: Record<number, string> = {
    0: "disk",
    1: "tape",
    4: "write-once",
    5: "optical drive (MMC)",
    7: "optical memory",
    8: "changer",
    0x0e: "simplified direct access",
  };
  return names[type] ?? `type ${type}`;
}

/** READ CAPACITY(10) data. */
export interface Capacity {
  /** The last addressable LBA. */
  lastLba: number;
  /** Block length in bytes (2048 for optical). */
  blockLength: number;
  /** Number of blocks (lastLba + 1). */
  blocks: number;
}

/**
 * Decodes READ CAPACITY(10) data.
 *
 * @example Usage
 * ```ts
 * import { parseCapacity } from "./inquiry.ts";
 * const c = parseCapacity(new Uint8Array([0, 0, 3, 0xe7, 0, 0, 8, 0]));
 * if (c.blocks !== 1000 || c.blockLength !== 2048) throw new Error();
 * ```
 */
export function parseCapacity(b: Uint8Array): Capacity {
  if (b.length < 8) throw new RangeError(`READ CAPACITY data too short (${b.length} bytes)`);
  const lastLba = be32(b, 0);
  return { lastLba, blockLength: be32(b, 4), blocks: lastLba + 1 };
}
