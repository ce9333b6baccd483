// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * `sectorkit split`: redump-exact BIN/CUE from a redumper dump set. Output goes to temporary names
 * and is renamed into place only when everything succeeded.
 *
 * @module
 */
import { InterruptedError, SectorkitError } from "../../errors.ts";
import type { Platform } from "../../platform/mod.ts";
import { CD_SECTOR_SAMPLES } from "../constants.ts";
import { datLine } from "../hash/rom_hasher.ts";
import { RunLog } from "../run_log.ts";
import { analyzeScram } from "./analyze.ts";
import { buildCue, cueFileBytes } from "./cue.ts";
import { cueSheets, usableCdText } from "./cue_sheets.ts";
import { type DumpFiles, joinPath, loadDumpFiles } from "./dump_files.ts";
import { buildLayout } from "./layout.ts";
import { applyQtoc } from "./qtoc.ts";
import { protectedSectorsAt, protectionFor } from "./protected_ranges.ts";
import { addSessionExtras } from "./session_extras.ts";
import { alignDataStart, formatLayout, pregapWarnings, universalHash } from "./split_report.ts";
import { correctQ, crcValidCount, extractQ, fixDesync, type QChannel } from "./subq.ts";
import {
  type C2Carry,
  checkFile,
  cueFiles,
  fileErrorVerdict,
  planFiles,
  type PlannedFile,
  type TrackErrors,
} from "./track_plan.ts";
import { ParallelHashPool, type StreamDigest } from "../hash/parallel_hasher.ts";
import { detectWriteOffset, signed } from "./write_offset.ts";
import { fillTrackModes } from "./track_modes.ts";
import { writeTrackFile } from "./write_tracks.ts";
import { jaguarOffset, videoNowOffset } from "./magic_offset.ts";
import { offsetAt, offsetShiftLines, relocateImage } from "./offset_shift.ts";
import {
  formatLbaRuns,
  SplitDataError,
  type SplitFile,
  type SplitOptions,
  type SplitResult,
} from "./split_types.ts";

export * from "./split_types.ts";

/**
 * Splits a dump set into track files and a CUE.
 *
 * @example Usage
 * ```ts ignore
 * const r = await runSplit({ imagePath: "dumps", imageName: "game" }, platform);
 * console.log(r.writeOffset, r.datLines.join("\n"));
 * ```
 */
export async function runSplit(options: SplitOptions, platform: Platform): Promise<SplitResult> {
  const log = new RunLog(options.onLog);
  const date = platform.runtime.date();
  const { fs } = platform;
  const name = options.imageName;
  const writeLog = async (): Promise<void> => {
    if (options.writeLog === false) return;
    await log.appendTo(
      fs,
      joinPath(options.imagePath, `${name}.log`),
      date,
      "split",
      options.arguments ?? `split --image-path=${options.imagePath} --image-name=${name}`,
      options.imagePath,
      name,
    );
  };
  try {
    return await split(options, platform, log);
  } catch (e) {
    if (e instanceof SectorkitError && !(e instanceof SplitDataError)) {
      log.add(`error: ${e.message}`);
    }
    throw e;
  } finally {
    // Only next to an existing dump set: a wrong --image-name must not leave a stray log.
    const scram = joinPath(options.imagePath, `${name}.scram`);
    if ((await fs.stat(scram).catch(() => null)) !== null) await writeLog().catch(() => {});
  }
}

async function split(options: SplitOptions, platform: Platform, log: RunLog): Promise<SplitResult> {
  const pool = ParallelHashPool.create(options.hashWorkers ?? true, platform.hashing);
  // Memory-mapped .scram/.state only when nothing posts their bytes to a Worker (native hashing
  // reads them in place); unmapped once no native update runs any more.
  const mapper = pool.native ? platform.mapper : undefined;
  const dump = await loadDumpFiles(
    platform.fs,
    options.imagePath,
    options.imageName,
    (n) => pool.alloc(n),
    mapper && ((path) => mapper.mapRead(path)),
  ).catch((e) => {
    pool.close();
    throw e;
  });
  try {
    return await splitWith(options, platform, log, pool, dump);
  } finally {
    await pool.idle();
    pool.close();
    dump.close();
  }
}

async function splitWith(
  options: SplitOptions,
  platform: Platform,
  log: RunLog,
  pool: ParallelHashPool,
  dump: DumpFiles,
): Promise<SplitResult> {
  const { fs } = platform;
  const name = options.imageName;
  const img = dump.image;
  // The scan and the Universal Hash (SHA-1 of the data range, off this thread) come first so the
  // hash overlaps the subchannel, TOC and offset work below.
  const analysis = analyzeScram(img);
  let dataRange: [number, number] | null = null;
  if (analysis.nonZeroStart !== null && analysis.nonZeroEnd !== null) {
    dataRange = [alignDataStart(img, analysis), analysis.nonZeroEnd];
  }
  const uhashPromise = dataRange ? universalHash(img, dataRange, pool) : Promise.resolve(null);
  // Settled before the run ends either way (its log line is filled then).
  uhashPromise.catch(() => {});
  const warnings: string[] = [];
  const warn = (w: string): void => {
    warnings.push(w);
    log.add(w);
  };
  let q: QChannel | null = null;
  if (dump.subcode) {
    q = extractQ(dump.subcode);
    if (q.empty.every((e) => e === 1)) q = null;
  }
  if (q) {
    if (crcValidCount(q) === 0) {
      throw new SectorkitError(
        `${name}.subcode has no valid Q frame: garbage subcode or a file of another format`,
      );
    }
    const shift = fixDesync(q);
    if (shift !== 0) log.add(`shifting subchannel data (shift: ${signed(shift)})`);
    log.add("correcting P... done");
    const fixed = correctQ(q);
    log.add(`correcting Q... done${fixed ? ` (corrected: ${fixed})` : ""}`);
  }
  if (dump.atip) {
    const a = dump.atip;
    log.add(
      `ATIP: ${
        a.rewritable ? "CD-RW" : "CD-R"
      }, lead-in start: ${a.leadInStart}, last possible lead-out: ${a.lastLeadOut} (LBA: ${a.lastLeadOutLba})`,
    );
  }
  if (dump.pmaEntries) log.add(`PMA: ${dump.pmaEntries} entries`);
  let layout = buildLayout(dump.toc, q);
  log.add("", "final TOC:", ...formatLayout(layout), "");
  if (q) layout = applyQtoc(layout, q, options.forceQtoc ?? false, log, warn);
  const text = usableCdText(dump.cdText);
  if (text.warning) warn(text.warning);
  const sheets = cueSheets(name, text.cdText);
  const sessions = layout.sessions;
  const firstTrack = sessions[0].tracks[0];
  const tocRange: [number, number] = [
    firstTrack.start * CD_SECTOR_SAMPLES,
    sessions[sessions.length - 1].leadOutStart * CD_SECTOR_SAMPLES,
  ];
  const offsetLog: string[] = [];
  const pregaps = sessions.flatMap((s) => s.tracks).map((t): [number, number] => [
    t.start,
    t.indices[0],
  ]);
  const wo = detectWriteOffset(img, analysis, {
    forceOffset: options.forceOffset,
    pregaps,
    tocRange,
    dataRange,
    silenceThreshold: options.audioSilenceThreshold,
    magic: [
      () => jaguarOffset(img, layout),
      () => videoNowOffset(img, layout, dataRange?.[0] ?? null),
    ],
    correctOffsetShift: options.correctOffsetShift,
    offsetShiftRelocate: options.offsetShiftRelocate,
  }, offsetLog);
  log.add(...offsetLog);
  const r = (n: number): string => signed(n).padStart(9);
  log.add(`non-zero  TOC sample range: [${r(tocRange[0])} .. ${r(tocRange[1])}]`);
  let uhashLine = -1;
  if (dataRange) {
    log.add(`non-zero data sample range: [${r(dataRange[0])} .. ${r(dataRange[1])}]`);
    uhashLine = log.reserve();
  }
  log.add("");
  log.add(...wo.lateLog!);
  const offset = wo.offset;
  log.add(`disc write offset: ${signed(offset)}`, "");
  // Offset shift corrected: split reads a copy with every range moved to `offset`.
  const shifted = wo.offsets!.length > 1;
  if (shifted) log.add(...offsetShiftLines(wo.offsets!));
  const work = shifted ? relocateImage(img, wo.offsets!, offset) : img;
  for (const w of pregapWarnings(work, layout, offset)) warn(w);
  // redumper: the lead-in starts at the first non-zero sample's sector at the offset of the LBA
  // that sample has at offset 0.
  const leadInOffset = shifted && dataRange
    ? offsetAt(wo.offsets!, Math.floor(dataRange[0] / CD_SECTOR_SAMPLES))
    : offset;
  const files = planFiles(layout, name, offset, dataRange, leadInOffset);
  for (const w of addSessionExtras(work, layout, name, offset, files)) warn(w);
  const prot = protectionFor(img, dump.toc, analysis, options.skip ?? "", files, log);
  fillTrackModes(work, files, offset, {
    forceDescramble: shifted,
    original: shifted ? { img, offsets: wo.offsets! } : undefined,
  });
  log.add("checking tracks");
  const threshold = dump.cdr ? (options.cdrErrorThreshold ?? 16) : null;
  const errors: TrackErrors[] = [];
  const badByFile = new Map<PlannedFile, Set<number>>();
  const carry = new Map<number, C2Carry>();
  for (const f of files) {
    // Protected ranges are samples of the original image: test each sector at its own offset.
    const p = protectedSectorsAt(
      prot.ranges,
      f.start,
      f.end,
      shifted ? wo.offsets! : [[0, offset]],
    );
    if (!carry.has(f.session)) carry.set(f.session, { run: 0 });
    const e = checkFile(work, f, offset, threshold, p, carry.get(f.session));
    badByFile.set(f, p.size ? new Set([...e.bad, ...p]) : e.bad);
    // Track 0/AA (optional): missing samples are fine, C2 is an error unless on a CD-R.
    if (f.inCue ? e.skipSectors + e.c2Sectors === 0 : e.c2Sectors === 0) continue;
    log.add(
      `errors detected, track: ${e.track}, sectors: {SKIP: ${e.skipSectors}, C2: ${e.c2Sectors}}, samples: {SKIP: ${e.skipSamples}, C2: ${e.c2Samples}}`,
    );
    const v = fileErrorVerdict(e, f.inCue, dump.cdr);
    log.add(...v.warnings);
    if (v.error) errors.push(e);
  }
  let uhash: string | null = null;
  const uhashWarningAt = warnings.length;
  const fillUhash = async (): Promise<void> => {
    uhash = await uhashPromise;
    if (uhashLine < 0) return;
    if (uhash) log.fill(uhashLine, `Universal Hash (SHA-1): ${uhash}`);
    else {
      const w =
        "warning: non-zero data range is not continuous, skipping Universal Hash calculation";
      warnings.splice(uhashWarningAt, 0, w);
      log.fill(uhashLine, w);
    }
  };
  if (errors.length > 0 && !options.forceSplit) {
    await fillUhash();
    log.add("error: data errors detected, unable to continue");
    const err = new SplitDataError(errors);
    throw err;
  }
  log.add("done", "");
  // Refuse to clobber.
  const cueName = sheets[0].file;
  const targets = [...files.map((f) => f.name), ...sheets.map((c) => c.file)];
  if (!options.overwrite) {
    for (const t of targets) {
      if (await fs.stat(joinPath(options.imagePath, t))) {
        throw new SectorkitError(
          `${t} already exists in ${options.imagePath || "."}: use --overwrite to replace it`,
        );
      }
    }
  }
  log.add("writing tracks");
  const tmp = (t: string): string => joinPath(options.imagePath, `${t}.sectorkit-partial`);
  const written: SplitFile[] = [];
  let interrupted = false;
  const offInterrupt = platform.runtime.onInterrupt(() => {
    interrupted = true;
  });
  try {
    const pending: Promise<StreamDigest>[] = [];
    const totalSectors = files.reduce((a, f) => a + f.end - f.start, 0);
    let doneSectors = 0;
    for (const f of files) {
      const w = await writeTrackFile(fs, tmp(f.name), work, f, offset, {
        forceDescramble: shifted,
        regenerate: !options.leaveUnchanged,
        fill: f.inCue ? (options.skipFill ?? 0x55) : 0,
        bad: badByFile.get(f)!,
        pool,
        onChunk: (n) => {
          if (interrupted) throw new InterruptedError();
          options.onProgress?.(doneSectors += n, totalSectors);
        },
      });
      pending.push(w.digest);
      for (const l of w.descrambleFailed.slice(0, 16)) {
        warn(`warning: descramble failed (LBA: ${l})`);
      }
      written.push({
        name: f.name,
        track: f.track,
        session: f.session,
        type: f.type,
        lbaStart: f.start,
        lbaEnd: f.end,
        inCue: f.inCue,
        generatedSectors: w.generated,
        edcErrors: [],
        eccErrors: [],
        size: 0,
        crc32: "",
        md5: "",
        sha1: "",
      });
    }
    const digests = await Promise.all(pending);
    await fillUhash();
    digests.forEach((d, i) => {
      Object.assign(written[i], d);
      if (d.edcErrors.length) {
        warn(
          `warning: track ${
            files[i].track
          }: EDC errors: ${d.edcErrors.length}, ECC errors: ${d.eccErrors.length} (LBA: ${
            formatLbaRuns(d.edcErrors.slice(0, 64))
          })`,
        );
      }
    });
    log.add("done", "");
    const multisession = sessions.length > 1;
    if (multisession) {
      log.add("multisession: ");
      for (const s of sessions) {
        const fs0 = files.filter((f) => f.session === s.number && f.start < f.end);
        if (fs0.length === 0) continue;
        log.add(`  session ${s.number}: ${fs0[0].start}-${fs0[fs0.length - 1].end - 1}`);
      }
      log.add("");
    }
    const entries = cueFiles(files);
    const cueOut: SplitResult["cueSheets"] = [];
    for (const sh of sheets) {
      const o = { mcn: layout.mcn, cdText: sh.cdText, multisession, qtoc: options.forceQtoc };
      const text = buildCue(entries, o);
      // CD-TEXT bytes verbatim (Latin-1 / MS-JIS), as redumper writes them.
      await fs.writeFile(tmp(sh.file), cueFileBytes(entries, o));
      cueOut.push({ name: sh.file, language: sh.language, cue: text });
      log.add(`CUE [${sh.file}]:`, ...buildCue(entries, { ...o, forLog: true }).split("\n"));
    }
    const cue = cueOut[0].cue;
    for (const t of targets) {
      const final = joinPath(options.imagePath, t);
      // Unlink an old output before the rename: renaming over an existing file makes ext4
      // (auto_da_alloc) start writeback of the new file there and then, ~0.5 s per 900 MB.
      if (options.overwrite) await fs.remove(final).catch(() => {});
      await fs.rename(tmp(t), final);
    }
    const datLines = written.filter((f) => f.inCue).map((f) => datLine(f.name, f));
    const datExtraLines = written.filter((f) => !f.inCue).map((f) => datLine(f.name, f));
    return {
      imageName: name,
      writeOffset: offset,
      offsetMethod: wo.method,
      writeOffsets: wo.offsets!,
      tracks: written,
      cuePath: joinPath(options.imagePath, cueName),
      cue,
      cueSheets: cueOut,
      universalHash: uhash,
      datLines,
      datExtraLines,
      mcn: layout.mcn,
      protection: prot.descriptions,
      warnings,
      errors,
      log: log.lines,
    };
  } catch (e) {
    for (const t of targets) await fs.remove(tmp(t)).catch(() => {});
    throw e;
  } finally {
    offInterrupt();
  }
}
