// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Splits a disk or image into volumes: GPT (preferred, also behind a protective MBR), MBR with
 * logical partitions, an ISO 9660 image (also hybrid ISOs that carry a partition table), or the
 * whole disk as one volume.
 *
 * @module
 */
import type { ByteSource } from "../filesystem.ts";
import { readGpt } from "./gpt.ts";
import { readMbr } from "./mbr.ts";

/** A volume of a disk. */
export interface Volume {
  /** Partition number (Linux's `pN`), or 0 for the whole disk. */
  number: number;
  /** Byte offset on the disk. */
  offset: number;
  /** Length in bytes. */
  length: number;
  /** "gpt", "mbr", "iso" (ISO 9660 at offset 0 of a hybrid) or "none". */
  scheme: "gpt" | "mbr" | "iso" | "none";
  /** Partition type: GPT type GUID or MBR type byte as "0x83". */
  type: string;
  /** GPT name, if any. */
  name: string;
}

/** The partition table found on a disk and its volumes. */
export interface PartitionLayout {
  /** Table kind. */
  scheme: "gpt" | "mbr" | "none";
  /** Sector size the table uses. */
  sectorSize: number;
  /** Volumes (partitions; the whole disk when there is no table; plus the ISO view of a hybrid). */
  volumes: Volume[];
}

/** Whether an ISO 9660 volume descriptor ("CD001" at byte 32769) is present. */
export async function hasIso9660(src: ByteSource): Promise<boolean> {
  const b = new Uint8Array(6);
  if (await src.readAt(32768, b) < 6) return false;
  return new TextDecoder().decode(b.subarray(1, 6)) === "CD001";
}

/**
 * Reads the partition table(s) of a disk or image.
 *
 * @example Usage
 * ```ts
 * import { readPartitions } from "./volumes.ts";
 * const disk = { size: 1 << 20, readAt: (_o: number, b: Uint8Array) => Promise.resolve(b.length) };
 * const l = await readPartitions(disk);
 * if (l.scheme !== "none" || l.volumes[0].length !== 1 << 20) throw new Error("unexpected");
 * ```
 */
export async function readPartitions(
  src: ByteSource,
  sectorSize?: number,
): Promise<PartitionLayout> {
  const iso = await hasIso9660(src);
  const isoVolume: Volume[] = iso
    ? [{ number: 0, offset: 0, length: src.size, scheme: "iso", type: "iso9660", name: "" }]
    : [];
  for (const ss of sectorSize ? [sectorSize] : [512, 4096]) {
    const gpt = await readGpt(src, ss);
    if (gpt) {
      return {
        scheme: "gpt",
        sectorSize: ss,
        volumes: [
          ...isoVolume,
          ...gpt.map((e) => ({
            number: e.number,
            offset: e.firstLba * ss,
            length: (e.lastLba - e.firstLba + 1) * ss,
            scheme: "gpt" as const,
            type: e.typeGuid,
            name: e.name,
          })),
        ],
      };
    }
  }
  const ss = sectorSize ?? 512;
  const mbr = await readMbr(src, ss);
  if (mbr && mbr.length > 0 && !mbr.some((e) => e.type === 0xee)) {
    return {
      scheme: "mbr",
      sectorSize: ss,
      volumes: [
        ...isoVolume,
        ...mbr.map((e) => ({
          number: e.number,
          offset: e.start * ss,
          length: e.sectors * ss,
          scheme: "mbr" as const,
          type: `0x${e.type.toString(16).padStart(2, "0")}`,
          name: "",
        })),
      ],
    };
  }
  return {
    scheme: "none",
    // a plain ISO 9660 image counts in 2048-byte sectors unless told otherwise
    sectorSize: iso && !sectorSize ? 2048 : ss,
    volumes: iso
      ? isoVolume
      : [{ number: 0, offset: 0, length: src.size, scheme: "none", type: "", name: "" }],
  };
}
