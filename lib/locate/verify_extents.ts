// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * `locate --verify`: reads each extent from the raw device (unbuffered) and compares it with the
 * file's bytes. Encoded, encrypted, unwritten, unknown and hole extents are never "verified".
 *
 * @module
 */
import type { BlockDevice, Platform } from "../platform/mod.ts";
import type { LocatedExtent } from "./disk_extents.ts";

const NOT_RAW = [
  "encoded",
  "encrypted",
  "unknown",
  "delalloc",
  "unwritten",
  "hole",
  "compressed",
  "resident", // the MFT record holds headers and fixups around the data
];

/**
 * Verification status of one extent: "verified", "mismatch at file byte N", "not verifiable
 * (encoded)", or "error: …".
 */
export type VerifyStatus = string;

/**
 * Verifies extents of `file` against raw reads.
 *
 * @example Usage
 * ```ts ignore
 * const status = await verifyExtents(platform, "/mnt/f.bin", 70000, result.extents);
 * ```
 */
export async function verifyExtents(
  platform: Platform,
  file: string,
  fileSize: number,
  extents: LocatedExtent[],
  readFile?: (offset: number, length: number) => Promise<Uint8Array>,
): Promise<VerifyStatus[]> {
  const devices = new Map<string, BlockDevice>();
  const f = readFile ? null : await platform.fs.openRead(file);
  const read = readFile ?? (async (o: number, n: number) => {
    const b = new Uint8Array(n);
    const got = await f!.readAt(o, b);
    return b.subarray(0, got);
  });
  try {
    const out: VerifyStatus[] = [];
    for (const e of extents) {
      const bad = e.flags.filter((x) => NOT_RAW.includes(x));
      if (bad.length || e.physicalOffset === null) {
        out.push(`not verifiable (${bad.join(",") || "no location"})`);
        continue;
      }
      try {
        let dev = devices.get(e.device);
        if (!dev) {
          dev = await platform.devices.openBlockDevice(e.device, { direct: true });
          devices.set(e.device, dev);
        }
        out.push(await verifyOne(platform, dev, e, fileSize, read));
      } catch (err) {
        out.push(`error: ${(err as Error).message}`);
      }
    }
    return out;
  } finally {
    f?.close();
    for (const d of devices.values()) d.close();
  }
}

async function verifyOne(
  platform: Platform,
  dev: BlockDevice,
  e: LocatedExtent,
  fileSize: number,
  read: (offset: number, length: number) => Promise<Uint8Array>,
): Promise<VerifyStatus> {
  const total = Math.max(0, Math.min(e.length, fileSize - e.fileOffset));
  const chunk = 1 << 20;
  const align = Math.max(dev.alignment, dev.logicalSectorSize, 1);
  for (let done = 0; done < total; done += chunk) {
    const n = Math.min(chunk, total - done);
    const phys = e.physicalOffset! + done;
    const start = Math.floor(phys / align) * align;
    const len = Math.ceil((phys + n - start) / align) * align;
    const buf = platform.devices.allocAligned(len, align);
    const got = await dev.readAt(start, buf);
    if (got < phys - start + n) return `error: short read at byte ${start} of ${dev.path}`;
    const raw = buf.subarray(phys - start, phys - start + n);
    const want = await read(e.fileOffset + done, n);
    for (let i = 0; i < n; i++) {
      if (raw[i] !== want[i]) return `mismatch at file byte ${e.fileOffset + done + i}`;
    }
  }
  return "verified";
}
