// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { createFileStore } from "../../../ffi/file_store.ts";
import { CD_DATA_SIZE } from "../../../lib/cd/constants.ts";
import { loadCue } from "../../../lib/cd/disc/cue_disc.ts";
import { loadIso, mediumForSize } from "../../../lib/cd/disc/iso_disc.ts";
import { synthesizeDisc } from "../../../lib/cd/disc/synthesize.ts";
import { readTocFormat0, readTocFormat2 } from "../../../lib/cd/disc/toc_response.ts";
import { scramble } from "../../../lib/cd/scrambler.ts";
import { checkDataSector } from "../../../lib/cd/sector.ts";
import { deinterleave, parseQPosition, Subchannel } from "../../../lib/cd/subchannel.ts";

const fs = createFileStore();

function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

const msf = (n: number): string =>
  [Math.floor(n / 4500), Math.floor(n / 75) % 60, n % 75].map((x) => String(x).padStart(2, "0"))
    .join(":");

Deno.test("loadCue() reads a redump-style multi-file, multisession CUE/BIN back into the authored disc", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const disc = synthesizeDisc({
      mcn: "4006381333931",
      sessions: [
        {
          tracks: [
            { type: "audio", length: 200 },
            { type: "audio", length: 150, isrc: "DEEXA2600001", copy: true, indices: [50] },
          ],
        },
        { tracks: [{ type: "mode2form1", length: 120 }] },
      ],
    });
    let cue = "CATALOG 4006381333931\n";
    for (const t of disc.tracks) {
      const first = t.number === 1 || t.session > 1 ? t.start : t.pregapStart;
      const bin = new Uint8Array((t.end - first) * CD_DATA_SIZE);
      for (let l = first; l < t.end; l++) {
        bin.set(disc.authoredSector(l), (l - first) * CD_DATA_SIZE);
      }
      const name = `d (Track ${t.number}).bin`;
      await Deno.writeFile(`${dir}/${name}`, bin);
      if (t.number === 3) cue += "REM SESSION 02\n";
      cue += `FILE "${name}" BINARY\n  TRACK 0${t.number} ${
        t.type === "audio" ? "AUDIO" : "MODE2/2352"
      }\n`;
      if (t.isrc) cue += `    ISRC ${t.isrc}\n`;
      if (t.control & 2) cue += "    FLAGS DCP\n";
      if (first !== t.start) cue += "    INDEX 00 00:00:00\n";
      cue += `    INDEX 01 ${msf(t.start - first)}\n`;
      t.indices.forEach((x, i) => cue += `    INDEX 0${i + 2} ${msf(x - first)}\n`);
    }
    await Deno.writeTextFile(`${dir}/d.cue`, cue);
    const back = await loadCue(`${dir}/d.cue`, fs);
    assert.deepEqual(
      back.tracks.map((
        t,
      ) => [t.number, t.session, t.pregapStart, t.start, t.end, t.control, t.indices, t.isrc]),
      disc.tracks.map((
        t,
      ) => [t.number, t.session, t.pregapStart, t.start, t.end, t.control, t.indices, t.isrc]),
    );
    assert.deepEqual(readTocFormat0(back, false, 1), readTocFormat0(disc, false, 1));
    assert.deepEqual(readTocFormat2(back, 1), readTocFormat2(disc, 1));
    assert.equal(back.mcn, "4006381333931");
    for (const t of disc.tracks) {
      await back.prefetch!(t.start - 2, t.end - t.start + 4);
      for (let l = t.start; l < t.end; l++) {
        const s = new Uint8Array(CD_DATA_SIZE);
        back.readMain(l * CD_DATA_SIZE, s);
        if (back.isDataSector(l)) scramble(s);
        assert.ok(same(s, disc.authoredSector(l)), `LBA ${l}`);
      }
    }
    const at = disc.tracks[2].start + 50;
    const q = deinterleave(back.readSubcode(at), Subchannel.Q);
    assert.deepEqual(parseQPosition(q), { control: 4, track: 3, index: 1, relLba: 50, absLba: at });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("loadCue() builds MODE1/2048 sectors with EDC/ECC; loadIso() gives one Mode 1 track", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const iso = new Uint8Array(300 * 2048).map((_, i) => (i * 7) & 0xff);
    await Deno.writeFile(`${dir}/a.iso`, iso);
    await Deno.writeTextFile(
      `${dir}/a.cue`,
      'FILE "a.iso" BINARY\n  TRACK 01 MODE1/2048\n    INDEX 01 00:00:00\n',
    );
    for (const disc of [await loadCue(`${dir}/a.cue`, fs), await loadIso(`${dir}/a.iso`, fs)]) {
      assert.equal(disc.sessions[0].leadOut, 300);
      assert.equal(disc.tracks[0].type, "mode1");
      await disc.prefetch!(0, 300);
      const s = new Uint8Array(CD_DATA_SIZE);
      disc.readMain(123 * CD_DATA_SIZE, s);
      scramble(s);
      const c = checkDataSector(s);
      assert.deepEqual([c.mode, c.lba, c.edcOk, c.eccOk], ["mode1", 123, true, true]);
      assert.ok(same(s.subarray(16, 2064), iso.subarray(123 * 2048, 124 * 2048)));
    }
    assert.equal(mediumForSize(737_280_000), "cd");
    assert.equal(mediumForSize(4_700_000_000), "dvd");
    assert.equal(mediumForSize(25_000_000_000), "bd");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("loadCue() takes the subchannel from a CloneCD-style .sub beside a single-file image", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const disc = synthesizeDisc({
      tracks: [{ type: "audio", length: 100 }],
      damage: { qCrc: [40] },
    });
    const bin = new Uint8Array(100 * CD_DATA_SIZE);
    const sub = new Uint8Array(100 * 96);
    for (let l = 0; l < 100; l++) {
      bin.set(disc.authoredSector(l), l * CD_DATA_SIZE);
      const raw = disc.readSubcode(l);
      for (let c = 0; c < 8; c++) sub.set(deinterleave(raw, 7 - c), l * 96 + c * 12);
    }
    await Deno.writeFile(`${dir}/s.bin`, bin);
    await Deno.writeFile(`${dir}/s.sub`, sub);
    await Deno.writeTextFile(
      `${dir}/s.cue`,
      'FILE "s.bin" BINARY\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\n',
    );
    const back = await loadCue(`${dir}/s.cue`, fs);
    await back.prefetch!(0, 100);
    for (const l of [0, 39, 40, 99]) {
      assert.deepEqual(back.readSubcode(l), disc.readSubcode(l), `LBA ${l}`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
