// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import { errorFromErrno } from "../errno.ts";
import type { BlockDevice, DeviceKind } from "./block_device.ts";

/** Options for {@linkcode MemoryBlockDevice}. */
export interface MemoryBlockDeviceOptions {
  /** Logical sector size (default 512). */
  sectorSize?: number;
  /** Path shown in messages (default `memory:`). */
  path?: string;
  /** Sectors that always fail with EIO. */
  badSectors?: Iterable<number>;
  /**
   * Sectors that fail the first `n` times they are read (as part of any read), then succeed:
   * sector → n.
   */
  flakySectors?: Map<number, number>;
  /** What the device is (default "memory"). */
  kind?: DeviceKind;
}

/**
 * A block device in memory with injected faults: a read that touches a bad sector fails with EIO
 * at that sector's offset, as a kernel does for a medium error. Counts reads for tests.
 *
 * @example Usage
 * ```ts
 * import { MemoryBlockDevice } from "./memory_block_device.ts";
 * const dev = new MemoryBlockDevice(new Uint8Array(4096), { badSectors: [3] });
 * const buf = new Uint8Array(512);
 * if (await dev.readAt(0, buf) !== 512) throw new Error("unexpected");
 * const failed = await dev.readAt(1024, new Uint8Array(1024)).then(() => false, () => true);
 * if (!failed) throw new Error("expected EIO");
 * ```
 */
export class MemoryBlockDevice implements BlockDevice {
  readonly path: string;
  readonly size: number;
  readonly logicalSectorSize: number;
  readonly physicalSectorSize: number;
  readonly kind: DeviceKind;
  readonly direct = false;
  readonly alignment = 1;
  /** Every read as `[offset, length]`, in call order. */
  readonly reads: [number, number][] = [];
  #data: Uint8Array;
  #bad: Set<number>;
  #flaky: Map<number, number>;
  #closed = false;

  /** Wraps `data` (not copied). */
  constructor(data: Uint8Array, options: MemoryBlockDeviceOptions = {}) {
    this.#data = data;
    this.size = data.length;
    this.logicalSectorSize = options.sectorSize ?? 512;
    this.physicalSectorSize = this.logicalSectorSize;
    this.path = options.path ?? "memory:";
    this.kind = options.kind ?? "memory";
    this.#bad = new Set(options.badSectors ?? []);
    this.#flaky = new Map(options.flakySectors ?? []);
  }

  readAt(offset: number, buffer: Uint8Array): Promise<number> {
    if (this.#closed) return Promise.reject(new Error(`Cannot read ${this.path}: closed`));
    this.reads.push([offset, buffer.length]);
    const end = Math.min(this.size, offset + buffer.length);
    const ss = this.logicalSectorSize;
    for (let s = Math.floor(offset / ss); s * ss < end; s++) {
      const flaky = this.#flaky.get(s);
      if (this.#bad.has(s) || (flaky !== undefined && flaky > 0)) {
        if (flaky !== undefined) this.#flaky.set(s, flaky - 1);
        return Promise.reject(
          errorFromErrno(5, `read sector ${s} of ${this.path}`, {
            path: this.path,
            offset: s * ss,
            syscall: "pread",
          }),
        );
      }
    }
    if (end <= offset) return Promise.resolve(0);
    buffer.set(this.#data.subarray(offset, end));
    return Promise.resolve(end - offset);
  }

  close(): void {
    this.#closed = true;
  }
}
