// Copyright 2026 the sectorkit authors. MIT license.
/**
 * DVD/BD dump, refine and split against the virtual drive with small xorriso ISOs presented as
 * DVDs/BDs (DVD specs), plus one sparse ISO above the CD size limit read over a short range.
 */
import assert from "node:assert/strict";
import { NotFoundError, UsageError } from "../../lib/errors.ts";
import { Mmc } from "../../lib/scsi/mmc.ts";
import { readDiscStructure } from "../../lib/scsi/mmc_commands.ts";
import { type DvdPassOptions, runDvdPass } from "../../lib/dump/run_dvd_dump.ts";
import { DvdSplitError, runDvdSplit } from "../../lib/dump/dvd_split.ts";
import { openVirtualDrive } from "../../lib/drive/virtual/open_virtual_drive.ts";
import { CD_MAX_BYTES } from "../../lib/cd/disc/iso_disc.ts";
import {
  driveFor,
  hasXorriso,
  makeIso,
  platform,
  sha1File,
  writeSpec,
} from "./helpers/dvd_fixture.ts";

const ignore = !hasXorriso();

async function withDir(fn: (dir: string, iso: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "sk-dvd-" });
  try {
    await fn(dir, await makeIso(dir));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function opts(
  transport: DvdPassOptions["transport"],
  dir: string,
  extra: Partial<DvdPassOptions> = {},
): DvdPassOptions {
  return { transport, medium: "dvd", imagePath: `${dir}/out`, imageName: "d", ...extra };
}

Deno.test({
  name:
    "DVD dump: the .iso equals the source, all states SUCCESS, structure files as the drive returns them",
  ignore,
  fn: () =>
    withDir(async (dir, iso) => {
      const spec = await writeSpec(dir, "dvd", { medium: "dvd", layers: 2, bca: true });
      const r = await runDvdPass(opts(await driveFor(spec), dir), "dump", platform);
      assert.equal(await sha1File(`${dir}/out/d.iso`), await sha1File(iso));
      const sectors = (await Deno.stat(iso)).size / 2048;
      assert.equal(r.info.sectors, sectors);
      assert.deepEqual(r.info.layers, [Math.ceil(sectors / 2), Math.floor(sectors / 2)]);
      assert.equal(r.errorSectors, 0);
      assert.equal(r.sectorsRead, sectors);
      const states = await Deno.readFile(`${dir}/out/d.state`);
      assert.equal(states.length, sectors);
      assert.ok(states.every((s) => s === 4));
      // The stored structures are the drive's raw responses, header included.
      const mmc = new Mmc(await driveFor(spec));
      for (const layer of [0, 1]) {
        assert.deepEqual(
          await Deno.readFile(`${dir}/out/d.physical.${layer}`),
          await readDiscStructure(mmc, 0x00, { layer }),
        );
        assert.deepEqual(
          await Deno.readFile(`${dir}/out/d.manufacturer.${layer}`),
          await readDiscStructure(mmc, 0x04, { layer }),
        );
      }
      const bca = await Deno.readFile(`${dir}/out/d.bca`);
      assert.deepEqual(bca, await readDiscStructure(mmc, 0x03));
      assert.equal(bca.length, 68);
      const log = await Deno.readTextFile(`${dir}/out/d.log`);
      assert.match(log, /sectors count \(READ_CAPACITY\): \d+/);
      assert.match(log, /layer break: \d+/);
      assert.match(log, /sectors count \(ISO9660\): \d+/);
    }),
});

Deno.test({
  name: "DVD dump with transient SCSI errors leaves whole ERROR_SKIP batches; refine converges",
  ignore,
  fn: () =>
    withDir(async (dir, iso) => {
      const spec = await writeSpec(dir, "dvd", { medium: "dvd" });
      const flaky = { errors: { scsi: 0.004, c2: 0, seed: 5 } };
      const d = await runDvdPass(opts(await driveFor(spec, flaky), dir), "dump", platform);
      assert.ok(d.errorSectors > 0, "the seed gives errors");
      assert.equal(d.scsiErrors, d.errorSectors);
      const states = await Deno.readFile(`${dir}/out/d.state`);
      for (let b = 0; b < states.length; b += 32) {
        const batch = states.subarray(b, b + 32);
        assert.ok(batch.every((s) => s === batch[0]), `batch at ${b} is all one state`);
      }
      await assert.rejects(
        runDvdSplit({ imagePath: `${dir}/out`, imageName: "d" }, platform),
        DvdSplitError,
      );
      const r = await runDvdPass(
        opts(await driveFor(spec, flaky), dir, { retries: 8 }),
        "refine",
        platform,
      );
      assert.equal(r.errorSectors, 0);
      assert.equal(r.corrected, d.errorSectors);
      assert.equal(await sha1File(`${dir}/out/d.iso`), await sha1File(iso));
      const s = await runDvdSplit({ imagePath: `${dir}/out`, imageName: "d" }, platform);
      assert.equal(s.hash.files[0].sha1, await sha1File(iso));
      assert.equal(s.pvd?.volumeId, "DVDTEST");
      assert.match(
        s.hash.datLines[0],
        /^<rom name="d\.iso" size="\d+" crc="[0-9a-f]{8}" md5="[0-9a-f]{32}" sha1="[0-9a-f]{40}" \/>$/,
      );
    }),
});

Deno.test({
  name:
    "DVD permanent damage: refine narrows it to the damaged sectors, split refuses, --force-split passes",
  ignore,
  fn: () =>
    withDir(async (dir) => {
      const spec = await writeSpec(dir, "dmg", {
        medium: "dvd",
        damage: { unreadable: [[100, 103]] },
      });
      const d = await runDvdPass(opts(await driveFor(spec), dir), "dump", platform);
      assert.equal(d.errorSectors, 32, "the batch 96..127 is ERROR_SKIP");
      const r = await runDvdPass(
        opts(await driveFor(spec), dir, { retries: 2 }),
        "refine",
        platform,
      );
      assert.equal(r.errorSectors, 3);
      const states = await Deno.readFile(`${dir}/out/d.state`);
      assert.deepEqual([...states.subarray(99, 104)], [4, 0, 0, 0, 4]);
      const e = await runDvdSplit({ imagePath: `${dir}/out`, imageName: "d" }, platform).then(
        () => null,
        (e) => e,
      );
      assert.ok(e instanceof DvdSplitError);
      assert.match(e.message, /^SCSI errors detected/);
      assert.equal(e.firstLba, 100);
      assert.equal(e.exitCode, 3);
      const f = await runDvdSplit(
        { imagePath: `${dir}/out`, imageName: "d", forceSplit: true },
        platform,
      );
      assert.equal(f.errorSectors, 3);
    }),
});

Deno.test({
  name: "DVD dump interrupted and resumed gives files identical to an uninterrupted dump",
  ignore,
  fn: () =>
    withDir(async (dir) => {
      const spec = await writeSpec(dir, "dvd", { medium: "dvd", bca: true });
      await runDvdPass(opts(await driveFor(spec), dir, { imageName: "ref" }), "dump", platform);
      let polls = 0;
      const first = await runDvdPass(
        opts(await driveFor(spec), dir, { interrupted: () => ++polls > 3 }),
        "dump",
        platform,
      );
      assert.equal(first.interrupted, true);
      assert.equal(first.sectorsRead, 3 * 32);
      const second = await runDvdPass(opts(await driveFor(spec), dir), "dump", platform);
      assert.equal(second.resumed, true);
      assert.equal(second.sectorsRead, first.info.sectors - 3 * 32);
      for (const ext of ["iso", "state", "physical", "manufacturer", "bca"]) {
        assert.deepEqual(
          await Deno.readFile(`${dir}/out/d.${ext}`),
          await Deno.readFile(`${dir}/out/ref.${ext}`),
          ext,
        );
      }
      const third = await runDvdPass(opts(await driveFor(spec), dir), "dump", platform);
      assert.equal(third.sectorsRead, 0, "nothing left to read");
    }),
});

Deno.test({
  name: "BD dump: one disc information structure, no manufacturer, the .iso equals the source",
  ignore,
  fn: () =>
    withDir(async (dir, iso) => {
      const spec = await writeSpec(dir, "bd", { medium: "bd", bca: true });
      const t = await driveFor(spec);
      const r = await runDvdPass({ ...opts(t, dir), medium: "bd" }, "dump", platform);
      assert.equal(await sha1File(`${dir}/out/d.iso`), await sha1File(iso));
      assert.equal(r.info.sectors, (await Deno.stat(iso)).size / 2048);
      assert.equal(r.info.physicalSectors, r.info.sectors, "DI layer length = capacity");
      const phys = await Deno.readFile(`${dir}/out/d.physical`);
      assert.equal(String.fromCharCode(phys[4], phys[5]), "DI");
      await assert.rejects(Deno.stat(`${dir}/out/d.manufacturer`), Deno.errors.NotFound);
      assert.ok((await Deno.stat(`${dir}/out/d.bca`)).isFile);
      assert.match(await Deno.readTextFile(`${dir}/out/d.log`), /disc type: BDO/);
      // A recordable BD's DI describes the data zone: READ CAPACITY decides the count.
      const rec = await runDvdPass(
        { ...opts(await driveFor(spec), dir, { imageName: "r" }), medium: "bd", profile: 0x41 },
        "dump",
        platform,
      );
      assert.equal(rec.info.physicalSectors, null);
      assert.equal(rec.info.sectors, rec.info.capacity);
    }),
});

Deno.test({
  name: "refine of a missing set, or of another disc, fails before reading",
  ignore,
  fn: () =>
    withDir(async (dir) => {
      const a = await writeSpec(dir, "a", { medium: "dvd" });
      const b = await writeSpec(dir, "b", { medium: "dvd", layers: 2 });
      await assert.rejects(
        runDvdPass(opts(await driveFor(a), dir, { retries: 1 }), "refine", platform),
        NotFoundError,
      );
      await assert.rejects(
        runDvdPass(opts(await driveFor(a), dir, { lbaStart: -5 }), "dump", platform),
        (e: Error) => e instanceof UsageError && /LBAs start at 0/.test(e.message),
      );
      await assert.rejects(Deno.stat(`${dir}/out`), Deno.errors.NotFound, "nothing written");
      await runDvdPass(opts(await driveFor(a), dir, { lbaEnd: 64 }), "dump", platform);
      await assert.rejects(
        runDvdPass(opts(await driveFor(b), dir, { retries: 1 }), "refine", platform),
        (e: Error) => e instanceof UsageError && /different disc/.test(e.message),
      );
      await assert.rejects(
        runDvdPass(opts(await driveFor(b), dir), "dump", platform),
        (e: Error) => e instanceof UsageError && /another disc/.test(e.message),
      );
      const forced = await runDvdPass(
        opts(await driveFor(b), dir, { retries: 1, forceRefine: true, lbaEnd: 64 }),
        "refine",
        platform,
      );
      assert.equal(forced.errorSectors, 0);
    }),
});

Deno.test({
  name: "a sparse ISO just above the CD limit is dumped as a DVD (bounded by --lba-end)",
  ignore,
  fn: () =>
    withDir(async (dir, iso) => {
      const big = `${dir}/big.iso`;
      const src = await Deno.readFile(iso);
      const f = await Deno.open(big, { write: true, create: true });
      await f.write(src);
      await f.truncate(CD_MAX_BYTES + 64 * 2048); // sparse
      f.close();
      const t = await openVirtualDrive(big, { profile: "plextor" }, platform.fs);
      const n = src.length / 2048;
      const r = await runDvdPass(opts(t, dir, { lbaEnd: n + 32 }), "dump", platform);
      assert.equal(r.info.sectors, CD_MAX_BYTES / 2048 + 64);
      assert.equal(r.sectorsRead, n + 32);
      const out = await Deno.readFile(`${dir}/out/d.iso`);
      assert.deepEqual(out.subarray(0, src.length), src);
      assert.ok(out.subarray(src.length).every((b) => b === 0));
      assert.equal((await Deno.readFile(`${dir}/out/d.state`)).length, n + 32);
    }),
});

Deno.test({
  name: "DVD-9 with opposite track path: one physical reply, layer break from layer 0's end",
  ignore,
  fn: () =>
    withDir(async (dir, iso) => {
      const spec = await writeSpec(dir, "otp", { medium: "dvd", layers: 2, otp: true });
      const r = await runDvdPass(opts(await driveFor(spec), dir), "dump", platform);
      const sectors = (await Deno.stat(iso)).size / 2048;
      assert.equal(r.info.physical.length, 1);
      assert.equal(r.info.physicalSectors, sectors);
      assert.deepEqual(r.info.layers, [Math.ceil(sectors / 2), Math.floor(sectors / 2)]);
      assert.ok((await Deno.stat(`${dir}/out/d.physical`)).isFile);
      assert.match(await Deno.readTextFile(`${dir}/out/d.log`), /track path: opposite/);
      assert.equal(await sha1File(`${dir}/out/d.iso`), await sha1File(iso));
    }),
});

Deno.test({
  name: "DVD dump through a transport limited to 16 KiB reads 8-sector batches",
  ignore,
  fn: () =>
    withDir(async (dir, iso) => {
      const spec = await writeSpec(dir, "dmg", {
        medium: "dvd",
        damage: { unreadable: [[50, 51]] },
      });
      const r = await runDvdPass(opts(await driveFor(spec, {}, 16384), dir), "dump", platform);
      assert.equal(r.errorSectors, 8, "batch 48..55");
      const states = await Deno.readFile(`${dir}/out/d.state`);
      assert.deepEqual([...states.subarray(47, 57)], [4, 0, 0, 0, 0, 0, 0, 0, 0, 4]);
      const src = await Deno.readFile(iso);
      const out = await Deno.readFile(`${dir}/out/d.iso`);
      assert.deepEqual(out.subarray(56 * 2048), src.subarray(56 * 2048));
    }),
});
