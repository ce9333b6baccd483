// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import {
  inquiryCdb,
  preventAllowCdb,
  read10Cdb,
  read12Cdb,
  readCapacityCdb,
  requestSenseCdb,
  startStopUnitCdb,
  testUnitReadyCdb,
} from "../../lib/scsi/cdb_spc.ts";
import {
  cdSpeedKBps,
  getConfigurationCdb,
  getEventStatusCdb,
  modeSense10Cdb,
  readDiscInformationCdb,
  readDiscStructureCdb,
  readTocCdb,
  readTrackInformationCdb,
  setCdSpeedCdb,
} from "../../lib/scsi/cdb_mmc.ts";
import { hex } from "../../lib/scsi/bytes.ts";

Deno.test("SPC CDB builders match the SPC/SBC byte layouts", () => {
  assert.equal(hex(testUnitReadyCdb()), "00 00 00 00 00 00");
  assert.equal(hex(requestSenseCdb(18)), "03 00 00 00 12 00");
  assert.equal(hex(requestSenseCdb(252, true)), "03 01 00 00 fc 00");
  assert.equal(hex(inquiryCdb(96)), "12 00 00 00 60 00");
  assert.equal(hex(inquiryCdb(0x200, 0x83)), "12 01 83 02 00 00");
  assert.equal(hex(startStopUnitCdb("eject")), "1b 00 00 00 02 00");
  assert.equal(hex(startStopUnitCdb("load", true)), "1b 01 00 00 03 00");
  assert.equal(hex(startStopUnitCdb("stop")), "1b 00 00 00 00 00");
  assert.equal(hex(startStopUnitCdb("start")), "1b 00 00 00 01 00");
  assert.equal(hex(preventAllowCdb(true)), "1e 00 00 00 01 00");
  assert.equal(hex(preventAllowCdb(false)), "1e 00 00 00 00 00");
  assert.equal(hex(readCapacityCdb()), "25 00 00 00 00 00 00 00 00 00");
});

Deno.test("read10Cdb() and read12Cdb() encode LBA, count and FUA/DPO", () => {
  assert.equal(hex(read10Cdb(0x12345678, 0x20)), "28 00 12 34 56 78 00 00 20 00");
  assert.equal(hex(read10Cdb(5, 1, { fua: true })), "28 08 00 00 00 05 00 00 01 00");
  assert.equal(hex(read10Cdb(5, 1, { dpo: true })), "28 10 00 00 00 05 00 00 01 00");
  assert.throws(() => read10Cdb(0, 0x10000), RangeError);
  assert.equal(hex(read12Cdb(1000, 0x10000, { fua: true })), "a8 08 00 00 03 e8 00 01 00 00 00 00");
  assert.equal(hex(read12Cdb(7, 0, { fua: true })), "a8 08 00 00 00 07 00 00 00 00 00 00");
});

Deno.test("readTocCdb() puts formats 0-2 in byte 2 and byte 9 bits 7-6, 3-5 only in byte 2", () => {
  assert.equal(hex(readTocCdb(0, { allocation: 804 })), "43 00 00 00 00 00 00 03 24 00");
  assert.equal(
    hex(readTocCdb(0, { msf: true, trackOrSession: 1 })),
    "43 02 00 00 00 00 01 00 04 00",
  );
  assert.equal(hex(readTocCdb(1)), "43 00 01 00 00 00 00 00 04 40");
  assert.equal(
    hex(readTocCdb(2, { msf: true, trackOrSession: 1 })),
    "43 02 02 00 00 00 01 00 04 80",
  );
  assert.equal(hex(readTocCdb(3)), "43 00 03 00 00 00 00 00 04 00");
  assert.equal(hex(readTocCdb(4)), "43 00 04 00 00 00 00 00 04 00");
  assert.equal(hex(readTocCdb(5, { allocation: 0xffff })), "43 00 05 00 00 00 00 ff ff 00");
  assert.throws(() => readTocCdb(6), RangeError);
});

Deno.test("MMC information CDB builders match MMC layouts", () => {
  assert.equal(hex(getConfigurationCdb("all", 0, 4096)), "46 00 00 00 00 00 00 10 00 00");
  assert.equal(hex(getConfigurationCdb("current", 0, 8)), "46 01 00 00 00 00 00 00 08 00");
  assert.equal(hex(getConfigurationCdb("one", 0x1e, 16)), "46 02 00 1e 00 00 00 00 10 00");
  assert.equal(hex(modeSense10Cdb(0x2a, 256)), "5a 08 2a 00 00 00 00 01 00 00");
  assert.equal(hex(modeSense10Cdb(0x3f, 8, "changeable")), "5a 08 7f 00 00 00 00 00 08 00");
  assert.equal(hex(modeSense10Cdb(0x01, 8, "default")), "5a 08 81 00 00 00 00 00 08 00");
  assert.equal(hex(readDiscInformationCdb()), "51 00 00 00 00 00 00 00 22 00");
  assert.equal(hex(readTrackInformationCdb(1)), "52 01 00 00 00 01 00 00 30 00");
  assert.equal(hex(readTrackInformationCdb(16, "lba", 40)), "52 00 00 00 00 10 00 00 28 00");
  assert.equal(hex(readTrackInformationCdb(2, "session")), "52 02 00 00 00 02 00 00 30 00");
  assert.equal(
    hex(readDiscStructureCdb(0xff, { allocation: 4096 })),
    "ad 00 00 00 00 00 00 ff 10 00 00 00",
  );
  assert.equal(
    hex(readDiscStructureCdb(0, { mediaType: 1, layer: 1, agid: 2, allocation: 2052 })),
    "ad 01 00 00 00 00 01 00 08 04 80 00",
  );
  assert.equal(hex(setCdSpeedCdb()), "bb 00 ff ff ff ff 00 00 00 00 00 00");
  assert.equal(hex(setCdSpeedCdb(cdSpeedKBps(8), 0)), "bb 00 05 84 00 00 00 00 00 00 00 00");
  assert.equal(cdSpeedKBps(1), 177);
  assert.equal(hex(getEventStatusCdb()), "4a 01 00 00 10 00 00 00 08 00");
  assert.equal(hex(getEventStatusCdb([1, 4], 16)), "4a 01 00 00 12 00 00 00 10 00");
});
