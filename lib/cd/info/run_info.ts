// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * `sectorkit info`: data track statistics, ISO 9660 volume and files, PlayStation serial,
 * AccurateRip checksums and disc id, LibCrypt/SecuROM subchannel signatures.
 *
 * @module
 */
import { NotFoundError } from "../../errors.ts";
import type { Platform } from "../../platform/mod.ts";
import { CD_DATA_SIZE } from "../constants.ts";
import { parseCueSheet } from "../hash/cue_sheet.ts";
import { decodeCueText } from "../cue_text.ts";
import { RunLog } from "../run_log.ts";
import { joinPath } from "../split/dump_files.ts";
import { extractQ } from "../split/subq.ts";
import { accurateRipDiscId, AccurateRipSummer, type ArDiscId } from "./accuraterip.ts";
import { formatCdromStats } from "./cdrom_stats.ts";
import { hexDump } from "./iso9660_mini.ts";
import { detectProtections, type SubchannelProtections } from "./protection.ts";
import { type DataTrackInfo, dataTrackInfo, isoImageInfo } from "./track_info.ts";

/** Options of {@linkcode runInfo}. */
export interface InfoOptions {
  /** Directory. */
  imagePath: string;
  /** Image name. */
  imageName: string;
  /** Append to `NAME.log` (default true). */
  writeLog?: boolean;
  /** Command line for the log. */
  arguments?: string;
  /** Receives each output line. */
  onLog?: (line: string) => void;
}

/** AccurateRip result of one audio track. */
export interface ArTrack {
  /** Track number. */
  track: number;
  /** v1 CRC (8 hex digits). */
  v1: string;
  /** v2 CRC. */
  v2: string;
}

/** Result of {@linkcode runInfo}. */
export interface InfoResult {
  /** Data tracks. */
  dataTracks: DataTrackInfo[];
  /** AccurateRip per audio track. */
  accurateRip: ArTrack[];
  /** AccurateRip disc id, when there are audio tracks. */
  accurateRipId: ArDiscId | null;
  /** Subchannel protections, when `NAME.subcode` exists. */
  protections: SubchannelProtections | null;
  /** Output lines. */
  lines: string[];
}

const hex8 = (v: number): string => v.toString(16).padStart(8, "0");

/**
 * Reports on a split image.
 *
 * @example Usage
 * ```ts ignore
 * const r = await runInfo({ imagePath: "dumps", imageName: "game" }, platform);
 * ```
 */
export async function runInfo(options: InfoOptions, platform: Platform): Promise<InfoResult> {
  const { fs } = platform;
  const log = new RunLog(options.onLog);
  const name = options.imageName;
  const path = (f: string): string => joinPath(options.imagePath, f);
  const finishLog = async (): Promise<void> => {
    if (options.writeLog === false) return;
    await log.appendTo(
      fs,
      path(`${name}.log`),
      platform.runtime.date(),
      "info",
      options.arguments ?? `info --image-path=${options.imagePath} --image-name=${name}`,
      options.imagePath,
      name,
    );
  };
  if (!(await fs.stat(path(`${name}.cue`)))) {
    if (await fs.stat(path(`${name}.iso`))) {
      const info = await isoImageInfo(fs, path(`${name}.iso`), `${name}.iso`);
      log.add(...isoLines(info));
      await finishLog();
      return {
        dataTracks: [info],
        accurateRip: [],
        accurateRipId: null,
        protections: null,
        lines: log.lines,
      };
    }
    throw new NotFoundError(
      `Cannot find ${name}.cue or ${name}.iso in ${
        options.imagePath || "."
      }: run split first or check --image-name`,
    );
  }
  // Bytes, not UTF-8 text: CD-TEXT lines may be ISO 8859-1 or MS-JIS.
  const cue = parseCueSheet(decodeCueText(await fs.readFile(path(`${name}.cue`))));
  let protections: SubchannelProtections | null = null;
  if (await fs.stat(path(`${name}.subcode`))) {
    protections = detectProtections(extractQ(await fs.readFile(path(`${name}.subcode`))));
  }
  let psxShown = false;
  const dataTracks: DataTrackInfo[] = [];
  // Absolute LBAs: files are contiguous within a session; a new session adds 11400 sectors.
  const audio: { track: number; file: string; index1: number; size: number; abs: number }[] = [];
  let abs = 0, session = 1, firstData: number | null = null;
  for (const f of cue) {
    const st = await fs.stat(path(f.name));
    if (!st) throw new NotFoundError(`${name}.cue lists "${f.name}" but it is missing`);
    const t = f.tracks[0];
    if (!t) continue;
    if (t.session !== session) {
      abs += 11400;
      session = t.session;
    }
    const index1 = t.indices.get(1) ?? 0;
    if (t.type === "AUDIO") {
      audio.push({ track: t.number, file: f.name, index1, size: st.size, abs });
    } else {
      firstData ??= abs + index1;
      const info = await dataTrackInfo(fs, path(f.name), f.name, index1);
      dataTracks.push(info);
      log.add(...formatCdromStats(f.name, info.stats), "");
      log.add(...isoLines(info, protections));
      psxShown ||= info.playstation?.system === "PSX" && protections !== null;
    }
    abs += Math.floor(st.size / CD_DATA_SIZE);
  }
  const accurateRip: ArTrack[] = [];
  let accurateRipId: ArDiscId | null = null;
  if (audio.length > 0) {
    accurateRip.push(
      ...await arChecksums(
        platform,
        audio.map((a) => ({ ...a, path: path(a.file) })),
        firstData !== null && firstData < audio[0].abs,
      ),
    );
    const offsets = audio.map((a) => a.abs + a.index1);
    const last = audio[audio.length - 1];
    const leadOut = firstData !== null && firstData > last.abs
      ? firstData - 11400
      : last.abs + Math.floor(last.size / CD_DATA_SIZE);
    const dataOffsets = firstData !== null && firstData < offsets[0] ? [firstData] : [];
    accurateRipId = accurateRipDiscId([...dataOffsets, ...offsets], leadOut);
    log.add("AccurateRip:");
    for (const a of accurateRip) log.add(`  track ${a.track}: v1: ${a.v1}, v2: ${a.v2}`);
    log.add(`  disc id: ${accurateRipId.url.split("/").pop()}`, "");
  }
  if (protections) {
    // LibCrypt goes into the PSX block as redumper prints it; elsewhere in its own block.
    const p = protections;
    const own = psxShown ? p.lines.filter((l) => !isLibCryptLine(l, p)) : p.lines;
    if (own.length) log.add(...own, "");
  }
  await finishLog();
  return { dataTracks, accurateRip, accurateRipId, protections, lines: log.lines };
}

/** AccurateRip tracks run from INDEX 01 to the next track's INDEX 01 over the audio files. */
async function arChecksums(
  platform: Platform,
  audio: { track: number; path: string; index1: number; size: number }[],
  dataFirst = false,
): Promise<ArTrack[]> {
  // Global byte positions of each track's INDEX 01 in the concatenated audio files.
  const starts: number[] = [];
  let base = 0;
  for (const a of audio) {
    starts.push(base + a.index1 * CD_DATA_SIZE);
    base += a.size;
  }
  const total = base;
  const summers = audio.map((_, i) => {
    const end = i + 1 < audio.length ? starts[i + 1] : total;
    return new AccurateRipSummer(
      (end - starts[i]) / 4,
      i === 0 && !dataFirst,
      i === audio.length - 1,
    );
  });
  const buf = new Uint8Array(4 << 20);
  let g = 0;
  for (const a of audio) {
    const f = await platform.fs.openRead(a.path);
    try {
      for (let pos = 0; pos < a.size;) {
        const n = await f.readAt(pos, buf);
        if (n <= 0) break;
        let o = 0;
        while (o < n) {
          const gp = g + o;
          let t = starts.length - 1;
          while (t > 0 && starts[t] > gp) t--;
          const limit = t + 1 < starts.length ? starts[t + 1] - g : n;
          const e = Math.min(n, limit);
          if (gp >= starts[0]) summers[t].update(buf.subarray(o, e));
          o = gp >= starts[0] ? e : Math.min(n, starts[0] - g);
        }
        pos += n;
        g += n;
      }
    } finally {
      f.close();
    }
  }
  return summers.map((s, i) => {
    const d = s.digest();
    return { track: audio[i].track, v1: hex8(d.v1), v2: hex8(d.v2) };
  });
}

function isLibCryptLine(l: string, p: SubchannelProtections): boolean {
  return l === "LibCrypt:" || l === "  libcrypt: yes" || p.libcryptSbi.includes(l);
}

/** The ISO 9660 and PlayStation blocks of one data track (PSX: `libcrypt: yes/no` + SBI lines). */
function isoLines(info: DataTrackInfo, protections: SubchannelProtections | null = null): string[] {
  const out: string[] = [];
  if (info.pvd) {
    out.push(`ISO9660 [${info.file}]:`, `  volume identifier: ${info.pvd.volumeId}`, "  PVD:");
    out.push(...hexDump(info.pvdRaw!, 0x320, 0x380));
    out.push(
      `  system identifier: ${info.pvd.systemId}`,
      `  volume size: ${info.pvd.volumeBlocks} blocks of ${info.pvd.blockSize} bytes`,
      `  creation date: ${info.pvd.created}`,
      `  modification date: ${info.pvd.modified}`,
      `  files: ${info.files.filter((e) => !e.directory).length}`,
      ...info.files.slice(0, 200).map((e) =>
        `    ${e.directory ? "d" : "-"} ${String(e.size).padStart(10)} ${
          String(e.lba).padStart(7)
        } ${e.path}`
      ),
      "",
    );
  }
  if (info.playstation) {
    const p = info.playstation;
    out.push(`${p.system} [${info.file}]:`, `  EXE: ${p.exe}`, `  serial: ${p.serial}`);
    if (p.system === "PSX" && protections) {
      const yes = protections.libcrypt.length > 0;
      out.push(`  libcrypt: ${yes ? "yes" : "no"}`);
      if (yes) out.push(...protections.libcryptSbi, "");
    }
    out.push("");
  }
  return out;
}
