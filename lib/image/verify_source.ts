// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * `image --verify`: re-reads the source in order and compares its hashes with the image's.
 *
 * @module
 */
import type { Progress } from "../cli/progress.ts";
import { createHasher, type Digests } from "../hash/multi_hasher.ts";
import type { Platform } from "../platform/mod.ts";
import { imageHashMode, type ImageState, renderImageProgress } from "./image_progress.ts";
import type { ImageJobOptions } from "./image_job.ts";
import { HashCursor, StreamImageSink } from "./image_sink.ts";
import { Rescuer } from "./rescue.ts";
import { RescueMap } from "./rescue_map.ts";
import { openPooledDevice, sourceHandles } from "../os/pooled_device.ts";

/**
 * Hashes the source again (range of `s`) and tells whether every hash equals `image`'s; null when
 * stopped.
 *
 * @example Usage
 * ```ts ignore
 * const v = await verifySource(platform, options, state, 1 << 20, hashes, progress, () => stop);
 * if (v && !v.match) console.log("the source changed");
 * ```
 */
export async function verifySource(
  platform: Platform,
  o: Pick<ImageJobOptions, "source" | "direct" | "hashes" | "fill" | "queueDepth">,
  s: ImageState,
  blockSize: number,
  image: Digests,
  progress: Progress,
  shouldStop: () => boolean,
): Promise<{ match: boolean; hashes: Digests } | null> {
  progress.log(`Verifying: re-reading ${o.source}…`);
  const device = await openPooledDevice(
    () => platform.devices.openBlockDevice(o.source, { direct: o.direct }),
    sourceHandles(platform.runtime.os, o.queueDepth),
  );
  const hasher = createHasher(
    o.hashes,
    imageHashMode(platform.runtime.env("SECTORKIT_HASH_MODE")),
    platform.hashing,
  );
  try {
    const cursor = new HashCursor(hasher, s.start, s.end);
    const sink = new StreamImageSink(() => Promise.resolve(), o.fill, cursor);
    const map = RescueMap.fresh(s.start, s.end - s.start);
    const t0 = platform.runtime.now();
    const r = new Rescuer(device, map, sink, {
      start: s.start,
      end: s.end,
      blockSize,
      queueDepth: o.queueDepth,
      inOrder: true,
      shouldStop,
      allocate: (n) => platform.devices.allocAligned(n, Math.max(device.alignment, 1), true),
      onRead: () =>
        progress.update(() =>
          `verify: ${
            renderImageProgress({ ...s, map, device }, "verify", 1, t0, platform.runtime.now(), {
              "+": 0,
            })
          }`
        ),
    });
    if (await r.run() === "interrupted") return null;
    const hashes = await hasher.digest();
    progress.done();
    const match = o.hashes.every((n) => hashes[n] === image[n]);
    return { match, hashes };
  } finally {
    hasher.close();
    device.close();
  }
}
