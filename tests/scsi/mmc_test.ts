// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import type { ScsiResult, ScsiTransport } from "../../lib/platform/scsi_transport.ts";
import { Mmc } from "../../lib/scsi/mmc.ts";
import {
  getConfiguration,
  mediatekReadCache,
  read10,
  readCd,
  readToc,
  testUnitReady,
} from "../../lib/scsi/mmc_commands.ts";
import { ScsiError } from "../../lib/scsi/scsi_error.ts";
import { memoryFileStore } from "./fake_fs.ts";
import { parseTrace, recordingTransport, replayTransport } from "../../lib/scsi/trace.ts";

const OK: ScsiResult = { status: 0, sense: new Uint8Array(), transferred: 0, transportError: 0 };

/** A drive of `sectors` 2048-byte sectors whose bytes are the LBA's low byte; logs CDBs. */
function fakeDrive(sectors: number, maxTransferBytes: number) {
  const log: Uint8Array[] = [];
  const t: ScsiTransport = {
    path: "/dev/fake",
    maxTransferBytes,
    close() {},
    execute(cdb, _dir, buf) {
      log.push(cdb.slice());
      const v = new DataView(cdb.buffer, cdb.byteOffset);
      if (cdb[0] === 0x28 || cdb[0] === 0xbe) {
        const lba = v.getInt32(2);
        const n = cdb[0] === 0x28 ? v.getUint16(7) : (cdb[6] << 16) | v.getUint16(7);
        if (lba + n > sectors) {
          const sense = new Uint8Array(18);
          sense.set([0x70, 0, 5, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x21, 0]);
          return Promise.resolve({ ...OK, status: 2, sense });
        }
        const size = buf!.length / n;
        for (let i = 0; i < n; i++) buf!.fill((lba + i) & 0xff, i * size, (i + 1) * size);
        return Promise.resolve({ ...OK, transferred: buf!.length });
      }
      if (cdb[0] === 0x43) {
        // A 3-track TOC (28 bytes) that needs more than a 4-byte allocation.
        const toc = new Uint8Array([
          0,
          34,
          1,
          3,
          0,
          0x10,
          1,
          0,
          0,
          0,
          0,
          0,
          0,
          0x10,
          2,
          0,
          0,
          0,
          0x10,
          0,
          0,
          0x14,
          3,
          0,
          0,
          0,
          0x20,
          0,
          0,
          0x16,
          0xaa,
          0,
          0,
          0,
          0x30,
          0,
        ]);
        buf!.set(toc.subarray(0, buf!.length));
        return Promise.resolve({ ...OK, transferred: buf!.length });
      }
      if (cdb[0] === 0x46) {
        const cfg = new Uint8Array(16);
        cfg.set([0, 0, 0, 12, 0, 0, 0, 8, 0, 0, 3, 4, 0, 8, 1, 0]);
        buf!.set(cfg.subarray(0, buf!.length));
        return Promise.resolve({ ...OK, transferred: buf!.length });
      }
      if (cdb[0] === 0xf1) {
        const off = v.getUint32(2);
        for (let i = 0; i < buf!.length; i++) buf![i] = ((off + i) >> 16) & 0xff;
        return Promise.resolve({ ...OK, transferred: buf!.length });
      }
      if (cdb[0] === 0) {
        const sense = new Uint8Array(18);
        sense.set([0x70, 0, 2, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x3a, 0]);
        return Promise.resolve({ ...OK, status: 2, sense });
      }
      return Promise.resolve(OK);
    },
  };
  return { t, log };
}

Deno.test("read10() splits a read to maxTransferBytes and keeps the order", async () => {
  const { t, log } = fakeDrive(100, 8 * 2048);
  const data = await read10(new Mmc(t), 10, 20);
  assert.equal(data.length, 20 * 2048);
  for (let i = 0; i < 20; i++) assert.equal(data[i * 2048 + 7], 10 + i);
  assert.deepEqual(log.map((c) => [c[5], c[8]]), [[10, 8], [18, 8], [26, 4]]);
});

Deno.test("readCd() sizes raw+C2+subchannel sectors and names the failing sector", async () => {
  const { t } = fakeDrive(50, 65536);
  const mmc = new Mmc(t);
  const fields = { userData: true, c2: "c2", subchannel: "raw" } as const;
  const d = await readCd(mmc, 0, 30, fields);
  assert.equal(d.length, 30 * 2742);
  assert.equal(d[29 * 2742], 29);
  await assert.rejects(
    () => readCd(mmc, 45, 10, fields),
    (e) =>
      e instanceof ScsiError && e.lba === 45 &&
      /LOGICAL BLOCK ADDRESS OUT OF RANGE/.test(e.message),
  );
});

Deno.test("readVariable() re-issues READ TOC with the length from its header", async () => {
  const { t, log } = fakeDrive(1, 65536);
  const mmc = new Mmc(t);
  const toc = await mmc.readVariable(
    (a) => new Uint8Array([0x43, 0, 0, 0, 0, 0, 1, a >> 8, a & 0xff, 0]),
    (d) => ((d[0] << 8) | d[1]) + 2,
    4,
  );
  assert.equal(toc.length, 36);
  assert.deepEqual(log.map((c) => (c[7] << 8) | c[8]), [4, 36]);
  const parsed = await readToc(mmc);
  assert.deepEqual(parsed.tracks.map((x) => x.track), [1, 2, 3, 0xaa]);
  assert.equal(parsed.raw.length, 36);
});

Deno.test("getConfiguration(), testUnitReady() and mediatekReadCache() on a fake drive", async () => {
  const { t, log } = fakeDrive(1, 0x8000);
  const mmc = new Mmc(t);
  const c = await getConfiguration(mmc);
  assert.equal(c.currentProfileName, "CD-ROM");
  const tur = await testUnitReady(mmc);
  assert.ok(tur?.noMedium);
  log.length = 0;
  const cache = await mediatekReadCache(mmc, 0, 0x20000 + 100);
  assert.equal(cache.length, 0x20000 + 100);
  assert.equal(cache[0x10000], 1);
  assert.equal(cache[0x20000 + 99], 2);
  assert.equal(log.length, 5);
});

Deno.test("recordingTransport() writes a trace that replayTransport() serves back", async () => {
  const fs = memoryFileStore();
  const { t } = fakeDrive(100, 65536);
  const rec = await recordingTransport(t, fs, "/s.jsonl");
  const mmc = new Mmc(rec);
  const a = await read10(mmc, 3, 2);
  const tur = await testUnitReady(mmc);
  const toc = await readToc(mmc);
  const text = await fs.readTextFile("/s.jsonl");
  const { header, records } = parseTrace(text);
  assert.equal(header.path, "/dev/fake");
  assert.equal(records.length, 3);
  assert.equal(records[1].status, 2);

  const replay = replayTransport(text);
  const m2 = new Mmc(replay);
  assert.deepEqual(await read10(m2, 3, 2), a);
  assert.ok((await testUnitReady(m2))?.noMedium && tur?.noMedium);
  assert.deepEqual((await readToc(m2)).raw, toc.raw);
  assert.equal(replay.unused(), 0);
  await assert.rejects(() => read10(m2, 50, 1), /command not in the trace \(CDB 28 00/);
});
