// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * A CUE/BIN set as a {@linkcode Disc} (write offset 0, as redump track files are offset
 * corrected). Understands FILE (BINARY), TRACK (AUDIO, MODE1/2352, MODE1/2048, MODE2/2352,
 * MODE2/2336, CDI/2352), INDEX, PREGAP, FLAGS, ISRC, CATALOG, TITLE, PERFORMER, SONGWRITER and
 * `REM SESSION nn`. A CloneCD-style `.sub` beside a single-file image (96 deinterleaved bytes per
 * sector: P, Q, R…W) supplies the subchannel; otherwise it is generated.
 *
 * The CUE is read as bytes: FILE names are decoded as UTF-8 (ISO 8859-1 when not valid UTF-8),
 * CD-TEXT values keep their raw bytes, and sibling `NAME_LL.cue` files add language blocks (see
 * {@linkcode cueSetCdTextPacks}).
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import type { FileStore } from "../../platform/file_store.ts";
import { CD_DATA_SIZE, CD_SECTOR_SAMPLES, CD_SUBCODE_SIZE } from "../constants.ts";
import { msfToLba } from "../msf.ts";
import { scramble } from "../scrambler.ts";
import { buildDataSector, writeHeader } from "../sector.ts";
import { interleave } from "../subchannel.ts";
import { cueLines, decodeUtf8Binary } from "../cue_text.ts";
import { cueSetCdTextPacks } from "./cue_cd_text.ts";
import {
  dataSectorByTracks,
  type Disc,
  type DiscSession,
  type DiscTrack,
  type TrackType,
} from "./disc.ts";
import { FIRST_LEADOUT, LEADIN_LENGTH, NEXT_LEADOUT } from "./disc_spec.ts";
import { FileChunks } from "./file_chunks.ts";
import { physicalReader } from "./physical_stream.ts";
import { buildSubcode } from "./subcode_builder.ts";

interface CueTrack {
  number: number;
  type: TrackType;
  sectorSize: number;
  file: number;
  session: number;
  control: number;
  pregap: number;
  indices: Map<number, number>;
  isrc?: string;
}

const TYPES: Record<string, [TrackType, number]> = {
  "AUDIO": ["audio", 2352],
  "MODE1/2352": ["mode1", 2352],
  "MODE1/2048": ["mode1", 2048],
  "MODE2/2352": ["mode2form1", 2352],
  "MODE2/2336": ["mode2", 2336],
  "MODE2/2048": ["mode2form1", 2048],
  "CDI/2352": ["mode2form1", 2352],
};

function unquote(s: string): string {
  const t = s.replace(/^[ \t]+|[ \t]+$/g, "");
  return t.startsWith('"') ? t.slice(1, t.lastIndexOf('"')) : t.split(/[ \t]+/)[0];
}

function parseMsf(s: string): number {
  const m = /^(\d+):(\d+):(\d+)$/.exec(s.trim());
  if (!m) throw new FormatError(`CUE: bad time "${s}"`);
  return msfToLba({ m: +m[1], s: +m[2], f: +m[3] }) + 150;
}

/** Loads a CUE sheet and its BIN files. */
export async function loadCue(cuePath: string, fs: FileStore): Promise<Disc> {
  const dir = cuePath.includes("/") ? cuePath.slice(0, cuePath.lastIndexOf("/") + 1) : "";
  // Lines as binary strings: CD-TEXT bytes stay raw (a 0xA0 trail byte is not a blank).
  const lines = cueLines(await fs.readFile(cuePath));
  const files: string[] = [];
  const cue: CueTrack[] = [];
  let session = 1;
  let mcn: string | undefined;
  for (const line of lines) {
    const [kw, ...rest] = line.split(/[ \t]+/);
    const arg = line.slice(kw?.length ?? 0).replace(/^[ \t]+/, "");
    const t = cue[cue.length - 1];
    switch (kw?.toUpperCase()) {
      case "FILE":
        files.push(dir + decodeUtf8Binary(unquote(arg)));
        break;
      case "TRACK": {
        const def = TYPES[(rest[1] ?? "").toUpperCase()];
        if (!def) throw new FormatError(`CUE: unsupported track type "${rest[1]}"`);
        if (files.length === 0) throw new FormatError("CUE: TRACK before FILE");
        cue.push({
          number: +rest[0],
          type: def[0],
          sectorSize: def[1],
          file: files.length - 1,
          session,
          control: def[0] === "audio" ? 0 : 4,
          pregap: 0,
          indices: new Map(),
        });
        break;
      }
      case "INDEX":
        if (!t) throw new FormatError("CUE: INDEX before TRACK");
        t.indices.set(+rest[0], parseMsf(rest[1]));
        break;
      case "PREGAP":
        if (t) t.pregap = parseMsf(rest[0]);
        break;
      case "FLAGS":
        if (t) {
          for (const f of rest) {
            t.control |= f === "DCP" ? 2 : f === "4CH" ? 8 : f === "PRE" ? 1 : 0;
          }
        }
        break;
      case "ISRC":
        if (t) t.isrc = rest[0];
        break;
      case "CATALOG":
        mcn = rest[0];
        break;
      case "REM":
        if ((rest[0] ?? "").toUpperCase() === "SESSION") session = +rest[1];
        break;
    }
  }
  if (cue.length === 0) throw new FormatError(`CUE ${cuePath}: no tracks`);
  const chunks = await Promise.all(files.map((f) => FileChunks.open(fs, f)));

  // Lay out: each file follows the previous one; a new session adds lead-out + lead-in.
  interface Segment {
    from: number;
    to: number;
    file: number;
    fileSector: number;
    size: number;
    type: TrackType;
  }
  const segments: Segment[] = [];
  const tracks: DiscTrack[] = [];
  const sessions: DiscSession[] = [];
  let cursor = 0; // LBA of the current file's first sector
  let fileStart = -1;
  for (let i = 0; i < cue.length; i++) {
    const c = cue[i];
    const prev = tracks[tracks.length - 1];
    let implicit = 0;
    if (prev && c.session !== prev.session) {
      sessions.push({
        number: prev.session,
        firstTrack: sessions.length ? sessions[sessions.length - 1].lastTrack + 1 : 1,
        lastTrack: prev.number,
        leadOut: prev.end,
        leadInStart: 0,
      });
      cursor = prev.end + (prev.session === 1 ? FIRST_LEADOUT : NEXT_LEADOUT) + LEADIN_LENGTH;
      // Redump sheets leave a later session's 2-second pregap out of the file.
      if (!c.indices.has(0)) {
        cursor += 150;
        implicit = 150;
      }
    }
    if (c.file !== fileStart) {
      if (fileStart >= 0 && (!prev || c.session === prev.session)) cursor = prev.end;
      if (i === 0) cursor = -(c.indices.get(1) ?? 0);
      fileStart = c.file;
      cursor += c.pregap;
    }
    const base = cursor;
    const idx1 = c.indices.get(1);
    if (idx1 === undefined) throw new FormatError(`CUE: track ${c.number} has no INDEX 01`);
    const start = base + idx1;
    const idx0 = c.indices.get(0);
    const pregapStart = c.number === 1
      ? -150
      : idx0 !== undefined
      ? base + idx0
      : start - c.pregap - implicit;
    const next = cue[i + 1];
    const fileSectors = Math.floor(chunks[c.file].size / c.sectorSize);
    let end: number;
    if (next && next.file === c.file) {
      end = base + (next.indices.get(0) ?? next.indices.get(1)!);
    } else end = base + fileSectors;
    const fileFirst = c.indices.get(0) ?? idx1;
    segments.push({
      from: base + Math.min(fileFirst, idx1),
      to: end,
      file: c.file,
      fileSector: Math.min(fileFirst, idx1),
      size: c.sectorSize,
      type: c.type,
    });
    tracks.push({
      number: c.number,
      session: c.session,
      type: c.type,
      control: c.control,
      pregapStart,
      start,
      indices: [...c.indices.entries()].filter(([k]) => k >= 2).sort((a, b) => a[0] - b[0])
        .map(([, v]) => base + v),
      end,
      isrc: c.isrc,
    });
  }
  const lastT = tracks[tracks.length - 1];
  sessions.push({
    number: lastT.session,
    firstTrack: sessions.length ? sessions[sessions.length - 1].lastTrack + 1 : 1,
    lastTrack: lastT.number,
    leadOut: lastT.end,
    leadInStart: 0,
  });
  sessions.forEach((s, i) => {
    const f = tracks.find((t) => t.number === s.firstTrack)!;
    s.leadInStart = i === 0 ? -45150 : f.pregapStart - LEADIN_LENGTH;
  });

  const authored = (lba: number): Uint8Array => {
    const seg = segments.find((s) => lba >= s.from && lba < s.to);
    const isData = dataSectorByTracks(tracks, sessions, lba);
    if (!seg) {
      if (!isData) return new Uint8Array(CD_DATA_SIZE);
      const t = tracks.find((x) => lba >= x.pregapStart && lba < x.end);
      return buildDataSector(
        lba,
        t ? (t.type === "audio" ? "mode1" : t.type) : "mode0",
        new Uint8Array(2336),
      );
    }
    const raw = new Uint8Array(seg.size);
    chunks[seg.file].read((seg.fileSector + lba - seg.from) * seg.size, raw);
    if (seg.size === CD_DATA_SIZE) return raw;
    if (seg.size === 2336) {
      const s = new Uint8Array(CD_DATA_SIZE);
      writeHeader(s, lba, 2);
      s.set(raw, 16);
      return s;
    }
    return buildDataSector(lba, seg.type === "mode1" ? "mode1" : "mode2form1", raw);
  };
  const pressed = (lba: number): Uint8Array => {
    const s = authored(lba);
    if (dataSectorByTracks(tracks, sessions, lba)) scramble(s);
    return s;
  };
  const lastLba = sessions[sessions.length - 1].leadOut + 150;

  // Subchannel: a CloneCD .sub beside a single-file image, else generated.
  const subPath = files.length === 1 ? files[0].replace(/\.[^./]*$/, ".sub") : "";
  const sub = subPath && (await fs.stat(subPath)) ? await FileChunks.open(fs, subPath) : null;
  const subBase = segments[0].from;
  const cdText = await cueSetCdTextPacks(cuePath, lines, cue[0].number, fs);
  const discType = tracks.some((t) => t.type.startsWith("mode2")) ? 0x20 : 0;
  const src = { sessions, tracks, mcn, cdText: cdText.length ? cdText : undefined, discType };
  const readSubcode = (lba: number): Uint8Array => {
    const k = lba - subBase;
    if (sub && k >= 0 && (k + 1) * CD_SUBCODE_SIZE <= sub.size) {
      const d = new Uint8Array(CD_SUBCODE_SIZE);
      sub.read(k * CD_SUBCODE_SIZE, d);
      const ch = (i: number): Uint8Array => d.subarray(i * 12, i * 12 + 12);
      return interleave({ p: ch(0), q: ch(1), rw: [2, 3, 4, 5, 6, 7].map(ch) });
    }
    return buildSubcode(src, lba);
  };
  return {
    medium: "cd",
    sessions,
    tracks,
    mcn,
    cdText: src.cdText,
    writeOffset: 0,
    discType,
    firstLba: -45150,
    lastLba,
    readMain: physicalReader(pressed, 0, -45150, lastLba),
    readSubcode,
    readQuality(sample: number, out: Uint8Array): void {
      for (let i = 0; i < out.length; i++) {
        const lba = Math.floor((sample + i) / CD_SECTOR_SAMPLES);
        out[i] = lba < lastLba ? 4 : 0;
      }
    },
    isDataSector: (lba) => dataSectorByTracks(tracks, sessions, lba),
    async prefetch(lba: number, count: number): Promise<void> {
      for (const s of segments) {
        const a = Math.max(lba, s.from), b = Math.min(lba + count, s.to);
        if (a < b) {
          await chunks[s.file].ensure((s.fileSector + a - s.from) * s.size, (b - a) * s.size);
        }
      }
      if (sub) await sub.ensure((lba - subBase) * CD_SUBCODE_SIZE, count * CD_SUBCODE_SIZE);
    },
  };
}
