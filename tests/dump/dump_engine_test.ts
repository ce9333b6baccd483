// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { createPlatform } from "../../ffi/mod.ts";
import { runCdDump, runCdRefine } from "../../lib/dump/run_cd_dump.ts";
import type { DumpDriveConfig } from "../../lib/dump/drive_config.ts";
import {
  BuiltDisc,
  FAKE_MODELS,
  type FakeDisc,
  FakeDrive,
  type FakeModel,
} from "./helpers/fake_drive.ts";

const platform = createPlatform();
const built = new Map<FakeDisc, BuiltDisc>();
function build(spec: FakeDisc): BuiltDisc {
  let d = built.get(spec);
  if (!d) built.set(spec, d = new BuiltDisc(spec));
  return d;
}

function configFor(name: string, m: FakeModel): DumpDriveConfig {
  return {
    type: name === "plextor" ? "PLEXTOR" : name === "mediatek" ? "MTK8A" : "GENERIC",
    readOffset: m.readOffset,
    c2Shift: m.c2Shift,
    pregapStart: m.firstReadable,
    readMethod: name === "plextor" ? "D8" : "BE",
    sectorOrder: m.order,
  };
}

async function readSet(dir: string, name: string): Promise<Record<string, Uint8Array>> {
  const out: Record<string, Uint8Array> = {};
  for (const ext of ["scram", "state", "subcode", "toc", "fulltoc"]) {
    out[ext] = await Deno.readFile(`${dir}/${name}.${ext}`);
  }
  return out;
}

/** Checks the .scram holds the disc's physical stream where .state says SUCCESS. */
function checkAgainstDisc(
  set: Record<string, Uint8Array>,
  disc: BuiltDisc,
  from: number,
  to: number,
  good: number,
): void {
  const phys = new Uint8Array((to - from) * 2352);
  disc.physical(from * 2352, phys);
  const base = (from + 45150) * 2352;
  const scram = set.scram.subarray(base, base + phys.length);
  const state = set.state.subarray(base / 4, base / 4 + phys.length / 4);
  assert.equal(scram.length, phys.length, "scram covers the range");
  let bad = 0;
  for (let s = 0; s < state.length; s++) {
    if (state[s] !== good) {
      bad++;
      continue;
    }
    for (let b = 0; b < 4; b++) {
      if (scram[s * 4 + b] !== phys[s * 4 + b]) {
        throw new Error(`sample ${s} (LBA ${from + Math.floor(s / 588)}) differs`);
      }
    }
  }
  assert.equal(bad, 0, "every sample in range has the good state");
}

const DISCS: Record<string, FakeDisc> = {
  mixed: {
    tracks: [{ type: "mode1", length: 300 }, { type: "audio", length: 200, pregap: 150 }, {
      type: "audio",
      length: 120,
    }],
    writeOffset: 1176 - 588 + 12,
    badQ: [40, 41],
    seed: 7,
  },
  audioNeg: {
    tracks: [{ type: "audio", length: 250 }, { type: "audio", length: 200, pregap: 75 }],
    writeOffset: -30,
    seed: 3,
  },
  data: { tracks: [{ type: "mode1", length: 400 }], writeOffset: 48, seed: 9 },
};

for (const [modelName, model] of Object.entries(FAKE_MODELS)) {
  for (const [discName, spec] of Object.entries(DISCS)) {
    if (modelName === "generic" && discName === "mixed") continue; // needs the data offset per track type
    Deno.test(`runCdDump() with a ${modelName} drive stores the ${discName} disc's physical stream`, async () => {
      const dir = await Deno.makeTempDir({ prefix: "sk-dump-" });
      try {
        const disc = build(spec);
        const drive = new FakeDrive(disc, model);
        const r = await runCdDump({
          transport: drive,
          config: configFor(modelName, model),
          imagePath: dir,
          imageName: "t",
          dataOffset: -(spec.writeOffset ?? 0),
        }, platform);
        assert.equal(r.counters.scsiErrors, 0);
        assert.equal(r.counters.c2Errors, 0);
        assert.equal(r.counters.qErrors, spec.badQ?.length ?? 0);
        assert.equal(
          r.errorSectors,
          modelName === "generic" && spec.tracks[0].type === "mode1" ? 1 : 0,
          "generic: data offset leaves LBA 0's head",
        );
        const set = await readSet(dir, "t");
        const good = model.order === "DATA_SUB" ? 2 : 4;
        const first = Math.max(model.firstReadable, disc.first);
        // Audio is read through the drive offset: the samples covered are shifted by R.
        const allData = spec.tracks.every((t) => t.type === "mode1");
        if (allData && modelName === "generic") {
          checkAgainstDisc(set, disc, first + 1, disc.leadout - 1, good);
        } else {
          const tail = model.leadoutReadable > 0 && model.c2Shift > 0 ? 2 : 1;
          checkAgainstDisc(set, disc, first + 1, disc.leadout + model.leadoutReadable - tail, good);
        }
        assert.deepEqual(set.toc, disc.toc());
        // Subcode record of LBA 10 is the authored one.
        const rec = (10 + 45150) * 96;
        assert.deepEqual(
          set.subcode.subarray(rec, rec + 96),
          disc.sub.subarray((10 - disc.first) * 96, (11 - disc.first) * 96),
        );
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    });
  }
}

Deno.test("runCdDump() interrupted at random points and resumed equals an uninterrupted dump", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sk-dump-" });
  try {
    const spec: FakeDisc = {
      ...DISCS.mixed,
      c2: [[100, 3, 5, Infinity]],
      unreadable: [[200, Infinity]],
    };
    for (const [modelName, model] of Object.entries(FAKE_MODELS)) {
      if (modelName === "generic") continue;
      const config = configFor(modelName, model);
      await runCdDump({
        transport: new FakeDrive(build(spec), model, 8 * 2742 * 2),
        config,
        imagePath: dir,
        imageName: `ref-${modelName}`,
      }, platform);
      const ref = await readSet(dir, `ref-${modelName}`);
      let seed = 12345;
      const rand = (n: number): number => {
        seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
        return seed % n;
      };
      let runs = 0;
      for (;;) {
        // Each run re-reads the two damaged batches first: give it room for new ones too.
        const stopAfter = 3 + rand(8);
        let batches = 0;
        const r = await runCdDump({
          transport: new FakeDrive(build(spec), model, 8 * 2742 * 2),
          config,
          imagePath: dir,
          imageName: "resumed",
          interrupted: () => batches++ >= stopAfter,
        }, platform);
        runs++;
        if (!r.interrupted) break;
        assert.ok(runs < 200, "resume makes progress");
      }
      assert.ok(runs > 2, "was interrupted at least twice");
      const got = await readSet(dir, "resumed");
      for (const k of Object.keys(ref)) {
        assert.deepEqual(got[k], ref[k], `${modelName}: .${k} equal`);
      }
      await Deno.remove(`${dir}/resumed.log`);
      for (const k of Object.keys(ref)) await Deno.remove(`${dir}/resumed.${k}`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("runCdRefine() converges where C2 and SCSI errors are transient", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sk-dump-" });
  try {
    for (const [modelName, model] of Object.entries(FAKE_MODELS)) {
      if (modelName === "generic") continue;
      const spec: FakeDisc = {
        ...DISCS.audioNeg,
        c2: [[100, 3, 5, 3], [150, 0, 588, 4]],
        unreadable: [[120, 4], [121, 5]],
      };
      const disc = build(spec);
      const config = configFor(modelName, model);
      const d = await runCdDump({
        transport: new FakeDrive(disc, model),
        config,
        imagePath: dir,
        imageName: modelName,
      }, platform);
      assert.ok(d.counters.c2Errors >= 2, "C2 errors seen");
      assert.ok(d.counters.scsiErrors >= 2, "SCSI errors seen");
      assert.ok(d.errorSectors > 0);
      const r = await runCdRefine({
        transport: new FakeDrive(disc, model),
        config,
        imagePath: dir,
        imageName: modelName,
        retries: 8,
      }, platform);
      assert.equal(r.errorSectors, 0, "refine fixed everything");
      assert.ok(r.counters.flushes > 0, "cache flushed before retries");
      const set = await readSet(dir, modelName);
      checkAgainstDisc(set, disc, model.firstReadable + 1, disc.leadout - 1, 4);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("runCdRefine() refuses a different disc unless --force-refine", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sk-dump-" });
  try {
    const model = FAKE_MODELS.mediatek;
    const config = configFor("mediatek", model);
    await runCdDump({
      transport: new FakeDrive(build(DISCS.data), model),
      config,
      imagePath: dir,
      imageName: "a",
    }, platform);
    const other = build(DISCS.audioNeg);
    await assert.rejects(
      runCdRefine({
        transport: new FakeDrive(other, model),
        config,
        imagePath: dir,
        imageName: "a",
        retries: 1,
      }, platform),
      /TOC differs/,
    );
    await assert.rejects(
      runCdDump(
        { transport: new FakeDrive(other, model), config, imagePath: dir, imageName: "a" },
        platform,
      ),
      /another disc/,
    );
    const r = await runCdRefine({
      transport: new FakeDrive(other, model),
      config,
      imagePath: dir,
      imageName: "a",
      retries: 1,
      forceRefine: true,
    }, platform);
    assert.equal(r.interrupted, false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("runCdDump() counts subchannel desync and flushes after a run of bad Qs", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sk-dump-" });
  try {
    const spec: FakeDisc = {
      ...DISCS.audioNeg,
      desync: [50, 51, 52],
      badQ: [60, 61, 62, 63, 64, 65, 66],
    };
    const model = FAKE_MODELS.mediatek;
    const drive = new FakeDrive(build(spec), model);
    const r = await runCdDump({
      transport: drive,
      config: configFor("mediatek", model),
      imagePath: dir,
      imageName: "q",
    }, platform);
    assert.equal(r.counters.desyncs, 3);
    assert.equal(r.counters.qErrors, 7);
    assert.equal(r.counters.flushes, 1);
    assert.ok(drive.log.includes(0xa8), "READ(12) FUA issued");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("runCdDump() with a drive that ignores C2/subchannel requests stores main channel only", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sk-dump-" });
  try {
    const model: FakeModel = { ...FAKE_MODELS.generic, order: "DATA_C2_SUB", mainOnly: true };
    const disc = build(DISCS.data);
    const r = await runCdDump({
      transport: new FakeDrive(disc, model),
      config: configFor("generic", model),
      imagePath: dir,
      imageName: "m",
      dataOffset: -(DISCS.data.writeOffset ?? 0),
    }, platform);
    assert.equal(r.counters.scsiErrors, 0);
    assert.equal(r.counters.qErrors, 0, "no subchannel, no Q checks");
    const set = await readSet(dir, "m");
    checkAgainstDisc(set, disc, 1, disc.leadout - 1, 2);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
