// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * `sectorkit hash`: redump DAT lines for the files of `NAME.cue` (or `NAME.iso`), `dat (extra)`
 * for Track 0/AA files, and a Logiqx XML `NAME.dat`.
 *
 * @module
 */
import { NotFoundError } from "../../errors.ts";
import type { FileStore, Platform } from "../../platform/mod.ts";
import { VERSION } from "../../cli/version.ts";
import { RunLog } from "../run_log.ts";
import { joinPath } from "../split/dump_files.ts";
import { parseCueSheet } from "./cue_sheet.ts";
import { decodeCueText } from "../cue_text.ts";
import { datLine, type RomDigest, RomHasher } from "./rom_hasher.ts";

/** Options of {@linkcode runHash}. */
export interface HashOptions {
  /** Directory. */
  imagePath: string;
  /** Image name (NAME.cue / NAME.iso). */
  imageName: string;
  /** Write `NAME.dat` (default true). */
  writeDat?: boolean;
  /** Append to `NAME.log` (default true). */
  writeLog?: boolean;
  /** Command line for the log. */
  arguments?: string;
  /** Receives each log line. */
  onLog?: (line: string) => void;
}

/** A hashed file. */
export interface HashedFile extends RomDigest {
  /** File name. */
  name: string;
  /** Listed under `dat (extra)`. */
  extra: boolean;
}

/** Result of {@linkcode runHash}. */
export interface HashResult {
  /** Files hashed. */
  files: HashedFile[];
  /** `dat:` lines. */
  datLines: string[];
  /** `dat (extra):` lines. */
  datExtraLines: string[];
  /** Path of the XML DAT written, or null. */
  datPath: string | null;
}

/** Hashes a whole file in 4 MiB reads. */
export async function hashFile(fs: FileStore, path: string): Promise<RomDigest> {
  const f = await fs.openRead(path);
  try {
    const h = new RomHasher();
    const buf = new Uint8Array(4 << 20);
    for (let pos = 0;;) {
      const n = await f.readAt(pos, buf);
      if (n <= 0) break;
      h.update(buf.subarray(0, n));
      pos += n;
    }
    return h.digest();
  } finally {
    f.close();
  }
}

function xml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(
    /"/g,
    "&quot;",
  );
}

/** Builds the Logiqx XML DAT of one game. */
export function buildDatXml(name: string, roms: string[]): string {
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<!DOCTYPE datafile PUBLIC "-//Logiqx//DTD ROM Management Datafile//EN" "http://www.logiqx.com/Dats/datafile.dtd">`,
    `<datafile>`,
    `\t<header>`,
    `\t\t<name>${xml(name)}</name>`,
    `\t\t<description>${xml(name)}</description>`,
    `\t\t<version>sectorkit ${VERSION}</version>`,
    `\t</header>`,
    `\t<game name="${xml(name)}">`,
    `\t\t<category>Games</category>`,
    `\t\t<description>${xml(name)}</description>`,
    ...roms.map((r) => `\t\t${r}`),
    `\t</game>`,
    `</datafile>`,
    ``,
  ].join("\n");
}

/** Extra files redumper lists under `dat (extra)` when present. */
function extraCandidates(name: string): string[] {
  const out: string[] = [];
  for (const t of ["0", "00", "A", "AA"]) {
    out.push(`${name} (Track ${t}).bin`);
    for (let s = 1; s <= 9; s++) out.push(`${name} (Track ${t}.${s}).bin`);
  }
  return out;
}

/**
 * Hashes the image files.
 *
 * @example Usage
 * ```ts ignore
 * const r = await runHash({ imagePath: "dumps", imageName: "game" }, platform);
 * ```
 */
export async function runHash(options: HashOptions, platform: Platform): Promise<HashResult> {
  const { fs } = platform;
  const log = new RunLog(options.onLog);
  const name = options.imageName;
  const path = (f: string): string => joinPath(options.imagePath, f);
  const cuePath = path(`${name}.cue`);
  let names: string[];
  // The CUE's bytes: CD-TEXT may be ISO 8859-1 or MS-JIS beside UTF-8 file names.
  let cueBytes: Uint8Array | null = null;
  if (await fs.stat(cuePath)) {
    cueBytes = await fs.readFile(cuePath);
    names = parseCueSheet(decodeCueText(cueBytes)).map((f) => f.name);
  } else if (await fs.stat(path(`${name}.iso`))) {
    names = [`${name}.iso`];
  } else {
    throw new NotFoundError(
      `Cannot find ${name}.cue or ${name}.iso in ${
        options.imagePath || "."
      }: run split first or check --image-name`,
      { path: cuePath },
    );
  }
  const files: HashedFile[] = [];
  for (const n of names) {
    if (!(await fs.stat(path(n)))) {
      throw new NotFoundError(`${name}.cue lists "${n}" but it is missing`, { path: path(n) });
    }
    files.push({ name: n, extra: false, ...await hashFile(fs, path(n)) });
  }
  for (const n of extraCandidates(name)) {
    if (await fs.stat(path(n))) {
      files.push({ name: n, extra: true, ...await hashFile(fs, path(n)) });
    }
  }
  const datLines = files.filter((f) => !f.extra).map((f) => datLine(f.name, f));
  const datExtraLines = files.filter((f) => f.extra).map((f) => datLine(f.name, f));
  log.add("dat:", ...datLines);
  if (datExtraLines.length) log.add("", "dat (extra):", ...datExtraLines);
  let datPath: string | null = null;
  if (options.writeDat !== false) {
    const roms = [...datLines];
    if (cueBytes !== null) {
      const h = new RomHasher();
      h.update(cueBytes);
      roms.push(datLine(`${name}.cue`, h.digest()));
    }
    datPath = path(`${name}.dat`);
    await fs.writeFileAtomic(datPath, new TextEncoder().encode(buildDatXml(name, roms)));
  }
  if (options.writeLog !== false) {
    await log.appendTo(
      fs,
      path(`${name}.log`),
      platform.runtime.date(),
      "hash",
      options.arguments ?? `hash --image-path=${options.imagePath} --image-name=${name}`,
      options.imagePath,
      name,
    );
  }
  return { files, datLines, datExtraLines, datPath };
}
