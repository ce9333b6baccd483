// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { hex } from "../../lib/scsi/bytes.ts";
import {
  lbaToMsf,
  mediatekReadCacheCdb,
  msfToLba,
  plextorReadCddaCdb,
  plextorSectorSize,
  READ_CD_PRESETS,
  readCdCdb,
  readCdMsfCdb,
  readCdSectorSize,
  type SectorType,
} from "../../lib/scsi/read_cd.ts";

Deno.test("readCdCdb() encodes every expected sector type in byte 1 bits 4-2", () => {
  const types: [SectorType, number][] = [
    ["any", 0x00],
    ["cdda", 0x04],
    ["mode1", 0x08],
    ["mode2", 0x0c],
    ["mode2form1", 0x10],
    ["mode2form2", 0x14],
  ];
  for (const [t, b] of types) assert.equal(readCdCdb(0, 1, { sectorType: t })[1], b, t);
  assert.equal(readCdCdb(0, 1, { sectorType: "cdda", dap: true })[1], 0x06);
});

Deno.test("readCdCdb() encodes sync/header/user/EDC/C2 in byte 9 and subchannel in byte 10", () => {
  assert.equal(readCdCdb(0, 1, READ_CD_PRESETS.raw)[9], 0xf8);
  assert.equal(readCdCdb(0, 1, READ_CD_PRESETS.user)[9], 0x10);
  assert.equal(readCdCdb(0, 1, { header: "header" })[9], 0x20);
  assert.equal(readCdCdb(0, 1, { header: "subheader" })[9], 0x40);
  assert.equal(readCdCdb(0, 1, { header: "all" })[9], 0x60);
  assert.equal(readCdCdb(0, 1, { edcEcc: true })[9], 0x08);
  assert.equal(readCdCdb(0, 1, { c2: "c2" })[9], 0x02);
  assert.equal(readCdCdb(0, 1, { c2: "c2-beb" })[9], 0x04);
  assert.equal(readCdCdb(0, 1, { subchannel: "raw" })[10], 1);
  assert.equal(readCdCdb(0, 1, { subchannel: "q" })[10], 2);
  assert.equal(readCdCdb(0, 1, { subchannel: "rw" })[10], 4);
  // redumper's CD-DA request: type 1, user data + C2 → byte 1 0x04, byte 9 0x12.
  const cdda = readCdCdb(-135, 27, {
    sectorType: "cdda",
    userData: true,
    c2: "c2",
    subchannel: "raw",
  });
  assert.equal(hex(cdda), "be 04 ff ff ff 79 00 00 1b 12 01 00");
  assert.throws(() => readCdCdb(0, 0x1000000, {}), RangeError);
});

Deno.test("readCdSectorSize() follows the MMC bytes-returned table", () => {
  const raw = READ_CD_PRESETS.raw;
  assert.equal(readCdSectorSize(raw, "mode1"), 2352);
  assert.equal(readCdSectorSize(raw, "mode2form1"), 2352);
  assert.equal(readCdSectorSize(raw, "mode2form2"), 2352);
  assert.equal(readCdSectorSize(raw, "mode2"), 2352);
  assert.equal(readCdSectorSize(raw, "cdda"), 2352);
  assert.equal(readCdSectorSize({ userData: true }, "mode1"), 2048);
  assert.equal(readCdSectorSize({ userData: true }, "mode2"), 2336);
  assert.equal(readCdSectorSize({ userData: true }, "mode2form2"), 2324);
  assert.equal(readCdSectorSize({ header: "all", userData: true }, "mode2form1"), 2060);
  assert.equal(readCdSectorSize({ header: "all", userData: true, edcEcc: true }, "mode1"), 2340);
  assert.equal(readCdSectorSize({ sync: true, header: "header" }, "mode1"), 16);
  assert.equal(readCdSectorSize({ userData: true, c2: "c2", subchannel: "raw" }, "cdda"), 2742);
  assert.equal(readCdSectorSize({ userData: true, c2: "c2-beb" }, "cdda"), 2648);
  assert.equal(readCdSectorSize({ userData: true, subchannel: "q" }, "cdda"), 2368);
  assert.equal(readCdSectorSize({ subchannel: "raw" }, "cdda"), 96);
});

Deno.test("lbaToMsf()/msfToLba() use the MMC mapping incl. negative LBAs", () => {
  assert.deepEqual(lbaToMsf(0), { m: 0, s: 2, f: 0 });
  assert.deepEqual(lbaToMsf(-150), { m: 0, s: 0, f: 0 });
  assert.deepEqual(lbaToMsf(359849), { m: 79, s: 59, f: 74 });
  assert.deepEqual(lbaToMsf(-151), { m: 99, s: 59, f: 74 });
  for (const l of [-45150, -1150, -151, -150, 0, 16, 4500, 404849]) {
    assert.equal(msfToLba(lbaToMsf(l)), l);
  }
});

Deno.test("readCdMsfCdb(), plextorReadCddaCdb() and mediatekReadCacheCdb() layouts", () => {
  const c = readCdMsfCdb(lbaToMsf(16), lbaToMsf(17), READ_CD_PRESETS.raw);
  assert.equal(hex(c), "b9 00 00 00 02 10 00 02 11 f8 00 00");
  for (const sub of [0, 1, 2, 3, 8] as const) {
    assert.equal(plextorReadCddaCdb(100, 2, sub)[10], sub);
  }
  assert.equal(hex(plextorReadCddaCdb(-1, 0x12345, 2)), "d8 00 ff ff ff ff 00 01 23 45 02 00");
  assert.deepEqual([0, 1, 2, 3, 8].map((s) => plextorSectorSize(s as 0)), [
    2352,
    2368,
    2448,
    96,
    2742,
  ]);
  assert.equal(hex(mediatekReadCacheCdb(0x10000, 0x10000)), "f1 06 00 01 00 00 00 01 00 00");
});
