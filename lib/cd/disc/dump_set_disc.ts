// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * A redumper dump set as a {@linkcode Disc}: `.scram` is the physical main channel, `.state` the
 * per-sample quality, `.subcode` the raw subchannel, `.toc`/`.fulltoc` the layout and `.cdtext`
 * the CD-TEXT — a dump becomes a disc again. Pregaps, indices, ISRC and MCN come from the Q
 * subchannel; the write offset from the first data track's sync.
 *
 * @module
 */
import { NotFoundError } from "../../errors.ts";
import type { FileStore } from "../../platform/file_store.ts";
import { CD_DATA_SIZE, CD_SECTOR_SAMPLES, CD_SUBCODE_SIZE, LBA_START } from "../constants.ts";
import { fromBcd } from "../msf.ts";
import { scramble } from "../scrambler.ts";
import { hasSync, headerLba } from "../sector.ts";
import { deinterleave, parseQIsrc, parseQMcn, qCrcValid, Subchannel } from "../subchannel.ts";
import { dataSectorByTracks, type Disc, type DiscSession, type DiscTrack } from "./disc.ts";
import { FileChunks } from "./file_chunks.ts";
import { allTracks, chooseToc, parseFullToc, parseToc } from "../toc/toc.ts";

const SCRAM_BASE = -LBA_START * CD_DATA_SIZE;

/**
 * Loads `NAME.scram` and its siblings (`NAME.toc` required; `.state`, `.subcode`, `.fulltoc`,
 * `.cdtext` optional).
 */
export async function loadDumpSet(scramPath: string, fs: FileStore): Promise<Disc> {
  const base = scramPath.replace(/\.scram$/i, "");
  const opt = async (ext: string): Promise<string | null> =>
    (await fs.stat(base + ext)) ? base + ext : null;
  const tocPath = await opt(".toc");
  if (!tocPath) throw new NotFoundError(`Cannot load dump set ${base}: ${base}.toc not found`);
  const fullPath = await opt(".fulltoc");
  const full = fullPath ? parseFullToc(await fs.readFile(fullPath)) : null;
  const chosen = chooseToc(parseToc(await fs.readFile(tocPath)), full);
  const toc = {
    leadOuts: chosen.sessions.map((s) => s.leadOut),
    tracks: allTracks(chosen).map((t) => ({ ...t, start: t.lba })),
    discType: full?.discType ?? 0,
  };
  const scram = await FileChunks.open(fs, scramPath);
  const statePath = await opt(".state");
  const state = statePath ? await FileChunks.open(fs, statePath, 16) : null;
  const subPath = await opt(".subcode");
  const sub = subPath ? await FileChunks.open(fs, subPath, 16) : null;
  const cdtextPath = await opt(".cdtext");
  const cdRaw = cdtextPath ? await fs.readFile(cdtextPath) : null;

  const readQ = async (lba: number): Promise<Uint8Array | null> => {
    if (!sub) return null;
    const pos = (lba - LBA_START) * CD_SUBCODE_SIZE;
    await sub.ensure(pos, CD_SUBCODE_SIZE);
    const raw = new Uint8Array(CD_SUBCODE_SIZE);
    sub.read(pos, raw);
    const q = deinterleave(raw, Subchannel.Q);
    return qCrcValid(q) ? q : null;
  };

  // Sessions and tracks.
  const sessions: DiscSession[] = toc.leadOuts.map((leadOut, i) => {
    const tr = toc.tracks.filter((t) => t.session === i + 1);
    return {
      number: i + 1,
      firstTrack: tr[0].number,
      lastTrack: tr[tr.length - 1].number,
      leadOut,
      leadInStart: i === 0 ? LBA_START : tr[0].start - 150 - 4500,
    };
  });
  const tracks: DiscTrack[] = [];
  let mcn: string | undefined;
  for (let i = 0; i < toc.tracks.length; i++) {
    const e = toc.tracks[i];
    const next = toc.tracks[i + 1];
    const end = next && next.session === e.session ? next.start : sessions[e.session - 1].leadOut;
    let pregapStart = e.number === 1 ? -150 : e.start;
    const indices: number[] = [];
    let isrc: string | undefined;
    if (sub) {
      // Index 0 before the start, as long as Q says "this track, index 0".
      if (e.number !== 1) {
        for (let l = e.start - 1; l >= e.start - 600; l--) {
          const q = await readQ(l);
          if (!q || (q[0] & 0xf) !== 1) continue;
          if (fromBcd(q[1]) === e.number && q[2] === 0) pregapStart = l;
          else break;
        }
      }
      let lastIndex = 1;
      for (let l = e.start; l < end; l++) {
        const q = await readQ(l);
        if (!q) continue;
        const adr = q[0] & 0xf;
        if (adr === 2 && !mcn) mcn = parseQMcn(q);
        else if (adr === 3 && !isrc) isrc = parseQIsrc(q);
        else if (adr === 1 && fromBcd(q[1]) === e.number) {
          const idx = fromBcd(q[2]);
          if (idx > lastIndex) {
            indices.push(l);
            lastIndex = idx;
          }
        }
      }
    }
    tracks.push({
      number: e.number,
      session: e.session,
      type: e.control & 4 ? "mode1" : "audio",
      control: e.control,
      pregapStart,
      start: e.start,
      indices,
      end,
      isrc,
    });
  }
  // Previous tracks end where the next one's pregap starts.
  for (let i = 0; i + 1 < tracks.length; i++) {
    if (tracks[i + 1].session === tracks[i].session) tracks[i].end = tracks[i + 1].pregapStart;
  }

  // Write offset from the first data track's sync, and its mode from the header.
  let writeOffset = 0;
  const firstData = tracks.find((t) => t.control & 4);
  if (firstData) {
    const window = 150 * CD_DATA_SIZE;
    const center = SCRAM_BASE + firstData.start * CD_DATA_SIZE;
    await scram.ensure(center - window, 2 * window + CD_DATA_SIZE);
    const buf = new Uint8Array(2 * window + CD_DATA_SIZE);
    scram.read(center - window, buf);
    const s = new Uint8Array(CD_DATA_SIZE);
    let best = Infinity;
    for (let p = 0; p + CD_DATA_SIZE <= buf.length; p += 4) {
      if (buf[p + 1] !== 0xff || !hasSync(buf, p)) continue;
      s.set(buf.subarray(p, p + CD_DATA_SIZE));
      scramble(s);
      const lba = headerLba(s);
      if (Number.isNaN(lba)) continue;
      const off = (p - window - (lba - firstData.start) * CD_DATA_SIZE) / 4;
      if (Math.abs(off) < Math.abs(best)) {
        best = off;
        if (s[15] === 2) {
          const xa = s[16] === s[20] && s[18] === s[22];
          firstData.type = xa ? (s[18] & 0x20 ? "mode2form2" : "mode2form1") : "mode2";
        }
      }
    }
    if (Number.isFinite(best)) writeOffset = best;
  }
  for (const t of tracks) if (t.control & 4 && t !== firstData) t.type = firstData!.type;

  const lastLba = Math.floor(scram.size / CD_DATA_SIZE) + LBA_START;
  return {
    medium: "cd",
    sessions,
    tracks,
    mcn,
    cdText: cdRaw && cdRaw.length > 4 ? cdRaw.slice(4) : undefined,
    writeOffset,
    discType: toc.discType,
    firstLba: LBA_START,
    lastLba,
    readMain(pos: number, out: Uint8Array): void {
      scram.read(pos + SCRAM_BASE, out);
    },
    readSubcode(lba: number): Uint8Array {
      const raw = new Uint8Array(CD_SUBCODE_SIZE);
      sub?.read((lba - LBA_START) * CD_SUBCODE_SIZE, raw);
      return raw;
    },
    readQuality(sample: number, out: Uint8Array): void {
      const at = sample - LBA_START * CD_SECTOR_SAMPLES;
      if (state) state.read(at, out);
      else {
        const end = scram.size / 4;
        for (let i = 0; i < out.length; i++) out[i] = at + i >= 0 && at + i < end ? 4 : 0;
      }
    },
    isDataSector(lba: number): boolean {
      return dataSectorByTracks(tracks, sessions, lba);
    },
    async prefetch(lba: number, count: number): Promise<void> {
      const from = (lba - LBA_START) * CD_DATA_SIZE - Math.abs(writeOffset) * 4;
      const len = count * CD_DATA_SIZE + 2 * Math.abs(writeOffset) * 4;
      await scram.ensure(from, len);
      await state?.ensure(from / 4, len / 4 + 1);
      await sub?.ensure((lba - LBA_START) * CD_SUBCODE_SIZE, count * CD_SUBCODE_SIZE);
    },
  };
}
