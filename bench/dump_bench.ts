// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Dump pipeline throughput against the virtual drive with zero simulated latency: how many times
 * CD speed (75 sectors/s of 2352 bytes + 294 C2 + 96 subchannel) the pipeline sustains, and
 * where the CPU goes (virtual drive / our pipeline: normalise, C2 states, Q / file I/O).
 *
 *   deno bench -A bench/dump_bench.ts            (Deno.bench figures)
 *   deno run -A bench/dump_bench.ts [SECTORS]    (breakdown report)
 */
import { createPlatform } from "../ffi/mod.ts";
import { synthesizeDisc } from "../lib/cd/disc/synthesize.ts";
import type { DiscSpec } from "../lib/cd/disc/disc_spec.ts";
import { BUILTIN_PROFILES } from "../lib/drive/virtual/profile.ts";
import { VirtualDrive } from "../lib/drive/virtual/virtual_drive.ts";
import { runCdDump } from "../lib/dump/run_cd_dump.ts";
import type { DumpDriveConfig } from "../lib/dump/drive_config.ts";
import type { Platform } from "../lib/platform/mod.ts";
import type { ScsiTransport } from "../lib/platform/scsi_transport.ts";

const CONFIGS: Record<string, DumpDriveConfig> = {
  plextor: {
    type: "PLEXTOR",
    readOffset: 30,
    c2Shift: 295,
    pregapStart: -75,
    readMethod: "D8",
    sectorOrder: "DATA_C2_SUB",
  },
  mediatek: {
    type: "MTK3",
    readOffset: 6,
    c2Shift: 0,
    pregapStart: -135,
    readMethod: "BE",
    sectorOrder: "DATA_C2_SUB",
  },
};

function spec(sectors: number): DiscSpec {
  const data = Math.floor(sectors / 2);
  return {
    seed: 5,
    writeOffset: 12,
    tracks: [
      { type: "mode1", length: data },
      { type: "audio", length: sectors - data - 150 },
    ],
  };
}

/** Wall/CPU split of one dump. */
export interface BenchResult {
  /** Sectors read. */
  sectors: number;
  /** Wall milliseconds of the dump. */
  ms: number;
  /** Times CD speed. */
  speedX: number;
  /** MB/s of 2742-byte raw sectors. */
  mbps: number;
  /** Milliseconds inside the (virtual) drive. */
  driveMs: number;
  /** Milliseconds in file reads/writes. */
  ioMs: number;
}

function timedTransport(t: ScsiTransport, acc: { ms: number }): ScsiTransport {
  return {
    path: t.path,
    maxTransferBytes: t.maxTransferBytes,
    async execute(cdb, dir, buf, timeout) {
      const t0 = performance.now();
      try {
        return await t.execute(cdb, dir, buf, timeout);
      } finally {
        acc.ms += performance.now() - t0;
      }
    },
    close: () => t.close(),
  };
}

function timedPlatform(p: Platform, acc: { ms: number }): Platform {
  const fs = p.fs;
  const time = async <T>(f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await f();
    } finally {
      acc.ms += performance.now() - t0;
    }
  };
  return {
    ...p,
    fs: {
      ...fs,
      openWrite: async (path, o) => {
        const w = await fs.openWrite(path, o);
        return {
          ...w,
          writeAt: (off, d) => time(() => w.writeAt(off, d)),
          close: () => w.close(),
          sync: () => w.sync(),
          truncate: (n) => w.truncate(n),
        };
      },
      openRead: async (path) => {
        const r = await fs.openRead(path);
        return {
          size: r.size,
          readAt: (off, b) => time(() => r.readAt(off, b)),
          close: () => r.close(),
        };
      },
    },
  };
}

/**
 * A transport that answers READ CD / READ CDDA from replies captured once from `inner` (the
 * pipeline alone, without the virtual drive's per-sector synthesis); other commands pass through.
 */
async function memoryTransport(
  inner: ScsiTransport,
  from: number,
  to: number,
): Promise<ScsiTransport> {
  const size = 2742;
  const image = new Uint8Array((to - from) * size);
  const cdb = new Uint8Array(12);
  for (let lba = from; lba < to; lba += 256) {
    const n = Math.min(256, to - lba);
    cdb.set([0xd8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 0]);
    new DataView(cdb.buffer).setInt32(2, lba);
    new DataView(cdb.buffer).setUint32(6, n);
    const r = await inner.execute(
      cdb,
      "in",
      image.subarray((lba - from) * size, (lba - from + n) * size),
    );
    if (r.status !== 0) throw new Error(`capture failed at LBA ${lba}`);
  }
  return {
    path: inner.path,
    maxTransferBytes: inner.maxTransferBytes,
    execute(c, dir, buf, timeout) {
      if ((c[0] === 0xbe || c[0] === 0xd8) && buf) {
        const dv = new DataView(c.buffer, c.byteOffset);
        const lba = dv.getInt32(2);
        const n = c[0] === 0xbe ? (c[6] << 16) | (c[7] << 8) | c[8] : dv.getUint32(6);
        if (lba < from || lba + n > to) {
          return Promise.resolve({
            status: 2,
            sense: new Uint8Array([0x70, 0, 5, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x21, 0]),
            transferred: 0,
            transportError: 0,
          });
        }
        buf.set(image.subarray((lba - from) * size, (lba - from + n) * size));
        return Promise.resolve({
          status: 0,
          sense: new Uint8Array(0),
          transferred: n * size,
          transportError: 0,
          durationMs: 0,
        });
      }
      return inner.execute(c, dir, buf, timeout);
    },
    close: () => inner.close(),
  };
}

/** Dumps a synthesized disc of `sectors` sectors with `profile` into a temp dir. */
export async function benchDump(
  profile: string,
  sectors: number,
  pipelineOnly = false,
): Promise<BenchResult> {
  const base = createPlatform();
  const dir = await Deno.makeTempDir({ prefix: "sk-dump-bench-" });
  const driveAcc = { ms: 0 }, ioAcc = { ms: 0 };
  try {
    const vd = new VirtualDrive(synthesizeDisc(spec(sectors)), BUILTIN_PROFILES[profile], {
      path: "virtual:bench",
    });
    // D8 replies in DATA_C2_SUB order for both profiles' captured images.
    const drive = pipelineOnly
      ? await memoryTransport(
        new VirtualDrive(synthesizeDisc(spec(sectors)), BUILTIN_PROFILES.plextor, {
          path: "virtual:bench",
        }),
        -75,
        sectors + 100,
      )
      : vd;
    const t0 = performance.now();
    const r = await runCdDump({
      transport: timedTransport(drive, driveAcc),
      config: CONFIGS[profile],
      imagePath: dir,
      imageName: "bench",
      extras: false,
    }, timedPlatform(base, ioAcc));
    const ms = performance.now() - t0;
    const n = r.counters.sectorsRead;
    return {
      sectors: n,
      ms,
      speedX: n / (ms / 1000) / 75,
      mbps: (n * 2742) / (ms / 1000) / 1e6,
      driveMs: driveAcc.ms,
      ioMs: ioAcc.ms,
    };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

for (const profile of Object.keys(CONFIGS)) {
  Deno.bench({
    name: `dump 4000 sectors, virtual ${profile}, zero latency`,
    n: 3,
    warmup: 1,
    async fn() {
      await benchDump(profile, 4000);
    },
  });
  Deno.bench({
    name: `dump 4000 sectors, ${profile} settings, replies from memory (pipeline only)`,
    n: 3,
    warmup: 1,
    async fn() {
      await benchDump(profile, 4000, true);
    },
  });
}

if (import.meta.main) {
  const sectors = Number(Deno.args[0] ?? 20000);
  for (
    const [profile, only] of Object.keys(CONFIGS).flatMap((p) => [[p, false], [p, true]] as const)
  ) {
    await benchDump(profile, 2000, only); // warm-up
    const r = await benchDump(profile, sectors, only);
    const pipe = r.ms - r.driveMs - r.ioMs;
    const pct = (x: number): string => `${((100 * x) / r.ms).toFixed(0)}%`;
    console.log(
      `${profile}${only ? " (replies from memory)" : " (virtual drive)"}: ${r.sectors} sectors in ${
        (r.ms / 1000).toFixed(2)
      } s = ${r.speedX.toFixed(0)}x CD ` +
        `(${r.mbps.toFixed(1)} MB/s of 2742-byte sectors); drive ${pct(r.driveMs)}, ` +
        `dump pipeline ${pct(pipe)}, file I/O ${pct(r.ioMs)}`,
    );
  }
}
