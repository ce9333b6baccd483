// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.

/** What a block device or image file is. */
export type DeviceKind = "block" | "file" | "optical" | "memory";

/**
 * A readable run of sectors: a disk, partition, volume, optical drive (user data), an image file,
 * or a fake in tests. Implemented per OS in `ffi/`, and in memory by {@linkcode MemoryBlockDevice}.
 */
export interface BlockDevice {
  /** The path the user gave (or the resolved OS path). */
  readonly path: string;
  /** Size in bytes. */
  readonly size: number;
  /** Logical sector size in bytes (512, 2048 for optical, 4096 for 4Kn). */
  readonly logicalSectorSize: number;
  /** Physical sector size in bytes. */
  readonly physicalSectorSize: number;
  /** What the device is. */
  readonly kind: DeviceKind;
  /** Whether reads bypass the OS cache (O_DIRECT, FILE_FLAG_NO_BUFFERING, F_NOCACHE). */
  readonly direct: boolean;
  /** Required buffer address alignment for reads (1 when there is none). */
  readonly alignment: number;
  /**
   * Reads up to `buffer.length` bytes at byte `offset`; resolves to the bytes read (fewer only at
   * the end of the device). Rejects with an `IoError` carrying the offset when the device fails.
   * With `direct`, `offset`, `buffer.length` and the buffer address must be aligned.
   */
  readAt(offset: number, buffer: Uint8Array): Promise<number>;
  /** Releases the handle. Idempotent. */
  close(): void;
}

/** Options for opening a block device. */
export interface OpenDeviceOptions {
  /** Bypass the OS cache (default true for devices, false for regular files). */
  direct?: boolean;
}

/** Opens block devices and allocates buffers suitable for them. */
export interface DeviceOpener {
  /** Opens a device (as users name it on this OS) or a regular file, read-only. */
  openBlockDevice(path: string, options?: OpenDeviceOptions): Promise<BlockDevice>;
  /**
   * Allocates a zeroed buffer of `size` bytes whose address is a multiple of `alignment`; with
   * `shared`, in a SharedArrayBuffer (so hash workers can read it without a copy).
   */
  allocAligned(size: number, alignment: number, shared?: boolean): Uint8Array;
}
