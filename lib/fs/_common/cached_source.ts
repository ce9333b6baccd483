// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * A block cache in front of a {@linkcode ByteSource}: parsers make many small reads (directory
 * entries, MFT records, FAT entries) at arbitrary offsets; this turns them into aligned reads of
 * whole blocks (which an O_DIRECT device requires) and keeps recently used blocks.
 *
 * @module
 */
import type { ByteSource } from "../filesystem.ts";

/** Options for {@linkcode cachedSource}. */
export interface CachedSourceOptions {
  /** Cache block size in bytes, a multiple of the device's alignment (default 65536). */
  blockSize?: number;
  /** Blocks kept (default 256, i.e. 16 MiB with the default block size). */
  maxBlocks?: number;
  /** Allocates a read buffer (e.g. `DeviceOpener.allocAligned(n, device.alignment)`). */
  alloc?: (size: number) => Uint8Array;
}

/**
 * Wraps `src` so every read it sees is `blockSize`-aligned and `blockSize` long (shorter only at
 * the end of the source), into buffers from `alloc`.
 *
 * @example
 * ```ts
 * import { cachedSource } from "./cached_source.ts";
 * const data = new Uint8Array(200000).map((_, i) => i & 0xff);
 * const seen: number[] = [];
 * const src = { size: data.length, readAt(o: number, b: Uint8Array) { seen.push(o); b.set(data.subarray(o, o + b.length)); return Promise.resolve(Math.min(b.length, data.length - o)); } };
 * const c = cachedSource(src, { blockSize: 4096 });
 * const buf = new Uint8Array(10);
 * await c.readAt(4100, buf);
 * await c.readAt(4110, buf);
 * if (buf[0] !== (4110 & 0xff) || seen.length !== 1 || seen[0] !== 4096) throw new Error("unexpected");
 * ```
 */
export function cachedSource(src: ByteSource, options: CachedSourceOptions = {}): ByteSource {
  const bs = options.blockSize ?? 65536;
  const max = options.maxBlocks ?? 256;
  const alloc = options.alloc ?? ((n: number) => new Uint8Array(n));
  const blocks = new Map<number, Uint8Array>();

  async function block(index: number): Promise<Uint8Array> {
    const hit = blocks.get(index);
    if (hit) {
      blocks.delete(index);
      blocks.set(index, hit);
      return hit;
    }
    const buf = alloc(bs);
    let done = 0;
    while (done < bs) {
      const n = await src.readAt(index * bs + done, buf.subarray(done));
      if (n <= 0) break;
      done += n;
    }
    const got = buf.subarray(0, done);
    blocks.set(index, got);
    if (blocks.size > max) blocks.delete(blocks.keys().next().value!);
    return got;
  }

  return {
    size: src.size,
    async readAt(offset: number, buffer: Uint8Array): Promise<number> {
      let done = 0;
      while (done < buffer.length) {
        const at = offset + done;
        const b = await block(Math.floor(at / bs));
        const inBlock = at % bs;
        if (inBlock >= b.length) break;
        const n = Math.min(b.length - inBlock, buffer.length - done);
        buffer.set(b.subarray(inBlock, inBlock + n), done);
        done += n;
      }
      return done;
    },
  };
}
