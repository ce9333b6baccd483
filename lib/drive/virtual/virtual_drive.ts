// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The virtual optical drive: answers MMC CDBs from a {@linkcode Disc} as the modelled drive
 * would, behind the {@linkcode ScsiTransport} interface.
 *
 * @module
 */
import type { Disc } from "../../cd/disc/disc.ts";
import { discLeadOut } from "../../cd/disc/disc.ts";
import { seededRandom } from "../../cd/disc/prng.ts";
import { edc } from "../../cd/edc.ts";
import { msfToLba } from "../../cd/msf.ts";
import type { DataDirection, ScsiResult, ScsiTransport } from "../../platform/scsi_transport.ts";
import { type ReadContext, readSector, type SectorRequest } from "./cd_read.ts";
import { MediatekCache } from "./mediatek_cache.ts";
import { readTocCommand } from "./read_toc_command.ts";
import { be16, be24, be32s, readRange } from "./read_range.ts";
import {
  currentProfile,
  discInformation,
  discStructure,
  eventStatus,
  getConfiguration,
  inquiry,
  modeSense10,
  trackInformation,
} from "./mmc_pages.ts";
import type { DriveProfile } from "./profile.ts";
import { fixedSense, Sense, SenseCondition } from "./sense.ts";
import { TimingModel } from "./timing.ts";

/** Options of {@linkcode VirtualDrive}. */
export interface VirtualDriveOptions {
  /** Device path to report (default `virtual:disc`). */
  path?: string;
  /** Wait for the modelled duration of each command (a number scales it; default false). */
  simulateTime?: boolean | number;
  /** Largest transfer per command (default 1 MiB). */
  maxTransferBytes?: number;
}

/**
 * An in-process MMC drive.
 *
 * @example INQUIRY of the built-in PLEXTOR
 * ```ts
 * import { VirtualDrive } from "./virtual_drive.ts";
 * import { PLEXTOR } from "./profile.ts";
 * import { synthesizeDisc } from "../../cd/disc/synthesize.ts";
 * const drive = new VirtualDrive(synthesizeDisc({ tracks: [{ type: "mode1", length: 300 }] }), PLEXTOR);
 * const buf = new Uint8Array(96);
 * const r = await drive.execute(new Uint8Array([0x12, 0, 0, 0, 96, 0]), "in", buf);
 * if (r.status !== 0 || new TextDecoder().decode(buf.subarray(8, 15)) !== "PLEXTOR") throw new Error();
 * ```
 */
export class VirtualDrive implements ScsiTransport {
  /** Device path as reported. */
  readonly path: string;
  /** Largest transfer per command. */
  readonly maxTransferBytes: number;
  /** The drive model. */
  readonly profile: DriveProfile;
  /** The disc in the tray (null when ejected). */
  disc: Disc | null;
  #loaded: Disc;
  #lastSense: SenseCondition | null = null;
  #prevented = false;
  /** Pending media event: 0 none, 2 new media, 3 media removal. */
  #mediaEvent = 0;
  #attention: SenseCondition | null = null;
  #timing: TimingModel;
  #simulate: number;
  #ctx: ReadContext;
  #cache: MediatekCache;
  /** Commands executed (for tests and benchmarks). */
  commandCount = 0;

  /** Loads `disc` into a drive modelled by `profile`. */
  constructor(disc: Disc, profile: DriveProfile, options: VirtualDriveOptions = {}) {
    this.disc = disc;
    this.#loaded = disc;
    this.profile = profile;
    this.path = options.path ?? "virtual:disc";
    this.maxTransferBytes = options.maxTransferBytes ?? 1 << 20;
    this.#timing = new TimingModel(profile.maxSpeed, profile.rotation);
    const s = options.simulateTime;
    this.#simulate = s === true ? 1 : typeof s === "number" ? s : 0;
    this.#ctx = { disc, profile, random: seededRandom(profile.errors.seed), transientC2: [] };
    this.#cache = new MediatekCache(profile);
    if (profile.unitAttention) this.#attention = new SenseCondition(0x06, 0x29, 0x00);
  }

  /** Executes one CDB. */
  async execute(
    cdb: Uint8Array,
    direction: DataDirection,
    buffer: Uint8Array | null,
    _timeoutMs?: number,
  ): Promise<ScsiResult> {
    this.commandCount++;
    let ms = 0.02;
    let result: ScsiResult;
    try {
      await this.#prefetch(cdb);
      const r = this.#dispatch(cdb);
      ms += r.ms ?? 0;
      const n = this.#copy(r.data, direction, buffer, r.alloc);
      if (cdb[0] !== 0x03) this.#lastSense = null;
      result = { status: 0, sense: new Uint8Array(0), transferred: n, transportError: 0 };
    } catch (e) {
      if (!(e instanceof SenseCondition)) throw e;
      this.#lastSense = e;
      const n = e.partial ? this.#copy(e.partial, direction, buffer) : 0;
      ms += 1;
      result = { status: 2, sense: fixedSense(e), transferred: n, transportError: 0 };
    }
    result.durationMs = ms;
    if (this.#simulate > 0) await new Promise((r) => setTimeout(r, ms * this.#simulate));
    return result;
  }

  /** Releases nothing; idempotent. */
  close(): void {}

  #copy(
    data: Uint8Array | undefined,
    direction: DataDirection,
    buffer: Uint8Array | null,
    alloc = Infinity,
  ): number {
    if (!data || direction !== "in" || !buffer) return 0;
    const n = Math.min(data.length, buffer.length, alloc);
    buffer.set(data.subarray(0, n));
    return n;
  }

  /** Lets a file-backed disc load what a read command needs. */
  async #prefetch(cdb: Uint8Array): Promise<void> {
    const d = this.disc;
    if (!d?.prefetch) return;
    const range = readRange(cdb, this.profile, d.writeOffset, () => this.#cache.span());
    if (range) await d.prefetch(range[0], range[1]);
  }

  #medium(): Disc {
    if (!this.disc) throw Sense.noMedium();
    return this.disc;
  }

  #dispatch(cdb: Uint8Array): { data?: Uint8Array; alloc?: number; ms?: number } {
    this.#ctx.transientC2 = [];
    const p = this.profile;
    if (this.#attention && cdb[0] !== 0x12 && cdb[0] !== 0x03 && cdb[0] !== 0x4a) {
      // One UNIT ATTENTION after power-on / medium change, as real drives report it.
      const c = this.#attention;
      this.#attention = null;
      throw c;
    }
    switch (cdb[0]) {
      case 0x00: // TEST UNIT READY
        this.#medium();
        return {};
      case 0x03: { // REQUEST SENSE
        const s = fixedSense(this.#lastSense);
        this.#lastSense = null;
        return { data: s, alloc: cdb[4] };
      }
      case 0x12: // INQUIRY
        return { data: inquiry(p, cdb), alloc: be16(cdb, 3) };
      case 0x1b: { // START STOP UNIT
        const loej = cdb[4] & 2, start = cdb[4] & 1;
        if (loej && !start) {
          if (this.#prevented) throw Sense.removalPrevented();
          this.disc = null;
          this.#mediaEvent = 3;
        } else if (loej && start) {
          this.disc = this.#loaded;
          this.#mediaEvent = 2;
          if (p.unitAttention) this.#attention = new SenseCondition(0x06, 0x28, 0x00);
          return {};
        }
        return {};
      }
      case 0x1e: // PREVENT ALLOW MEDIUM REMOVAL
        this.#prevented = (cdb[4] & 1) === 1;
        return {};
      case 0x25: { // READ CAPACITY(10)
        const d = this.#medium();
        const o = new Uint8Array(8);
        const dv = new DataView(o.buffer);
        dv.setUint32(0, discLeadOut(d) - 1);
        dv.setUint32(4, 2048);
        return { data: o };
      }
      case 0x28:
        return this.#read2048(cdb, be32s(cdb, 2), be16(cdb, 7));
      case 0xa8:
        return this.#read2048(cdb, be32s(cdb, 2), be32s(cdb, 6));
      case 0x2b: // SEEK(10)
        this.#medium();
        this.#timing.position = be32s(cdb, 2);
        return { ms: 20 };
      case 0x35: // SYNCHRONIZE CACHE
        return {};
      case 0x43:
        return { data: readTocCommand(this.#medium(), cdb), alloc: be16(cdb, 7) };
      case 0x46:
        return { data: getConfiguration(p, this.disc, cdb), alloc: be16(cdb, 7) };
      case 0x4a: {
        const changed = this.#mediaEvent;
        this.#mediaEvent = 0;
        return { data: eventStatus(cdb, this.disc !== null, changed), alloc: be16(cdb, 7) };
      }
      case 0x51:
        if (cdb[1] & 7) throw Sense.invalidField();
        return { data: discInformation(this.#medium()), alloc: be16(cdb, 7) };
      case 0x52:
        return { data: trackInformation(this.#medium(), cdb), alloc: be16(cdb, 7) };
      case 0x5a:
        return { data: modeSense10(p, cdb, this.#timing.currentKb()), alloc: be16(cdb, 7) };
      case 0xad:
        if (!p.dvd) throw Sense.invalidOpcode();
        return { data: discStructure(this.#medium(), cdb), alloc: be16(cdb, 8) };
      case 0xbb: // SET CD SPEED
        this.#timing.setSpeedKb(be16(cdb, 2));
        return {};
      case 0xbd: // MECHANISM STATUS
        return { data: new Uint8Array([0, 0, 0, 0, 0, 1, 0, 0]), alloc: be16(cdb, 8) };
      case 0xbe: {
        const req: SectorRequest = {
          expectedType: (cdb[1] >> 2) & 7,
          flags: cdb[9],
          sub: cdb[10] & 7,
          forceCdda: false,
        };
        return this.#readCd(be32s(cdb, 2), be24(cdb, 6), req, "BE");
      }
      case 0xb9: {
        const start = msfToLba({ m: cdb[3], s: cdb[4], f: cdb[5] });
        const end = msfToLba({ m: cdb[6], s: cdb[7], f: cdb[8] });
        if (end < start) throw Sense.invalidField();
        const req: SectorRequest = {
          expectedType: (cdb[1] >> 2) & 7,
          flags: cdb[9],
          sub: cdb[10] & 7,
          forceCdda: false,
        };
        return this.#readCd(start, end - start, req, "BE");
      }
      case 0xd8: {
        if (!p.readMethods.includes("D8")) throw Sense.invalidOpcode();
        const code = cdb[10];
        const map: Record<number, [number, number]> = {
          0x00: [0x10, 0],
          0x01: [0x10, 2],
          0x02: [0x10, 1],
          0x03: [0x00, 1],
          0x08: [0x12, 1],
        };
        const m = map[code];
        if (!m) throw Sense.invalidField();
        const req: SectorRequest = { expectedType: 1, flags: m[0], sub: m[1], forceCdda: true };
        return this.#readCd(be32s(cdb, 2), be32s(cdb, 6), req, "D8");
      }
      case 0xf1:
        return this.#cache.read(this.#ctx, cdb);
      default:
        throw Sense.invalidOpcode();
    }
  }

  #read2048(cdb: Uint8Array, lba: number, count: number): { data?: Uint8Array; ms?: number } {
    const d = this.#medium();
    const fua = (cdb[1] & 0x08) !== 0;
    if (count === 0) {
      if (fua) this.#cache.flush(); // cache flush
      return {};
    }
    if (count * 2048 > this.maxTransferBytes || count < 0) throw Sense.invalidField();
    const end = discLeadOut(d);
    const out = new Uint8Array(count * 2048);
    for (let i = 0; i < count; i++) {
      const l = lba + i;
      const fail = (e: SenseCondition): never => {
        e.partial = out.subarray(0, i * 2048);
        throw e;
      };
      if (l < 0 || l >= end) fail(Sense.outOfRange(l));
      if (d.userData) {
        const u = d.userData(l);
        if (!u) fail(Sense.mediumError(l));
        // DVD/BD: the profile's transient SCSI errors (a retry may read the sector).
        const pe = this.profile.errors.scsi;
        if (d.medium !== "cd" && pe > 0 && this.#ctx.random() < pe) fail(Sense.mediumError(l));
        out.set(u!, i * 2048);
        continue;
      }
      try {
        // The whole sector, so that the drive's EDC check can refuse a damaged one (L-EC).
        const s = readSector(this.#ctx, l, {
          expectedType: 0,
          flags: 0xf8,
          sub: 0,
          forceCdda: false,
        });
        const user = cookedUserData(s);
        if (user === null) fail(Sense.illegalMode(l));
        if (user === false) fail(Sense.mediumError(l));
        out.set(user as Uint8Array, i * 2048);
      } catch (e) {
        if (e instanceof SenseCondition && !e.partial) fail(e);
        throw e;
      }
    }
    const ms = this.#timing.read(lba, count, 0, 0) + (fua ? 5 : 0);
    return { data: out, ms };
  }

  #lbaAllowed(lba: number, method: "BE" | "D8"): boolean {
    const p = this.profile;
    if (lba >= p.pregapStart) return true;
    if (!p.plextorLeadIn) return false;
    return method === "D8" ? lba > -20150 && lba <= -1150 : lba > -20000 && lba <= -1000;
  }

  #readCd(
    lba: number,
    count: number,
    req: SectorRequest,
    method: "BE" | "D8",
  ): { data: Uint8Array; ms: number } {
    const d = this.#medium();
    // A transfer larger than the drive's buffer is refused rather than allocated.
    if (count * 2352 > this.maxTransferBytes * 2 || count < 0) throw Sense.invalidField();
    if (d.medium !== "cd") {
      if (method === "BE" && (req.flags & 0xf8) === 0x10 && d.userData) {
        // READ CD of 2048-byte user data works on DVD-sized media too.
        return this.#read2048(new Uint8Array(10), lba, count) as { data: Uint8Array; ms: number };
      }
      throw Sense.incompatibleMedium();
    }
    // Lead-out overread serves raw/CD-DA reads; cooked user-data reads stop at the capacity.
    const cooked = method === "BE" && req.expectedType !== 1 && (req.flags & 0xf8) === 0x10;
    const end = discLeadOut(d) + (cooked ? 0 : this.profile.leadOutOverread);
    const parts: Uint8Array[] = [];
    let total = 0;
    let slow = 0;
    for (let i = 0; i < count; i++) {
      const l = lba + i;
      try {
        if (!this.#lbaAllowed(l, method) || l >= end) throw Sense.outOfRange(l);
        if (this.#inGap(d, l)) slow++;
        const s = readSector(this.#ctx, l, req);
        parts.push(s);
        total += s.length;
      } catch (e) {
        if (e instanceof SenseCondition) e.partial = concat(parts, total);
        throw e;
      }
    }
    this.#cache.fill(lba, count, d.lastLba);
    const ms = this.#timing.read(lba, count, slow, this.profile.gapSlowMs);
    return { data: concat(parts, total), ms };
  }

  #inGap(d: Disc, lba: number): boolean {
    for (let i = 0; i + 1 < d.sessions.length; i++) {
      const next = d.tracks.find((t) => t.number === d.sessions[i + 1].firstTrack)!;
      if (lba >= d.sessions[i].leadOut && lba < next.pregapStart) return true;
    }
    return false;
  }

  /** The MMC profile of the loaded medium (for tests). */
  get currentProfile(): number {
    return currentProfile(this.disc);
  }
}

/**
 * The 2048 user bytes of a descrambled Mode 1 / Mode 2 form 1 sector; null for other modes
 * (illegal mode for READ(10)); false when its EDC is wrong (uncorrectable).
 */
function cookedUserData(s: Uint8Array): Uint8Array | null | false {
  if (s.length !== 2352) return null;
  const dv = new DataView(s.buffer, s.byteOffset, s.byteLength);
  if (s[15] === 1) {
    return edc(s, 0, 2064) === dv.getUint32(2064, true) ? s.subarray(16, 2064) : false;
  }
  const xa = s[15] === 2 && s[16] === s[20] && s[18] === s[22];
  if (!xa || s[18] & 0x20) return null;
  return edc(s, 16, 2072) === dv.getUint32(2072, true) ? s.subarray(24, 2072) : false;
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
