// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { CD_DATA_SIZE } from "../../../lib/cd/constants.ts";
import { synthesizeDisc } from "../../../lib/cd/disc/synthesize.ts";
import { deinterleave, parseQPosition, qCrcValid, Subchannel } from "../../../lib/cd/subchannel.ts";
import { GENERIC, MEDIATEK, parseProfile, PLEXTOR } from "../../../lib/drive/virtual/profile.ts";
import { VirtualDrive } from "../../../lib/drive/virtual/virtual_drive.ts";
import { be32, cmd, readCd, readD8, sameBytes } from "./helpers.ts";

const AUDIO = { tracks: [{ type: "audio" as const, length: 300 }] };

Deno.test("C2 pointers flag the damaged bytes, shifted by the profile's C2 shift", async () => {
  const disc = synthesizeDisc({ ...AUDIO, damage: { c2: [{ lba: 30, offset: 100, length: 8 }] } });
  const plain = new VirtualDrive(disc, GENERIC);
  const r = await cmd(plain, readCd(30, 1, 1, 0xf8 | 0x02), 2352 + 294);
  const c2 = r.data.subarray(2352);
  assert.equal(c2[12], 0x0f);
  assert.equal(c2[13], 0xf0);
  assert.equal(c2.reduce((n, b) => n + (b ? 1 : 0), 0), 2);
  // The flagged bytes are wrong on the medium and come back wrong.
  const authored = disc.authoredSector(30);
  assert.notEqual(r.data[100], authored[100]);
  assert.equal(r.data[99], authored[99]);
  // Block error byte (296-byte form).
  const beb = await cmd(plain, readCd(30, 1, 1, 0xf8 | 0x04), 2352 + 296);
  assert.equal(beb.data[2352 + 294], 1);
  // A drive with C2 shift 294 returns sector 30's pointers with the read of sector 31.
  const shifted = new VirtualDrive(disc, parseProfile({ base: "generic", c2Shift: 294 }));
  const s30 = await cmd(shifted, readCd(30, 1, 1, 0xf8 | 0x02), 2352 + 294);
  const s31 = await cmd(shifted, readCd(31, 1, 1, 0xf8 | 0x02), 2352 + 294);
  assert.ok(s30.data.subarray(2352).every((b) => b === 0));
  assert.deepEqual([s31.data[2352 + 12], s31.data[2352 + 13]], [0x0f, 0xf0]);
  // PLEXTOR D8 sub-code 8 = 2352 + 294 + 96 with C2 shift 295 and read offset +30.
  const px = new VirtualDrive(disc, PLEXTOR);
  const d8 = await cmd(px, readD8(31, 1, 8), 2742);
  assert.equal(d8.data.length, 2742);
  assert.ok(d8.data.subarray(2352, 2646).some((b) => b !== 0));
});

Deno.test("Unreadable sectors fail with MEDIUM ERROR 03/11/05 carrying the LBA and a partial transfer", async () => {
  const disc = synthesizeDisc({ ...AUDIO, damage: { unreadable: [40] } });
  const d = new VirtualDrive(disc, GENERIC);
  const r = await cmd(d, readCd(38, 4, 1, 0xf8), 4 * 2352);
  assert.deepEqual([r.status, r.key, r.asc, r.ascq], [2, 3, 0x11, 0x05]);
  assert.equal(r.sense[0], 0xf0);
  assert.equal(new DataView(r.sense.buffer).getInt32(3), 40);
  assert.equal(r.data.length, 2 * 2352);
  const rs = await cmd(d, [0x03, 0, 0, 0, 18, 0], 18);
  assert.deepEqual([rs.data[2], rs.data[12], rs.data[13]], [3, 0x11, 0x05]);
  const again = await cmd(d, [0x03, 0, 0, 0, 18, 0], 18);
  assert.equal(again.data[2], 0);
});

Deno.test("Sense codes: out of range, invalid opcode, invalid field, no medium, removal prevented", async () => {
  const disc = synthesizeDisc(AUDIO);
  const d = new VirtualDrive(disc, GENERIC);
  const oor = await cmd(d, readCd(300, 1, 0, 0xf8), 2352);
  assert.deepEqual([oor.key, oor.asc, oor.ascq], [5, 0x21, 0]);
  const neg = await cmd(d, readCd(-1, 1, 0, 0xf8), 2352);
  assert.deepEqual([neg.key, neg.asc], [5, 0x21]);
  const r10 = await cmd(d, [0x28, 0, ...be32(300), 0, 0, 1, 0], 2048);
  assert.deepEqual([r10.key, r10.asc], [5, 0x21]);
  const bad = await cmd(d, [0xd8, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0], 2352);
  assert.deepEqual([bad.key, bad.asc], [5, 0x20]);
  const f1 = await cmd(d, [0xf1, 6, 0, 0, 0, 0, 0, 0, 0x0b, 0], 2816);
  assert.deepEqual([f1.key, f1.asc], [5, 0x20]);
  const toc = await cmd(d, [0x43, 0, 0, 0, 0, 0, 5, 0, 12, 0], 12);
  assert.deepEqual([toc.key, toc.asc], [5, 0x24]);
  assert.equal((await cmd(d, [0x1e, 0, 0, 0, 1, 0])).status, 0);
  const ej = await cmd(d, [0x1b, 0, 0, 0, 2, 0]);
  assert.deepEqual([ej.key, ej.asc, ej.ascq], [5, 0x53, 2]);
  await cmd(d, [0x1e, 0, 0, 0, 0, 0]);
  assert.equal((await cmd(d, [0x1b, 0, 0, 0, 2, 0])).status, 0);
  const tur = await cmd(d, [0, 0, 0, 0, 0, 0]);
  assert.deepEqual([tur.status, tur.key, tur.asc, tur.ascq], [2, 2, 0x3a, 0]);
  const gesn = await cmd(d, [0x4a, 1, 0, 0, 0x10, 0, 0, 0, 8, 0], 8);
  assert.deepEqual([...gesn.data], [0, 4, 4, 0x10, 3, 0, 0, 0], "media removal");
  assert.equal((await cmd(d, [0x1b, 0, 0, 0, 3, 0])).status, 0);
  assert.equal((await cmd(d, [0, 0, 0, 0, 0, 0])).status, 0);
});

Deno.test("Subchannel: raw P–W, formatted Q and R–W; Q CRC damage and desync", async () => {
  const disc = synthesizeDisc({
    mcn: "1234567890123",
    tracks: [{ type: "audio", length: 300, isrc: "USXYZ2600042" }],
    damage: { qCrc: [45] },
    subcodeDesync: [{ from: 200, to: 210, shift: 3 }],
  });
  const d = new VirtualDrive(disc, GENERIC);
  const raw = await cmd(d, readCd(44, 1, 1, 0xf8, 1), 2352 + 96);
  const q = deinterleave(raw.data, Subchannel.Q, 2352);
  assert.ok(qCrcValid(q));
  assert.equal(parseQPosition(q)!.absLba, 44);
  const bad = await cmd(d, readCd(45, 1, 1, 0, 2), 16);
  assert.equal(bad.data.length, 16);
  assert.ok(!qCrcValid(bad.data.subarray(0, 12)));
  const mcn = await cmd(d, readCd(123, 1, 1, 0, 2), 16);
  assert.equal(mcn.data[0] & 0xf, 2);
  const isrc = await cmd(d, readCd(171, 1, 1, 0, 2), 16);
  assert.equal(isrc.data[0] & 0xf, 3);
  const desync = await cmd(d, readCd(205, 1, 1, 0, 2), 16);
  assert.equal(parseQPosition(desync.data.subarray(0, 12))!.absLba, 208);
  const rw = await cmd(d, readCd(50, 1, 1, 0, 4), 96);
  assert.ok(rw.data.every((b) => (b & 0xc0) === 0));
});

Deno.test("Sector order: DATA_SUB_C2 swaps C2 and subchannel; DATA_SUB/DATA_C2 refuse what they lack", async () => {
  const disc = synthesizeDisc({ ...AUDIO, damage: { c2: [{ lba: 10, offset: 0, length: 2352 }] } });
  const swapped = new VirtualDrive(
    disc,
    parseProfile({ base: "generic", sectorOrder: "DATA_SUB_C2" }),
  );
  const r = await cmd(swapped, readCd(10, 1, 1, 0xfa, 1), 2742);
  assert.equal(r.data.length, 2742);
  assert.ok(qCrcValid(deinterleave(r.data, Subchannel.Q, 2352)));
  assert.ok(r.data.subarray(2448).every((b) => b === 0xff));
  const noC2 = new VirtualDrive(disc, parseProfile({ base: "generic", sectorOrder: "DATA_SUB" }));
  assert.deepEqual((await cmd(noC2, readCd(10, 1, 1, 0xfa, 1), 2742)).asc, 0x24);
  assert.equal((await cmd(noC2, readCd(10, 1, 1, 0xf8, 1), 2448)).status, 0);
  const noSub = new VirtualDrive(disc, parseProfile({ base: "generic", sectorOrder: "DATA_C2" }));
  assert.deepEqual((await cmd(noSub, readCd(10, 1, 1, 0xfa, 1), 2742)).asc, 0x24);
});

Deno.test("READ CD as CD-DA on a data sector: scrambled (MediaTek), error (PLEXTOR), descrambled (generic)", async () => {
  const disc = synthesizeDisc({ tracks: [{ type: "mode1", length: 100 }] });
  const mtk = await cmd(new VirtualDrive(disc, MEDIATEK), readCd(10, 1, 1, 0xf8), 2352);
  const phys = new Uint8Array(2352);
  disc.readMain(10 * 2352 - 6 * 4, phys);
  assert.ok(sameBytes(mtk.data, phys));
  const px = await cmd(new VirtualDrive(disc, PLEXTOR), readCd(10, 1, 1, 0xf8), 2352);
  assert.deepEqual([px.key, px.asc], [5, 0x64]);
  const gen = await cmd(new VirtualDrive(disc, GENERIC), readCd(10, 1, 1, 0xf8), 2352);
  assert.ok(sameBytes(gen.data, disc.authoredSector(10)));
});

Deno.test("PLEXTOR: negative-LBA lead-in through D8, blocked ranges, lead-out overread", async () => {
  const disc = synthesizeDisc({ title: "T", tracks: [{ type: "mode1", length: 100 }] });
  const d = new VirtualDrive(disc, PLEXTOR);
  const leadIn = await cmd(d, readD8(-2000, 1, 2), 2352 + 96);
  assert.equal(leadIn.status, 0);
  const q = deinterleave(leadIn.data, Subchannel.Q, 2352);
  assert.ok(qCrcValid(q));
  assert.equal(q[1], 0, "TNO 0 in the lead-in");
  assert.ok(leadIn.data.subarray(2352).some((b) => (b & 0x3f) !== 0), "CD-TEXT in R–W");
  for (const lba of [-1100, -21000]) {
    assert.equal((await cmd(d, readD8(lba, 1, 0), 2352)).asc, 0x21);
  }
  assert.equal((await cmd(d, readCd(-900, 1, 0, 0xf8), 2352)).asc, 0x21);
  assert.equal((await cmd(d, readCd(-1100, 1, 0, 0xf8), 2352)).status, 0);
  assert.equal((await cmd(d, readD8(-75, 1, 0), 2352)).status, 0);
  assert.equal((await cmd(d, readD8(-76, 1, 0), 2352)).asc, 0x21);
  assert.equal((await cmd(d, readD8(199, 1, 0), 2352)).status, 0);
  assert.equal((await cmd(d, readD8(200, 1, 0), 2352)).asc, 0x21);
  const gen = new VirtualDrive(disc, GENERIC);
  assert.equal((await cmd(gen, readCd(100, 1, 0, 0xf8), 2352)).asc, 0x21);
});

Deno.test("MediaTek READ CACHE (F1) holds read-ahead lead-out sectors; FUA READ(12) of 0 blocks flushes it", async () => {
  const disc = synthesizeDisc({ tracks: [{ type: "audio", length: 200 }] });
  const d = new VirtualDrive(disc, MEDIATEK);
  assert.equal((await cmd(d, readCd(200, 1, 1, 0xf8), 2352)).asc, 0x21, "no lead-out by READ CD");
  assert.equal((await cmd(d, readCd(199, 1, 1, 0xf8), 2352)).status, 0);
  const entries = 1070, size = entries * 0xb00;
  const f1 = await cmd(d, [0xf1, 6, 0, 0, 0, 0, ...be32(size)], size);
  assert.equal(f1.status, 0);
  let found = 0;
  for (let e = 0; e < entries; e++) {
    const entry = f1.data.subarray(e * 0xb00, (e + 1) * 0xb00);
    const q = entry.subarray(0x990, 0x99c);
    if (!qCrcValid(q)) continue;
    const pos = parseQPosition(q);
    if (!pos || pos.track !== 170) continue;
    const want = new Uint8Array(2352);
    disc.readMain(pos.absLba * 2352 - 6 * 4, want);
    assert.ok(sameBytes(entry.subarray(0, 2352), want), `cache entry of ${pos.absLba}`);
    found++;
  }
  assert.ok(found >= 50, `lead-out entries: ${found}`);
  assert.equal((await cmd(d, [0xa8, 0x08, ...be32(199), 0, 0, 0, 0, 0, 0])).status, 0);
  const after = await cmd(d, [0xf1, 6, 0, 0, 0, 0, 0, 0, 0x0b, 0], 0xb00);
  assert.ok(after.data.every((b) => b === 0));
  assert.equal((await cmd(d, [0xf1, 6, ...be32(3 << 20), 0, 0, 0, 16], 16)).asc, 0x24);
});

Deno.test("Timing model: CAV reads the outer area faster; session gaps are slow; SET CD SPEED slows reads", async () => {
  const disc = synthesizeDisc({
    sessions: [
      { tracks: [{ type: "audio", length: 300000 }] },
      { tracks: [{ type: "mode1", length: 100 }] },
    ],
  });
  const d = new VirtualDrive(disc, PLEXTOR);
  await cmd(d, readD8(1000, 1, 0), 2352);
  const inner = await cmd(d, readD8(1001, 25, 0), 25 * 2352);
  await cmd(d, readD8(290000, 1, 0), 2352);
  const outer = await cmd(d, readD8(290001, 25, 0), 25 * 2352);
  assert.ok(outer.durationMs < inner.durationMs, `${outer.durationMs} < ${inner.durationMs}`);
  const gap = await cmd(d, readD8(300200, 1, 0), 2352);
  assert.ok(gap.durationMs >= PLEXTOR.gapSlowMs);
  await cmd(d, [0xbb, 0, 0x02, 0xc1, 0, 0, 0, 0, 0, 0, 0, 0]); // 705 kB/s = 4×
  await cmd(d, readD8(290026, 1, 0), 2352);
  const slow = await cmd(d, readD8(290027, 25, 0), 25 * 2352);
  assert.ok(slow.durationMs > outer.durationMs * 5);
  const ms = await cmd(d, [0x5a, 0, 0x2a, 0, 0, 0, 0, 0, 64, 0], 64);
  assert.equal((ms.data[8 + 14] << 8) | ms.data[8 + 15], 705);
});

Deno.test("Random SCSI and C2 errors follow the profile's rates and seed", async () => {
  const disc = synthesizeDisc(AUDIO);
  const run = async (seed: number): Promise<string> => {
    const d = new VirtualDrive(
      disc,
      parseProfile({ base: "generic", errors: { scsi: 0.2, c2: 0.3, seed } }),
    );
    let s = "";
    for (let l = 0; l < 60; l++) {
      const r = await cmd(d, readCd(l, 1, 1, 0xfa), 2646);
      s += r.status ? "S" : r.data.subarray(2352).some((b) => b) ? "C" : ".";
    }
    return s;
  };
  const a = await run(5), b = await run(5), c = await run(6);
  assert.equal(a, b);
  assert.notEqual(a, c);
  assert.match(a, /S/);
  assert.match(a, /C/);
  assert.match(a, /\./);
});

Deno.test("Multisession disc: disc information, session TOC and track information", async () => {
  const disc = synthesizeDisc({
    sessions: [
      { tracks: [{ type: "audio", length: 320 }, { type: "audio", length: 280 }] },
      { tracks: [{ type: "mode2form1", length: 600 }] },
    ],
  });
  const d = new VirtualDrive(disc, PLEXTOR);
  const di = await cmd(d, [0x51, 0, 0, 0, 0, 0, 0, 0, 34, 0], 34);
  assert.deepEqual([...di.data.subarray(0, 9)], [0, 32, 0x0e, 1, 2, 3, 3, 0x20, 0x20]);
  const ti = await cmd(d, [0x52, 1, 0, 0, 0, 3, 0, 0, 36, 0], 36);
  assert.deepEqual([ti.data[2], ti.data[3], ti.data[5], ti.data[6]], [3, 2, 4, 2]);
  assert.equal(new DataView(ti.data.buffer).getInt32(8), 12150);
  const byLba = await cmd(d, [0x52, 0, ...be32(500), 0, 36, 0], 36);
  assert.equal(byLba.data[2], 2);
  // Format from byte 9 (SFF-8020) as QEMU's ATAPI drive reads it: 0x40 = session info.
  const s = await cmd(d, [0x43, 0, 0, 0, 0, 0, 0, 0, 12, 0x40], 12);
  assert.deepEqual([...s.data.subarray(0, 7)], [0, 10, 1, 2, 0, 0x14, 3]);
  const full = await cmd(d, [0x43, 2, 0, 0, 0, 0, 1, 0x10, 0, 0x80], 4096);
  assert.equal(full.data[3], 2);
  assert.equal((await cmd(d, [0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0], 8)).data[3], (12750 - 1) & 0xff);
});

Deno.test("GET CONFIGURATION and MODE SENSE describe the profile", async () => {
  const disc = synthesizeDisc(AUDIO);
  const px = new VirtualDrive(disc, PLEXTOR);
  const all = await cmd(px, [0x46, 0, 0, 0, 0, 0, 0, 0x10, 0, 0], 4096);
  assert.equal((all.data[6] << 8) | all.data[7], 0x0008);
  const codes: number[] = [];
  for (let o = 8; o < all.data.length; o += 4 + all.data[o + 3]) {
    codes.push((all.data[o] << 8) | all.data[o + 1]);
  }
  assert.deepEqual(codes, [0x00, 0x01, 0x02, 0x03, 0x10, 0x1d, 0x1e, 0x1f, 0x107]);
  const one = await cmd(px, [0x46, 2, 0, 0x1e, 0, 0, 0, 0, 64, 0], 64);
  assert.equal(one.data.length, 16);
  assert.equal(one.data[12], 0x03, "CD Read: C2 and CD-TEXT");
  const page = await cmd(px, [0x5a, 0, 0x2a, 0, 0, 0, 0, 0, 64, 0], 64);
  assert.equal(page.data[8], 0x2a);
  assert.equal(page.data[8 + 5] & 0x10, 0x10, "C2 pointers");
  const noC2 = new VirtualDrive(disc, parseProfile({ base: "generic", sectorOrder: "DATA_SUB" }));
  const p2 = await cmd(noC2, [0x5a, 0, 0x2a, 0, 0, 0, 0, 0, 64, 0], 64);
  assert.equal(p2.data[8 + 5] & 0x10, 0);
  assert.equal((await cmd(px, [0x5a, 0, 0x05, 0, 0, 0, 0, 0, 64, 0], 64)).asc, 0x24);
  const allPages = await cmd(px, [0x5a, 0, 0x3f, 0, 0, 0, 0, 0, 0xff, 0], 255);
  assert.deepEqual([allPages.data[8], allPages.data[8 + 12], allPages.data[8 + 28]], [
    0x01,
    0x0e,
    0x2a,
  ]);
});

Deno.test("READ CD MSF reads the same sectors as READ CD", async () => {
  const disc = synthesizeDisc(AUDIO);
  const d = new VirtualDrive(disc, GENERIC);
  const a = await cmd(d, readCd(100, 2, 1, 0xf8), 2 * 2352);
  // LBA 100 = 00:03:25, end 00:03:27
  const b = await cmd(d, [0xb9, 4, 0, 0, 3, 25, 0, 3, 27, 0xf8, 0, 0], 2 * 2352);
  assert.ok(sameBytes(a.data, b.data));
  assert.equal(b.data.length, 2 * CD_DATA_SIZE);
});

Deno.test("CLV drives read at one rate everywhere; a drive without DVD support has no READ DISC STRUCTURE", async () => {
  const disc = synthesizeDisc({ tracks: [{ type: "audio", length: 300000 }] });
  const d = new VirtualDrive(disc, GENERIC); // CLV, 24×
  await cmd(d, readCd(1000, 1, 1, 0xf8), 2352);
  const inner = await cmd(d, readCd(1001, 25, 1, 0xf8), 25 * 2352);
  await cmd(d, readCd(290000, 1, 1, 0xf8), 2352);
  const outer = await cmd(d, readCd(290001, 25, 1, 0xf8), 25 * 2352);
  assert.ok(Math.abs(outer.durationMs - inner.durationMs) < 1e-6);
  // 25 sectors at 24× (1800 sectors/s) ≈ 13.9 ms.
  assert.ok(Math.abs(inner.durationMs - 0.07 - 25 / 1800 * 1000) < 0.01, `${inner.durationMs}`);
  const ds = await cmd(d, [0xad, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x04, 0, 0], 2052);
  assert.deepEqual([ds.key, ds.asc], [5, 0x20]);
  const mtk = await cmd(new VirtualDrive(disc, MEDIATEK), readCd(-136, 1, 1, 0xf8), 2352);
  assert.equal(mtk.asc, 0x21, "MediaTek pregap start −135");
  assert.equal(
    (await cmd(new VirtualDrive(disc, MEDIATEK), readCd(-135, 1, 1, 0xf8), 2352)).status,
    0,
  );
});

Deno.test("unitAttention profiles report 06/29/00 at power-on and 06/28/00 after a load, once each", async () => {
  const disc = synthesizeDisc(AUDIO);
  const d = new VirtualDrive(disc, parseProfile({ base: "generic", unitAttention: true }));
  assert.equal((await cmd(d, [0x12, 0, 0, 0, 36, 0], 36)).status, 0, "INQUIRY passes");
  const first = await cmd(d, [0, 0, 0, 0, 0, 0]);
  assert.deepEqual([first.key, first.asc, first.ascq], [6, 0x29, 0]);
  assert.equal((await cmd(d, [0, 0, 0, 0, 0, 0])).status, 0);
  await cmd(d, [0x1b, 0, 0, 0, 2, 0]);
  await cmd(d, [0x1b, 0, 0, 0, 3, 0]);
  const after = await cmd(d, [0, 0, 0, 0, 0, 0]);
  assert.deepEqual([after.key, after.asc], [6, 0x28]);
  assert.equal((await cmd(d, [0, 0, 0, 0, 0, 0])).status, 0);
});

Deno.test("Transfers beyond the drive's maximum are refused with 05/24/00, not allocated", async () => {
  const d = new VirtualDrive(synthesizeDisc(AUDIO), GENERIC, { maxTransferBytes: 65536 });
  assert.equal(d.maxTransferBytes, 65536);
  assert.equal((await cmd(d, readCd(0, 0xffffff, 1, 0xf8), 16)).asc, 0x24);
  assert.equal((await cmd(d, [0xa8, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0], 16)).asc, 0x24);
  assert.equal((await cmd(d, readCd(0, 27, 1, 0xf8), 27 * 2352)).status, 0);
});

Deno.test("READ(10) refuses a data sector whose damage breaks its EDC (03/11/05); READ CD still returns it with C2", async () => {
  const disc = synthesizeDisc({
    tracks: [{ type: "mode1", length: 50 }, { type: "mode2form1", length: 50 }],
    damage: { c2: [{ lba: 20, offset: 500, length: 4 }, { lba: 220, offset: 500, length: 4 }] },
  });
  const d = new VirtualDrive(disc, GENERIC);
  for (const lba of [20, 220]) {
    const r = await cmd(d, [0x28, 0, ...be32(lba - 1), 0, 0, 2, 0], 4096);
    assert.deepEqual([r.key, r.asc, r.ascq], [3, 0x11, 5], `LBA ${lba}`);
    assert.equal(r.data.length, 2048, "the good sector before it is transferred");
    const raw = await cmd(d, readCd(lba, 1, 0, 0xfa), 2646);
    assert.equal(raw.status, 0);
    assert.ok(raw.data.subarray(2352).some((b) => b !== 0));
  }
  const ok = await cmd(d, [0x28, 0, ...be32(221), 0, 0, 1, 0], 2048);
  assert.ok(sameBytes(ok.data, disc.authoredSector(221).subarray(24, 2072)));
});
