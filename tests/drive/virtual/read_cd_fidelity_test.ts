// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { CD_DATA_SIZE } from "../../../lib/cd/constants.ts";
import { synthesizeDisc } from "../../../lib/cd/disc/synthesize.ts";
import { scramble } from "../../../lib/cd/scrambler.ts";
import { GENERIC, MEDIATEK, PLEXTOR } from "../../../lib/drive/virtual/profile.ts";
import { VirtualDrive } from "../../../lib/drive/virtual/virtual_drive.ts";
import { be32, cmd, readCd, readD8, sameBytes } from "./helpers.ts";

// Every track kind, a non-silent pregap, an HTOA-sized track 1 pregap and a write offset that is
// not a whole number of sectors.
const SPEC = {
  seed: 7,
  writeOffset: 294 + 1176,
  tracks: [
    { type: "audio" as const, length: 120, pregap: 225 },
    { type: "mode1" as const, length: 100, postgap: 20 },
    { type: "mode2form1" as const, length: 60 },
    { type: "mode2form2" as const, length: 60 },
    { type: "mode2" as const, length: 40 },
    { type: "audio" as const, length: 80, pregapAudio: true },
  ],
};

/** Reads [from, to) as audio in chunks; returns the bytes and the stream position of byte 0. */
async function readAll(
  drive: VirtualDrive,
  from: number,
  to: number,
  cdb: (lba: number, n: number) => number[],
): Promise<{ data: Uint8Array; base: number }> {
  const out = new Uint8Array((to - from) * CD_DATA_SIZE);
  for (let l = from; l < to; l += 25) {
    const n = Math.min(25, to - l);
    const r = await cmd(drive, cdb(l, n), n * CD_DATA_SIZE);
    assert.equal(r.status, 0, `read at ${l}`);
    out.set(r.data, (l - from) * CD_DATA_SIZE);
  }
  return { data: out, base: from * CD_DATA_SIZE - drive.profile.readOffset * 4 };
}

function checkAuthored(
  disc: ReturnType<typeof synthesizeDisc>,
  r: { data: Uint8Array; base: number },
  from: number,
  to: number,
): number {
  let checked = 0;
  for (let lba = from; lba < to; lba++) {
    const at = lba * CD_DATA_SIZE + disc.writeOffset * 4 - r.base;
    if (at < 0 || at + CD_DATA_SIZE > r.data.length) continue;
    const s = r.data.slice(at, at + CD_DATA_SIZE);
    if (disc.isDataSector(lba)) scramble(s);
    assert.ok(sameBytes(s, disc.authoredSector(lba)), `authored sector ${lba}`);
    checked++;
  }
  return checked;
}

Deno.test("READ CD as CD-DA on a MediaTek reproduces every authored sector after offset correction and descrambling", async () => {
  const disc = synthesizeDisc(SPEC);
  const drive = new VirtualDrive(disc, MEDIATEK);
  const end = disc.sessions[0].leadOut;
  const r = await readAll(drive, -135, end, (l, n) => readCd(l, n, 1, 0xf8));
  assert.ok(checkAuthored(disc, r, -150, end) > end);
});

Deno.test("PLEXTOR D8 reproduces every authored sector, lead-out overread included", async () => {
  const disc = synthesizeDisc(SPEC);
  const drive = new VirtualDrive(disc, PLEXTOR);
  const end = disc.sessions[0].leadOut + 100;
  const r = await readAll(drive, -75, end, (l, n) => readD8(l, n, 0));
  assert.ok(checkAuthored(disc, r, -75, end - 1) > 600);
});

Deno.test("READ CD all types returns data sectors descrambled and sync-aligned, audio as CD-DA", async () => {
  const disc = synthesizeDisc(SPEC);
  const drive = new VirtualDrive(disc, GENERIC);
  for (const t of disc.tracks) {
    for (const lba of [t.start, t.end - 1]) {
      const r = await cmd(drive, readCd(lba, 1, 0, 0xf8), CD_DATA_SIZE);
      assert.equal(r.status, 0);
      if (t.type !== "audio") {
        assert.ok(sameBytes(r.data, disc.authoredSector(lba)), `track ${t.number}`);
      } else {
        const phys = new Uint8Array(CD_DATA_SIZE);
        disc.readMain(lba * CD_DATA_SIZE, phys);
        assert.ok(sameBytes(r.data, phys));
      }
    }
  }
});

Deno.test("READ CD selects sync, header, subheader, user data and EDC/ECC fields per sector mode", async () => {
  const disc = synthesizeDisc(SPEC);
  const drive = new VirtualDrive(disc, PLEXTOR);
  const [, m1, f1, f2, m2] = disc.tracks;
  const a = (lba: number): Uint8Array => disc.authoredSector(lba);
  const cases: [number, number, number, Uint8Array][] = [
    [m1.start, 2, 0x10, a(m1.start).subarray(16, 2064)],
    [m1.start, 0, 0x10 | 0x08, a(m1.start).subarray(16, 2352)],
    [m1.start, 0, 0x80 | 0x20, a(m1.start).subarray(0, 16)],
    [f1.start, 4, 0x10, a(f1.start).subarray(24, 2072)],
    [f1.start, 0, 0x40 | 0x10, a(f1.start).subarray(16, 2072)],
    [f2.start, 5, 0x10, a(f2.start).subarray(24, 2348)],
    [f2.start, 0, 0x10 | 0x08, a(f2.start).subarray(24, 2352)],
    [m2.start, 3, 0x10, a(m2.start).subarray(16, 2352)],
  ];
  for (const [lba, type, flags, want] of cases) {
    const r = await cmd(drive, readCd(lba, 1, type, flags), 2352);
    assert.equal(r.status, 0, `type ${type} flags ${flags.toString(16)}`);
    assert.ok(sameBytes(r.data, want), `fields of LBA ${lba} flags ${flags.toString(16)}`);
  }
  // Expected type mismatches: ILLEGAL MODE FOR THIS TRACK.
  for (
    const [lba, type] of [[m1.start, 4], [f1.start, 2], [f2.start, 4], [disc.tracks[0].start, 2]]
  ) {
    const r = await cmd(drive, readCd(lba, 1, type, 0x10), 2352);
    assert.deepEqual([r.status, r.key, r.asc], [2, 5, 0x64]);
  }
  // READ(10) gives Mode 1 / form 1 user data, refuses audio.
  const r10 = await cmd(drive, [0x28, 0, ...be32(m1.start), 0, 0, 1, 0], 2048);
  assert.ok(sameBytes(r10.data, a(m1.start).subarray(16, 2064)));
  const audio = await cmd(drive, [0x28, 0, 0, 0, 0, 10, 0, 0, 1, 0], 2048);
  assert.deepEqual([audio.key, audio.asc], [5, 0x64]);
});
