// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Pieces of the imaging pipeline: hashing inline vs in workers (shared buffers), CRC-32, the
 * rescue loop over a memory device, the zero check used by --sparse, and the rescue map under many
 * bad sectors. Run: deno bench -A bench/image_bench.ts
 *
 * @module
 */
import { InlineHasher, NativeHasher, WorkerHasher } from "../lib/hash/multi_hasher.ts";
import { createLibcryptoProvider } from "../ffi/linux/libcrypto.ts";
import type { HashName } from "../lib/hash/hash_names.ts";
import { Rescuer } from "../lib/image/rescue.ts";
import { RescueMap } from "../lib/image/rescue_map.ts";
import { isAllZero } from "../lib/image/image_sink.ts";
import { MemoryBlockDevice } from "../lib/platform/memory_block_device.ts";

const MIB = 1 << 20;
const CHUNKS = 64;
const shared = Array.from({ length: 8 }, (_, i) => {
  const b = new Uint8Array(new SharedArrayBuffer(MIB));
  for (let j = 0; j < MIB; j += 4096) b[j] = (i * 31 + j) & 255;
  return b;
});

const provider = Deno.build.os === "linux" ? createLibcryptoProvider() : undefined;

async function feed(
  h: InlineHasher | WorkerHasher | NativeHasher,
  inFlight: number,
): Promise<void> {
  const pending: Promise<void>[] = [];
  for (let i = 0; i < CHUNKS; i++) {
    pending.push(h.update(shared[i % shared.length]));
    if (pending.length >= inFlight) await pending.shift();
  }
  await Promise.all(pending);
  await h.digest();
}

for (const names of [["md5"], ["sha1"], ["sha256"], ["md5", "sha1", "crc32"]] as HashName[][]) {
  const label = names.join("+");
  Deno.bench(`hash ${label} inline, 64 MiB`, { group: label, baseline: true }, async () => {
    await feed(new InlineHasher(names), 1);
  });
  if (provider) {
    Deno.bench(`hash ${label} native (libcrypto, thread pool), 64 MiB, 4 in flight`, {
      group: label,
    }, async () => {
      const h = NativeHasher.create(names, provider)!;
      await feed(h, 4);
      h.close();
    });
    let nw: WorkerHasher | null = null;
    Deno.bench(`hash ${label} native workers (libcrypto), 64 MiB, 4 in flight`, {
      group: label,
    }, async (b) => {
      nw ??= new WorkerHasher(names, "per-hash", provider.workerUrl);
      nw.reset();
      b.start();
      await feed(nw, 4);
      b.end();
    });
  }
  for (const layout of ["per-hash", "one"] as const) {
    if (layout === "one" && names.length === 1) continue;
    let worker: WorkerHasher | null = null;
    Deno.bench(
      `hash ${label} workers (${layout}), 64 MiB, 4 in flight`,
      { group: label },
      async (b) => {
        worker ??= new WorkerHasher(names, layout); // started once, like one imaging job
        worker.reset();
        b.start();
        await feed(worker, 4);
        b.end();
      },
    );
  }
}

Deno.bench("hash crc32 inline, 64 MiB", async () => {
  await feed(new InlineHasher(["crc32"]), 1);
});

const device = new MemoryBlockDevice(new Uint8Array(64 * MIB));
Deno.bench("rescue loop, clean 64 MiB memory device, 1 MiB blocks, QD4", async () => {
  const map = RescueMap.fresh(0, device.size);
  await new Rescuer(device, map, {
    write: () => Promise.resolve(),
    fill: () => Promise.resolve(),
  }, { start: 0, end: device.size, blockSize: MIB, allocate: (n) => new Uint8Array(n) }).run();
});

const zeros = new Uint8Array(MIB);
Deno.bench("isAllZero 1 MiB", () => {
  isAllZero(zeros);
});

Deno.bench("rescue map: mark 10000 scattered bad sectors", () => {
  const map = RescueMap.fresh(0, 1 << 30);
  for (let i = 0; i < 10000; i++) map.set(((i * 7919) % 2000000) * 512, 512, "-");
});
