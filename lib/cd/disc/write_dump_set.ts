// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Writes a disc as a redumper-format dump set (optical.md §2): `.scram` (physical main channel,
 * byte (LBA+45150)×2352, write offset applied, read offset corrected), `.state` (one byte per
 * sample), `.subcode` (96-byte interleaved records by LBA), `.toc`, `.fulltoc`, `.cdtext`.
 * Deterministic: the same disc and options give the same bytes.
 *
 * @module
 */
import { FileExistsError } from "./errors_disc.ts";
import type { FileStore } from "../../platform/file_store.ts";
import { CD_DATA_SIZE, CD_SECTOR_SAMPLES, CD_SUBCODE_SIZE, LBA_START } from "../constants.ts";
import { type Disc, discLeadOut } from "./disc.ts";
import { readTocFormat0, readTocFormat2, readTocFormat5 } from "./toc_response.ts";

/** Options of {@linkcode writeDumpSet}. */
export interface WriteDumpSetOptions {
  /** Where the files go. */
  fs: FileStore;
  /** First LBA dumped (default: index 0 of track 1, −150). */
  lbaStart?: number;
  /** End LBA, exclusive (default: the last lead-out + 100, within the disc's content). */
  lbaEnd?: number;
  /** Replace existing files (default false: existing files are an error). */
  overwrite?: boolean;
}

/** Paths written by {@linkcode writeDumpSet}. */
export interface DumpSetFiles {
  /** `.scram` path. */
  scram: string;
  /** `.state` path. */
  state: string;
  /** `.subcode` path. */
  subcode: string;
  /** `.toc` path. */
  toc: string;
  /** `.fulltoc` path. */
  fulltoc: string;
  /** `.cdtext` path, when the disc has CD-TEXT. */
  cdtext?: string;
}

const CHUNK = 64;

/**
 * Writes `disc` as `dir/name.*` in redumper's format.
 *
 * @example
 * ```ts ignore
 * import { synthesizeDisc } from "./synthesize.ts";
 * import { writeDumpSet } from "./write_dump_set.ts";
 * const disc = synthesizeDisc({ writeOffset: 100, tracks: [{ type: "mode1", length: 1000 }] });
 * await writeDumpSet(disc, "/tmp/out", "synth", { fs: platform.fs });
 * ```
 */
export async function writeDumpSet(
  disc: Disc,
  dir: string,
  name: string,
  options: WriteDumpSetOptions,
): Promise<DumpSetFiles> {
  const fs = options.fs;
  const base = `${dir.replace(/\/+$/, "")}/${name}`;
  const files: DumpSetFiles = {
    scram: `${base}.scram`,
    state: `${base}.state`,
    subcode: `${base}.subcode`,
    toc: `${base}.toc`,
    fulltoc: `${base}.fulltoc`,
    cdtext: disc.cdText?.length ? `${base}.cdtext` : undefined,
  };
  if (!options.overwrite) {
    for (const p of Object.values(files)) {
      if (p && await fs.stat(p)) throw new FileExistsError(p);
    }
  }
  await fs.mkdir(dir);
  const start = options.lbaStart ?? disc.tracks[0].pregapStart;
  const end = options.lbaEnd ?? Math.min(discLeadOut(disc) + 100, disc.lastLba);
  const scram = await fs.openWrite(files.scram, { truncate: true });
  const state = await fs.openWrite(files.state, { truncate: true });
  const sub = await fs.openWrite(files.subcode, { truncate: true });
  try {
    for (let lba = start; lba < end; lba += CHUNK) {
      const n = Math.min(CHUNK, end - lba);
      const main = new Uint8Array(n * CD_DATA_SIZE);
      disc.readMain(lba * CD_DATA_SIZE, main);
      const q = new Uint8Array(n * CD_SECTOR_SAMPLES);
      disc.readQuality(lba * CD_SECTOR_SAMPLES, q);
      // Unreadable samples are holes in the .scram.
      for (let i = 0; i < q.length; i++) if (q[i] === 0) main.fill(0, i * 4, i * 4 + 4);
      const subs = new Uint8Array(n * CD_SUBCODE_SIZE);
      for (let i = 0; i < n; i++) subs.set(disc.readSubcode(lba + i), i * CD_SUBCODE_SIZE);
      const rel = lba - LBA_START;
      await scram.writeAt(rel * CD_DATA_SIZE, main);
      await state.writeAt(rel * CD_SECTOR_SAMPLES, q);
      await sub.writeAt(rel * CD_SUBCODE_SIZE, subs);
    }
    await scram.truncate((end - LBA_START) * CD_DATA_SIZE);
    await state.truncate((end - LBA_START) * CD_SECTOR_SAMPLES);
    await sub.truncate((end - LBA_START) * CD_SUBCODE_SIZE);
  } finally {
    scram.close();
    state.close();
    sub.close();
  }
  await fs.writeFile(files.toc, readTocFormat0(disc, false, 1)!);
  await fs.writeFile(files.fulltoc, readTocFormat2(disc, 1));
  if (files.cdtext) await fs.writeFile(files.cdtext, readTocFormat5(disc));
  return files;
}
