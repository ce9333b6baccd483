// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createFileStore } from "../../../ffi/file_store.ts";
import { CD_DATA_SIZE, LBA_START } from "../../../lib/cd/constants.ts";
import { DEMO_DISC_SPEC } from "../../../lib/cd/disc/demo_disc.ts";
import { loadDumpSet } from "../../../lib/cd/disc/dump_set_disc.ts";
import { synthesizeDisc } from "../../../lib/cd/disc/synthesize.ts";
import { writeDumpSet } from "../../../lib/cd/disc/write_dump_set.ts";
import { scramble } from "../../../lib/cd/scrambler.ts";
import { deinterleave, parseQPosition, qCrcValid, Subchannel } from "../../../lib/cd/subchannel.ts";
import { findExamples } from "./examples.ts";

const fs = createFileStore();

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sha1(b: Uint8Array): string {
  return createHash("sha1").update(b).digest("hex");
}

Deno.test("writeDumpSet() places scrambled sectors at (LBA+45150)*2352 shifted by the write offset", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const disc = synthesizeDisc(DEMO_DISC_SPEC);
    const f = await writeDumpSet(disc, dir, "demo", { fs });
    const scram = await Deno.readFile(f.scram);
    const state = await Deno.readFile(f.state);
    const sub = await Deno.readFile(f.subcode);
    const end = 2300 + 100;
    assert.equal(scram.length, (end - LBA_START) * CD_DATA_SIZE);
    assert.equal(state.length, scram.length / 4);
    assert.equal(sub.length, (end - LBA_START) * 96);
    const w = DEMO_DISC_SPEC.writeOffset! * 4;
    for (let lba = -140; lba < 2390; lba++) {
      const at = (lba - LBA_START) * CD_DATA_SIZE + w;
      const s = scram.slice(at, at + CD_DATA_SIZE);
      if (disc.isDataSector(lba)) scramble(s);
      assert.ok(sameBytes(s, disc.authoredSector(lba)), `LBA ${lba}`);
      const q = deinterleave(sub, Subchannel.Q, (lba - LBA_START) * 96);
      assert.ok(qCrcValid(q), `Q CRC at ${lba}`);
      if ((q[0] & 0xf) === 1) assert.equal(parseQPosition(q)!.absLba, lba);
    }
    assert.ok(
      state.subarray((-150 - LBA_START) * 588, (end - LBA_START) * 588).every((x) => x === 4),
    );
    assert.ok(state.subarray(0, (-150 - LBA_START) * 588).every((x) => x === 0));
    const toc = await Deno.readFile(f.toc);
    assert.deepEqual([...toc.subarray(0, 4)], [0, 0x2a, 1, 4]);
    assert.ok(f.cdtext && (await Deno.readFile(f.cdtext)).length > 4);
    // Deterministic.
    const dir2 = await Deno.makeTempDir();
    try {
      const g = await writeDumpSet(synthesizeDisc(DEMO_DISC_SPEC), dir2, "demo", { fs });
      assert.equal(sha1(await Deno.readFile(g.scram)), sha1(scram));
      assert.equal(sha1(await Deno.readFile(g.subcode)), sha1(sub));
    } finally {
      await Deno.remove(dir2, { recursive: true });
    }
    await assert.rejects(writeDumpSet(disc, dir, "demo", { fs }), /file exists/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("writeDumpSet() records C2 damage, unreadable sectors and Q CRC errors", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const disc = synthesizeDisc({
      writeOffset: -30,
      tracks: [{ type: "mode1", length: 200 }],
      damage: { c2: [{ lba: 50, offset: 100, length: 8 }], unreadable: [60], qCrc: [70] },
    });
    const f = await writeDumpSet(disc, dir, "dmg", { fs, lbaStart: 0 });
    const state = await Deno.readFile(f.state);
    const scram = await Deno.readFile(f.scram);
    const sub = await Deno.readFile(f.subcode);
    const sampleOf = (lba: number, byte: number): number =>
      (lba - LBA_START) * 588 + (byte >> 2) - 30;
    assert.equal(state[sampleOf(50, 100)], 1);
    assert.equal(state[sampleOf(50, 104)], 1);
    assert.equal(state[sampleOf(50, 96)], 4);
    assert.equal(state[sampleOf(50, 108)], 4);
    for (let b = 0; b < CD_DATA_SIZE; b += 4) assert.equal(state[sampleOf(60, b)], 0);
    const s60 = (60 - LBA_START) * CD_DATA_SIZE - 120;
    assert.ok(scram.subarray(s60, s60 + CD_DATA_SIZE).every((x) => x === 0));
    assert.equal(state[sampleOf(61, 0)], 4);
    assert.ok(!qCrcValid(deinterleave(sub, Subchannel.Q, (70 - LBA_START) * 96)));
    assert.ok(qCrcValid(deinterleave(sub, Subchannel.Q, (71 - LBA_START) * 96)));
    assert.equal(state[(-1 - LBA_START) * 588], 0, "nothing before lbaStart");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("loadDumpSet() turns a written dump set back into the same disc", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const disc = synthesizeDisc(DEMO_DISC_SPEC);
    const f = await writeDumpSet(disc, dir, "demo", { fs });
    const back = await loadDumpSet(f.scram, fs);
    assert.equal(back.writeOffset, 12);
    assert.equal(back.mcn, DEMO_DISC_SPEC.mcn);
    assert.deepEqual(back.cdText, disc.cdText);
    assert.deepEqual(
      back.tracks.map((
        t,
      ) => [t.number, t.pregapStart, t.start, t.end, t.indices, t.control, t.isrc]),
      disc.tracks.map((
        t,
      ) => [t.number, t.pregapStart, t.start, t.end, t.indices, t.control, t.isrc]),
    );
    await back.prefetch!(-10, 300);
    const a = new Uint8Array(CD_DATA_SIZE * 100), b = new Uint8Array(CD_DATA_SIZE * 100);
    back.readMain(100 * CD_DATA_SIZE + 17, a);
    disc.readMain(100 * CD_DATA_SIZE + 17, b);
    assert.deepEqual(a, b);
    assert.deepEqual(back.readSubcode(150), disc.readSubcode(150));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

const EXAMPLES = findExamples();
Deno.test({
  name: "loadDumpSet() reads redumper's example_mixed: offset +1176, pregaps from Q",
  ignore: EXAMPLES === null,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      const src = `${EXAMPLES}example_mixed/example_mixed`;
      for (const ext of ["scram", "state", "subcode"]) {
        const out = await new Deno.Command("xz", {
          args: ["-dc", `${src}.${ext}.xz`],
          stdout: "piped",
        })
          .output();
        await Deno.writeFile(`${dir}/m.${ext}`, out.stdout);
      }
      await Deno.copyFile(`${src}.toc`, `${dir}/m.toc`);
      await Deno.copyFile(`${src}.fulltoc`, `${dir}/m.fulltoc`);
      const disc = await loadDumpSet(`${dir}/m.scram`, fs);
      assert.equal(disc.writeOffset, 1176);
      assert.deepEqual(disc.tracks.map((t) => [t.pregapStart, t.start, t.end]), [
        [-150, 0, 900],
        [900, 1050, 1350],
        [1350, 1500, 1750],
      ]);
      assert.equal(disc.tracks[0].type, "mode1");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("authoredTracks() cuts tracks as redump splits them (example layouts)", async () => {
  const { authoredTracks } = await import("../../../lib/cd/disc/authored_tracks.ts");
  const mixed = synthesizeDisc({
    tracks: [
      { type: "mode1", length: 900, postgap: 150 },
      { type: "audio", length: 300 },
      { type: "audio", length: 250 },
    ],
  });
  assert.deepEqual(authoredTracks(mixed).map((t) => [t.lbaStart, t.lbaEnd, t.bytes.length]), [
    [0, 900, 2116800],
    [900, 1350, 1058400],
    [1350, 1750, 940800],
  ]);
  const extra = synthesizeDisc({
    sessions: [
      { tracks: [{ type: "audio", length: 320 }, { type: "audio", length: 280 }] },
      { tracks: [{ type: "mode2form1", length: 600 }] },
    ],
  });
  assert.deepEqual(authoredTracks(extra).map((t) => [t.lbaStart, t.lbaEnd]), [
    [0, 320],
    [320, 750],
    [12150, 12750],
  ]);
  const t1 = authoredTracks(mixed)[0];
  assert.ok(sameBytes(t1.bytes.subarray(16 * 2352, 17 * 2352), mixed.authoredSector(16)));
});
