// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The portable benchmark engine: a {@linkcode BenchQueue} over the platform's
 * {@linkcode BlockDevice} (Windows `ReadFile` with FILE_FLAG_NO_BUFFERING, macOS `pread` with
 * F_NOCACHE, Linux `pread` with O_DIRECT), whose reads run on the runtime's blocking thread pool:
 * `depth` reads are truly in flight at once, over as many handles of the device (up to 32:
 * Windows serializes the requests of one synchronous handle; lib/os/pooled_device.ts). Read tests only: the block-device layer never
 * writes.
 *
 * @module
 */
import { IoError, UsageError } from "../errors.ts";
import { CompletionList } from "./completion_list.ts";
import { openPooledDevice } from "../os/pooled_device.ts";
import type {
  BenchCompletions,
  BenchOpener,
  BenchQueue,
  BenchQueueOptions,
  BlockDevice,
  DeviceOpener,
} from "../platform/mod.ts";

/** Most device handles one queue opens. */
const MAX_HANDLES = 32;

/** The engine name the portable queue reports. */
export const DEVICE_ENGINE = "device (thread pool)";

/**
 * A benchmark queue reading through a {@linkcode BlockDevice}.
 *
 * @example Usage
 * ```ts ignore
 * const dev = await platform.devices.openBlockDevice("/dev/sdb", { direct: true });
 * const q = new DeviceBenchQueue(dev, 4, 4096, platform.devices.allocAligned, () => performance.now());
 * q.submit(0, 0, 4096, false);
 * await q.reap(1);
 * ```
 */
export class DeviceBenchQueue implements BenchQueue {
  readonly path: string;
  readonly size: number;
  readonly logicalSectorSize: number;
  readonly kind: "block" | "file";
  readonly engine = DEVICE_ENGINE;
  readonly depth: number;
  readonly direct: boolean;
  readonly done: BenchCompletions;
  #dev: BlockDevice;
  #buffers: Uint8Array[];
  #now: () => number;
  #finished = new CompletionList();
  #inflight = 0;
  #running = new Set<Promise<unknown>>();
  #closed = false;

  /**
   * Wraps `dev` with `depth` buffers of `bufferSize` bytes from `alloc` (aligned for direct I/O);
   * `now` stamps completions (ms).
   */
  constructor(
    dev: BlockDevice,
    depth: number,
    bufferSize: number,
    alloc: (size: number, alignment: number) => Uint8Array,
    now: () => number,
  ) {
    this.#dev = dev;
    this.path = dev.path;
    this.size = dev.size;
    this.logicalSectorSize = dev.logicalSectorSize;
    this.kind = dev.kind === "file" ? "file" : "block";
    this.direct = dev.direct;
    this.depth = depth;
    this.#now = now;
    const align = Math.max(dev.alignment, 4096);
    this.#buffers = Array.from({ length: depth }, () => alloc(bufferSize, align));
    this.done = {
      slot: new Int32Array(depth),
      result: new Int32Array(depth),
      time: new Float64Array(depth),
    };
  }

  buffer(slot: number): Uint8Array {
    return this.#buffers[slot];
  }

  submit(slot: number, offset: number, length: number, write: boolean): void {
    if (write) throw new UsageError(`the ${DEVICE_ENGINE} engine reads only`);
    this.#inflight++;
    const p = this.#dev.readAt(offset, this.#buffers[slot].subarray(0, length)).then(
      (n) => n,
      // An I/O error becomes -errno as the other engines give it (EIO for a Win32 code).
      (e) =>
        e instanceof IoError
          ? -(e.errno && e.code?.startsWith("E") ? e.errno : 5)
          : Promise.reject(e),
    ).then((n) => this.#finished.push(slot, n, this.#now()));
    this.#running.add(p);
    p.finally(() => this.#running.delete(p)).catch(() => {});
  }

  async reap(min: number): Promise<number> {
    const want = Math.min(Math.max(min, 1), this.#inflight);
    while (this.#finished.length < want) {
      if (this.#running.size === 0 && this.#finished.length === 0) return 0;
      // A read that threw something other than an IoError surfaces through the race.
      await Promise.race([this.#finished.wait(), ...this.#running]);
    }
    const n = this.#finished.take(this.done, this.depth);
    this.#inflight -= n;
    return n;
  }

  dropCache(): void {
    // Direct reads bypass the cache; nothing portable to drop otherwise.
  }

  sync(): Promise<void> {
    return Promise.resolve();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    // Never release the device under a read still running on the thread pool.
    if (this.#running.size === 0) this.#dev.close();
    else Promise.allSettled([...this.#running]).then(() => this.#dev.close());
  }
}

/**
 * A {@linkcode BenchOpener} over `devices` (read tests only; threads as one queue of
 * `depth × threads`).
 *
 * @example Usage
 * ```ts ignore
 * const bench = createDeviceBenchOpener(platform.devices, () => performance.now());
 * const q = await bench.open("/dev/sdb", { write: false, direct: true, exclusive: false, depth: 32, bufferSize: 4096 });
 * ```
 */
export function createDeviceBenchOpener(devices: DeviceOpener, now: () => number): BenchOpener {
  return {
    async open(path: string, o: BenchQueueOptions): Promise<BenchQueue> {
      if (o.write) {
        throw new UsageError(
          `write tests need a native engine (io_uring or psync on Linux); the ${DEVICE_ENGINE} engine reads only`,
        );
      }
      // A handle per slot (up to 32): Windows serializes the requests of one synchronous
      // handle, so concurrent reads need handles of their own (elsewhere they cost nothing).
      const dev = await openPooledDevice(
        () => devices.openBlockDevice(path, { direct: o.direct }),
        Math.min(Math.max(o.depth, 1), MAX_HANDLES),
      );
      return new DeviceBenchQueue(dev, o.depth, o.bufferSize, devices.allocAligned, now);
    },
  };
}
