// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The scratch file of a benchmark on a directory: filled with incompressible data (so reads hit
 * allocated blocks, like CrystalDiskMark's test file) and removed by the caller afterwards.
 *
 * @module
 */
import { join } from "node:path";
import type { Progress } from "../cli/progress.ts";
import { formatBytes } from "../cli/progress.ts";
import { InterruptedError, NoSpaceError } from "../errors.ts";
import type { Platform } from "../platform/mod.ts";
import { xorshift } from "./run_job.ts";

/**
 * Creates `.sectorkit-bench-XXXXXXXX.tmp` of `size` bytes in `dir` and returns its path.
 *
 * @example Usage
 * ```ts ignore
 * const path = await createScratchFile(platform, "/mnt/usb", 1 << 30, progress, () => false);
 * ```
 */
export async function createScratchFile(
  platform: Platform,
  dir: string,
  size: number,
  progress: Progress,
  shouldStop: () => boolean,
): Promise<string> {
  const { fs, runtime } = platform;
  const free = await fs.freeSpace(dir);
  if (free !== null && free < size + 64 * 1024 * 1024) {
    throw new NoSpaceError(
      `Cannot create a ${formatBytes(size)} scratch file in ${dir}: only ${
        formatBytes(free)
      } free (use --size)`,
      { path: dir, code: "ENOSPC" },
    );
  }
  const rand = xorshift(Math.floor(runtime.now() * 1000) ^ 0x5eed);
  const name = `.sectorkit-bench-${Math.floor(rand() * 0xffffffff).toString(16)}.tmp`;
  const path = join(dir, name);
  const f = await fs.openWrite(path, { createNew: true });
  try {
    const chunk = new Uint8Array(1024 * 1024);
    const words = new Uint32Array(chunk.buffer);
    for (let off = 0; off < size; off += chunk.length) {
      if (shouldStop()) throw new InterruptedError();
      for (let i = 0; i < words.length; i++) words[i] = rand() * 0x100000000;
      await f.writeAt(off, chunk.subarray(0, Math.min(chunk.length, size - off)));
      progress.update(() => `creating scratch file: ${formatBytes(off)} of ${formatBytes(size)}`);
    }
    await f.sync();
  } catch (e) {
    f.close();
    await fs.remove(path).catch(() => {});
    throw e;
  }
  f.close();
  return path;
}
