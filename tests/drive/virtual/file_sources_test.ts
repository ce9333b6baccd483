// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { createFileStore } from "../../../ffi/file_store.ts";
import { CD_DATA_SIZE } from "../../../lib/cd/constants.ts";
import { synthesizeDisc } from "../../../lib/cd/disc/synthesize.ts";
import { writeDumpSet } from "../../../lib/cd/disc/write_dump_set.ts";
import { scramble } from "../../../lib/cd/scrambler.ts";
import { deinterleave, qCrcValid, Subchannel } from "../../../lib/cd/subchannel.ts";
import { openVirtualDrive } from "../../../lib/drive/virtual/open_virtual_drive.ts";
import { cmd, readCd, readD8, sameBytes } from "./helpers.ts";

const fs = createFileStore();

Deno.test("A dump set served by the virtual drive reads back as the disc it was written from, damage included", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const disc = synthesizeDisc({
      seed: 3,
      writeOffset: 700,
      mcn: "0000000000017",
      tracks: [
        { type: "mode1", length: 300, postgap: 50 },
        { type: "audio", length: 200, isrc: "XXABC2600001" },
      ],
      damage: { c2: [{ lba: 100, offset: 100, length: 64 }], unreadable: [120], qCrc: [130] },
    });
    const f = await writeDumpSet(disc, dir, "d", { fs });
    const drive = await openVirtualDrive(`virtual:${f.scram}`, { profile: "plextor" }, fs);
    const toc = await cmd(drive, [0x43, 0, 0, 0, 0, 0, 1, 0x03, 0x24, 0], 804);
    assert.deepEqual([...toc.data.subarray(0, 4)], [0, 0x1a, 1, 2]);
    // D8 of the whole disc, avoiding the unreadable sector: authored sectors come back.
    const r = 30;
    for (const [from, to] of [[-75, 115], [125, 650]]) {
      const n = to - from;
      const rd = await cmd(drive, readD8(from, n, 0), n * CD_DATA_SIZE);
      assert.equal(rd.status, 0, `D8 ${from}..${to}`);
      const base = from * CD_DATA_SIZE - r * 4;
      for (let lba = from + 1; lba < to - 1; lba++) {
        if (lba === 100 || lba === 99 || lba === 101) continue;
        const at = lba * CD_DATA_SIZE + 700 * 4 - base;
        if (at < 0 || at + CD_DATA_SIZE > rd.data.length) continue;
        const s = rd.data.slice(at, at + CD_DATA_SIZE);
        if (disc.isDataSector(lba)) scramble(s);
        assert.ok(sameBytes(s, disc.authoredSector(lba)), `LBA ${lba}`);
      }
    }
    // The unreadable sector fails, the C2-damaged one carries C2 pointers, Q CRC damage survives.
    // Authored sector 120 lies 700 samples later on the disc and 30 earlier in a PLEXTOR read:
    // drive LBA 121 is the one that touches it.
    assert.equal((await cmd(drive, readD8(119, 1, 0), CD_DATA_SIZE)).status, 0);
    const bad = await cmd(drive, readD8(121, 1, 0), CD_DATA_SIZE);
    assert.deepEqual([bad.key, bad.asc, bad.ascq], [3, 0x11, 5]);
    // PLEXTOR's C2 shift (295 bytes) delivers sector 100's pointers with the read of 101.
    const c2at100 = await cmd(drive, readCd(100, 1, 0, 0xfa, 0), CD_DATA_SIZE + 294);
    assert.ok(c2at100.data.subarray(CD_DATA_SIZE).every((b) => b === 0));
    const c2 = await cmd(drive, readCd(101, 1, 0, 0xfa, 0), CD_DATA_SIZE + 294);
    assert.equal(c2.status, 0);
    assert.ok(c2.data.subarray(CD_DATA_SIZE).some((b) => b !== 0));
    const q = await cmd(drive, readCd(130, 1, 0, 0, 1), 96);
    assert.ok(!qCrcValid(deinterleave(q.data, Subchannel.Q)));
    // Data sectors descrambled by the drive: sync-aligned with the write offset found by sync.
    const cooked = await cmd(drive, readCd(16, 1, 0, 0xf8), CD_DATA_SIZE);
    assert.ok(sameBytes(cooked.data, disc.authoredSector(16)));
    drive.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
