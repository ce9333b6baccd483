// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Loading and validating a redumper dump set (`NAME.scram`, `.state`, `.subcode`, `.toc`,
 * `.fulltoc`, `.cdtext`, `.pma`, `.atip`).
 *
 * @module
 */
import { FormatError, NotFoundError } from "../../errors.ts";
import type { FileStore, MappedFile } from "../../platform/mod.ts";
import { CD_DATA_SIZE, CD_SAMPLE_SIZE, CD_SUBCODE_SIZE, LBA_START } from "../constants.ts";
import { type CdText, parseCdText } from "../toc/cdtext.ts";
import { type Atip, parseAtip, pmaEntries } from "../toc/atip.ts";
import { chooseToc, parseFullToc, parseToc, type Toc } from "../toc/toc.ts";
import type { ScramImage } from "./scram_image.ts";

/** A loaded dump set. */
export interface DumpFiles {
  /** Base path without extension (`DIR/NAME`). */
  base: string;
  /** The TOC split uses (FULL TOC when multisession). */
  toc: Toc;
  /** CD-TEXT, when `.cdtext` exists. */
  cdText: CdText | null;
  /** Raw `.subcode`, or null when absent or all zero. */
  subcode: Uint8Array | null;
  /** `.scram` + `.state`. */
  image: ScramImage;
  /** `.atip` or `.pma` present. */
  cdr: boolean;
  /** Parsed `.atip`, when present. */
  atip: Atip | null;
  /** PMA entries in `.pma` (0 when absent). */
  pmaEntries: number;
  /** Releases memory maps of `.scram`/`.state` (their bytes must not be used afterwards). */
  close(): void;
}

/** Joins a directory and a file name with `/` (works for both separators on Windows). */
export function joinPath(dir: string, name: string): string {
  if (dir === "") return name;
  return /[\\/]$/.test(dir) ? dir + name : `${dir}/${name}`;
}

/** Reads a whole file into a buffer from `alloc` (e.g. shared memory for hashing workers). */
async function readWhole(
  fs: FileStore,
  path: string,
  alloc: (size: number) => Uint8Array,
): Promise<Uint8Array> {
  const f = await fs.openRead(path);
  try {
    const out = alloc(f.size);
    for (let pos = 0; pos < f.size;) {
      const n = await f.readAt(pos, out.subarray(pos, Math.min(f.size, pos + (16 << 20))));
      if (n <= 0) break;
      pos += n;
    }
    return out;
  } finally {
    f.close();
  }
}

async function optional(fs: FileStore, path: string): Promise<Uint8Array | null> {
  return (await fs.stat(path)) ? await fs.readFile(path) : null;
}

/**
 * Loads and cross-checks the dump files; throws one clear error for bad input. With `map`
 * (e.g. `Platform.mapper`), `.scram` and `.state` are memory-mapped read-only instead of read
 * (no copy; call `close` when done), falling back to reading when a file cannot be mapped.
 */
export async function loadDumpFiles(
  fs: FileStore,
  imagePath: string,
  imageName: string,
  alloc: (size: number) => Uint8Array = (n) => new Uint8Array(n),
  map?: (path: string) => Promise<MappedFile | null>,
): Promise<DumpFiles> {
  const base = joinPath(imagePath, imageName);
  for (const ext of ["scram", "state", "toc"]) {
    const st = await fs.stat(`${base}.${ext}`);
    if (!st || !st.isFile) {
      throw new NotFoundError(
        `Cannot find ${imageName}.${ext} in ${
          imagePath || "."
        }: wrong --image-name or --image-path?`,
        { path: `${base}.${ext}` },
      );
    }
  }
  const tocRaw = await fs.readFile(`${base}.toc`);
  const fullRaw = await optional(fs, `${base}.fulltoc`);
  let toc: Toc;
  try {
    toc = chooseToc(parseToc(tocRaw), fullRaw && fullRaw.length > 4 ? parseFullToc(fullRaw) : null);
  } catch (e) {
    throw new FormatError(`${imageName}.toc/.fulltoc: ${(e as Error).message}`);
  }
  const cdRaw = await optional(fs, `${base}.cdtext`);
  // Without size information redumper numbers CD-TEXT from the first TOC track over all TOC
  // entries (lead-outs included).
  const cdTracks = {
    first: toc.sessions[0]?.tracks[0]?.number ?? 1,
    count: toc.sessions.reduce((n, s) => n + s.tracks.length + 1, 0),
  };
  const cdText = cdRaw && cdRaw.length > 4 ? parseCdText(cdRaw, cdTracks) : null;
  const atipRaw = await optional(fs, `${base}.atip`);
  const pmaRaw = await optional(fs, `${base}.pma`);
  const cdr = atipRaw !== null || pmaRaw !== null;
  const maps: MappedFile[] = [];
  const close = (): void => {
    for (const m of maps.splice(0)) m.close();
  };
  const load = async (path: string): Promise<Uint8Array> => {
    const m = map ? await map(path) : null;
    if (!m) return await readWhole(fs, path, alloc);
    maps.push(m);
    return m.data;
  };
  try {
    return await check(await load(`${base}.scram`), await load(`${base}.state`));
  } catch (e) {
    close();
    throw e;
  }

  async function check(data: Uint8Array, state: Uint8Array): Promise<DumpFiles> {
    if (data.length % CD_SAMPLE_SIZE !== 0 || data.length === 0) {
      throw new FormatError(
        `${imageName}.scram is truncated: ${data.length} bytes is not a whole number of samples`,
      );
    }
    const samples = data.length / CD_SAMPLE_SIZE;
    if (state.length !== samples) {
      throw new FormatError(
        `${imageName}.state has ${state.length} bytes but ${imageName}.scram has ${samples} samples: the files do not belong together or one is truncated`,
      );
    }
    const sectors = Math.ceil(data.length / CD_DATA_SIZE);
    const endLba = LBA_START + Math.floor(data.length / CD_DATA_SIZE);
    const last = toc.sessions[toc.sessions.length - 1];
    if (last.leadOut > endLba) {
      throw new FormatError(
        `${imageName}.toc puts the lead-out at LBA ${last.leadOut} but ${imageName}.scram ends at LBA ${endLba}: truncated dump or a .toc of another disc`,
      );
    }
    const subcode = await optional(fs, `${base}.subcode`);
    if (subcode) {
      if (subcode.length % CD_SUBCODE_SIZE !== 0) {
        throw new FormatError(
          `${imageName}.subcode is truncated: ${subcode.length} bytes is not a multiple of 96`,
        );
      }
      const records = subcode.length / CD_SUBCODE_SIZE;
      if (Math.abs(records - sectors) > 1) {
        throw new FormatError(
          `${imageName}.subcode has ${records} records but ${imageName}.scram has ${sectors} sectors: the files do not belong together`,
        );
      }
    }
    return {
      base,
      toc,
      cdText,
      subcode,
      image: { data, state, samples },
      cdr,
      atip: atipRaw ? parseAtip(atipRaw) : null,
      pmaEntries: pmaRaw ? pmaEntries(pmaRaw) : 0,
      close,
    };
  }
}
