// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { createPlatform } from "../../ffi/mod.ts";
import type { DiscSpec } from "../../lib/cd/disc/disc_spec.ts";
import { runSplit, SplitDataError, type SplitOptions } from "../../lib/cd/split/run_split.ts";
import { authored, expectedRanges, writeDumpSet } from "../helpers/dump_set.ts";
import { runHash } from "../../lib/cd/hash/run_hash.ts";

const platform = createPlatform();

async function withDump(
  spec: DiscSpec,
  fn: (dir: string, disc: Awaited<ReturnType<typeof writeDumpSet>>) => Promise<void>,
  startLba?: number,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "sectorkit-split-gen-" });
  try {
    const disc = await writeDumpSet(spec, dir, "disc", { startLba });
    await fn(dir, disc);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Splits and checks every track file equals the authored sectors. */
async function splitAndCompare(
  spec: DiscSpec,
  extra: Partial<SplitOptions> = {},
  startLba?: number,
): Promise<Awaited<ReturnType<typeof runSplit>>> {
  let result: Awaited<ReturnType<typeof runSplit>> | null = null;
  await withDump(spec, async (dir, disc) => {
    const r = await runSplit(
      { imagePath: dir, imageName: "disc", writeLog: false, ...extra },
      platform,
    );
    result = r;
    const ranges = expectedRanges(disc);
    const inCue = r.tracks.filter((t) => t.inCue);
    assert.equal(inCue.length, ranges.length);
    for (const [i, e] of ranges.entries()) {
      const got = await Deno.readFile(`${dir}/${inCue[i].name}`);
      assert.equal(inCue[i].lbaStart, e.a, `track ${e.track} start`);
      assert.equal(got.length, (e.b - e.a) * 2352, `track ${e.track} size`);
      assert.ok(
        Buffer.compare(got, authored(disc, e.a, e.b)) === 0,
        `track ${e.track} is bit-exact`,
      );
    }
  }, startLba);
  return result!;
}

import { Buffer } from "node:buffer";
import { patchPvdToCdi } from "../helpers/scram_patch.ts";

Deno.test("runSplit() finds write offset +2000 from data sectors (Mode 1 + audio)", async () => {
  const r = await splitAndCompare({
    seed: 7,
    writeOffset: 2000,
    leadOutLength: 100,
    tracks: [
      { type: "mode1", length: 300, volumeId: "GEN_M1" },
      { type: "audio", length: 200 },
      { type: "audio", length: 150 },
    ],
  });
  assert.equal(r.writeOffset, 2000);
  assert.equal(r.offsetMethod, "data");
  assert.match(r.cue, /TRACK 01 MODE1\/2352/);
});

Deno.test("runSplit() finds write offset -1999 on a Mode 2 XA disc", async () => {
  const r = await splitAndCompare({
    seed: 8,
    writeOffset: -1999,
    tracks: [{ type: "mode2form1", length: 250, volumeId: "GEN_XA" }, {
      type: "audio",
      length: 100,
    }],
  });
  assert.equal(r.writeOffset, -1999);
  assert.match(r.cue, /TRACK 01 MODE2\/2352/);
});

Deno.test("runSplit() finds an audio offset from silent pregaps; MCN, ISRC, INDEX 02, flags", async () => {
  const r = await splitAndCompare({
    seed: 9,
    writeOffset: -1183,
    mcn: "1234567890123",
    tracks: [
      { type: "audio", length: 200 },
      { type: "audio", length: 300, isrc: "USABC2600042", indices: [120] },
      { type: "audio", length: 200, copy: true, preemphasis: true },
    ],
  });
  assert.equal(r.writeOffset, -1183);
  assert.equal(r.offsetMethod, "perfect-audio");
  assert.ok(r.log.includes("Perfect Audio Offset (silence level: 0): -1183"));
  assert.match(r.cue, /^CATALOG 1234567890123\n/);
  assert.ok(r.cue.includes(
    "TRACK 02 AUDIO\n    ISRC USABC2600042\n    INDEX 00 00:00:00\n    INDEX 01 00:02:00\n    INDEX 02 00:03:45\n",
  ));
  assert.ok(r.cue.includes("TRACK 03 AUDIO\n    FLAGS DCP PRE\n"));
});

Deno.test("runSplit() keeps non-silent pregaps and falls back to offset 0", async () => {
  const r = await splitAndCompare({
    seed: 10,
    tracks: [
      { type: "audio", length: 200 },
      { type: "audio", length: 200, pregapAudio: true },
    ],
  });
  assert.equal(r.writeOffset, 0);
});

Deno.test("runSplit() writes HTOA before LBA 0 to Track 0 (dat extra)", async () => {
  await withDump({
    seed: 11,
    tracks: [{ type: "audio", length: 200, pregap: 300, pregapAudio: true }, {
      type: "audio",
      length: 200,
    }],
  }, async (dir, disc) => {
    const r = await runSplit({ imagePath: dir, imageName: "disc", writeLog: false }, platform);
    const t0 = r.tracks.find((t) => t.track === 0);
    assert.ok(t0, "Track 0 written");
    assert.equal(t0.name, "disc (Track 0).bin");
    assert.equal(r.datExtraLines.length, 1);
    const got = await Deno.readFile(`${dir}/${t0.name}`);
    assert.ok(Buffer.compare(got, authored(disc, t0.lbaStart, 0)) === 0);
    assert.ok(!r.cue.includes("Track 0"));
    const h = await runHash({ imagePath: dir, imageName: "disc", writeLog: false }, platform);
    assert.deepEqual(h.datExtraLines, r.datExtraLines);
    assert.deepEqual(h.datLines, r.datLines);
  });
});

Deno.test("runSplit() names and separates sessions of a CD-Extra disc, CD-TEXT in the CUE", async () => {
  const r = await splitAndCompare({
    seed: 12,
    writeOffset: 12,
    title: "ALBUM",
    performer: "ARTIST",
    sessions: [
      { tracks: [{ type: "audio", length: 150, title: "ONE" }, { type: "audio", length: 150 }] },
      { tracks: [{ type: "mode2form1", length: 200, volumeId: "EXTRA" }] },
    ],
  });
  assert.equal(r.writeOffset, 12);
  assert.match(r.cue, /^TITLE "ALBUM"\nPERFORMER "ARTIST"\nREM SESSION 01\n/);
  assert.ok(r.cue.includes('TRACK 01 AUDIO\n    TITLE "ONE"\n'));
  assert.ok(r.cue.endsWith(
    'REM SESSION 02\nFILE "disc (Track 3).bin" BINARY\n  TRACK 03 MODE2/2352\n    INDEX 01 00:00:00\n',
  ));
});

Deno.test("runSplit() corrects Q CRC errors at index boundaries and a subchannel desync", async () => {
  const r = await splitAndCompare({
    seed: 13,
    writeOffset: 30,
    tracks: [{ type: "mode1", length: 200 }, { type: "audio", length: 200 }, {
      type: "audio",
      length: 100,
    }],
    damage: { qCrc: [199, 200, 349, 350, 351] },
  });
  assert.ok(r.log.some((l) => /correcting Q\.\.\. done \(corrected: 5\)/.test(l)));
  const r2 = await splitAndCompare({
    seed: 14,
    tracks: [{ type: "mode1", length: 200 }, { type: "audio", length: 200 }],
    subcodeDesync: [{ from: -45150, to: 100000, shift: 1 }],
  });
  assert.ok(r2.log.some((l) => l.startsWith("shifting subchannel data")));
});

Deno.test("runSplit() fails on C2 in an audio track naming track and LBAs; --force-split fills", async () => {
  const spec: DiscSpec = {
    seed: 15,
    tracks: [{ type: "mode1", length: 200 }, { type: "audio", length: 200 }],
    damage: { c2: [{ lba: 360, offset: 100, length: 8 }, 361] },
  };
  await withDump(spec, async (dir, disc) => {
    const o = { imagePath: dir, imageName: "disc" };
    await assert.rejects(() => runSplit(o, platform), (e: unknown) => {
      assert.ok(e instanceof SplitDataError);
      assert.match(e.message, /track 2 LBA 360-361/);
      return true;
    });
    assert.ok(
      !(await Array.fromAsync(Deno.readDir(dir))).some((e) => e.name.endsWith(".bin")),
      "no partial output",
    );
    const log = await Deno.readTextFile(`${dir}/disc.log`);
    assert.match(
      log,
      /errors detected, track: 2, sectors: \{SKIP: 0, C2: 2\}, samples: \{SKIP: 0, C2: 590\}/,
    );
    const r = await runSplit({ ...o, forceSplit: true }, platform);
    assert.deepEqual(r.tracks[1].generatedSectors, [360, 361]);
    const t2 = await Deno.readFile(`${dir}/disc (Track 2).bin`);
    const at = (360 - 200) * 2352;
    assert.ok(t2.subarray(at, at + 2 * 2352).every((b) => b === 0x55));
    const r2 = await runSplit(
      { ...o, forceSplit: true, leaveUnchanged: true, overwrite: true },
      platform,
    );
    assert.deepEqual(r2.tracks[1].generatedSectors, []);
    const t2b = await Deno.readFile(`${dir}/disc (Track 2).bin`);
    const good = authored(disc, 200, 400);
    // Unchanged: only the C2-flagged bytes differ from the authored audio.
    let diff = 0;
    for (let i = 0; i < good.length; i++) if (good[i] !== t2b[i]) diff++;
    assert.ok(diff > 0 && diff <= 8 + 2352);
  });
});

Deno.test("runSplit() fails on unreadable data sectors and honours --force-offset", async () => {
  await withDump({
    seed: 16,
    writeOffset: 40,
    tracks: [{ type: "mode1", length: 200 }, { type: "audio", length: 100 }],
    damage: { unreadable: [50, 51, 52] },
  }, async (dir) => {
    await assert.rejects(
      () => runSplit({ imagePath: dir, imageName: "disc" }, platform),
      /track 1 LBA 50-52/,
    );
    const r = await runSplit(
      { imagePath: dir, imageName: "disc", forceSplit: true, forceOffset: 0 },
      platform,
    );
    assert.equal(r.writeOffset, 0);
    assert.equal(r.offsetMethod, "forced");
    const log = await Deno.readTextFile(`${dir}/disc.log`);
    assert.match(log, /disc write offset: \+0/);
  });
});

Deno.test("runSplit() verifies EDC/ECC of data sectors kept with --leave-unchanged", async () => {
  await withDump({
    seed: 17,
    tracks: [{ type: "mode1", length: 100 }, { type: "audio", length: 100 }],
    damage: { c2: [{ lba: 40, offset: 500, length: 16 }] },
  }, async (dir) => {
    const r = await runSplit({
      imagePath: dir,
      imageName: "disc",
      forceSplit: true,
      leaveUnchanged: true,
      writeLog: false,
    }, platform);
    assert.deepEqual(r.tracks[0].edcErrors, [40]);
    assert.deepEqual(r.tracks[0].eccErrors, [40]);
    assert.ok(
      r.warnings.some((w) => w.includes("track 1: EDC errors: 1, ECC errors: 1 (LBA: 40)")),
    );
  });
});

// MMC layout: header, writing power (bit 7 set), disc type (bit 7 set), M:S:F at 8 and 12
const ATIP = new Uint8Array(28);
ATIP.set([0, 26, 0, 0, 0xd0, 0, 0x80, 0, 97, 26, 66, 0, 79, 59, 74, 0]);

Deno.test("runSplit() on a CD-R (.atip) tolerates C2 runs across a track boundary and at the end, as redumper", async () => {
  await withDump({
    seed: 18,
    tracks: [{ type: "audio", length: 100 }, { type: "audio", length: 100 }],
    damage: { c2: [98, 99, 100, 101, 102, 348, 349] }, // track 2 is LBA 100..349
  }, async (dir) => {
    const o = { imagePath: dir, imageName: "disc", writeLog: false };
    await assert.rejects(() => runSplit(o, platform), /track 2 LBA 100-102/);
    await Deno.writeFile(`${dir}/disc.atip`, ATIP);
    // 2 trailing + 3 leading sectors make a run of 5: above a threshold of 4
    await assert.rejects(() => runSplit({ ...o, cdrErrorThreshold: 4 }, platform), /track 2/);
    const r = await runSplit(o, platform);
    assert.deepEqual(r.errors, []);
    const at = (line: string) => r.log.indexOf(line);
    const t1 = "errors detected, track: 1, sectors: {SKIP: 0, C2: 2}, samples: {SKIP: 0, C2: 1176}";
    const t2 = "errors detected, track: 2, sectors: {SKIP: 0, C2: 5}, samples: {SKIP: 0, C2: 2940}";
    assert.ok(at(t1) >= 0 && at(t2) > at(t1), r.log.join("\n"));
    assert.equal(r.log[at(t1) + 1], "warning: CD-R trailing C2 errors detected (sectors: 2)");
    assert.equal(r.log[at(t2) + 1], "warning: CD-R leading C2 errors detected (sectors: 3)");
    assert.equal(r.log[at(t2) + 2], "warning: CD-R trailing C2 errors detected (sectors: 2)");
    assert.ok(r.log.includes(
      "ATIP: CD-R, lead-in start: 97:26:66, last possible lead-out: 79:59:74 (LBA: 359849)",
    ));
  });
});

Deno.test("runSplit() on a CD-R refuses a C2 run at the start of a session (no previous track to continue)", async () => {
  await withDump({
    seed: 18,
    tracks: [{ type: "audio", length: 100 }, { type: "audio", length: 100 }],
    damage: { c2: [0, 1, 2] },
  }, async (dir) => {
    await Deno.writeFile(`${dir}/disc.atip`, ATIP);
    await assert.rejects(
      () => runSplit({ imagePath: dir, imageName: "disc", writeLog: false }, platform),
      /track 1 LBA 0-2/,
    );
  });
});

Deno.test("runSplit() reports TOC / QTOC disagreements and splits by the TOC", async () => {
  await withDump({
    seed: 19,
    tracks: [{ type: "mode1", length: 100 }, { type: "audio", length: 100 }],
  }, async (dir) => {
    const toc = await Deno.readFile(`${dir}/disc.toc`);
    const dv = new DataView(toc.buffer);
    assert.equal(dv.getInt32(16), 250);
    dv.setInt32(16, 255);
    await Deno.writeFile(`${dir}/disc.toc`, toc);
    const r = await runSplit({ imagePath: dir, imageName: "disc", writeLog: false }, platform);
    assert.ok(
      r.warnings.includes(
        "warning: TOC / QTOC mismatch, track index 01 (track: 2, LBA: 255 <=> 250)",
      ),
    );
    assert.ok(r.cue.includes("INDEX 01 00:02:05"));
  });
});

Deno.test("runSplit() types a Mode 2 track whose PVD says CD-I as CDI/2352", async () => {
  await withDump({
    seed: 20,
    writeOffset: 4,
    tracks: [{ type: "mode2form1", length: 100, volumeId: "CDI" }],
  }, async (dir) => {
    await patchPvdToCdi(`${dir}/disc.scram`, 4);
    const r = await runSplit({ imagePath: dir, imageName: "disc", writeLog: false }, platform);
    assert.match(r.cue, /TRACK 01 CDI\/2352/);
    assert.equal(r.tracks[0].name, "disc.bin");
  });
});

Deno.test("runSplit() writes the same bytes and hashes with .scram mapped or read, hashing native or on workers", async () => {
  const spec: DiscSpec = {
    seed: 21,
    writeOffset: 667,
    leadOutLength: 100,
    tracks: [
      { type: "mode1", length: 2000, volumeId: "GEN_MAP" },
      { type: "audio", length: 1900 },
      { type: "audio", length: 300 },
    ],
  };
  const variants: [string, typeof platform, boolean][] = [
    ["mapped, native", platform, true],
    ["mapped, native, no worker", platform, false],
    ["read, native", { ...platform, mapper: undefined }, true],
    ["read, workers", { ...platform, mapper: undefined, hashing: undefined }, true],
  ];
  const seen: string[] = [];
  await withDump(spec, async (dir, disc) => {
    for (const [name, p, hashWorkers] of variants) {
      const r = await runSplit(
        { imagePath: dir, imageName: "disc", writeLog: false, overwrite: true, hashWorkers },
        p,
      );
      for (const [i, e] of expectedRanges(disc).entries()) {
        const got = await Deno.readFile(`${dir}/${r.tracks.filter((t) => t.inCue)[i].name}`);
        assert.ok(Buffer.compare(got, authored(disc, e.a, e.b)) === 0, `${name}: track ${e.track}`);
      }
      assert.ok(r.universalHash, name);
      seen.push(JSON.stringify([r.datLines, r.universalHash]));
    }
  });
  assert.equal(new Set(seen).size, 1, seen.join("\n"));
});
