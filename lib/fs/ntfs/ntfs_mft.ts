// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The Master File Table: record lookup through $MFT's own runlist, fixups, attribute lists, and
 * the VCN→LCN runs of multi-segment non-resident attributes.
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import type { Volume } from "../_common/volume.ts";
import type { NtfsGeometry } from "./ntfs_boot.ts";
import { applyFixups } from "./ntfs_fixup.ts";
import {
  AT,
  type MftRecord,
  type NtfsAttribute,
  parseAttributeList,
  parseMftRecord,
} from "./ntfs_record.ts";
import { type ClusterRun, decodeRunlist } from "./ntfs_runlist.ts";

/** A byte range of the volume. */
export interface Piece {
  /** Volume byte offset. */
  volumeOffset: number;
  /** Length in bytes. */
  length: number;
}

/** Maps VCN-space byte ranges of a non-resident attribute to volume pieces. */
export function mapRange(
  runs: ClusterRun[],
  cs: number,
  at: number,
  length: number,
  what: string,
): Piece[] {
  const out: Piece[] = [];
  let pos = at;
  const end = at + length;
  for (const r of runs) {
    const a = r.vcn * cs;
    const b = (r.vcn + r.length) * cs;
    if (b <= pos || a >= end) continue;
    if (r.lcn === null) throw new FormatError(`${what}: bytes ${pos}.. fall in a sparse run`);
    if (a > pos) break;
    const take = Math.min(b, end) - pos;
    out.push({ volumeOffset: r.lcn * cs + (pos - a), length: take });
    pos += take;
    if (pos >= end) break;
  }
  if (pos < end) throw new FormatError(`${what}: bytes ${pos}..${end} are not mapped`);
  return out;
}

/** Reads mapped pieces into one buffer. */
export async function readPieces(vol: Volume, pieces: Piece[], what: string): Promise<Uint8Array> {
  const total = pieces.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of pieces) {
    out.set(await vol.read(p.volumeOffset, p.length, what), o);
    o += p.length;
  }
  return out;
}

/** Record access and attribute gathering for one NTFS volume. */
export class Mft {
  /** The volume. */
  readonly vol: Volume;
  /** Boot-sector layout. */
  readonly geo: NtfsGeometry;
  #runs: ClusterRun[] = [];
  readonly #cache = new Map<number, MftRecord>();
  readonly #attrCache = new Map<number, NtfsAttribute[]>();
  #records = 0;

  private constructor(vol: Volume, geo: NtfsGeometry) {
    this.vol = vol;
    this.geo = geo;
  }

  /** Loads $MFT's record 0 from the boot sector's LCN and its runlist. */
  static async open(vol: Volume, geo: NtfsGeometry): Promise<Mft> {
    const mft = new Mft(vol, geo);
    const raw = await vol.read(geo.mftLcn * geo.clusterSize, geo.recordSize, "MFT record 0 ($MFT)");
    applyFixups(raw, "FILE", "MFT record 0 ($MFT)");
    const rec0 = parseMftRecord(raw, 0);
    const first = rec0.attributes.filter((a) => a.type === AT.data && a.name === "" && a.runlist);
    if (!first.length) throw new FormatError("MFT record 0 ($MFT): no non-resident $DATA");
    mft.#runs = mft.runsOf(first, "$MFT $DATA", true);
    mft.#records = Math.floor(first[0].dataSize / geo.recordSize);
    mft.#cache.set(0, rec0);
    // $MFT may itself have an attribute list with more $DATA segments in extension records.
    const all = await mft.attributes(0);
    mft.#runs = mft.runsOf(all.filter((a) => a.type === AT.data && a.name === ""), "$MFT $DATA");
    return mft;
  }

  /** Number of records $MFT holds. */
  get recordCount(): number {
    return this.#records;
  }

  /** Volume pieces holding bytes [at, at+length) of record `n`. */
  recordPieces(n: number, at = 0, length = this.geo.recordSize): Piece[] {
    return mapRange(
      this.#runs,
      this.geo.clusterSize,
      n * this.geo.recordSize + at,
      length,
      `MFT record ${n}`,
    );
  }

  /** Record `n`, fixed up and parsed. */
  async record(n: number): Promise<MftRecord> {
    const hit = this.#cache.get(n);
    if (hit) return hit;
    if (n < 0 || n >= this.#records) {
      throw new FormatError(`MFT record ${n} is beyond the MFT (${this.#records} records)`);
    }
    const raw = await readPieces(this.vol, this.recordPieces(n), `MFT record ${n}`);
    applyFixups(raw, "FILE", `MFT record ${n}`);
    const rec = parseMftRecord(raw, n);
    if (this.#cache.size > 4096) this.#cache.clear();
    this.#cache.set(n, rec);
    return rec;
  }

  /** All attributes of base record `n`, following an $ATTRIBUTE_LIST into extension records. */
  async attributes(n: number): Promise<NtfsAttribute[]> {
    const hit = this.#attrCache.get(n);
    if (hit) return hit;
    const base = await this.record(n);
    const list = base.attributes.find((a) => a.type === AT.attributeList);
    let attrs = base.attributes;
    if (list) {
      const what = `MFT record ${n} $ATTRIBUTE_LIST`;
      let value = list.value;
      if (!value) {
        const runs = this.runsOf([list], what);
        value = (await readPieces(
          this.vol,
          runs.flatMap((r) => {
            if (r.lcn === null) throw new FormatError(`${what}: sparse`);
            return [{
              volumeOffset: r.lcn * this.geo.clusterSize,
              length: r.length * this.geo.clusterSize,
            }];
          }),
          what,
        )).subarray(0, list.dataSize);
      }
      const entries = parseAttributeList(value, what);
      const records = [...new Set(entries.map((e) => e.record))].filter((r) => r !== n);
      if (records.length > 4096) {
        throw new FormatError(`${what}: ${records.length} extension records`);
      }
      attrs = [...base.attributes];
      for (const r of records) {
        const ext = await this.record(r);
        if (ext.baseRecord !== n) {
          throw new FormatError(
            `${what}: extension record ${r} belongs to record ${ext.baseRecord}`,
          );
        }
        attrs.push(...ext.attributes);
      }
    }
    if (this.#attrCache.size > 4096) this.#attrCache.clear();
    this.#attrCache.set(n, attrs);
    return attrs;
  }

  /**
   * The runs of a non-resident attribute from its segments: sorted by VCN, contiguous, with no
   * cluster mapped twice (a runlist "loop"). `partial` allows stopping before the last VCN.
   */
  runsOf(segments: NtfsAttribute[], what: string, partial = false): ClusterRun[] {
    const segs = segments.filter((s) => s.runlist).sort((a, b) => a.startVcn - b.startVcn);
    const runs: ClusterRun[] = [];
    let next = 0;
    for (const s of segs) {
      if (s.startVcn !== next) {
        throw new FormatError(`${what}: segment starts at VCN ${s.startVcn}, expected ${next}`);
      }
      runs.push(
        ...decodeRunlist(s.runlist!, 0, s.startVcn, s.lastVcn, this.geo.clusterCount, what),
      );
      next = s.lastVcn + 1;
    }
    const total = segs.length ? Math.ceil(segs[0].allocatedSize / this.geo.clusterSize) : 0;
    if (!partial && segs.length && next < total) {
      throw new FormatError(`${what}: runlist ends at VCN ${next} of ${total}`);
    }
    const real = runs.filter((r) => r.lcn !== null).sort((a, b) => a.lcn! - b.lcn!);
    for (let i = 1; i < real.length; i++) {
      if (real[i].lcn! < real[i - 1].lcn! + real[i - 1].length) {
        throw new FormatError(`${what}: runlist maps cluster ${real[i].lcn} twice (loop)`);
      }
    }
    return runs;
  }
}
