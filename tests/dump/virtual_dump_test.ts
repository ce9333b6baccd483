// Copyright 2026 the sectorkit authors. MIT license.
/**
 * dump → split against the virtual drive (branch vdrive) with each built-in profile and many
 * disc specs: the tracks split from our dump must equal the tracks split from the reference dump
 * set the disc synthesizer writes for the same spec.
 */
import assert from "node:assert/strict";
import { createPlatform } from "../../ffi/mod.ts";
import { synthesizeDisc } from "../../lib/cd/disc/synthesize.ts";
import type { DiscSpec } from "../../lib/cd/disc/disc_spec.ts";
import { writeDumpSet } from "../../lib/cd/disc/write_dump_set.ts";
import { BUILTIN_PROFILES, type DriveProfile } from "../../lib/drive/virtual/profile.ts";
import { VirtualDrive } from "../../lib/drive/virtual/virtual_drive.ts";
import { runSplit } from "../../lib/cd/split/run_split.ts";
import { runCdDump, runCdRefine } from "../../lib/dump/run_cd_dump.ts";
import type { DumpDriveConfig } from "../../lib/dump/drive_config.ts";

const platform = createPlatform();

function configOf(p: DriveProfile): DumpDriveConfig {
  const plextor = p.readMethods.includes("D8");
  return {
    type: plextor ? "PLEXTOR" : p.mediatekCache ? "MTK3" : "GENERIC",
    readOffset: p.readOffset,
    c2Shift: p.c2Shift,
    pregapStart: p.pregapStart,
    readMethod: plextor ? "D8" : "BE",
    sectorOrder: p.sectorOrder,
  };
}

/** SHA-1s of the CUE tracks that split wrote. */
async function splitTracks(dir: string, name: string): Promise<string[]> {
  const r = await runSplit({ imagePath: dir, imageName: name, writeLog: false }, platform);
  return r.tracks.filter((t) => t.inCue).map((t) => `${t.track}:${t.type}:${t.size}:${t.sha1}`);
}

const SPECS: Record<string, DiscSpec> = {
  mixed: {
    seed: 11,
    writeOffset: 12,
    tracks: [
      { type: "mode1", length: 300, postgap: 150 },
      { type: "audio", length: 200, isrc: "XXSKT2600007" },
      { type: "audio", length: 150, indices: [75] },
    ],
  },
  audioNegative: {
    seed: 12,
    writeOffset: -30,
    mcn: "0123456789012",
    tracks: [{ type: "audio", length: 300 }, { type: "audio", length: 250, pregap: 75 }],
  },
  xa: {
    seed: 13,
    writeOffset: 588 + 40,
    tracks: [{ type: "mode2form1", length: 250 }, { type: "mode2form2", length: 200 }],
  },
  htoa: {
    seed: 14,
    writeOffset: 6,
    tracks: [
      { type: "audio", length: 250, pregap: 300, pregapAudio: true },
      { type: "audio", length: 200 },
    ],
  },
  multisession: {
    seed: 15,
    writeOffset: 24,
    sessions: [
      { tracks: [{ type: "audio", length: 200 }, { type: "audio", length: 150 }] },
      { tracks: [{ type: "mode2form1", length: 300 }] },
    ],
  },
  qErrors: {
    seed: 16,
    writeOffset: -12,
    tracks: [{ type: "audio", length: 400 }],
    damage: { qCrc: [10, 11, 12, 100, 250] },
  },
  desync: {
    seed: 17,
    writeOffset: 0,
    tracks: [{ type: "mode1", length: 400 }],
    subcodeDesync: [{ from: 100, to: 110, shift: 1 }],
  },
};

/** What a profile cannot dump by design (as with redumper). */
function unsupported(profile: string, spec: DiscSpec): string | null {
  if (profile !== "generic") return null;
  if ((spec.writeOffset ?? 0) < 0) return "negative offset needs lead-in reads";
  if (spec.tracks?.[0]?.pregap && spec.tracks[0].pregap > 150) return "HTOA needs pregap reads";
  const tracks = spec.tracks ?? spec.sessions?.flatMap((s) => s.tracks) ?? [];
  if ((spec.writeOffset ?? 0) > 0 && tracks[tracks.length - 1].type === "audio") {
    return "a positive offset needs lead-out reads for the last audio samples";
  }
  return null;
}

const expectedCache = new Map<string, string[]>();
/** Tracks split from the synthesizer's reference dump set (dumped from LBA −150), per spec. */
async function expectedTracks(specName: string): Promise<string[]> {
  let e = expectedCache.get(specName);
  if (e) return e;
  const dir = await Deno.makeTempDir({ prefix: "sk-vref-" });
  try {
    await writeDumpSet(synthesizeDisc(SPECS[specName]), dir, "ref", { fs: platform.fs });
    e = await splitTracks(dir, "ref");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  expectedCache.set(specName, e);
  return e;
}

async function readRange(path: string, offset: number, length: number): Promise<Uint8Array> {
  const f = await Deno.open(path);
  try {
    const buf = new Uint8Array(length);
    await f.seek(offset, Deno.SeekMode.Start);
    let done = 0;
    while (done < length) {
      const n = await f.read(buf.subarray(done));
      if (n === null) break;
      done += n;
    }
    return buf;
  } finally {
    f.close();
  }
}

/**
 * Compares our dump with the reference set over [from, to): every sample we marked good holds the
 * reference's bytes, every sample the reference has is good in ours, subcode records equal.
 */
async function compareWithReference(dir: string, from: number, to: number): Promise<void> {
  const s0 = (from + 45150) * 588, n = (to - from) * 588;
  const [refState, ourState] = await Promise.all(
    ["ref", "dump"].map((k) => readRange(`${dir}/${k}.state`, s0, n)),
  );
  const [refScram, ourScram] = await Promise.all(
    ["ref", "dump"].map((k) => readRange(`${dir}/${k}.scram`, s0 * 4, n * 4)),
  );
  for (let i = 0; i < n; i++) {
    if (refState[i] === 0) continue;
    if (ourState[i] < 2) throw new Error(`sample of LBA ${from + Math.floor(i / 588)} missing`);
    for (let b = 0; b < 4; b++) {
      if (ourScram[i * 4 + b] !== refScram[i * 4 + b]) {
        throw new Error(`sample of LBA ${from + Math.floor(i / 588)} differs`);
      }
    }
  }
  const [refSub, ourSub] = await Promise.all(
    ["ref", "dump"].map((k) =>
      readRange(`${dir}/${k}.subcode`, (from + 45150) * 96, (to - from) * 96)
    ),
  );
  assert.deepEqual(ourSub, refSub, "subcode records equal");
}

for (const [profileName, profile] of Object.entries(BUILTIN_PROFILES)) {
  for (const [specName, spec] of Object.entries(SPECS)) {
    const why = unsupported(profileName, spec);
    Deno.test({
      name: `dump → split with the virtual ${profileName} drive reproduces the ${specName} disc`,
      ignore: why !== null,
      async fn() {
        const dir = await Deno.makeTempDir({ prefix: "sk-vdump-" });
        try {
          const disc = synthesizeDisc(spec);
          // The reference set as a drive reading from this profile's pregap start would see it.
          await writeDumpSet(disc, dir, "ref", { fs: platform.fs, lbaStart: profile.pregapStart });
          const drive = new VirtualDrive(synthesizeDisc(spec), profile, { path: "virtual:test" });
          const r = await runCdDump({
            transport: drive,
            config: configOf(profile),
            imagePath: dir,
            imageName: "dump",
            // A generic drive returns data sectors descrambled: place them by the write offset.
            dataOffset: profileName === "generic" ? -(spec.writeOffset ?? 0) : undefined,
          }, platform);
          assert.equal(r.counters.scsiErrors, 0);
          assert.equal(r.counters.c2Errors, 0);
          if (spec.damage?.qCrc) assert.ok(r.counters.qErrors >= spec.damage.qCrc.length);
          if (spec.subcodeDesync) assert.ok(r.counters.desyncs > 0, "desync seen");
          if (spec.sessions) assert.equal(r.layout.sessions.length, spec.sessions.length);
          // Files: program area of every session (the reference has no session gaps).
          for (const sess of disc.sessions) {
            const first = disc.tracks.find((t) => t.number === sess.firstTrack)!;
            const spill = Math.ceil(Math.abs(spec.writeOffset ?? 0) / 588);
            const from = Math.max(first.pregapStart, profile.pregapStart) + spill;
            await compareWithReference(dir, from, sess.leadOut - 1);
          }
          // Tracks: HTOA/pregap coverage changes what split decides, compare where it cannot.
          if (specName !== "htoa") {
            assert.deepEqual(await splitTracks(dir, "dump"), await expectedTracks(specName));
          }
        } finally {
          await Deno.remove(dir, { recursive: true });
        }
      },
    });
  }
}

Deno.test("dump → refine converges with seeded transient SCSI and C2 errors", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sk-vdump-" });
  try {
    const spec = SPECS.mixed;
    const expected = await expectedTracks("mixed");
    for (const name of ["plextor", "mediatek"]) {
      const profile: DriveProfile = {
        ...BUILTIN_PROFILES[name],
        errors: { scsi: 0.01, c2: 0.03, seed: 7 },
      };
      const drive = new VirtualDrive(synthesizeDisc(spec), profile, { path: "virtual:test" });
      const d = await runCdDump(
        { transport: drive, config: configOf(profile), imagePath: dir, imageName: name },
        platform,
      );
      assert.ok(d.counters.c2Errors + d.counters.scsiErrors > 0, "errors were seeded");
      assert.ok(d.errorSectors > 0);
      const r = await runCdRefine({
        transport: drive,
        config: configOf(profile),
        imagePath: dir,
        imageName: name,
        retries: 20,
      }, platform);
      assert.equal(r.errorSectors, 0, `${name}: refine converged`);
      assert.deepEqual(await splitTracks(dir, name), expected, name);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("refine --refine-subchannel re-reads sectors whose stored Q is bad until it is valid", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sk-vdump-" });
  try {
    const profile: DriveProfile = {
      ...BUILTIN_PROFILES.plextor,
      errors: { scsi: 0, c2: 0, q: 0.05, seed: 11 },
    };
    const drive = new VirtualDrive(synthesizeDisc(SPECS.mixed), profile, { path: "virtual:test" });
    const o = { transport: drive, config: configOf(profile), imagePath: dir, imageName: "q" };
    const d = await runCdDump(o, platform);
    assert.equal(d.errorSectors, 0);
    assert.ok(d.qErrorSectors > 0, "transient Q errors were stored");
    const plain = await runCdRefine({ ...o, retries: 10 }, platform);
    assert.equal(plain.qErrorSectors, d.qErrorSectors, "without the option Q is left alone");
    const r = await runCdRefine({ ...o, retries: 10, refineSubchannel: true }, platform);
    assert.equal(r.qErrorSectors, 0);
    assert.equal(r.errorSectors, 0);
    assert.deepEqual(await splitTracks(dir, "q"), await expectedTracks("mixed"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a disc with permanent C2 damage dumps with errors and split refuses it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sk-vdump-" });
  try {
    const spec: DiscSpec = {
      ...SPECS.mixed,
      damage: { c2: [50, { lba: 60, offset: 100, length: 8 }] },
    };
    const drive = new VirtualDrive(synthesizeDisc(spec), BUILTIN_PROFILES.plextor, { path: "v:t" });
    const d = await runCdDump(
      {
        transport: drive,
        config: configOf(BUILTIN_PROFILES.plextor),
        imagePath: dir,
        imageName: "d",
      },
      platform,
    );
    // Damage at authored positions spans two read sectors once offsets apply.
    assert.ok(d.counters.c2Errors >= 2 && d.counters.c2Errors <= 4, `${d.counters.c2Errors}`);
    assert.equal(d.errorSectors, d.counters.c2Errors);
    const r = await runCdRefine({
      transport: drive,
      config: configOf(BUILTIN_PROFILES.plextor),
      imagePath: dir,
      imageName: "d",
      retries: 2,
    }, platform);
    assert.equal(r.errorSectors, d.errorSectors, "permanent damage stays");
    await assert.rejects(
      runSplit({ imagePath: dir, imageName: "d", writeLog: false }, platform),
      /data errors detected/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
