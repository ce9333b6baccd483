// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Writes a synthesized disc (lib/cd/disc, branch vdrive) as a redumper dump set, the way a
 * generic drive dumping from `startLba` would: `.scram` (sparse before the dumped range), `.state`,
 * `.subcode`, `.toc`, `.fulltoc` (+ `.cdtext`). Also the expected track files.
 */
import { type SynthesizedDisc, synthesizeDisc } from "../../lib/cd/disc/synthesize.ts";
import type { DiscSpec } from "../../lib/cd/disc/disc_spec.ts";
import { readTocFormat0, readTocFormat2, readTocFormat5 } from "../../lib/cd/disc/toc_response.ts";
import { CD_DATA_SIZE, CD_SECTOR_SAMPLES, LBA_START } from "../../lib/cd/constants.ts";

/** Options of {@linkcode writeDumpSet}. */
export interface DumpSetOptions {
  /** First LBA the drive read (default −150). */
  startLba?: number;
  /** Write `.cdtext` when the disc has CD-TEXT (default true). */
  cdText?: boolean;
  /** Make the drive's `.toc` disagree with Q: track number → LBA added to its TOC start. */
  tocShift?: Record<number, number>;
}

/** Writes `dir/name.*`; returns the synthesized disc. */
export async function writeDumpSet(
  spec: DiscSpec,
  dir: string,
  name: string,
  options: DumpSetOptions = {},
): Promise<SynthesizedDisc> {
  const disc = synthesizeDisc(spec);
  const start = options.startLba ?? -150;
  const end = disc.lastLba;
  const sectors = end - LBA_START;
  const base = `${dir}/${name}`;
  const n = end - start;
  // .scram: only the dumped range is written; the rest stays a hole (zeros).
  const main = new Uint8Array(n * CD_DATA_SIZE);
  disc.readMain(start * CD_DATA_SIZE, main);
  const state = new Uint8Array(n * CD_SECTOR_SAMPLES);
  disc.readQuality(start * CD_SECTOR_SAMPLES, state);
  // Unread samples carry zero data.
  for (let i = 0; i < state.length; i++) {
    if (state[i] === 0) main.fill(0, i * 4, i * 4 + 4);
  }
  await writeSparse(
    `${base}.scram`,
    sectors * CD_DATA_SIZE,
    (start - LBA_START) * CD_DATA_SIZE,
    main,
  );
  await writeSparse(
    `${base}.state`,
    sectors * CD_SECTOR_SAMPLES,
    (start - LBA_START) * CD_SECTOR_SAMPLES,
    state,
  );
  const sub = new Uint8Array(n * 96);
  for (let l = start; l < end; l++) sub.set(disc.readSubcode(l), (l - start) * 96);
  await writeSparse(`${base}.subcode`, sectors * 96, (start - LBA_START) * 96, sub);
  const toc = readTocFormat0(disc, false, 1)!;
  for (let o = 4; o + 8 <= toc.length; o += 8) {
    const shift = options.tocShift?.[toc[o + 2]];
    if (!shift) continue;
    const dv = new DataView(toc.buffer, toc.byteOffset + o + 4, 4);
    dv.setInt32(0, dv.getInt32(0) + shift);
  }
  await Deno.writeFile(`${base}.toc`, toc);
  await Deno.writeFile(`${base}.fulltoc`, readTocFormat2(disc, 1));
  if (disc.cdText && options.cdText !== false) {
    await Deno.writeFile(`${base}.cdtext`, readTocFormat5(disc));
  }
  return disc;
}

async function writeSparse(
  path: string,
  size: number,
  at: number,
  data: Uint8Array,
): Promise<void> {
  const f = await Deno.open(path, { write: true, create: true });
  try {
    await f.truncate(size);
    await f.seek(at, Deno.SeekMode.Start);
    let o = 0;
    while (o < data.length) o += await f.write(data.subarray(o));
  } finally {
    f.close();
  }
}

/** The authored bytes of LBAs `[a, b)`. */
export function authored(disc: SynthesizedDisc, a: number, b: number): Uint8Array {
  const out = new Uint8Array((b - a) * CD_DATA_SIZE);
  for (let l = a; l < b; l++) out.set(disc.authoredSector(l), (l - a) * CD_DATA_SIZE);
  return out;
}

/** redumper's file ranges: track 1 of session 1 from LBA 0, first tracks of later sessions from
 * index 1, other tracks from their index 0. */
export function expectedRanges(disc: SynthesizedDisc): { track: number; a: number; b: number }[] {
  return disc.tracks.map((t, i) => {
    const first = i === 0 || disc.tracks[i - 1].session !== t.session;
    const a = first ? (t.session === 1 ? 0 : t.start) : t.pregapStart;
    const next = disc.tracks[i + 1];
    const b = next && next.session === t.session ? next.pregapStart : t.end;
    return { track: t.number, a, b };
  });
}
