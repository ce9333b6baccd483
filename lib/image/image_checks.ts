// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import { dirname, resolve } from "node:path";
import { NotFoundError, SectorkitError, UsageError } from "../errors.ts";
import type { FileInfo, Platform } from "../platform/mod.ts";
import { isWindowsDeviceNamespace } from "../os/device_path.ts";
import { devNumberToString } from "../locate/block_stack.ts";
import { platformStackContext } from "../locate/live_locate.ts";
import { lowerDevicesOf } from "../locate/lower_devices.ts";

/** What {@linkcode checkPaths} learned. */
export interface PathChecks {
  /** Directory that will hold DEST (for free-space checks). */
  destDir: string;
  /** Current size of DEST (0 when missing). */
  destSize: number;
  /** Whether DEST exists. */
  destExists: boolean;
  /** Whether the mapfile exists. */
  mapExists: boolean;
}

function sameFile(a: FileInfo, b: FileInfo): boolean {
  return a.dev !== null && a.ino !== null && a.dev === b.dev && a.ino === b.ino;
}

/**
 * The refusals that protect SOURCE and existing files: SOURCE must exist and not be a directory;
 * DEST must not be SOURCE, a device, or a file on a filesystem stored on SOURCE; an existing DEST
 * needs `--overwrite` (or `--resume` with its mapfile); the mapfile must differ from both.
 */
export async function checkPaths(
  platform: Platform,
  o: { source: string; dest: string; map: string | null; resume: boolean; overwrite: boolean },
): Promise<PathChecks> {
  const { fs } = platform;
  const windowsDevice = platform.runtime.os === "windows" &&
    (isWindowsDeviceNamespace(o.source) || o.source.endsWith("\\"));
  // Windows device paths have no stat; the backend reports a clear error when opening them.
  const src: FileInfo | null = windowsDevice
    ? {
      size: 0,
      isFile: false,
      isDirectory: false,
      isDevice: true,
      dev: null,
      ino: null,
      rdev: null,
      mtime: null,
    }
    : await fs.stat(o.source);
  if (!src) {
    throw new NotFoundError(`Cannot open ${o.source}: No such file or directory (ENOENT)`, {
      path: o.source,
      code: "ENOENT",
      errno: 2,
    });
  }
  if (src.isDirectory) {
    throw new SectorkitError(`Cannot image ${o.source}: it is a directory, not a device or file`, {
      path: o.source,
      code: "EISDIR",
    });
  }
  if (o.dest === "-") {
    if (o.resume) throw new UsageError(`--resume needs a DEST file (not - for stdout)`);
    return { destDir: "", destSize: 0, destExists: false, mapExists: false };
  }
  const destPath = resolve(platform.runtime.cwd(), o.dest);
  const dest = await fs.stat(destPath);
  if (dest?.isDirectory) {
    throw new UsageError(`DEST ${o.dest} is a directory: give an image file name`);
  }
  if (dest?.isDevice) {
    throw new UsageError(`DEST ${o.dest} is a device: sectorkit image writes image files only`);
  }
  if (dest && sameFile(src, dest)) {
    throw new UsageError(`Refusing to image ${o.source} onto itself (DEST ${o.dest} is SOURCE)`);
  }
  const destDir = dirname(destPath);
  const dir = await fs.stat(destDir);
  if (!dir || !dir.isDirectory) {
    throw new NotFoundError(`Cannot create ${o.dest}: directory ${destDir} does not exist`, {
      path: destDir,
      code: "ENOENT",
    });
  }
  if (src.isDevice && src.rdev !== null && dir.dev !== null) {
    // DEST's filesystem, or anything it is stored on (its disk, dm/md members, a loop device's
    // backing file), is SOURCE.
    const below = platform.runtime.os === "linux"
      ? await lowerDevicesOf(platformStackContext(platform), dir.dev)
      : new Set([devNumberToString(dir.dev)]);
    if (dir.dev === src.rdev || below.has(devNumberToString(src.rdev))) {
      throw new UsageError(
        `Refusing to write ${o.dest}: it is on a filesystem stored on SOURCE ${o.source}`,
      );
    }
  }
  let mapExists = false;
  if (o.map) {
    const mapPath = resolve(platform.runtime.cwd(), o.map);
    if (mapPath === destPath) throw new UsageError(`--map must differ from DEST`);
    const m = await fs.stat(mapPath);
    if (m && (sameFile(m, src) || m.isDevice)) {
      throw new UsageError(`--map ${o.map} is SOURCE or a device`);
    }
    if (m?.isDirectory) throw new UsageError(`--map ${o.map} is a directory`);
    mapExists = m !== null;
  }
  if (o.resume) {
    if (!mapExists && dest) {
      throw new SectorkitError(
        `Cannot resume: mapfile ${o.map ?? "(none)"} not found (use --overwrite to start over)`,
      );
    }
    if (mapExists && !dest) {
      throw new SectorkitError(
        `Cannot resume: ${o.dest} is missing but its mapfile ${o.map} exists`,
      );
    }
  } else if (!o.overwrite) {
    if (dest) {
      throw new SectorkitError(
        `${o.dest} already exists: use --overwrite to replace it or --resume to continue`,
        { path: o.dest, code: "EEXIST" },
      );
    }
    if (mapExists) {
      throw new SectorkitError(
        `Mapfile ${o.map} already exists: use --resume to continue or --overwrite to start over`,
        { path: o.map!, code: "EEXIST" },
      );
    }
  }
  return { destDir, destSize: dest?.size ?? 0, destExists: dest !== null, mapExists };
}
