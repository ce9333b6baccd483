// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Protected ranges, as redumper's `protection` command finds them on the scrambled image before
 * split: C2 errors that are part of a disc's protection rather than damage. Split excludes their
 * sectors from the error check and regenerates them with the fill byte (unless
 * `--leave-unchanged`); `--skip` LBA ranges are treated the same way.
 *
 * - PS2 / Datel: single data track, `DATA.DAT`, `BIG.DAT` or `DUMMY.ZIP` in the ISO 9660 root
 *   starting at LBA 23; the first contiguous C2 run from LBA 23 (below LBA 5000). Also
 *   "PS2/Datel FakeTOC" when the volume size differs from the lead-out (track trimmed to the volume
 *   size for lead-outs 368849 and 449849).
 * - PSX BreakerPro FakeTOC: volume id `BREAKER PRO` with lead-out 449849 (trimmed).
 * - SafeDisc / SafeDisc Lite: `00000001.TMP` / `00000001.LT1` in the root; every C2 sector in the
 *   gap after it, up to the next file's extent or 10000 / 1500 sectors.
 *
 * @module
 */
import { parseSkipRanges as parseLbaRanges } from "../../dump/read_plan.ts";
import { parsePvd } from "../info/iso9660_mini.ts";
import { CD_DATA_SIZE, CD_SECTOR_SAMPLES, LBA_START } from "../constants.ts";
import type { RunLog } from "../run_log.ts";
import type { Toc } from "../toc/toc.ts";
import { recordOffset, type ScramAnalysis } from "./analyze.ts";
import type { OffsetEntry } from "./offset_shift.ts";
import { isData } from "./layout.ts";
import type { PlannedFile } from "./track_plan.ts";
import { countErrors, descrambleSector, readSamples, type ScramImage } from "./scram_image.ts";

/** What {@linkcode detectProtection} found. */
export interface ProtectionInfo {
  /** redumper's descriptions, e.g. `SafeDisc 00000001.TMP, C2: 3, gap range: 1000-1099`. */
  descriptions: string[];
  /** Protected sample ranges `[start, end)` (relative to LBA 0). */
  ranges: [number, number][];
  /** Data tracks end at index 1 + the ISO 9660 volume size (FakeTOC discs). */
  trimTo: number | null;
}

interface RootEntry {
  name: string;
  lba: number;
  size: number;
  directory: boolean;
}

/** Reads ISO 9660 blocks (form 1 user data) of the first track from the scrambled image. */
function blockReader(img: ScramImage, offset: number): (lba: number) => Uint8Array | null {
  const buf = new Uint8Array(CD_DATA_SIZE);
  return (lba) => {
    readSamples(img, lba * CD_SECTOR_SAMPLES + offset, buf);
    if (!descrambleSector(buf, 0, lba)) return null;
    const mode = buf[15];
    if (mode === 1) return buf.slice(16, 16 + 2048);
    if (mode === 2) return buf.slice(24, 24 + 2048);
    return null;
  };
}

function rootEntries(read: (lba: number) => Uint8Array | null): {
  entries: RootEntry[];
  volumeId: string;
  volumeBlocks: number;
} | null {
  for (let lba = 16; lba < 32; lba++) {
    const b = read(lba);
    if (!b) return null;
    if (String.fromCharCode(...b.subarray(1, 6)) !== "CD001") return null;
    if (b[0] === 0xff) return null;
    const pvd = parsePvd(b);
    if (!pvd) continue;
    const { volumeId, volumeBlocks } = pvd;
    const { lba: rootLba, size: rootSize } = pvd.root;
    const entries: RootEntry[] = [];
    for (let k = 0; k < Math.min(64, Math.ceil(rootSize / 2048)); k++) {
      const d = read(rootLba + k);
      if (!d) break;
      const v = new DataView(d.buffer, d.byteOffset, d.byteLength);
      for (let o = 0; o + 34 <= 2048;) {
        const len = d[o];
        if (len < 34 || o + len > 2048) break;
        const nameLen = d[o + 32];
        if (!(nameLen === 1 && d[o + 33] <= 1)) {
          const id = String.fromCharCode(...d.subarray(o + 33, o + 33 + nameLen));
          entries.push({
            name: id.split(";")[0],
            lba: v.getUint32(o + 2, true),
            size: v.getUint32(o + 10, true),
            directory: (d[o + 25] & 2) !== 0,
          });
        }
        o += len;
      }
    }
    return { entries, volumeId, volumeBlocks };
  }
  return null;
}

const c2At = (img: ScramImage, lba: number, offset: number): boolean =>
  countErrors(img, lba * CD_SECTOR_SAMPLES + offset, CD_SECTOR_SAMPLES).c2 > 0;

/**
 * Looks for Datel, BreakerPro and SafeDisc on a single-session disc whose first track is data.
 *
 * @example Nothing on an empty image
 * ```ts
 * import { detectProtection } from "./protected_ranges.ts";
 * const img = { data: new Uint8Array(0), state: new Uint8Array(0), samples: 0 };
 * const toc = { sessions: [{ number: 1, leadOut: 100, leadOutControl: 4, tracks: [{ number: 1, control: 4, session: 1, lba: 0 }] }] };
 * const analysis = { nonZeroStart: null, nonZeroEnd: null, records: [] };
 * if (detectProtection(img, toc, analysis).descriptions.length !== 0) throw new Error();
 * ```
 */
export function detectProtection(
  img: ScramImage,
  toc: Toc,
  analysis: Pick<ScramAnalysis, "records">,
): ProtectionInfo {
  const none: ProtectionInfo = { descriptions: [], ranges: [], trimTo: null };
  if (toc.sessions.length !== 1) return none;
  const s = toc.sessions[0];
  const t1 = s.tracks[0];
  if (!t1 || !isData(t1.control)) return none;
  const sectorsCount = Math.floor(img.samples / CD_SECTOR_SAMPLES);
  const t1Start = t1.lba;
  const t1End = Math.min(s.tracks[1]?.lba ?? s.leadOut, sectorsCount + LBA_START);
  const rec = analysis.records.find((r) => r.lba + r.count > t1Start && r.lba < t1End);
  if (!rec) return none;
  const offset = recordOffset(rec);
  const root = rootEntries(blockReader(img, offset));
  if (!root) return none;
  const find = (n: string): RootEntry | undefined =>
    root.entries.find((e) => e.name.toUpperCase() === n);
  const out: ProtectionInfo = { descriptions: [], ranges: [], trimTo: null };
  const sample = (lba: number): number => lba * CD_SECTOR_SAMPLES + offset;
  // PS2 / Datel: one data track, the protection file first on the disc at LBA 23.
  let datel = false;
  if (s.tracks.length === 1) {
    const f = ["DATA.DAT", "BIG.DAT", "DUMMY.ZIP"].map(find).find((e) => e && e.lba === 23);
    if (f) {
      let first = 0, end = 0;
      for (let lba = 23; lba < Math.min(t1End, 5000); lba++) {
        if (c2At(img, lba, offset)) {
          if (!first) first = lba;
          end = lba + 1;
        } else if (first) break;
      }
      if (end > first) {
        datel = true;
        out.descriptions.push(
          `PS2/Datel ${f.name}, C2: ${end - first}, range: ${first}-${end - 1}`,
        );
        out.ranges.push([sample(first), sample(end)]);
        if (root.volumeBlocks !== s.leadOut) {
          out.descriptions.push(
            `PS2/Datel FakeTOC, lead-out: ${s.leadOut}, ISO9660 size: ${root.volumeBlocks}`,
          );
          if (s.leadOut === 368849 || s.leadOut === 449849) out.trimTo = root.volumeBlocks;
        }
      }
    }
  }
  if (datel) return out;
  if (s.tracks.length === 1 && root.volumeId === "BREAKER PRO" && s.leadOut === 449849) {
    out.descriptions.push(
      `PSX/BreakerPro FakeTOC, lead-out: ${s.leadOut}, ISO9660 size: ${root.volumeBlocks}`,
    );
    out.trimTo = root.volumeBlocks;
  }
  let lite = false;
  let entry = find("00000001.TMP");
  if (!entry) {
    entry = find("00000001.LT1");
    lite = true;
  }
  if (entry) {
    const start = entry.lba + Math.ceil(entry.size / 2048);
    let end = start + (lite ? 1500 : 10000);
    for (const e of root.entries) {
      if (!e.directory && e.lba > start && e.lba < end) end = e.lba;
    }
    const errors: number[] = [];
    for (let lba = start; lba < end; lba++) if (c2At(img, lba, offset)) errors.push(lba);
    if (errors.length) {
      out.descriptions.push(
        `SafeDisc ${lite ? "Lite " : ""}${entry.name}, C2: ${errors.length}, gap range: ${start}-${
          end - 1
        }`,
      );
      for (const l of errors) out.ranges.push([sample(l), sample(l + 1)]);
    }
  }
  return out;
}

/**
 * `--skip` LBA ranges (`a-b:c-d`, inclusive) as protected sample ranges, as redumper converts
 * them (offset 0).
 *
 * @example Usage
 * ```ts
 * import { parseSkipRanges } from "./protected_ranges.ts";
 * const r = parseSkipRanges("10-11:20-20");
 * if (r[0][0] !== 5880 || r[0][1] !== 7056 || r[1][1] !== 21 * 588) throw new Error();
 * ```
 */
export function parseSkipRanges(spec: string): [number, number][] {
  return parseLbaRanges(spec).map((r) => [r.start * CD_SECTOR_SAMPLES, r.end * CD_SECTOR_SAMPLES]);
}

/** redumper's log lines: `protection: none|…`, or `protections:` with one line each. */
export function protectionLines(p: ProtectionInfo): string[] {
  if (p.descriptions.length <= 1) return [`protection: ${p.descriptions[0] ?? "none"}`];
  return ["protections: ", ...p.descriptions.map((d) => `  ${d}`)];
}

/** LBAs in `[from, to)` whose sector (at `offset`) touches a protected sample range. */
export function protectedSectors(
  ranges: [number, number][],
  from: number,
  to: number,
  offset: number,
): Set<number> {
  const out = new Set<number>();
  for (const [a, b] of ranges) {
    const lo = Math.max(
      from,
      Math.floor((a - offset - (CD_SECTOR_SAMPLES - 1)) / CD_SECTOR_SAMPLES),
    );
    const hi = Math.min(to, Math.ceil((b - offset) / CD_SECTOR_SAMPLES));
    for (let lba = lo; lba < hi; lba++) {
      const s = lba * CD_SECTOR_SAMPLES + offset;
      if (s < b && s + CD_SECTOR_SAMPLES > a) out.add(lba);
    }
  }
  return out;
}

/**
 * {@linkcode protectedSectors} with a write offset per LBA range (an offset shift corrected with
 * `--correct-offset-shift`), as redumper's `sector_is_protected` does: the protected ranges stay
 * sample ranges of the original `.scram` (found at track 1's offset), and sector `L` is protected
 * when its samples at the offset of its own range (`L×588 + offsetAt(offsets, L)`) touch one.
 * Split then reads that sector from the relocated image at the base offset.
 *
 * @example The range after a shift is found at the later offset
 * ```ts
 * import { protectedSectorsAt } from "./protected_ranges.ts";
 * // LBA 252..255 at offset +12 are protected; from LBA 200 on the offset is +1500.
 * const ranges: [number, number][] = [[252 * 588 + 12, 256 * 588 + 12]];
 * const p = protectedSectorsAt(ranges, 0, 400, [[-150, 12], [200, 1500]]);
 * if ([...p].join() !== "249,250,251,252,253") throw new Error([...p].join());
 * ```
 */
export function protectedSectorsAt(
  ranges: [number, number][],
  from: number,
  to: number,
  offsets: readonly OffsetEntry[],
): Set<number> {
  const out = new Set<number>();
  offsets.forEach(([, offset], k) => {
    const lo = k === 0 ? from : Math.max(from, offsets[k][0]);
    const hi = k + 1 < offsets.length ? Math.min(to, offsets[k + 1][0]) : to;
    if (hi <= lo) return;
    for (const l of protectedSectors(ranges, lo, hi, offset)) out.add(l);
  });
  return out;
}

/**
 * Split's use of the above: detects, logs redumper's `protection:` line when something was found,
 * adds the `--skip` ranges and trims FakeTOC data tracks to the volume size.
 */
export function protectionFor(
  img: ScramImage,
  toc: Toc,
  analysis: Pick<ScramAnalysis, "records">,
  skip: string,
  files: PlannedFile[],
  log: RunLog,
): ProtectionInfo {
  const p = detectProtection(img, toc, analysis);
  if (p.descriptions.length) log.add(...protectionLines(p), "");
  p.ranges.push(...parseSkipRanges(skip));
  if (p.trimTo !== null) {
    for (const f of files) {
      const t = f.layoutTrack;
      if (f.inCue && f.data && t) f.end = t.indices[0] + p.trimTo;
    }
  }
  return p;
}
