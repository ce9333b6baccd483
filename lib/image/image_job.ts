// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * One imaging job from start to end: checks, opening, rescue, mapfile saving, hashes, verify.
 *
 * @module
 */
import { createHasher, type Digests } from "../hash/multi_hasher.ts";
import type { HashName } from "../hash/hash_names.ts";
import { NoSpaceError, SectorkitError, UsageError } from "../errors.ts";
import type { BlockDevice, Platform, WritableFile } from "../platform/mod.ts";
import { formatBytes, Progress } from "../cli/progress.ts";
import { VERSION } from "../cli/version.ts";
import { FileImageSink, HashCursor, StreamImageSink } from "./image_sink.ts";
import { formatMapfile, parseMapfile } from "./mapfile.ts";
import { Rescuer, type RescueSink } from "./rescue.ts";
import { RescueMap } from "./rescue_map.ts";
import { checkPaths, type PathChecks } from "./image_checks.ts";
import { imageHashMode, type ImageState, renderImageProgress } from "./image_progress.ts";
import { verifySource } from "./verify_source.ts";
import { openPooledDevice, sourceHandles } from "../os/pooled_device.ts";
import { domainSize, domainTotals, readDomain } from "./domain.ts";
import { readUsedDomain } from "./used_domain.ts";

/** What the user asked for. */
export interface ImageJobOptions {
  /** Device or file to read (already resolved to an OS path). */
  source: string;
  /** Image file, or `-` for stdout. */
  dest: string;
  /** Mapfile path (null: none; default DEST.map is decided by the caller). */
  map: string | null;
  /** First byte of SOURCE to image. */
  offset: number;
  /** Bytes to image (null: to the end). */
  size: number | null;
  /** Copy-phase read size (null: 1 MiB). */
  blockSize: number | null;
  /** Hashes to compute. */
  hashes: HashName[];
  /** Retry passes over bad sectors. */
  retries: number;
  /** Domain mapfile (ddrescue `-m`): only its finished blocks are read and written. */
  domainMapfile?: string | null;
  /** Skip trimming (ddrescue `-N`). */
  noTrim?: boolean;
  /** Skip scraping (ddrescue `-n`). */
  noScrape?: boolean;
  /** Reverse the direction of every pass (ddrescue `-R`). */
  reverse?: boolean;
  /** Domain from the filesystems' allocation (everything but their free space). */
  domainUsed?: boolean;
  /** Write DEST past the OS cache where aligned (ddrescue `-D`). */
  odirect?: boolean;
  /** Fill pattern for unreadable sectors. */
  fill: Uint8Array;
  /** Leave all-zero blocks as holes. */
  sparse: boolean;
  /** Re-read SOURCE afterwards and compare hashes. */
  verify: boolean;
  /** Continue from the mapfile. */
  resume: boolean;
  /** Replace an existing DEST (and mapfile). */
  overwrite: boolean;
  /** Reads in flight (default 4). */
  queueDepth: number;
  /** Milliseconds between mapfile saves (default 30000). */
  mapInterval: number;
  /** Bypass the OS cache (default: on for devices). */
  direct?: boolean;
  /** No progress or summary. */
  quiet: boolean;
  /** Command line for the mapfile heading. */
  commandLine: string;
}

/** The `--json` result. */
export interface ImageResult {
  /** "finished" or "interrupted". */
  status: "finished" | "interrupted";
  /** SOURCE path as opened. */
  source: string;
  /** DEST path, or "-". */
  dest: string;
  /** Mapfile path or null. */
  mapfile: string | null;
  /** First byte imaged. */
  offset: number;
  /** Bytes from `offset` to the end of the range (DEST size). */
  size: number;
  /** Bytes in the rescue domain (`size`, or less with a domain mapfile). */
  domainBytes: number;
  /** Logical sector size of SOURCE. */
  sectorSize: number;
  /** Copy read size. */
  blockSize: number;
  /** Whether reads bypassed the OS cache. */
  direct: boolean;
  /** Whether aligned DEST writes bypassed the OS cache (`--odirect` where the OS allows it). */
  odirect: boolean;
  /** Whether the job continued from a mapfile. */
  resumed: boolean;
  /** Bytes read successfully (whole domain, including earlier runs). */
  bytesRescued: number;
  /** Bytes not (yet) read. */
  bytesUnreadable: number;
  /** Unreadable logical sectors. */
  badSectors: number;
  /** Separate unreadable areas. */
  badAreas: number;
  /** Failed reads in this run. */
  readErrors: number;
  /** Wall time of this run, seconds. */
  seconds: number;
  /** Bytes read in this run per second. */
  bytesPerSecond: number;
  /** Hex digests of the image (empty when interrupted or `--hash none`). */
  hashes: Digests;
  /** Image bytes read back to finish the hashes (after errors or a resume). */
  hashReread: number;
  /** Verification, when asked: the hashes of the re-read and whether they match. */
  verify: { match: boolean; hashes: Digests } | null;
  /** Ctrl-C stopped `--verify`: the image and its hashes are complete, the comparison is not. */
  verifyInterrupted: boolean;
}

function mapText(o: ImageJobOptions, s: ImageState, platform: Platform, forwards: boolean): string {
  return formatMapfile(s.map.toMapfile(), {
    creator: `sectorkit ${VERSION}`,
    commandLine: o.commandLine,
    startTime: s.startTime,
    currentTime: platform.runtime.date(),
    forwards,
  });
}

async function loadOrCreateMap(
  platform: Platform,
  o: ImageJobOptions,
  checks: PathChecks,
  start: number,
  end: number,
): Promise<{ map: RescueMap; resumed: boolean }> {
  if (o.resume && checks.mapExists && o.map) {
    const map = RescueMap.fromMapfile(parseMapfile(await platform.fs.readTextFile(o.map), o.map));
    if (map.blocks.length === 0 || map.blocks[0].pos > start) {
      throw new SectorkitError(
        `Cannot resume: mapfile ${o.map} does not cover the range ${start}-${end} of ${o.source}`,
      );
    }
    map.extendTo(end);
    return { map, resumed: true };
  }
  return { map: RescueMap.fresh(start, end - start), resumed: false };
}

/**
 * Images `options.source` into `options.dest` and returns the result; throws a SectorkitError
 * with a one-line reason for every refusal.
 *
 * @example Usage
 * ```ts ignore
 * const result = await runImageJob(platform, options);
 * ```
 */
export async function runImageJob(platform: Platform, o: ImageJobOptions): Promise<ImageResult> {
  const { fs, runtime } = platform;
  const progress = new Progress(platform.console, runtime, { quiet: o.quiet });
  // Workers take a moment to start: start them first, they warm up while the job is set up.
  const hasher = createHasher(
    o.hashes,
    imageHashMode(runtime.env("SECTORKIT_HASH_MODE")),
    platform.hashing,
  );
  let device: BlockDevice;
  let checks: PathChecks;
  try {
    checks = await checkPaths(platform, o);
    device = await openPooledDevice(
      () => platform.devices.openBlockDevice(o.source, { direct: o.direct }),
      sourceHandles(runtime.os, o.queueDepth),
    );
  } catch (e) {
    hasher.close();
    throw e;
  }
  let file: WritableFile | null = null;
  let stop = false;
  const removeInterrupt = runtime.onInterrupt(() => {
    stop = true;
  });
  try {
    const ss = device.logicalSectorSize;
    if (device.size === 0) throw new SectorkitError(`Cannot image ${o.source}: it is empty`);
    if (o.offset % ss !== 0) {
      throw new UsageError(`--offset ${o.offset} is not a multiple of the sector size ${ss}`);
    }
    if (o.offset >= device.size) {
      throw new UsageError(
        `--offset ${o.offset} is beyond the end of ${o.source} (${device.size} bytes)`,
      );
    }
    const size = o.size ?? device.size - o.offset;
    if (o.offset + size > device.size) {
      throw new UsageError(
        `--offset/--size go beyond the end of ${o.source} (${device.size} bytes)`,
      );
    }
    if (size === 0) throw new UsageError(`--size 0: nothing to image`);
    if (size % ss !== 0 && o.offset + size !== device.size) {
      throw new UsageError(`--size ${size} is not a multiple of the sector size ${ss}`);
    }
    const blockSize = o.blockSize ?? Math.max(1 << 20, ss);
    if (blockSize % ss !== 0 || blockSize === 0) {
      throw new UsageError(
        `--block-size ${blockSize} is not a multiple of the logical sector size ${ss} of ${o.source}`,
      );
    }
    const start = o.offset;
    const end = start + size;
    const toStdout = o.dest === "-";
    const domain = o.domainMapfile
      ? await readDomain(platform.fs, o.domainMapfile, device.size, start, end)
      : o.domainUsed
      ? await readUsedDomain(platform, o.source, start, end)
      : null;
    const { map, resumed } = await loadOrCreateMap(platform, o, checks, start, end);
    const state: ImageState = { device, map, start, end, startTime: runtime.date(), domain };
    if (!toStdout) {
      if (!o.sparse) {
        const free = await fs.freeSpace(checks.destDir);
        const need = (domain ? domainSize(domain) : size) -
          (resumed || domain ? Math.min(size, checks.destSize) : 0);
        if (free !== null && free < need) {
          throw new NoSpaceError(
            `Cannot image ${o.source} to ${o.dest}: needs ${formatBytes(need)} but only ${
              formatBytes(free)
            } is free there`,
            { path: o.dest, code: "ENOSPC" },
          );
        }
      }
      file = await fs.openWrite(o.dest, {
        createNew: !resumed && !o.overwrite,
        // A domain leaves the bytes outside it as they are in an existing DEST (like ddrescue).
        truncate: !resumed && !domain,
        writeBehind: true,
        direct: o.odirect,
      });
    }
    const cursor = o.hashes.length > 0 ? new HashCursor(hasher, start, end) : null;
    const sink: RescueSink & { written: number } = file
      ? new FileImageSink(file, { start, fill: o.fill, sparse: o.sparse, cursor })
      : new StreamImageSink((d) => platform.console.writeStdout(d), o.fill, cursor);
    // O_DIRECT output wants page-aligned buffers (fill and single-sector writes stay buffered).
    const alignment = Math.max(device.alignment, o.odirect ? 4096 : 1);
    const t0 = runtime.now();
    const before = domainTotals(map, domain ?? [[start, end]]);
    let lastSave = t0;
    let saving: Promise<void> | null = null;
    let saveError: unknown = null;
    const rescuer = new Rescuer(device, map, sink, {
      start,
      end,
      blockSize,
      queueDepth: o.queueDepth,
      retries: o.retries,
      domain: domain ?? undefined,
      noTrim: o.noTrim,
      noScrape: o.noScrape,
      reverse: o.reverse,
      inOrder: toStdout,
      allocate: (n) => platform.devices.allocAligned(n, alignment, cursor !== null),
      shouldStop: () => stop,
      onRead: () => {
        progress.update(() =>
          renderImageProgress(state, rescuer.phase, rescuer.pass, t0, runtime.now(), before)
        );
        if (o.map && !saving && runtime.now() - lastSave >= o.mapInterval) {
          lastSave = runtime.now();
          saving = saveMap(platform, o, state, file, rescuer.forwards).catch((e) => {
            // A mapfile that cannot be saved makes the job unresumable: stop and report it.
            saveError ??= e;
            stop = true;
          }).finally(() => {
            saving = null;
          });
        }
      },
    });
    const save = async () => {
      if (saving) await saving;
      if (saveError) throw saveError;
      if (o.map) await saveMap(platform, o, state, file, rescuer.forwards);
    };
    if (o.map) await save();
    let status: "finished" | "interrupted";
    try {
      status = await rescuer.run();
      if (status === "finished" && file && (!domain || checks.destSize < size)) {
        await file.truncate(size);
      }
    } catch (e) {
      await save().catch(() => {});
      if (e instanceof NoSpaceError) {
        throw new NoSpaceError(
          `${e.message}; ${o.map ? `mapfile ${o.map} is current: ` : ""}free some space${
            o.map ? " and rerun with --resume" : ""
          }`,
          { path: e.path, code: e.code, errno: e.errno, offset: e.offset },
        );
      }
      throw e;
    }
    await save();
    const elapsed = (runtime.now() - t0) / 1000;
    const t = domainTotals(map, domain ?? [[start, end]]);
    let hashes: Digests = {};
    let hashReread = 0;
    if (status === "finished" && cursor) {
      if (cursor.pos < end && file) {
        const reader = await fs.openRead(o.dest);
        try {
          await cursor.finish((pos, buf) => reader.readAt(pos - start, buf));
        } finally {
          reader.close();
        }
      }
      hashReread = cursor.reread;
      hashes = await hasher.digest();
    }
    const result: ImageResult = {
      status,
      source: o.source,
      dest: o.dest,
      mapfile: o.map,
      offset: start,
      size,
      domainBytes: domain ? domainSize(domain) : size,
      sectorSize: ss,
      blockSize,
      direct: device.direct,
      odirect: file?.direct ?? false,
      resumed,
      bytesRescued: t["+"],
      bytesUnreadable: (domain ? domainSize(domain) : size) - t["+"],
      badSectors: Math.ceil((t["-"] + t["*"] + t["/"]) / ss),
      badAreas: map.badAreas(start, end),
      readErrors: rescuer.readErrors,
      seconds: Math.round(elapsed * 1000) / 1000,
      bytesPerSecond: elapsed > 0 ? Math.round((t["+"] - before["+"]) / elapsed) : 0,
      hashes,
      hashReread,
      verify: null,
      verifyInterrupted: false,
    };
    progress.done();
    if (status === "finished" && o.verify) {
      result.verify = stop ? null : await verifySource(
        platform,
        o,
        state,
        blockSize,
        hashes,
        progress,
        () => stop,
      );
      result.verifyInterrupted = result.verify === null;
    }
    return result;
  } finally {
    removeInterrupt();
    hasher.close();
    file?.close();
    device.close();
  }
}

async function saveMap(
  platform: Platform,
  o: ImageJobOptions,
  state: ImageState,
  file: WritableFile | null,
  forwards: boolean,
): Promise<void> {
  // Data first, then the ledger that says it is there.
  await file?.sync();
  await platform.fs.writeFileAtomic(
    o.map!,
    new TextEncoder().encode(mapText(o, state, platform, forwards)),
  );
}
