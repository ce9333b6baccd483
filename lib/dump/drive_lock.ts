// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * One lock file per drive, so that a second `sectorkit disc` takes the next free drive: created
 * exclusively in the temporary directory, removed when the job ends (also on Ctrl-C).
 *
 * @module
 */
import type { Platform } from "../platform/mod.ts";

/** A held lock. */
export interface DriveLock {
  /** The lock file. */
  path: string;
  /** Removes the lock file. Idempotent. */
  release(): Promise<void>;
}

/**
 * The lock file path of a drive: `<tmp>/sectorkit-drive-<name>.lock`.
 *
 * @example Usage
 * ```ts
 * import { lockPath } from "./drive_lock.ts";
 * if (lockPath("/tmp", "/dev/sr0") !== "/tmp/sectorkit-drive-dev_sr0.lock") throw new Error();
 * ```
 */
export function lockPath(tmp: string, drive: string): string {
  const name = drive.replace(/^[\\/.]+/, "").replace(/[^A-Za-z0-9.-]+/g, "_");
  return `${tmp.replace(/[\\/]+$/, "")}/sectorkit-drive-${name}.lock`;
}

/** The temporary directory (TMPDIR, TEMP, TMP or /tmp). */
export function tempDir(platform: Platform): string {
  const env = platform.runtime.env;
  return env("TMPDIR") ?? env("TEMP") ?? env("TMP") ??
    (platform.runtime.os === "windows" ? "C:\\Windows\\Temp" : "/tmp");
}

/** Takes the lock of `drive`, or returns null when another job holds it. */
export async function tryLockDrive(
  platform: Platform,
  drive: string,
  note: string,
): Promise<DriveLock | null> {
  const path = lockPath(tempDir(platform), drive);
  try {
    const f = await platform.fs.openWrite(path, { createNew: true });
    await f.writeAt(
      0,
      new TextEncoder().encode(
        JSON.stringify({ drive, job: note, started: platform.runtime.date().toISOString() }) +
          "\n",
      ),
    );
    f.close();
  } catch {
    return null;
  }
  let released = false;
  return {
    path,
    async release(): Promise<void> {
      if (released) return;
      released = true;
      await platform.fs.remove(path);
    },
  };
}
