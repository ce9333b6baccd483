// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The rescue algorithm of GNU ddrescue, on any {@linkcode BlockDevice}: copy non-tried areas in
 * large blocks with several reads in flight (skipping ahead after an error), then trim failed blocks
 * from both edges sector by sector, scrape what is left sector by sector, and retry bad sectors
 * in passes of alternating direction. The {@linkcode RescueMap} is the ledger: a block is marked
 * finished only after the sink has stored it.
 *
 * @module
 */
import { IoError } from "../errors.ts";
import type { BlockDevice } from "../platform/mod.ts";
import type { BlockStatus } from "./mapfile.ts";
import type { RescueMap } from "./rescue_map.ts";
import { nextInDomain, prevInDomain } from "./domain.ts";
import type { RescueOptions, RescuePhase, RescueSink } from "./rescue_types.ts";

export type { RescueOptions, RescuePhase, RescueSink } from "./rescue_types.ts";

interface Pending {
  pos: number;
  len: number;
  buf: Uint8Array;
  result: Promise<number | Error>;
}

/**
 * Runs the rescue of one domain of a device into a sink, updating a map.
 *
 * @example Usage
 * ```ts
 * import { Rescuer } from "./rescue.ts";
 * import { RescueMap } from "./rescue_map.ts";
 * import { MemoryBlockDevice } from "../platform/memory_block_device.ts";
 * const data = new Uint8Array(8192).fill(7);
 * const dev = new MemoryBlockDevice(data, { badSectors: [5] });
 * const out = new Uint8Array(8192);
 * const map = RescueMap.fresh(0, 8192);
 * const sink = {
 *   write: async (pos: number, d: Uint8Array) => out.set(d, pos),
 *   fill: async (pos: number, size: number) => void out.fill(0, pos, pos + size),
 * };
 * const r = new Rescuer(dev, map, sink, {
 *   start: 0,
 *   end: 8192,
 *   blockSize: 4096,
 *   allocate: (n) => new Uint8Array(n),
 * });
 * await r.run();
 * if (map.totals()["-"] !== 512 || out[2560] !== 0 || out[0] !== 7) throw new Error("unexpected");
 * ```
 */
export class Rescuer {
  /** Read errors seen (each failed read counts once). */
  readErrors = 0;
  /** Current phase. */
  phase: RescuePhase = "copy";
  /** Pass within the phase. */
  pass = 1;
  /** Direction of the current pass. */
  forwards = true;
  #dev: BlockDevice;
  #map: RescueMap;
  #sink: RescueSink;
  #o: Required<Omit<RescueOptions, "shouldStop" | "onRead">> & RescueOptions;
  #ss: number;
  #free: Uint8Array[] = [];
  #waiters: (() => void)[] = [];
  #writes = new Set<Promise<void>>();
  #failure: unknown = null;
  #sectorBuf: Uint8Array;
  #resume: [string, number];

  /** Prepares a rescue; nothing is read until {@linkcode Rescuer.run}. */
  constructor(device: BlockDevice, map: RescueMap, sink: RescueSink, options: RescueOptions) {
    this.#dev = device;
    this.#map = map;
    this.#sink = sink;
    this.#o = {
      queueDepth: 4,
      retries: 0,
      inOrder: false,
      noTrim: false,
      noScrape: false,
      reverse: false,
      ...options,
      domain: options.domain ?? [[options.start, options.end]],
    };
    this.#ss = device.logicalSectorSize;
    this.#resume = [map.currentStatus, map.currentPass];
    if (options.blockSize % this.#ss !== 0 || options.blockSize <= 0) {
      throw new RangeError(`block size ${options.blockSize} is not a multiple of ${this.#ss}`);
    }
    const n = this.#o.queueDepth * 2;
    for (let i = 0; i < n; i++) this.#free.push(options.allocate(options.blockSize));
    this.#sectorBuf = options.allocate(this.#ss);
  }

  #stopped(): boolean {
    return this.#failure !== null || (this.#o.shouldStop?.() ?? false);
  }

  #check(): void {
    if (this.#failure !== null) throw this.#failure;
  }

  #setCurrent(pos: number): void {
    const status: Record<RescuePhase, "?" | "*" | "/" | "-" | "+"> = {
      copy: "?",
      trim: "*",
      scrape: "/",
      retry: "-",
      fill: "+",
      done: "+",
    };
    this.#map.currentStatus = status[this.phase];
    this.#map.currentPass = this.pass;
    this.#map.currentPos = pos;
  }

  /**
   * Runs all phases; resolves to "finished" or "interrupted" (the map then records exactly what
   * the sink has stored). Rejects when the sink fails (e.g. disk full) after in-flight writes end.
   */
  async run(): Promise<"finished" | "interrupted"> {
    try {
      if (this.#o.inOrder) {
        await this.#copyPass(true, false, 1);
      } else {
        const startPass = this.#resume[0] === "?" ? Math.min(this.#resume[1], 2) : 1;
        const rev = this.#o.reverse;
        if (startPass <= 1) await this.#copyPass(!rev, true, 1);
        if (!this.#stopped()) await this.#copyPass(rev, false, 2);
        if (!this.#stopped() && !this.#o.noTrim) await this.#trim();
        if (!this.#stopped() && !this.#o.noScrape) await this.#scrape();
        if (!this.#stopped()) await this.#retry();
      }
    } finally {
      await this.#drain();
    }
    this.#check();
    if (this.#stopped()) return "interrupted";
    if (!this.#o.inOrder) {
      this.phase = "fill";
      await this.fillUnfinished();
    }
    this.phase = "done";
    this.pass = 1;
    this.#setCurrent(this.#o.end);
    return "finished";
  }

  /** Writes the fill pattern over every byte of the domain that is not finished. */
  async fillUnfinished(): Promise<void> {
    for (const [start, end] of this.#o.domain) {
      let pos = start;
      for (const b of this.#map.blocks.slice()) {
        const s = Math.max(b.pos, pos);
        const e = Math.min(b.pos + b.size, end);
        if (s < e && b.status !== "+") await this.#sink.fill(s, e - s);
        if (e >= end) break;
        pos = Math.max(pos, e);
      }
    }
  }

  #next(status: BlockStatus, from: number): [number, number] | null {
    return nextInDomain(this.#map, this.#o.domain, status, from);
  }

  #prev(status: BlockStatus, before: number): [number, number] | null {
    return prevInDomain(this.#map, this.#o.domain, status, before);
  }

  async #drain(): Promise<void> {
    while (this.#writes.size > 0) await Promise.all([...this.#writes]);
  }

  async #buffer(): Promise<Uint8Array> {
    while (this.#free.length === 0) {
      await new Promise<void>((r) => this.#waiters.push(r));
    }
    return this.#free.pop()!;
  }

  #release(buf: Uint8Array): void {
    this.#free.push(buf);
    this.#waiters.shift()?.();
  }

  #store(pos: number, data: Uint8Array, buf: Uint8Array | null, status: BlockStatus): void {
    const p: Promise<void> = this.#sink.write(pos, data).then(
      () => {
        this.#map.set(pos, data.length, status);
      },
      (e) => {
        if (this.#failure === null) this.#failure = e;
      },
    ).finally(() => {
      if (buf) this.#release(buf);
      this.#writes.delete(p);
    });
    this.#writes.add(p);
  }

  #read(pos: number, buf: Uint8Array): Promise<number | Error> {
    return this.#dev.readAt(pos, buf).then((n) => n, (e) => {
      if (e instanceof IoError) return e;
      throw e;
    });
  }

  async #copyPass(forward: boolean, skipping: boolean, pass: number): Promise<void> {
    const { start, end, blockSize, queueDepth } = this.#o;
    this.phase = "copy";
    this.pass = pass;
    this.forwards = forward;
    const minSkip = Math.max(
      65536,
      Math.ceil((end - start) / 100000 / this.#ss) * this.#ss,
    );
    const maxSkip = Math.max(minSkip, Math.floor((end - start) / 100 / this.#ss) * this.#ss);
    let skip = minSkip;
    let cursor = forward ? start : end;
    const next = (): [number, number] | null => {
      if (forward) {
        const r = this.#next("?", cursor);
        if (!r) return null;
        const len = Math.min(blockSize, r[1] - r[0]);
        cursor = r[0] + len;
        return [r[0], len];
      }
      const r = this.#prev("?", cursor);
      if (!r) return null;
      const s = Math.max(r[0], r[1] - blockSize);
      cursor = s;
      return [s, r[1] - s];
    };
    const fifo: Pending[] = [];
    this.#setCurrent(cursor);
    while (true) {
      while (fifo.length < queueDepth && !this.#stopped()) {
        const r = next();
        if (!r) break;
        const buf = await this.#buffer();
        const view = buf.subarray(0, r[1]);
        fifo.push({ pos: r[0], len: r[1], buf, result: this.#read(r[0], view) });
      }
      const item = fifo.shift();
      if (!item) break;
      const res = await item.result;
      this.#setCurrent(forward ? item.pos : item.pos + item.len);
      if (typeof res === "number" && res > 0) {
        const n = Math.min(res, item.len);
        this.#store(item.pos, item.buf.subarray(0, n), item.buf, "+");
        if (n < item.len) await this.#failed(item.pos + n, item.len - n);
        skip = minSkip;
      } else {
        this.#release(item.buf);
        this.readErrors++;
        await this.#failed(item.pos, item.len);
        if (skipping) {
          cursor = forward
            ? Math.max(cursor, item.pos + item.len + skip)
            : Math.min(cursor, item.pos - skip);
          skip = Math.min(skip * 2, maxSkip);
        }
      }
      await this.#o.onRead?.();
    }
  }

  async #failed(pos: number, len: number): Promise<void> {
    if (!this.#o.inOrder) {
      this.#map.set(pos, len, "*");
      return;
    }
    // Sequential output: settle every sector of the block now, in order.
    for (let s = pos; s < pos + len; s += this.#ss) {
      const n = Math.min(this.#ss, pos + len - s);
      let ok = false;
      for (let t = 0; t <= this.#o.retries && !ok; t++) ok = await this.#readSector(s, n, "+");
      if (!ok) {
        this.#map.set(s, n, "-");
        await this.#drain();
        await this.#sink.fill(s, n);
      }
    }
  }

  /** Reads one sector; on success stores it as `status` and resolves true. */
  async #readSector(pos: number, len: number, status: BlockStatus): Promise<boolean> {
    const view = this.#sectorBuf.subarray(0, len);
    const res = await this.#read(pos, view);
    await this.#o.onRead?.();
    if (typeof res === "number" && res === len) {
      this.#store(pos, view, null, status);
      await this.#drain();
      this.#check();
      return true;
    }
    this.readErrors++;
    return false;
  }

  #len(pos: number, limit: number): number {
    return Math.min(this.#ss, limit - pos);
  }

  /** Trims the leading edge of `[a, limit)` forwards; returns the first byte not trimmed. */
  async #trimUp(a: number, limit: number): Promise<number> {
    while (a < limit && !this.#stopped()) {
      this.#setCurrent(a);
      const n = this.#len(a, limit);
      const ok = await this.#readSector(a, n, "+");
      if (!ok) this.#map.set(a, n, "-");
      a += n;
      if (!ok) break;
    }
    return a;
  }

  /** Trims the trailing edge of `[limit, b)` backwards; returns the end of what is left. */
  async #trimDown(b: number, limit: number): Promise<number> {
    while (b > limit && !this.#stopped()) {
      const first = Math.max(limit, Math.floor((b - 1) / this.#ss) * this.#ss);
      const n = b - first;
      this.#setCurrent(b);
      const ok = await this.#readSector(first, n, "+");
      if (!ok) this.#map.set(first, n, "-");
      b = first;
      if (!ok) break;
    }
    return b;
  }

  async #trim(): Promise<void> {
    const fw = !this.#o.reverse;
    this.phase = "trim";
    this.pass = 1;
    this.forwards = fw;
    let cursor = fw ? this.#o.start : this.#o.end;
    let r: [number, number] | null;
    while ((r = fw ? this.#next("*", cursor) : this.#prev("*", cursor)) && !this.#stopped()) {
      const [s, e] = r;
      let a = s;
      let b = e;
      if (fw) {
        a = await this.#trimUp(s, e);
        b = await this.#trimDown(e, a);
      } else {
        b = await this.#trimDown(e, s);
        a = await this.#trimUp(s, b);
      }
      if (this.#stopped()) return;
      if (a < b) this.#map.set(a, b - a, "/");
      cursor = fw ? e : s;
    }
  }

  async #scrape(): Promise<void> {
    const fw = !this.#o.reverse;
    this.phase = "scrape";
    this.pass = 1;
    this.forwards = fw;
    let r: [number, number] | null;
    while (
      (r = fw ? this.#next("/", this.#o.start) : this.#prev("/", this.#o.end)) && !this.#stopped()
    ) {
      const s = fw ? r[0] : Math.max(r[0], Math.floor((r[1] - 1) / this.#ss) * this.#ss);
      const n = fw ? this.#len(s, r[1]) : r[1] - s;
      this.#setCurrent(fw ? s : s + n);
      const ok = await this.#readSector(s, n, "+");
      if (!ok) this.#map.set(s, n, "-");
    }
  }

  async #retry(): Promise<void> {
    const { start, end, retries } = this.#o;
    const first = this.#resume[0] === "-" ? this.#resume[1] : 1;
    for (let p = first; p <= retries && !this.#stopped(); p++) {
      this.phase = "retry";
      this.pass = p;
      const forward = (p % 2 === 0) !== this.#o.reverse;
      this.forwards = forward;
      let cursor = forward ? start : end;
      while (!this.#stopped()) {
        const r = forward ? this.#next("-", cursor) : this.#prev("-", cursor);
        if (!r) break;
        const s = forward ? r[0] : Math.max(r[0], Math.floor((r[1] - 1) / this.#ss) * this.#ss);
        const n = forward ? this.#len(s, r[1]) : r[1] - s;
        this.#setCurrent(forward ? s : s + n);
        await this.#readSector(s, n, "+");
        cursor = forward ? s + n : s;
      }
    }
  }
}
