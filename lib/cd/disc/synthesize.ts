// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Turns a {@linkcode DiscSpec} into a {@linkcode Disc}: every sector is generated on demand and
 * deterministically from the seed, data sectors with correct EDC/ECC and scrambled as pressed.
 *
 * @module
 */
import { CD_DATA_SIZE, CD_SECTOR_SAMPLES } from "../constants.ts";
import { scramble } from "../scrambler.ts";
import { buildDataSector, type SectorMode } from "../sector.ts";
import { buildCdTextPacks } from "./cd_text.ts";
import type { Disc, DiscTrack } from "./disc.ts";
import {
  type DiscLayout,
  type DiscSpec,
  layoutDisc,
  parseDiscSpec,
  type TrackSpec,
} from "./disc_spec.ts";
import { fillRandom } from "./prng.ts";
import { buildSubcode } from "./subcode_builder.ts";
import { physicalReader } from "./physical_stream.ts";
import { shiftedPhysicalReader } from "./shifted_stream.ts";
import { writePrimaryVolumeDescriptor } from "./iso_pvd.ts";

/** A synthesized disc also exposes its authored (unshifted, unscrambled) sectors for tests. */
export interface SynthesizedDisc extends Disc {
  /** The spec it came from (normalized). */
  spec: DiscSpec;
  /** The layout. */
  layout: DiscLayout;
  /** Authored 2352-byte sector at `lba`, before scrambling and write offset (a fresh copy). */
  authoredSector(lba: number): Uint8Array;
}

function modeOf(type: DiscTrack["type"]): SectorMode {
  return type === "audio" ? "mode1" : type;
}

function userSize(mode: SectorMode): number {
  return mode === "mode1" || mode === "mode2form1" ? 2048 : mode === "mode2form2" ? 2324 : 2336;
}

/**
 * Synthesizes a disc from a spec (a parsed JSON object).
 *
 * @example A one-track data disc
 * ```ts
 * import { synthesizeDisc } from "./synthesize.ts";
 * const disc = synthesizeDisc({ tracks: [{ type: "mode1", length: 200 }] });
 * if (disc.sessions[0].leadOut !== 200) throw new Error();
 * ```
 */
export function synthesizeDisc(input: DiscSpec | unknown): SynthesizedDisc {
  const spec = parseDiscSpec(input);
  const layout = layoutDisc(spec);
  const { tracks, sessions, specs } = layout;
  const seed = spec.seed ?? 1;
  const writeOffset = spec.writeOffset ?? 0;
  const lastLeadOut = sessions[sessions.length - 1].leadOut;
  const leadOutLength = spec.leadOutLength ?? 150;
  const titles = [spec.title ?? "", ...specs.map((t) => t.title ?? "")];
  const performers = [spec.performer ?? "", ...specs.map((t) => t.performer ?? "")];
  const more = (spec.cdTextMore ?? []).map((b) => ({
    language: b.language,
    titles: [b.title ?? "", ...(b.trackTitles ?? [])],
    performers: [b.performer ?? ""],
    dbcs: b.dbcs,
  }));
  const cdText = buildCdTextPacks({ titles, performers, firstTrack: 1, more });

  const specOf = new Map<DiscTrack, TrackSpec>(tracks.map((t, i) => [t, specs[i]]));
  const trackOf = (lba: number): DiscTrack | undefined =>
    tracks.find((t) => lba >= t.pregapStart && lba < t.end);
  // Area kinds outside tracks: the lead-in/lead-out of a session takes its data-ness from the
  // adjacent track.
  const areaTrack = (lba: number): { track: DiscTrack; area: "leadin" | "leadout" } | null => {
    let prev: DiscTrack | undefined;
    for (const t of tracks) {
      if (lba < t.pregapStart) {
        if (prev && prev.session === t.session) return null;
        // Between sessions: lead-out of the previous session's last track, then lead-in.
        if (prev) {
          const s = sessions[prev.session - 1];
          const loLen = prev.session === 1 ? 6750 : 2250;
          return lba < s.leadOut + loLen
            ? { track: prev, area: "leadout" }
            : { track: t, area: "leadin" };
        }
        return { track: t, area: "leadin" };
      }
      prev = t;
    }
    return prev ? { track: prev, area: "leadout" } : null;
  };

  const isDataSector = (lba: number): boolean => {
    const t = trackOf(lba);
    if (t) return t.type !== "audio";
    const a = areaTrack(lba);
    return a !== null && a.track.type !== "audio";
  };

  const c2 = new Map<number, [number, number][]>();
  for (const d of spec.damage?.c2 ?? []) {
    const e = typeof d === "number" ? { lba: d } : d;
    const off = e.offset ?? 0;
    const list = c2.get(e.lba) ?? [];
    list.push([off, Math.min(CD_DATA_SIZE, off + (e.length ?? CD_DATA_SIZE))]);
    c2.set(e.lba, list);
  }
  const unreadable = new Set(spec.damage?.unreadable ?? []);
  const qCrc = new Set(spec.damage?.qCrc ?? []);

  const areaData = new Set(spec.areaData ?? []);
  const authoredSector = (lba: number): Uint8Array => {
    if (areaData.has(lba)) {
      if (!isDataSector(lba)) return fillRandom(new Uint8Array(CD_DATA_SIZE), seed, 0, lba);
      return buildDataSector(lba, "mode1", fillRandom(new Uint8Array(2048), seed, 0, lba));
    }
    const t = trackOf(lba);
    if (!t) {
      const a = areaTrack(lba);
      if (!a || a.track.type === "audio") return new Uint8Array(CD_DATA_SIZE);
      // Lead-in and lead-out of a data session hold Mode 0 sectors (zero user data).
      return buildDataSector(lba, "mode0", new Uint8Array(2336));
    }
    const ts = specOf.get(t)!;
    if (t.type === "audio") {
      const s = new Uint8Array(CD_DATA_SIZE);
      const silent = (lba < t.start && !ts.pregapAudio) || ts.content === "silence" ||
        ts.content === "zero";
      if (ts.bytes && lba >= t.start) {
        const at = (lba - t.start) * CD_DATA_SIZE;
        s.set(ts.bytes.subarray(at, at + CD_DATA_SIZE));
      } else if (!silent) fillRandom(s, seed, t.number, lba);
      if (ts.header && lba === t.start) s.set(...formatHeader(ts.header));
      return s;
    }
    // XA tracks' pregaps are form 2 sectors with zero data, as on pressed CD-ROM XA discs.
    const xa = t.type === "mode2form1" || t.type === "mode2form2";
    const mode = xa && lba < t.start ? "mode2form2" : modeOf(t.type);
    const data = new Uint8Array(userSize(mode));
    const postgapStart = t.end - (ts.postgap ?? 0);
    if (ts.bytes && lba >= t.start && lba < postgapStart) {
      const at = (lba - t.start) * data.length;
      data.set(ts.bytes.subarray(at, at + data.length));
    } else if (lba >= t.start && lba < postgapStart && ts.content !== "zero") {
      fillRandom(data, seed, t.number, lba);
      if (ts.volumeId !== undefined && lba - t.start <= 20 && lba - t.start >= 16) {
        writePrimaryVolumeDescriptor(
          data,
          lba - t.start,
          ts.volumeId,
          t.end - t.start,
          ts.isoFiles,
        );
      }
    }
    const sub: [number, number, number, number] | undefined = mode === "mode2form2"
      ? [0, 0, 0x20, 0]
      : mode === "mode2form1"
      ? [0, 0, 0x08, 0]
      : undefined;
    return buildDataSector(lba, mode, data, sub ? { subheader: sub } : {});
  };

  const pressedSector = (lba: number): Uint8Array => {
    const s = authoredSector(lba);
    if (isDataSector(lba)) scramble(s);
    const ranges = c2.get(lba);
    if (ranges) { for (const [a, b] of ranges) for (let i = a; i < b; i++) s[i] ^= 0x5a; }
    return s;
  };

  const firstLba = -45150;
  const lastLba = lastLeadOut + leadOutLength;
  const readMain = spec.writeOffsetShifts?.length
    ? shiftedPhysicalReader(pressedSector, writeOffset, spec.writeOffsetShifts, firstLba, lastLba)
    : physicalReader(pressedSector, writeOffset, firstLba, lastLba);

  const discType = tracks.some((t) => t.type.startsWith("mode2")) ? 0x20 : 0x00;
  const src = {
    sessions,
    tracks,
    mcn: spec.mcn,
    cdText: cdText.length ? cdText : undefined,
    discType,
  };
  const desync = spec.subcodeDesync ?? [];
  const readSubcode = (lba: number): Uint8Array => {
    let at = lba;
    for (const d of desync) if (lba >= d.from && lba < d.to) at = lba + d.shift;
    const raw = buildSubcode(src, at);
    if (qCrc.has(lba)) {
      // Flip the low bit of Q CRC byte 11 (Q is bit 6 of the last 8 records' bytes).
      raw[95] ^= 0x40;
    }
    return raw;
  };

  const undamaged = c2.size === 0 && unreadable.size === 0;
  const readQuality = (sample: number, out: Uint8Array): void => {
    const lo = firstLba * CD_SECTOR_SAMPLES, hi = lastLba * CD_SECTOR_SAMPLES;
    if (undamaged) {
      if (sample >= lo && sample + out.length <= hi) out.fill(4);
      else {for (let i = 0; i < out.length; i++) {
          out[i] = sample + i >= lo && sample + i < hi ? 4 : 0;
        }}
      return;
    }
    const shifts = spec.writeOffsetShifts ?? [];
    for (let i = 0; i < out.length; i++) {
      // The write offset in force at this sample (offset shifts: the later range wins).
      let off = writeOffset;
      for (const sh of shifts) {
        if (sample + i >= sh.lba * CD_SECTOR_SAMPLES + sh.offset) off = sh.offset;
      }
      const s = sample + i - off;
      const lba = Math.floor(s / CD_SECTOR_SAMPLES);
      const pos = (s - lba * CD_SECTOR_SAMPLES) * 4;
      let q = 4;
      if (unreadable.has(lba)) q = 0;
      else {
        const r = c2.get(lba);
        if (r && r.some(([a, b]) => pos + 4 > a && pos < b)) q = 1;
      }
      if (sample + i < lo || sample + i >= hi) q = 0;
      out[i] = q;
    }
  };

  return {
    medium: "cd",
    sessions,
    tracks,
    mcn: spec.mcn,
    cdText: src.cdText,
    writeOffset,
    discType,
    firstLba,
    lastLba,
    readMain,
    readSubcode,
    readQuality,
    spec,
    layout,
    authoredSector,
    isDataSector,
  };
}

/** The bytes of a track header and where they go in the index-1 sector. */
function formatHeader(kind: NonNullable<TrackSpec["header"]>): [Uint8Array, number] {
  if (kind === "videonow") return [new Uint8Array([0xe1, 0xe1, 0xe1, 1, 0xe1, 0xe1, 0xe1, 0]), 0];
  if (kind === "videonow-color") {
    return [new Uint8Array([0x81, 0xe3, 0xe3, 0xc7, 0xc7, 0x81, 0x81, 0xe3]), 0];
  }
  const text = "TAIR".repeat(8) + "TARA IPARPVODED TA AEHDAREA RT I";
  return [new TextEncoder().encode(text), 2];
}
