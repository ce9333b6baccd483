// Copyright 2026 the sectorkit authors. MIT license.
// The optical benchmark against a synthetic drive: a timing model of CAV, CLV, P-CAV and Z-CLV
// reading, seeks that grow with distance, and spin-up.
import assert from "node:assert/strict";
import { runOpticalBench } from "../../lib/bench/optical_bench.ts";
import { classifyCurve, speedX } from "../../lib/bench/optical_speed.ts";
import { IoError } from "../../lib/errors.ts";
import type {
  DataDirection,
  ScsiResult,
  ScsiTransport,
} from "../../lib/platform/scsi_transport.ts";

type Model = "CAV" | "CLV" | "P-CAV" | "Z-CLV";

class SyntheticDrive implements ScsiTransport {
  readonly path = "synthetic:";
  readonly maxTransferBytes = 65536;
  last = -1000;
  spinning = true;
  limitX = Infinity;
  commands: number[] = [];
  constructor(
    readonly model: Model,
    readonly profile: number,
    readonly sectors: number,
    readonly maxX: number,
    readonly oneX: number,
    readonly sectorBytes: number,
  ) {}
  xAt(lba: number): number {
    const f = lba / this.sectors;
    const cav = this.maxX * Math.sqrt(0.171 + 0.829 * f);
    const x = this.model === "CLV"
      ? this.maxX * 0.5
      : this.model === "CAV"
      ? cav
      : this.model === "P-CAV"
      ? Math.min(cav, this.maxX * 0.8)
      : this.maxX * (f < 0.3 ? 0.5 : f < 0.65 ? 0.75 : 1);
    return Math.min(x, this.limitX);
  }
  execute(
    cdb: Uint8Array,
    _dir: DataDirection,
    buf: Uint8Array | null,
  ): Promise<ScsiResult> {
    this.commands.push(cdb[0]);
    const ok = (ms: number): Promise<ScsiResult> =>
      Promise.resolve({
        status: 0,
        sense: new Uint8Array(0),
        transferred: 0,
        transportError: 0,
        durationMs: ms,
      });
    const v = new DataView(cdb.buffer, cdb.byteOffset, cdb.length);
    switch (cdb[0]) {
      case 0x46:
        buf![6] = this.profile >> 8;
        buf![7] = this.profile & 0xff;
        return ok(1);
      case 0x25:
        new DataView(buf!.buffer, buf!.byteOffset).setUint32(0, this.sectors - 1);
        new DataView(buf!.buffer, buf!.byteOffset).setUint32(4, 2048);
        return ok(1);
      case 0xbb:
        this.limitX = v.getUint16(2) === 0xffff ? Infinity : (v.getUint16(2) * 1000) / this.oneX;
        return ok(1);
      case 0x1b:
        if ((cdb[4] & 1) === 0) {
          this.spinning = false;
          return ok(300);
        }
        this.spinning = true;
        return ok(1800);
      case 0xa8:
      case 0xbe: {
        const lba = v.getUint32(2);
        const count = cdb[0] === 0xa8 ? v.getUint32(6) : (cdb[6] << 16) | (cdb[7] << 8) | cdb[8];
        if (lba + count > this.sectors) {
          const sense = new Uint8Array(18);
          sense[2] = 5;
          sense[12] = 0x21;
          return Promise.resolve({ status: 2, sense, transferred: 0, transportError: 0 });
        }
        const seek = lba === this.last ? 0 : 25 + (100 * Math.abs(lba - this.last)) / this.sectors;
        this.last = lba + count;
        const ms = seek + (count * this.sectorBytes * 1000) / (this.xAt(lba) * this.oneX);
        return ok(ms);
      }
    }
    return ok(0);
  }
  close(): void {}
}

const opts = { now: () => 0, zones: 24, sectorsPerZone: 256 };

Deno.test("runOpticalBench() recognises CAV, CLV, P-CAV and Z-CLV drives from the timed curve", async () => {
  for (const model of ["CAV", "CLV", "P-CAV", "Z-CLV"] as const) {
    const drive = new SyntheticDrive(model, 0x10, 2_000_000, 16, 1385000, 2048);
    const r = await runOpticalBench(drive, opts);
    assert.equal(r.media, "dvd");
    assert.equal(r.strategy, model, `${model}: ${r.zones.map((z) => z.speedX.toFixed(1))}`);
    assert.ok(Math.abs(r.speed.max - drive.xAt(r.zones[r.zones.length - 1].lba + 128)) < 0.2);
  }
});

Deno.test("runOpticalBench() on a CD uses READ CD with raw 2352-byte sectors (1× = 75 sectors/s)", async () => {
  const drive = new SyntheticDrive("CAV", 0x08, 330_000, 48, 176400, 2352);
  const r = await runOpticalBench(drive, opts);
  assert.equal(r.media, "cd");
  assert.ok(drive.commands.includes(0xbe) && !drive.commands.includes(0xa8));
  assert.ok(r.speed.start > 19 && r.speed.start < 22, String(r.speed.start)); // 48 × √0.171 ≈ 20
  assert.ok(r.speed.end > 46 && r.speed.end <= 48, String(r.speed.end));
  assert.equal(r.strategy, "CAV");
});

Deno.test("runOpticalBench() sets the speed, times spin-up and orders seek times by distance", async () => {
  const drive = new SyntheticDrive("CAV", 0x40, 10_000_000, 12, 4500000, 2048);
  const r = await runOpticalBench(drive, { ...opts, speed: 4 });
  assert.equal(r.media, "bd");
  assert.equal(r.requestedSpeed, 4);
  assert.ok(r.speed.max <= 4.01 && r.speed.max > 3.9, String(r.speed.max));
  assert.equal(r.strategy, "CLV"); // capped below the CAV curve everywhere: flat
  assert.ok(r.spinUpMs !== null && r.spinUpMs > 1800);
  assert.ok(r.seekMs.third < r.seekMs.full, JSON.stringify(r.seekMs));
  assert.ok(r.seekMs.full > 100 && r.seekMs.third > 25);
});

Deno.test("runOpticalBench() needs a media type it can tell", async () => {
  const drive = new SyntheticDrive("CLV", 0x02, 1000, 8, 1385000, 2048);
  await assert.rejects(() => runOpticalBench(drive, opts), IoError);
  const r = await runOpticalBench(drive, { ...opts, media: "dvd", spinUp: false });
  assert.equal(r.spinUpMs, null);
});

Deno.test("classifyCurve() and speedX() on hand-made curves", () => {
  const curve = (f: (x: number) => number, n = 30) =>
    Array.from({ length: n }, (_, i) => ({ position: (i + 0.5) / n, speed: f((i + 0.5) / n) }));
  assert.equal(classifyCurve(curve((x) => 8 * (1 + 0.02 * Math.sin(x * 40)))), "CLV");
  assert.equal(classifyCurve(curve((x) => (x < 0.5 ? 10 : 16))), "Z-CLV");
  assert.equal(classifyCurve(curve((x) => Math.min(16, 24 * Math.sqrt(0.2 + 0.8 * x)))), "P-CAV");
  assert.equal(classifyCurve(curve((x) => 10 + 5 * Math.sin(x * 9))), "unknown");
  assert.equal(classifyCurve(curve((x) => x, 3)), "unknown");
  assert.equal(speedX("bd", 2197, 1000).toFixed(2), "1.00");
});
