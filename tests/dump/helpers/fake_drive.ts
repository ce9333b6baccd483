// Copyright 2026 the sectorkit authors. MIT license.
/**
 * A small in-process CD drive for dump-engine tests: a synthesised disc (audio and Mode 1 tracks,
 * write offset, damaged samples, Q CRC errors, desync) behind the ScsiTransport interface,
 * answering READ TOC 0/2, READ CD (CD-DA and all types), PLEXTOR READ CDDA, READ(12) FUA, SET CD
 * SPEED, INQUIRY and TEST UNIT READY with a drive model (read offset, C2 shift, sector order,
 * readable range, CD-DA reads of data sectors).
 *
 * @module
 */
import type { ScsiResult, ScsiTransport } from "../../../lib/platform/scsi_transport.ts";
import { buildDataSector } from "../../../lib/cd/sector.ts";
import { scramble } from "../../../lib/cd/scrambler.ts";
import { buildQPosition, interleave } from "../../../lib/cd/subchannel.ts";
import type { SectorOrder } from "../../../lib/dump/sector_order.ts";
import { lbaToMsf } from "../../../lib/cd/msf.ts";

/** An authored track. */
export interface FakeTrack {
  /** audio or mode1. */
  type: "audio" | "mode1";
  /** Sectors from index 1 to the next track. */
  length: number;
  /** Pregap (index 0) length; the first track's pregap is always 150. */
  pregap?: number;
}

/** The disc. */
export interface FakeDisc {
  /** Tracks in order (single session). */
  tracks: FakeTrack[];
  /** Write offset in samples. */
  writeOffset?: number;
  /** PRNG seed. */
  seed?: number;
  /** Samples with C2 errors: [lba, first sample, count, reads that fail (Infinity = always)]. */
  c2?: [number, number, number, number][];
  /** LBAs whose read fails with MEDIUM ERROR: [lba, reads that fail]. */
  unreadable?: [number, number][];
  /** LBAs whose Q CRC is broken. */
  badQ?: number[];
  /** LBAs whose Q claims the next LBA (subchannel desync). */
  desync?: number[];
}

/** The drive model. */
export interface FakeModel {
  /** Read offset in samples. */
  readOffset: number;
  /** C2 shift in bytes. */
  c2Shift: number;
  /** Sector order of READ CD replies. */
  order: SectorOrder;
  /** First readable LBA (e.g. −75 PLEXTOR, −135 MediaTek, 0 generic). */
  firstReadable: number;
  /** Sectors readable past the lead-out. */
  leadoutReadable: number;
  /** Whether a CD-DA READ CD returns data sectors (scrambled). */
  cddaReadsData: boolean;
  /** Whether D8 is supported. */
  d8: boolean;
  /** Simulated ms per command (reported as durationMs). */
  msPerCommand?: number;
  /** Ignore C2/subchannel requests and return 2352 bytes a sector (QEMU's ATAPI CD). */
  mainOnly?: boolean;
}

/** Profiles comparable to redumper's defaults. */
export const FAKE_MODELS: Record<string, FakeModel> = {
  plextor: {
    readOffset: 30,
    c2Shift: 294,
    order: "DATA_C2_SUB",
    firstReadable: -75,
    leadoutReadable: 100,
    cddaReadsData: true,
    d8: true,
  },
  mediatek: {
    readOffset: 6,
    c2Shift: 0,
    order: "DATA_C2_SUB",
    firstReadable: -135,
    leadoutReadable: 0,
    cddaReadsData: true,
    d8: false,
  },
  generic: {
    readOffset: 0,
    c2Shift: 0,
    order: "DATA_SUB_C2",
    firstReadable: 0,
    leadoutReadable: 0,
    cddaReadsData: false,
    d8: false,
  },
};

function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
}

/** A built disc: authored sectors (LBA −150 … lead-out+200) and their subcode. */
export class BuiltDisc {
  /** First authored LBA. */
  readonly first = -150;
  /** Lead-out LBA. */
  readonly leadout: number;
  /** Track starts (index 1) and types. */
  readonly starts: { lba: number; type: "audio" | "mode1"; pregap: number }[] = [];
  /** Authored sectors as on the disc (data scrambled), write offset not applied. */
  readonly sectors: Uint8Array;
  /** Subcode records. */
  readonly sub: Uint8Array;
  /** Disc spec. */
  readonly spec: FakeDisc;
  /** Sector count. */
  readonly count: number;

  constructor(spec: FakeDisc) {
    this.spec = spec;
    const rnd = prng(spec.seed ?? 1);
    let lba = 0;
    for (const [k, t] of spec.tracks.entries()) {
      const pregap = k === 0 ? 150 : t.pregap ?? 0;
      lba += k === 0 ? 0 : pregap;
      this.starts.push({ lba, type: t.type, pregap });
      lba += t.length;
    }
    this.leadout = lba;
    this.count = this.leadout + 200 - this.first;
    this.sectors = new Uint8Array(this.count * 2352);
    this.sub = new Uint8Array(this.count * 96);
    for (let i = 0; i < this.count; i++) {
      const l = this.first + i;
      let ti = this.starts.length - 1;
      while (ti > 0 && l < this.starts[ti].lba - this.starts[ti].pregap) ti--;
      const t = this.starts[ti];
      const inLeadout = l >= this.leadout;
      const data = t.type === "mode1";
      let sec: Uint8Array;
      if (data && !(l < 0)) {
        const user = new Uint8Array(2048);
        for (let b = 0; b < 2048; b += 4) new DataView(user.buffer).setUint32(b, rnd());
        sec = buildDataSector(l, "mode1", inLeadout ? new Uint8Array(2048) : user);
        scramble(sec);
      } else if (data) {
        sec = buildDataSector(l, "mode1", new Uint8Array(2048));
        scramble(sec);
      } else {
        sec = new Uint8Array(2352);
        const silent = l < t.lba || inLeadout;
        if (!silent) {
          for (let b = 0; b < 2352; b += 4) new DataView(sec.buffer).setUint32(b, rnd());
        }
      }
      this.sectors.set(sec, i * 2352);
      const idx = l < t.lba ? 0 : 1;
      const q = inLeadout
        ? buildQPosition({
          control: data ? 4 : 0,
          track: 170,
          index: 1,
          relLba: l - this.leadout,
          absLba: l,
        })
        : buildQPosition({
          control: data ? 4 : 0,
          track: ti + 1,
          index: idx,
          relLba: l - t.lba,
          absLba: l,
        });
      if (spec.desync?.includes(l)) {
        q.set(
          buildQPosition({
            control: data ? 4 : 0,
            track: ti + 1,
            index: 1,
            relLba: 0,
            absLba: l + 1,
          }),
        );
      }
      if (spec.badQ?.includes(l)) q[3] ^= 0x11;
      this.sub.set(interleave({ p: idx === 0, q }), i * 96);
    }
  }

  /** Physical stream byte at position `pos` (0 = LBA 0), write offset applied. */
  physical(pos: number, out: Uint8Array): void {
    const w = (this.spec.writeOffset ?? 0) * 4;
    const base = pos - w - this.first * 2352;
    for (let i = 0; i < out.length; i++) {
      const p = base + i;
      out[i] = p >= 0 && p < this.sectors.length ? this.sectors[p] : 0;
    }
  }

  /** The READ TOC format 0 reply (LBA). */
  toc(): Uint8Array {
    const n = this.starts.length;
    const b = new Uint8Array(4 + 8 * (n + 1));
    b[0] = (b.length - 2) >> 8;
    b[1] = (b.length - 2) & 0xff;
    b[2] = 1;
    b[3] = n;
    const put = (o: number, track: number, ctl: number, lba: number): void => {
      b[o + 1] = 0x10 | ctl;
      b[o + 2] = track;
      new DataView(b.buffer).setInt32(o + 4, lba);
    };
    this.starts.forEach((t, k) => put(4 + 8 * k, k + 1, t.type === "audio" ? 0 : 4, t.lba));
    put(4 + 8 * n, 0xaa, this.starts[n - 1].type === "audio" ? 0 : 4, this.leadout);
    return b;
  }

  /** The READ TOC format 2 reply (one session: A0, A1, A2 and track points). */
  fullToc(): Uint8Array {
    const entries: number[][] = [];
    const ctl0 = this.starts[0].type === "audio" ? 0 : 4;
    const last = this.starts[this.starts.length - 1];
    const msf = (lba: number): number[] => {
      const m = lbaToMsf(lba);
      return [m.m, m.s, m.f];
    };
    entries.push([1, 0x10 | ctl0, 0, 0xa0, 0, 0, 0, 0, 1, 0, 0]);
    entries.push([
      1,
      0x10 | (last.type === "audio" ? 0 : 4),
      0,
      0xa1,
      0,
      0,
      0,
      0,
      this.starts.length,
      0,
      0,
    ]);
    entries.push([
      1,
      0x10 | (last.type === "audio" ? 0 : 4),
      0,
      0xa2,
      0,
      0,
      0,
      0,
      ...msf(this.leadout),
    ]);
    this.starts.forEach((t, k) =>
      entries.push([1, 0x10 | (t.type === "audio" ? 0 : 4), 0, k + 1, 0, 0, 0, 0, ...msf(t.lba)])
    );
    const b = new Uint8Array(4 + 11 * entries.length);
    b[0] = (b.length - 2) >> 8;
    b[1] = (b.length - 2) & 0xff;
    b[2] = 1;
    b[3] = 1;
    entries.forEach((e, k) => b.set(e, 4 + 11 * k));
    return b;
  }
}

/** A transport serving a {@linkcode BuiltDisc} through a {@linkcode FakeModel}. */
export class FakeDrive implements ScsiTransport {
  readonly path = "fake:test";
  readonly maxTransferBytes: number;
  readonly disc: BuiltDisc;
  readonly model: FakeModel;
  /** Commands seen (opcode per command). */
  readonly log: number[] = [];
  #reads = new Map<number, number>();

  constructor(disc: BuiltDisc, model: FakeModel, maxTransferBytes = 65536) {
    this.disc = disc;
    this.model = model;
    this.maxTransferBytes = maxTransferBytes;
  }

  #ok(): ScsiResult {
    return {
      status: 0,
      sense: new Uint8Array(0),
      transferred: 0,
      transportError: 0,
      durationMs: this.model.msPerCommand ?? 0,
    };
  }

  #fail(key: number, asc: number): ScsiResult {
    const s = new Uint8Array(18);
    s[0] = 0x70;
    s[2] = key;
    s[7] = 10;
    s[12] = asc;
    return { status: 2, sense: s, transferred: 0, transportError: 0, durationMs: 0 };
  }

  #readable(lba: number): boolean {
    return lba >= this.model.firstReadable && lba >= this.disc.first &&
      lba < this.disc.leadout + this.model.leadoutReadable;
  }

  #isData(lba: number): boolean {
    let t = this.disc.starts[0];
    for (const s of this.disc.starts) if (lba >= s.lba - s.pregap) t = s;
    return t.type === "mode1" && lba < this.disc.leadout;
  }

  /** Fills the main channel + true C2 of sector `lba` (as read, offset applied). */
  #sector(lba: number, allTypes: boolean, main: Uint8Array, c2: Uint8Array): boolean {
    const attempt = (this.#reads.get(lba) ?? 0) + 1;
    this.#reads.set(lba, attempt);
    for (const [l, n] of this.disc.spec.unreadable ?? []) {
      if (l === lba && attempt <= n) return false;
    }
    c2.fill(0);
    if (allTypes && this.#isData(lba)) {
      const i = lba - this.disc.first;
      main.set(this.disc.sectors.subarray(i * 2352, (i + 1) * 2352));
      scramble(main);
    } else {
      this.disc.physical(lba * 2352 - this.model.readOffset * 4, main);
    }
    for (const [l, first, count, reads] of this.disc.spec.c2 ?? []) {
      if (l !== lba || attempt > reads) continue;
      for (let s = first; s < first + count; s++) {
        main[s * 4] ^= 0x5a;
        c2[s >> 1] |= s & 1 ? 0x0f : 0xf0;
      }
    }
    return true;
  }

  execute(
    cdb: Uint8Array,
    _direction: string,
    buffer: Uint8Array | null,
  ): Promise<ScsiResult> {
    this.log.push(cdb[0]);
    const dv = new DataView(cdb.buffer, cdb.byteOffset, cdb.byteLength);
    switch (cdb[0]) {
      case 0x00:
      case 0xbb:
        return Promise.resolve(this.#ok());
      case 0xa8:
        return Promise.resolve(
          dv.getUint32(6) === 0 && cdb[1] & 0x08 ? this.#ok() : this.#fail(5, 0x24),
        );
      case 0x12: {
        const t = new TextEncoder();
        buffer!.fill(0x20, 8, 36);
        buffer!.set(t.encode("FAKE"), 8);
        buffer!.set(t.encode("CD-ROM TEST"), 16);
        buffer!.set(t.encode("1.00"), 32);
        return Promise.resolve(this.#ok());
      }
      case 0x43: {
        const f = cdb[2] & 0x0f;
        const reply = f === 0 ? this.disc.toc() : f === 2 ? this.disc.fullToc() : null;
        if (!reply) return Promise.resolve(this.#fail(5, 0x24));
        buffer!.set(reply.subarray(0, Math.min(reply.length, buffer!.length)));
        return Promise.resolve(this.#ok());
      }
      case 0xbe:
      case 0xd8: {
        const lba = dv.getInt32(2);
        const count = cdb[0] === 0xbe ? (cdb[6] << 16) | (cdb[7] << 8) | cdb[8] : dv.getUint32(6);
        let order: SectorOrder;
        let allTypes = false;
        if (cdb[0] === 0xd8) {
          if (!this.model.d8) return Promise.resolve(this.#fail(5, 0x20));
          order = cdb[10] === 8 ? "DATA_C2_SUB" : "DATA_SUB";
        } else {
          const c2 = (cdb[9] & 0x06) !== 0;
          const sub = cdb[10] === 1;
          allTypes = cdb[1] === 0;
          if (!allTypes && !this.model.cddaReadsData) {
            for (let i = 0; i < count; i++) {
              if (this.#isData(lba + i)) return Promise.resolve(this.#fail(5, 0x64));
            }
          }
          order = this.model.order;
          if (!c2) order = "DATA_SUB";
          if (!sub) order = "DATA_C2";
        }
        if (this.model.mainOnly) {
          for (let i = 0; i < count; i++) {
            const l = lba + i;
            if (!this.#readable(l)) return Promise.resolve(this.#fail(3, 0x11));
            this.#sector(
              l,
              allTypes,
              buffer!.subarray(i * 2352, (i + 1) * 2352),
              new Uint8Array(294),
            );
          }
          return Promise.resolve({ ...this.#ok(), transferred: count * 2352 });
        }
        const size = 2352 + (order === "DATA_SUB" ? 0 : 294) + (order === "DATA_C2" ? 0 : 96);
        // True C2 per sector, then shifted into the returned stream.
        const pre = Math.ceil(this.model.c2Shift / 294);
        const trueC2 = new Uint8Array((count + pre) * 294);
        const main = new Uint8Array(2352);
        const c2 = new Uint8Array(294);
        for (let i = -pre; i < count; i++) {
          const l = lba + i;
          if (i >= 0 && !this.#readable(l)) return Promise.resolve(this.#fail(3, 0x11));
          if (i < 0) continue;
          if (!this.#sector(l, allTypes, main, c2)) return Promise.resolve(this.#fail(3, 0x11));
          trueC2.set(c2, (i + pre) * 294);
          const o = i * size;
          buffer!.set(main, o);
          const subRec = this.disc.sub.subarray(
            (l - this.disc.first) * 96,
            (l - this.disc.first + 1) * 96,
          );
          if (order === "DATA_C2_SUB") buffer!.set(subRec, o + 2352 + 294);
          if (order === "DATA_SUB_C2" || order === "DATA_SUB") buffer!.set(subRec, o + 2352);
        }
        if (order !== "DATA_SUB") {
          for (let i = 0; i < count; i++) {
            const at = i * size + 2352 + (order === "DATA_SUB_C2" ? 96 : 0);
            // Returned stream position j holds true C2 of position j − shift.
            for (let b = 0; b < 294; b++) {
              const src = pre * 294 + i * 294 + b - this.model.c2Shift;
              buffer![at + b] = src >= 0 ? trueC2[src] : 0;
            }
          }
        }
        return Promise.resolve({ ...this.#ok(), transferred: count * size });
      }
      default:
        return Promise.resolve(this.#fail(5, 0x20));
    }
  }

  close(): void {}
}
