// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * One {@linkcode BlockDevice} over several handles of the same device, each read going to an idle
 * handle. Windows serializes the requests of one synchronous handle, so `image --queue-depth N`
 * and the portable bench engine need N handles there to have N reads in flight.
 *
 * @module
 */
import type { BlockDevice } from "../platform/mod.ts";

/**
 * Opens `handles` handles with `open` (at least one) and returns a device that spreads concurrent
 * reads over them; closing it closes them all.
 *
 * @example Usage
 * ```ts
 * import { openPooledDevice } from "./pooled_device.ts";
 * const mem = new Uint8Array(4096).fill(1);
 * const open = () => Promise.resolve({
 *   path: "mem", size: 4096, logicalSectorSize: 512, physicalSectorSize: 512, kind: "memory" as const,
 *   direct: false, alignment: 1,
 *   readAt: (o: number, b: Uint8Array) => Promise.resolve((b.set(mem.subarray(o, o + b.length)), b.length)),
 *   close: () => {},
 * });
 * const dev = await openPooledDevice(open, 2);
 * if ((await dev.readAt(0, new Uint8Array(512))) !== 512) throw new Error();
 * dev.close();
 * ```
 */
export async function openPooledDevice(
  open: () => Promise<BlockDevice>,
  handles: number,
): Promise<BlockDevice> {
  const all: BlockDevice[] = [];
  try {
    for (let i = 0; i < Math.max(1, handles); i++) all.push(await open());
  } catch (e) {
    all.forEach((d) => d.close());
    throw e;
  }
  const first = all[0];
  if (all.length === 1) return first;
  const idle = [...all];
  const waiting: ((d: BlockDevice) => void)[] = [];
  const release = (d: BlockDevice): void => {
    const w = waiting.shift();
    if (w) w(d);
    else idle.push(d);
  };
  const run = (d: BlockDevice, offset: number, buffer: Uint8Array): Promise<number> =>
    d.readAt(offset, buffer).finally(() => release(d));
  return {
    path: first.path,
    size: first.size,
    logicalSectorSize: first.logicalSectorSize,
    physicalSectorSize: first.physicalSectorSize,
    kind: first.kind,
    direct: first.direct,
    alignment: first.alignment,
    readAt(offset: number, buffer: Uint8Array): Promise<number> {
      // An idle handle starts the read at once; otherwise it waits for the next one freed.
      const d = idle.pop();
      if (d) return run(d, offset, buffer);
      return new Promise<BlockDevice>((r) => waiting.push(r)).then((h) => run(h, offset, buffer));
    },
    close(): void {
      for (const d of all) d.close();
    },
  };
}

/**
 * How many handles of the source `image` opens for `queueDepth` reads in flight on `os`: one per
 * read on Windows (synchronous handles serialize), one elsewhere (pread is concurrent).
 *
 * @example Usage
 * ```ts
 * import { sourceHandles } from "./pooled_device.ts";
 * if (sourceHandles("windows", 4) !== 4 || sourceHandles("linux", 4) !== 1) throw new Error();
 * ```
 */
export function sourceHandles(os: string, queueDepth: number): number {
  return os === "windows" ? Math.max(1, queueDepth) : 1;
}
