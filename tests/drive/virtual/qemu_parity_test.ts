// Copyright 2026 the sectorkit authors. MIT license.
/**
 * The virtual drive and QEMU 7.2's emulated drives given the same ISO: where QEMU implements a
 * command, the answers must agree. QEMU's side is recorded from the observations in
 * shared/research/qemu-mmc.md (the QEMU harness belongs to the SCSI tests); where QEMU departs
 * from real drives (binary MSF in raw headers, zero EDC/ECC, session-info track 0, lead-out
 * control 0x16), the test pins the real-drive answer and names the difference.
 */
import assert from "node:assert/strict";
import { createFileStore } from "../../../ffi/file_store.ts";
import { checkDataSector } from "../../../lib/cd/sector.ts";
import { openVirtualDrive } from "../../../lib/drive/virtual/open_virtual_drive.ts";
import { be32, cmd, readCd } from "./helpers.ts";

const fs = createFileStore();
const SECTORS = 1000;
const ascii = (a: Uint8Array): string => new TextDecoder().decode(a);

async function patternIso(): Promise<string> {
  const path = await Deno.makeTempFile({ suffix: ".iso" });
  const enc = new TextEncoder();
  const img = new Uint8Array(SECTORS * 2048);
  for (let lba = 0; lba < SECTORS; lba++) {
    img.set(
      enc.encode(`LBA=${String(lba).padStart(8, "0")}|`.repeat(158)).subarray(0, 2048),
      lba * 2048,
    );
  }
  await Deno.writeFile(path, img);
  return path;
}

Deno.test("Virtual drive answers like QEMU's ide-cd/scsi-cd for the same ISO (qemu-mmc.md §3)", async () => {
  const iso = await patternIso();
  try {
    const d = await openVirtualDrive(iso, { profile: "plextor" }, fs);
    // INQUIRY: MMC device, removable.
    const inq = await cmd(d, [0x12, 0, 0, 0, 96, 0], 96);
    assert.equal(inq.data[0] & 0x1f, 5);
    assert.equal(inq.data[1] >> 7, 1);
    // TEST UNIT READY + READ CAPACITY: last LBA = size/2048 − 1, 2048-byte blocks.
    assert.equal((await cmd(d, [0, 0, 0, 0, 0, 0])).status, 0);
    const cap = await cmd(d, [0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0], 8);
    assert.deepEqual([...cap.data], [...be32(SECTORS - 1), ...be32(2048)]);
    // READ(10): image sectors; past the end 05/21/00.
    const r = await cmd(d, [0x28, 0, ...be32(998), 0, 0, 2, 0], 4096);
    assert.equal(ascii(r.data.subarray(0, 13)), "LBA=00000998|");
    assert.equal(ascii(r.data.subarray(2048, 2061)), "LBA=00000999|");
    const oob = await cmd(d, [0x28, 0, ...be32(1000), 0, 0, 1, 0], 2048);
    assert.deepEqual([oob.status, oob.key, oob.asc], [2, 5, 0x21]);
    const rs = await cmd(d, [0x03, 0, 0, 0, 18, 0], 18);
    assert.deepEqual([rs.data[0] & 0x7f, rs.data[2], rs.data[12]], [0x70, 5, 0x21]);
    // READ(12) too.
    const r12 = await cmd(d, [0xa8, 0, ...be32(5), ...be32(1), 0, 0], 2048);
    assert.equal(ascii(r12.data.subarray(0, 13)), "LBA=00000005|");
    // READ TOC format 0 (LBA): QEMU `00 12 01 01 00 14 01 00 00 00 00 00 00 16 aa 00 00 00 03 e8`.
    const toc = await cmd(d, [0x43, 0, 0, 0, 0, 0, 0, 0x03, 0x24, 0], 804);
    const qemuToc = [0, 0x12, 1, 1, 0, 0x14, 1, 0, 0, 0, 0, 0, 0, 0x16, 0xaa, 0, 0, 0, 3, 0xe8];
    assert.equal(toc.data.length, qemuToc.length);
    toc.data.forEach((b, i) => {
      // Byte 13: QEMU says 0x16 for the lead-out; drives repeat the last track's ADR/CONTROL.
      if (i !== 13) assert.equal(b, qemuToc[i], `TOC byte ${i}`);
    });
    assert.equal(toc.data[13], 0x14);
    // MSF: binary 00:02:00 and lead-out 00:15:25.
    const tocMsf = await cmd(d, [0x43, 2, 0, 0, 0, 0, 0, 0x03, 0x24, 0], 804);
    assert.deepEqual([...tocMsf.data.subarray(8, 12)], [0, 0, 2, 0]);
    assert.deepEqual([...tocMsf.data.subarray(16, 20)], [0, 0, 15, 25]);
    // Start track > 1 → 05/24/00.
    assert.equal((await cmd(d, [0x43, 0, 0, 0, 0, 0, 2, 0x03, 0x24, 0], 804)).asc, 0x24);
    // FULL TOC, by byte 9 (ide-cd) and by byte 2 (scsi-cd): QEMU's four descriptors exactly.
    // deno-fmt-ignore
    const qemuFull = [
      0, 0x2e, 1, 1,
      1, 0x14, 0, 0xa0, 0, 0, 0, 0, 1, 0, 0,
      1, 0x14, 0, 0xa1, 0, 0, 0, 0, 1, 0, 0,
      1, 0x14, 0, 0xa2, 0, 0, 0, 0, 0, 15, 25,
      1, 0x14, 0, 0x01, 0, 0, 0, 0, 0, 2, 0,
    ];
    assert.deepEqual(
      [...(await cmd(d, [0x43, 2, 0, 0, 0, 0, 1, 0x03, 0x24, 0x80], 804)).data],
      qemuFull,
    );
    assert.deepEqual(
      [...(await cmd(d, [0x43, 2, 2, 0, 0, 0, 1, 0x03, 0x24, 0], 804)).data],
      qemuFull,
    );
    // Session info: QEMU `00 0a 01 01 …` with track 0; a real drive (and this one) reports track 1.
    const ses = await cmd(d, [0x43, 0, 1, 0, 0, 0, 0, 0, 12, 0], 12);
    assert.deepEqual([...ses.data.subarray(0, 4)], [0, 0x0a, 1, 1]);
    assert.deepEqual([...ses.data.subarray(8, 12)], [0, 0, 0, 0]);
    assert.equal(ses.data[6], 1);
    // GET CONFIGURATION: CD-ROM is the current profile of a CD-sized image.
    const cfg = await cmd(d, [0x46, 0, 0, 0, 0, 0, 0, 0x10, 0, 0], 4096);
    assert.equal((cfg.data[6] << 8) | cfg.data[7], 0x0008);
    const list = cfg.data.subarray(12, 12 + cfg.data[11]);
    const profiles = [];
    for (let o = 0; o < list.length; o += 4) {
      profiles.push([(list[o] << 8) | list[o + 1], list[o + 2] & 1]);
    }
    assert.ok(profiles.some(([p, cur]) => p === 0x0008 && cur === 1));
    assert.ok(profiles.some(([p, cur]) => p === 0x0010 && cur === 0));
    // GET EVENT STATUS NOTIFICATION, media class: `00 04 04 10 00 02 00 00`.
    const gesn = await cmd(d, [0x4a, 1, 0, 0, 0x10, 0, 0, 0, 8, 0], 8);
    assert.deepEqual([...gesn.data], [0, 4, 4, 0x10, 0, 2, 0, 0]);
    assert.equal((await cmd(d, [0x4a, 0, 0, 0, 0x10, 0, 0, 0, 8, 0], 8)).asc, 0x24, "async GESN");
    // READ DISC INFORMATION: 34 bytes, complete disc, track 1, one session, URU, CD-ROM type.
    const di = await cmd(d, [0x51, 0, 0, 0, 0, 0, 0, 0, 34, 0], 34);
    assert.deepEqual([...di.data.subarray(0, 9)], [0, 32, 0x0e, 1, 1, 1, 1, 0x20, 0]);
    // MODE SENSE(10) page 0x2A.
    const ms = await cmd(d, [0x5a, 0, 0x2a, 0, 0, 0, 0, 0, 64, 0], 64);
    assert.equal(ms.data[8] & 0x3f, 0x2a);
    // READ DVD STRUCTURE format 0 on CD-sized media → 05/30/02; SET CD SPEED, MECHANISM STATUS ok.
    const ds = await cmd(d, [0xad, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x04, 0, 0], 2052);
    assert.deepEqual([ds.key, ds.asc, ds.ascq], [5, 0x30, 2]);
    assert.equal((await cmd(d, [0xbb, 0, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0])).status, 0);
    const mech = await cmd(d, [0xbd, 0, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0], 8);
    assert.deepEqual([...mech.data], [0, 0, 0, 0, 0, 1, 0, 0]);
    // READ CD: 0x10 → 2048 user bytes; 0xF8 → sync + header + user data (+ EDC/ECC).
    const cooked = await cmd(d, readCd(16, 1, 0, 0x10), 2352);
    assert.equal(cooked.data.length, 2048);
    assert.equal(ascii(cooked.data.subarray(0, 13)), "LBA=00000016|");
    const raw = await cmd(d, readCd(16, 1, 0, 0xf8), 2352);
    assert.deepEqual([...raw.data.subarray(0, 12)], [0, ...new Array(10).fill(0xff), 0]);
    // QEMU writes binary MSF `00 02 10 01` and zero EDC/ECC; a pressed disc has BCD and real ECC.
    assert.deepEqual([...raw.data.subarray(12, 16)], [0x00, 0x02, 0x16, 0x01]);
    assert.equal(ascii(raw.data.subarray(16, 29)), "LBA=00000016|");
    const chk = checkDataSector(raw.data);
    assert.ok(chk.edcOk && chk.eccOk);
    // Transfer length 0 → GOOD, no data; past the end → 05/21/00.
    const none = await cmd(d, readCd(16, 0, 0, 0x10), 2352);
    assert.deepEqual([none.status, none.data.length], [0, 0]);
    assert.equal((await cmd(d, readCd(1000, 1, 0, 0x10), 2352)).asc, 0x21);
    // Opcodes QEMU's ide-cd lacks and neither does a plain MMC drive: invalid opcode.
    assert.equal((await cmd(d, [0x44, 0, 0, 0, 0, 0, 0, 0, 8, 0], 8)).asc, 0x20);
    // Eject: TUR → 02/3A/00; load again.
    assert.equal((await cmd(d, [0x1b, 0, 0, 0, 2, 0])).status, 0);
    const tur = await cmd(d, [0, 0, 0, 0, 0, 0]);
    assert.deepEqual([tur.key, tur.asc, tur.ascq], [2, 0x3a, 0]);
    assert.equal((await cmd(d, [0x1b, 0, 0, 0, 3, 0])).status, 0);
    assert.equal((await cmd(d, [0, 0, 0, 0, 0, 0])).status, 0);
    d.close();
  } finally {
    await Deno.remove(iso);
  }
});

Deno.test("A DVD-sized ISO is a DVD-ROM: READ CAPACITY, profile 0x0010, READ DISC STRUCTURE physical format", async () => {
  const path = await Deno.makeTempFile({ suffix: ".iso" });
  try {
    const sectors = 400_000; // 819,200,000 bytes, sparse
    const f = await Deno.open(path, { write: true });
    await f.truncate(sectors * 2048);
    f.close();
    const d = await openVirtualDrive(path, { profile: "plextor" }, fs);
    const cap = await cmd(d, [0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0], 8);
    assert.deepEqual([...cap.data], [...be32(sectors - 1), ...be32(2048)]);
    const cfg = await cmd(d, [0x46, 1, 0, 0, 0, 0, 0, 0, 64, 0], 64);
    assert.equal((cfg.data[6] << 8) | cfg.data[7], 0x0010);
    const pfi = await cmd(d, [0xad, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x04, 0, 0], 2052);
    assert.equal(pfi.status, 0);
    assert.equal((pfi.data[0] << 8) | pfi.data[1], 2050);
    const dv = new DataView(pfi.data.buffer, pfi.data.byteOffset);
    assert.equal(dv.getUint32(4 + 4), 0x30000);
    assert.equal(dv.getUint32(4 + 8), 0x30000 + sectors - 1);
    const list = await cmd(d, [0xad, 0, 0, 0, 0, 0, 0, 0xff, 0x10, 0, 0, 0], 4096);
    assert.equal(list.status, 0);
    const r = await cmd(d, [0x28, 0, ...be32(sectors - 1), 0, 0, 1, 0], 2048);
    assert.deepEqual([r.status, r.data.length], [0, 2048]);
    assert.equal(
      (await cmd(d, [0x43, 0, 4, 0, 0, 0, 0, 0, 64, 0], 64)).asc,
      0x24,
      "no ATIP on DVD",
    );
    const cd = await cmd(d, readCd(10, 1, 0, 0xf8), 2352);
    assert.deepEqual([cd.key, cd.asc], [5, 0x30]);
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("A BD-sized ISO is a BD-ROM: profile 0x0040 and a disc information unit", async () => {
  const path = await Deno.makeTempFile({ suffix: ".iso" });
  try {
    const f = await Deno.open(path, { write: true });
    await f.truncate(9_000_000_000); // sparse
    f.close();
    const d = await openVirtualDrive(path, { profile: "mediatek" }, fs);
    const cfg = await cmd(d, [0x46, 1, 0, 0, 0, 0, 0, 0, 64, 0], 64);
    assert.equal((cfg.data[6] << 8) | cfg.data[7], 0x0040);
    const di = await cmd(d, [0xad, 1, 0, 0, 0, 0, 0, 0, 0x10, 0x04, 0, 0], 4100);
    assert.equal(di.status, 0);
    assert.equal(ascii(di.data.subarray(4, 6)), "DI");
  } finally {
    await Deno.remove(path);
  }
});
