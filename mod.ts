// Copyright 2026 the sectorkit authors. MIT license.
/**
 * sectorkit as a library: the portable parts (formats, algorithms, pipelines). Nothing here touches
 * the OS; pass a {@linkcode Platform} built from fakes or from sectorkit's ffi/ backends.
 *
 * @example Errors carry data
 * ```ts
 * import { errorFromErrno, IoError } from "./mod.ts";
 * const e = errorFromErrno(5, "read sector 12 of /dev/sdb", { offset: 6144 });
 * if (!(e instanceof IoError) || e.offset !== 6144) throw new Error("unexpected");
 * ```
 *
 * @module
 */
export * from "./lib/errors.ts";
export { errnoInfo, errorFromErrno } from "./lib/errno.ts";
export type * from "./lib/platform/mod.ts";
export { formatBytes, formatDuration, Progress } from "./lib/cli/progress.ts";
export { parseInteger, parseOptions, parseSize } from "./lib/cli/parse_options.ts";
export * from "./lib/bench/mod.ts";
