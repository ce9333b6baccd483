// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import {
  allDrives,
  driveOptionLine,
  lookupDrive,
  normalizeDriveString,
  offsetKey,
} from "../../lib/drive/drive_database.ts";
import { KNOWN_BAD_DRIVES, KNOWN_GOOD_DRIVES } from "../../lib/drive/drive_table.ts";

Deno.test("the built-in table has 59 known-good and 28 known-bad rows", () => {
  assert.equal(KNOWN_GOOD_DRIVES.length, 59);
  assert.equal(KNOWN_BAD_DRIVES.length, 28);
  assert.equal(allDrives()[0].status, "known-good");
  assert.equal(allDrives().at(-1)!.status, "known-bad");
});

Deno.test("lookupDrive() matches normalised vendor/product/revision of a known-good PLEXTOR", () => {
  const r = lookupDrive({ vendor: "PLEXTOR ", product: "DVDR   PX-760A  ", revision: "1.07" });
  assert.equal(r.status, "known-good");
  assert.equal(r.offsetSource, "database");
  assert.deepEqual(
    [
      r.config.type,
      r.config.readOffset,
      r.config.c2Shift,
      r.config.pregapStart,
      r.config.readMethod,
    ],
    ["PLEXTOR", 30, 295, -75, "D8"],
  );
  assert.equal(r.config.product, "DVDR PX-760A");
});

Deno.test("lookupDrive() needs the vendor-specific bytes when the row has them (Kreon)", () => {
  const kreon = lookupDrive({
    vendor: "TSSTcorp",
    product: "DVD-ROM SH-D163A",
    revision: "DC02",
    vendorSpecific: "KREON V1.00.........",
  });
  assert.equal(kreon.status, "known-good");
  assert.equal(kreon.config.sectorOrder, "DATA_SUB_C2");
  const plain = lookupDrive({ vendor: "TSSTcorp", product: "DVD-ROM SH-D163A", revision: "DC02" });
  assert.equal(plain.status, "unsupported-firmware");
  assert.equal(plain.config.type, "GENERIC");
});

Deno.test("lookupDrive() reports other firmware, known-bad rows and unknown drives", () => {
  const fw = lookupDrive({ vendor: "ASUS", product: "BW-16D1HT", revision: "3.10" });
  assert.equal(fw.status, "unsupported-firmware");
  assert.match(fw.notes[0], /unsupported drive firmware 3\.10 \(known: 3\.02\)/);
  const bad = lookupDrive({ vendor: "PIONEER", product: "BD-RW BDR-209D", revision: "1.10" });
  assert.equal(bad.status, "known-bad");
  assert.equal(bad.config.readOffset, 667);
  const anyRev = lookupDrive({ vendor: "PLEXTOR", product: "CD-R PX-W1210A", revision: "9.99" });
  assert.equal(anyRev.status, "known-bad");
  const unknown = lookupDrive({ vendor: "QEMU", product: "QEMU DVD-ROM", revision: "2.5+" });
  assert.equal(unknown.status, "unknown");
  assert.equal(unknown.offsetSource, "none");
  assert.equal(unknown.config.type, "GENERIC");
  assert.match(unknown.notes.join("\n"), /drives offsets --import/);
});

Deno.test("lookupDrive() takes the read offset from the imported AccurateRip list", () => {
  const offsets = new Map([[offsetKey("YAMAHA", "CRW-F1E"), 733]]);
  const r = lookupDrive({ vendor: "YAMAHA", product: "CRW-F1E", revision: "1.0g" }, offsets);
  assert.equal(r.status, "unknown");
  assert.equal(r.offsetSource, "accuraterip");
  assert.equal(r.config.readOffset, 733);
  // The database row wins over the list for known drives.
  const p = lookupDrive(
    { vendor: "PLEXTOR", product: "CD-R PREMIUM", revision: "1.07" },
    new Map([[offsetKey("PLEXTOR", "CD-R PREMIUM"), 99]]),
  );
  assert.equal(p.config.readOffset, 30);
});

Deno.test("normalizeDriveString() and driveOptionLine()", () => {
  assert.equal(normalizeDriveString("__HL-DT-ST_ ", true), "HL-DT-ST");
  assert.equal(
    driveOptionLine({
      type: "MTK3",
      readOffset: 6,
      c2Shift: 0,
      pregapStart: -135,
      readMethod: "BE",
      sectorOrder: "DATA_C2_SUB",
    }),
    "--drive-type=MTK3 --drive-read-offset=+6 --drive-c2-shift=0 --drive-pregap-start=-135 --drive-read-method=BE --drive-sector-order=DATA_C2_SUB",
  );
  assert.match(
    driveOptionLine({
      ...lookupDrive({ vendor: "Lite-On", product: "LTN483S 48x Max", revision: "PD03" }).config,
    }),
    /--drive-read-offset=-1164 .*--drive-sector-order=DATA_C2$/,
  );
});
