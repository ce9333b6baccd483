// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Per data track analysis for `info`: sector statistics, ISO 9660 volume and files, and the
 * PlayStation boot executable serial from SYSTEM.CNF.
 *
 * @module
 */
import type { FileStore } from "../../platform/mod.ts";
import { CD_DATA_SIZE } from "../constants.ts";
import { hasSync, headerLba } from "../sector.ts";
import { type CdromStats, CdromStatsCollector } from "./cdrom_stats.ts";
import { type IsoEntry, listFiles, parsePvd, type PrimaryVolume } from "./iso9660_mini.ts";

/** What `info` found in one data track. */
export interface DataTrackInfo {
  /** File name. */
  file: string;
  /** Sector statistics. */
  stats: CdromStats;
  /** Primary volume descriptor, if any. */
  pvd: Omit<PrimaryVolume, "raw"> | null;
  /** Raw PVD bytes (for the hex dump). */
  pvdRaw: Uint8Array | null;
  /** Files of the ISO 9660 tree. */
  files: IsoEntry[];
  /** PlayStation platform (`PSX`, `PS2`) and boot executable, if SYSTEM.CNF names one. */
  playstation: { system: "PSX" | "PS2"; exe: string; serial: string } | null;
}

/** Parses `BOOT = cdrom:\SLUS_123.45;1` / `BOOT2 = cdrom0:\SLES_523.21;1`. */
export function parseSystemCnf(text: string): DataTrackInfo["playstation"] {
  const m = /^\s*(BOOT2?)\s*=\s*cdrom0?:\\?([^;\s]+)/im.exec(text);
  if (!m) return null;
  const exe = m[2].split("\\").pop()!;
  const s = /^([A-Z]{4})[_-](\d{3})\.(\d{2})/i.exec(exe);
  const serial = s ? `${s[1].toUpperCase()}-${s[2]}${s[3]}` : exe;
  return { system: m[1].toUpperCase() === "BOOT2" ? "PS2" : "PSX", exe, serial };
}

/** Analyses one data track file. `index1` is the INDEX 01 offset in sectors. */
export async function dataTrackInfo(
  fs: FileStore,
  path: string,
  file: string,
  index1: number,
): Promise<DataTrackInfo> {
  const f = await fs.openRead(path);
  try {
    const collector = new CdromStatsCollector();
    const chunk = new Uint8Array(448 * CD_DATA_SIZE);
    let firstLba: number | null = null;
    for (let pos = 0, index = 0; pos < f.size;) {
      const n = await f.readAt(pos, chunk);
      if (n <= 0) break;
      const whole = Math.floor(n / CD_DATA_SIZE);
      for (let k = 0; k < whole; k++, index++) {
        const s = chunk.subarray(k * CD_DATA_SIZE, (k + 1) * CD_DATA_SIZE);
        if (firstLba === null && hasSync(s)) {
          const l = headerLba(s);
          if (Number.isFinite(l)) firstLba = l - index;
        }
        collector.add(s);
      }
      pos += whole * CD_DATA_SIZE;
      if (whole === 0) break;
    }
    const base = firstLba ?? 0;
    const sector = new Uint8Array(CD_DATA_SIZE);
    const read = async (lba: number): Promise<Uint8Array | null> => {
      const i = lba - base;
      if (i < 0 || (i + 1) * CD_DATA_SIZE > f.size) return null;
      if ((await f.readAt(i * CD_DATA_SIZE, sector)) < CD_DATA_SIZE) return null;
      const off = sector[15] === 2 ? 24 : 16;
      return sector.slice(off, off + 2048);
    };
    let pvd: PrimaryVolume | null = null;
    const pvdBlock = await read(base + index1 + 16);
    if (pvdBlock) pvd = parsePvd(pvdBlock);
    let files: IsoEntry[] = [];
    let playstation: DataTrackInfo["playstation"] = null;
    if (pvd && pvd.standard === "CD001") {
      files = await listFiles(read, pvd);
      const cnf = files.find((e) => /^\/SYSTEM\.CNF(;1)?$/i.test(e.path));
      if (cnf && cnf.size < 4096) {
        const b = await read(cnf.lba);
        if (b) playstation = parseSystemCnf(new TextDecoder().decode(b.subarray(0, cnf.size)));
      }
    }
    let pvdOut: DataTrackInfo["pvd"] = null;
    if (pvd) {
      const { raw: _raw, ...rest } = pvd;
      pvdOut = rest;
    }
    return {
      file,
      stats: collector.stats,
      pvd: pvdOut,
      pvdRaw: pvd?.raw ?? null,
      files,
      playstation,
    };
  } finally {
    f.close();
  }
}

/** Analyses a 2048-byte-sector `.iso` (no sector statistics: `stats.sectors` is the block count). */
export async function isoImageInfo(
  fs: FileStore,
  path: string,
  file: string,
): Promise<DataTrackInfo> {
  const f = await fs.openRead(path);
  try {
    const read = async (lba: number): Promise<Uint8Array | null> => {
      if (lba < 0 || (lba + 1) * 2048 > f.size) return null;
      const b = new Uint8Array(2048);
      return (await f.readAt(lba * 2048, b)) === 2048 ? b : null;
    };
    const block = await read(16);
    const pvd = block ? parsePvd(block) : null;
    let files: IsoEntry[] = [];
    let playstation: DataTrackInfo["playstation"] = null;
    if (pvd && pvd.standard === "CD001") {
      files = await listFiles(read, pvd);
      const cnf = files.find((e) => /^\/SYSTEM\.CNF(;1)?$/i.test(e.path));
      if (cnf && cnf.size < 4096) {
        const b = await read(cnf.lba);
        if (b) playstation = parseSystemCnf(new TextDecoder().decode(b.subarray(0, cnf.size)));
      }
    }
    const stats = new CdromStatsCollector().stats;
    stats.sectors = Math.floor(f.size / 2048);
    let pvdOut: DataTrackInfo["pvd"] = null;
    if (pvd) {
      const { raw: _raw, ...rest } = pvd;
      pvdOut = rest;
    }
    return { file, stats, pvd: pvdOut, pvdRaw: pvd?.raw ?? null, files, playstation };
  } finally {
    f.close();
  }
}
