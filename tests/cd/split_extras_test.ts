// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { createPlatform } from "../../ffi/mod.ts";
import type { DiscSpec } from "../../lib/cd/disc/disc_spec.ts";
import { runSplit } from "../../lib/cd/split/run_split.ts";
import { authored, writeDumpSet } from "../helpers/dump_set.ts";
import { runHash } from "../../lib/cd/hash/run_hash.ts";
import { Buffer } from "node:buffer";
import { buildCdTextPacks } from "../../lib/cd/disc/cd_text.ts";
import { parseCdText } from "../../lib/cd/toc/cdtext.ts";
import { cueSheets, usableCdText } from "../../lib/cd/split/cue_sheets.ts";
import { regeneratedSector } from "../helpers/scram_patch.ts";

const platform = createPlatform();
const MAIN = new URL("../../main.ts", import.meta.url).pathname;

async function withDump(
  spec: DiscSpec,
  fn: (dir: string, disc: Awaited<ReturnType<typeof writeDumpSet>>) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "sectorkit-split-extra-" });
  try {
    const disc = await writeDumpSet(spec, dir, "disc");
    await fn(dir, disc);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("runSplit() writes NAME.cue and NAME_69.cue for English + Japanese CD-TEXT blocks", async () => {
  await withDump({
    seed: 31,
    title: "ALBUM",
    performer: "ARTIST",
    cdTextMore: [{
      language: 0x69,
      title: "ARUBAMU",
      performer: "AATISUTO",
      trackTitles: ["ICHI"],
    }],
    tracks: [{ type: "audio", length: 150, title: "ONE" }, { type: "audio", length: 150 }],
  }, async (dir) => {
    const r = await runSplit({ imagePath: dir, imageName: "disc", writeLog: false }, platform);
    assert.deepEqual(r.cueSheets.map((c) => [c.name, c.language]), [["disc.cue", 0x09], [
      "disc_69.cue",
      0x69,
    ]]);
    const en = await Deno.readTextFile(`${dir}/disc.cue`);
    const ja = await Deno.readTextFile(`${dir}/disc_69.cue`);
    assert.equal(
      en,
      'TITLE "ALBUM"\nPERFORMER "ARTIST"\nFILE "disc (Track 1).bin" BINARY\n  TRACK 01 AUDIO\n    TITLE "ONE"\n    INDEX 01 00:00:00\nFILE "disc (Track 2).bin" BINARY\n  TRACK 02 AUDIO\n    INDEX 00 00:00:00\n    INDEX 01 00:02:00\n',
    );
    assert.equal(
      ja,
      'TITLE "ARUBAMU"\nPERFORMER "AATISUTO"\nFILE "disc (Track 1).bin" BINARY\n  TRACK 01 AUDIO\n    TITLE "ICHI"\n    INDEX 01 00:00:00\nFILE "disc (Track 2).bin" BINARY\n  TRACK 02 AUDIO\n    INDEX 00 00:00:00\n    INDEX 01 00:02:00\n',
    );
    assert.equal(r.cue, en);
    assert.ok(r.log.includes("CUE [disc_69.cue]:"));
  });
});

Deno.test("runSplit() writes non-zero data between sessions to Track A.1 and Track 0.2 (dat extra)", async () => {
  await withDump({
    seed: 32,
    areaData: [451, 452, 7300, 11849],
    sessions: [
      { tracks: [{ type: "audio", length: 150 }, { type: "audio", length: 150 }] },
      { tracks: [{ type: "mode1", length: 200, volumeId: "S2" }] },
    ],
  }, async (dir, disc) => {
    const r = await runSplit({ imagePath: dir, imageName: "disc", writeLog: false }, platform);
    assert.deepEqual(
      r.tracks.map((t) => [t.name, t.lbaStart, t.lbaEnd, t.inCue]),
      [
        ["disc (Track 1).bin", 0, 150, true],
        ["disc (Track 2).bin", 150, 450, true],
        ["disc (Track A.1).bin", 450, 453, false],
        ["disc (Track 0.2).bin", 7200, 11850, false],
        ["disc (Track 3).bin", 11850, 12050, true],
      ],
    );
    for (const t of r.tracks) {
      const got = await Deno.readFile(`${dir}/${t.name}`);
      assert.ok(
        Buffer.compare(got, authored(disc, t.lbaStart, t.lbaEnd)) === 0,
        `${t.name} is bit-exact`,
      );
    }
    assert.ok(r.warnings.includes(
      "warning: lead-in contains non-zero data (session: 2, sectors: 4550/4650)",
    ));
    assert.ok(r.warnings.includes(
      "warning: lead-out contains non-zero data (session: 1, sectors: 3/6750)",
    ));
    assert.deepEqual(r.datExtraLines.map((l) => l.match(/name="([^"]+)"/)![1]), [
      "disc (Track A.1).bin",
      "disc (Track 0.2).bin",
    ]);
    assert.ok(!r.cue.includes("Track 0") && !r.cue.includes("Track A"));
    const i = r.log.indexOf("multisession: ");
    assert.deepEqual(r.log.slice(i + 1, i + 3), ["  session 1: 0-452", "  session 2: 7200-12049"]);
    // A separate `hash` lists the extras sorted by file name, as redumper's does.
    const h = await runHash({ imagePath: dir, imageName: "disc", writeLog: false }, platform);
    assert.deepEqual(h.datExtraLines, [r.datExtraLines[1], r.datExtraLines[0]]);
  });
});

Deno.test("runSplit() --force-qtoc splits by the TOC built from Q when the drive's TOC disagrees", async () => {
  const spec: DiscSpec = {
    seed: 33,
    tracks: [{ type: "mode1", length: 100 }, { type: "audio", length: 100 }, {
      type: "audio",
      length: 100,
    }],
  };
  const dir = await Deno.makeTempDir({ prefix: "sectorkit-split-extra-" });
  try {
    const disc = await writeDumpSet(spec, dir, "disc", { tocShift: { 3: 7 } });
    const o = { imagePath: dir, imageName: "disc", writeLog: false };
    const r = await runSplit(o, platform);
    assert.deepEqual(r.warnings.filter((w) => w.includes("QTOC")), [
      "warning: TOC / QTOC mismatch, track index 01 (track: 3, LBA: 507 <=> 500)",
    ]);
    const at = r.log.indexOf("final QTOC:");
    assert.ok(at > r.log.indexOf("final TOC:"));
    assert.equal(r.log[at + 7], "  track 3 { audio }");
    assert.equal(
      r.log[at + 9],
      "    index 01 { LBA: [   500 ..    599], length:    100, MSF: 00:08:50-00:09:74 }",
    );
    assert.ok(r.cue.includes("TRACK 03 AUDIO\n    INDEX 00 00:00:00\n    INDEX 01 00:02:07\n"));
    const q = await runSplit({ ...o, forceQtoc: true, overwrite: true }, platform);
    assert.ok(q.warnings.includes("warning: split is performed by QTOC"));
    assert.ok(q.cue.includes("TRACK 03 AUDIO\n    INDEX 00 00:00:00\n    INDEX 01 00:02:00\n"));
    const t3 = await Deno.readFile(`${dir}/disc (Track 3).bin`);
    assert.ok(Buffer.compare(t3, authored(disc, 350, 600)) === 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

const safeDisc = (tmp: string): DiscSpec => ({
  seed: 34,
  writeOffset: 6,
  tracks: [{
    type: "mode1",
    length: 400,
    volumeId: "SAFEDISC",
    isoFiles: [{ name: tmp, lba: 30, size: 10 * 2048 }, {
      name: "GAME.EXE",
      lba: 100,
      size: 50 * 2048,
    }],
  }, { type: "audio", length: 100 }],
  damage: { c2: [50, 51, { lba: 52, offset: 600, length: 40 }] },
});

Deno.test("runSplit() excludes SafeDisc C2 sectors after 00000001.TMP and regenerates them", async () => {
  await withDump(safeDisc("00000001.TMP"), async (dir, disc) => {
    const r = await runSplit({ imagePath: dir, imageName: "disc", writeLog: false }, platform);
    assert.deepEqual(r.protection, ["SafeDisc 00000001.TMP, C2: 3, gap range: 40-99"]);
    assert.ok(r.log.includes("protection: SafeDisc 00000001.TMP, C2: 3, gap range: 40-99"));
    assert.ok(!r.log.some((l) => l.startsWith("errors detected")));
    assert.deepEqual(r.tracks[0].generatedSectors, [50, 51, 52]);
    const t1 = await Deno.readFile(`${dir}/disc (Track 1).bin`);
    const want = authored(disc, 0, 400);
    for (const l of [50, 51, 52]) want.set(regeneratedSector(l, 1, 0x55), l * 2352);
    assert.ok(Buffer.compare(t1, want) === 0, "Track 1 = authored + regenerated 50-52");
    // --leave-unchanged keeps the protected sectors as read.
    const u = await runSplit(
      { imagePath: dir, imageName: "disc", writeLog: false, leaveUnchanged: true, overwrite: true },
      platform,
    );
    assert.deepEqual(u.tracks[0].generatedSectors, []);
    assert.deepEqual(u.tracks[0].edcErrors, [52]);
    assert.ok(u.warnings.includes("warning: descramble failed (LBA: 50)"));
  });
});

Deno.test("runSplit() refuses the same C2 sectors without SafeDisc's file; --skip accepts them", async () => {
  await withDump(safeDisc("00000002.TMP"), async (dir) => {
    const o = { imagePath: dir, imageName: "disc", writeLog: false };
    await assert.rejects(() => runSplit(o, platform), /track 1 LBA 50-52/);
    const r = await runSplit({ ...o, skip: "50-52" }, platform);
    assert.deepEqual(r.protection, []);
    // --skip ranges are sample ranges at offset 0 (as redumper converts them): with write offset
    // +6, sector 49 reaches into LBA 50's samples and is regenerated too.
    assert.deepEqual(r.tracks[0].generatedSectors, [49, 50, 51, 52]);
  });
});

Deno.test("runSplit() detects PS2/Datel (DATA.DAT at LBA 23 + C2 run) and SafeDisc Lite's gap limit", async () => {
  await withDump({
    seed: 35,
    tracks: [{
      type: "mode2form1",
      length: 300,
      volumeId: "DATEL",
      isoFiles: [{ name: "DATA.DAT", lba: 23, size: 100 * 2048 }],
    }],
    damage: { c2: [23, 24, 25, 26, 40] },
  }, async (dir) => {
    const o = { imagePath: dir, imageName: "disc", writeLog: false };
    // Only the first contiguous run from LBA 23 is protected: LBA 40 stays an error.
    await assert.rejects(() => runSplit(o, platform), /track 1 LBA 40\b/);
    const log = await Deno.readTextFile(`${dir}/disc.log`).catch(() => "");
    assert.equal(log, "");
    const r = await runSplit({ ...o, forceSplit: true }, platform);
    assert.deepEqual(r.protection, ["PS2/Datel DATA.DAT, C2: 4, range: 23-26"]);
    assert.deepEqual(r.tracks[0].generatedSectors, [23, 24, 25, 26, 40]);
  });
  await withDump({
    seed: 36,
    tracks: [{
      type: "mode1",
      length: 2000,
      volumeId: "LITE",
      isoFiles: [{ name: "00000001.LT1", lba: 24, size: 2048 }],
    }, { type: "audio", length: 50 }],
    damage: { c2: [30, 1530] },
  }, async (dir) => {
    const o = { imagePath: dir, imageName: "disc", writeLog: false, forceSplit: true };
    const r = await runSplit(o, platform);
    assert.deepEqual(r.protection, ["SafeDisc Lite 00000001.LT1, C2: 1, gap range: 25-1524"]);
    assert.ok(
      r.log.includes(
        "errors detected, track: 1, sectors: {SKIP: 0, C2: 1}, samples: {SKIP: 0, C2: 588}",
      ),
    );
  });
});

Deno.test("runSplit() writes non-zero lead-out data of a single-session disc to Track A", async () => {
  await withDump({
    seed: 37,
    leadOutLength: 40,
    areaData: [455],
    tracks: [{ type: "audio", length: 150 }, { type: "audio", length: 150 }],
  }, async (dir, disc) => {
    const r = await runSplit({ imagePath: dir, imageName: "disc", writeLog: false }, platform);
    const aa = r.tracks.filter((t) => !t.inCue);
    assert.deepEqual(aa.map((t) => [t.name, t.lbaStart, t.lbaEnd]), [[
      "disc (Track A).bin",
      450,
      456,
    ]]);
    assert.ok(r.warnings.includes(
      "warning: lead-out contains non-zero data (session: 1, sectors: 6/40)",
    ));
    const got = await Deno.readFile(`${dir}/disc (Track A).bin`);
    assert.ok(Buffer.compare(got, authored(disc, 450, 456)) === 0);
  });
});

Deno.test("sectorkit split --force-qtoc --skip --json runs from the CLI; a bad --skip is a usage error", async () => {
  await withDump({
    seed: 38,
    tracks: [{ type: "mode1", length: 100 }, { type: "audio", length: 100 }],
    damage: { c2: [120] },
  }, async (dir) => {
    const run = async (...extra: string[]) => {
      const o = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", MAIN, "split", "--image-path", dir, "--image-name", "disc", ...extra],
        stdout: "piped",
        stderr: "piped",
      }).output();
      const d = new TextDecoder();
      return { code: o.code, stdout: d.decode(o.stdout), stderr: d.decode(o.stderr) };
    };
    const bad = await run("--skip", "12x");
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Cannot parse --skip range "12x": expected START-END/);
    const refused = await run("--json");
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /track 2 LBA 120/);
    const ok = await run("--json", "--force-qtoc", "--skip", "120-120");
    assert.equal(ok.code, 0, ok.stderr);
    const j = JSON.parse(ok.stdout);
    assert.deepEqual(j.tracks[1].generatedSectors, [120]);
    assert.ok(j.warnings.includes("warning: split is performed by QTOC"));
    assert.deepEqual(j.cueSheets.map((c: { name: string }) => c.name), ["disc.cue"]);
    assert.deepEqual(j.protection, []);
  });
});

Deno.test("parseCdText()/cueSheets(): languages from the first size information, 0xF7 + block without it, bad CRC drops CD-TEXT", () => {
  const packs = buildCdTextPacks({
    titles: ["ALBUM", "ONE"],
    performers: [],
    firstTrack: 1,
    more: [{ language: 0x08, titles: ["ALBUM DE", "EINS"], performers: [] }],
  });
  const wrap = (p: Uint8Array): Uint8Array => {
    const out = new Uint8Array(4 + p.length);
    out[0] = (p.length + 2) >> 8;
    out[1] = (p.length + 2) & 0xff;
    out.set(p, 4);
    return out;
  };
  const t = parseCdText(wrap(packs));
  assert.deepEqual(t.blocks.map((b) => [b.block, b.language, b.title[0], b.title[1]]), [
    [0, 0x09, "ALBUM", "ONE"],
    [1, 0x08, "ALBUM DE", "EINS"],
  ]);
  assert.deepEqual(cueSheets("x", t).map((c) => c.file), ["x.cue", "x_08.cue"]);
  // Without the 0x8F packs: 0xF7 + block.
  const noSize: number[] = [];
  for (let o = 0; o < packs.length; o += 18) {
    if (packs[o] !== 0x8f) noSize.push(...packs.subarray(o, o + 18));
  }
  const n = parseCdText(wrap(new Uint8Array(noSize)));
  assert.deepEqual(cueSheets("x", n).map((c) => [c.file, c.language]), [["x.cue", 0xf7], [
    "x_F8.cue",
    0xf8,
  ]]);
  // A bad CRC in any pack but the last drops all CD-TEXT, with redumper's warning.
  const broken = wrap(packs.slice());
  broken[4 + 16] ^= 1;
  const u = usableCdText(parseCdText(broken));
  assert.equal(u.cdText, null);
  assert.equal(u.warning, "warning: failed to parse CD-TEXT data");
  assert.deepEqual(cueSheets("x", u.cdText).map((c) => c.file), ["x.cue"]);
});
