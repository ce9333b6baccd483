// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { ascText, senseKeyName } from "../../lib/scsi/asc_table.ts";
import { formatSense, parseSense } from "../../lib/scsi/sense.ts";
import {
  checkResult,
  ScsiError,
  ScsiTransportError,
  statusName,
} from "../../lib/scsi/scsi_error.ts";
import { SectorkitError } from "../../lib/errors.ts";

function fixed(key: number, asc: number, ascq: number, info?: number): Uint8Array {
  const b = new Uint8Array(18);
  b[0] = info === undefined ? 0x70 : 0xf0;
  b[2] = key;
  if (info !== undefined) new DataView(b.buffer).setUint32(3, info);
  b[7] = 10;
  b[12] = asc;
  b[13] = ascq;
  return b;
}

Deno.test("parseSense() decodes fixed-format sense with and without a valid INFORMATION field", () => {
  const s = parseSense(fixed(3, 0x11, 0x05, 12))!;
  assert.equal(s.responseCode, 0x70);
  assert.deepEqual([s.key, s.asc, s.ascq, s.information], [3, 0x11, 5, 12]);
  assert.equal(parseSense(fixed(2, 0x3a, 0))!.information, null);
  const ili = fixed(5, 0x24, 0);
  ili[2] |= 0x20;
  ili[15] = 0xc0;
  ili[16] = 0x00;
  ili[17] = 0x02;
  const t = parseSense(ili)!;
  assert.equal(t.ili, true);
  assert.equal(t.senseKeySpecific, 0x400002);
  assert.equal(parseSense(new Uint8Array()), null);
  assert.equal(parseSense(new Uint8Array([0x12, 0, 0])), null);
});

Deno.test("parseSense() decodes descriptor-format sense with an information descriptor", () => {
  const b = new Uint8Array(8 + 12);
  b.set([0x72, 0x03, 0x11, 0x05, 0, 0, 0, 12]);
  b.set([0x00, 0x0a, 0x80, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x00], 8);
  const s = parseSense(b)!;
  assert.deepEqual([s.responseCode, s.key, s.asc, s.ascq, s.information], [0x72, 3, 0x11, 5, 256]);
  const d = parseSense(new Uint8Array([0x73, 0x06, 0x28, 0x00, 0, 0, 0, 0]))!;
  assert.equal(d.deferred, true);
  assert.equal(d.information, null);
});

Deno.test("ascText() and senseKeyName() give the SPC texts", () => {
  assert.equal(senseKeyName(2), "NOT READY");
  assert.equal(senseKeyName(5), "ILLEGAL REQUEST");
  assert.equal(ascText(0x3a, 0x00), "MEDIUM NOT PRESENT");
  assert.equal(ascText(0x3a, 0x02), "MEDIUM NOT PRESENT - TRAY OPEN");
  assert.equal(ascText(0x21, 0x00), "LOGICAL BLOCK ADDRESS OUT OF RANGE");
  assert.equal(ascText(0x20, 0x00), "INVALID COMMAND OPERATION CODE");
  assert.equal(ascText(0x64, 0x00), "ILLEGAL MODE FOR THIS TRACK");
  assert.equal(ascText(0x11, 0x42), "UNRECOVERED READ ERROR (ASCQ 0x42)");
  assert.equal(ascText(0x7e, 0x01), "ASC 0x7E, ASCQ 0x01");
  assert.equal(ascText(0x80, 0x01), "VENDOR SPECIFIC (ASC 0x80, ASCQ 0x01)");
  assert.equal(
    formatSense({ key: 2, asc: 0x3a, ascq: 0 }),
    "NOT READY, MEDIUM NOT PRESENT (02/3A/00)",
  );
});

Deno.test("ScsiError reads like 'Cannot read sector 12 of /dev/sr0: MEDIUM ERROR, L-EC ...'", () => {
  const cdb = new Uint8Array([0xbe, 0, 0, 0, 0, 10, 0, 0, 4, 0xf8, 0, 0]);
  const e = ScsiError.from(
    { status: 2, sense: fixed(3, 0x11, 0x05, 12), transferred: 0, transportError: 0 },
    { path: "/dev/sr0", cdb },
  );
  assert.ok(e instanceof SectorkitError);
  assert.equal(
    e.message,
    "Cannot read sector 12 of /dev/sr0: MEDIUM ERROR, L-EC UNCORRECTABLE ERROR (03/11/05)",
  );
  assert.deepEqual([e.senseKey, e.asc, e.ascq, e.lba, e.opcode, e.status], [
    3,
    0x11,
    5,
    12,
    0xbe,
    2,
  ]);
  assert.equal(e.mediumError, true);
  // Without INFORMATION the CDB's LBA is used; non-read commands name the command.
  const noInfo = ScsiError.from(
    { status: 2, sense: fixed(5, 0x21, 0), transferred: 0, transportError: 0 },
    { path: "/dev/sr0", cdb: new Uint8Array([0x28, 0, 0, 0, 3, 0xe8, 0, 0, 1, 0]) },
  );
  assert.equal(noInfo.lba, 1000);
  assert.equal(noInfo.outOfRange, true);
  const toc = ScsiError.from(
    { status: 2, sense: fixed(2, 0x3a, 0), transferred: 0, transportError: 0 },
    { path: "D:", cdb: new Uint8Array([0x43, 0, 0, 0, 0, 0, 0, 0, 4, 0]) },
  );
  assert.equal(
    toc.message,
    "Cannot READ TOC/PMA/ATIP on D:: NOT READY, MEDIUM NOT PRESENT (02/3A/00)",
  );
  assert.equal(toc.noMedium, true);
  const busy = ScsiError.from({
    status: 8,
    sense: new Uint8Array(),
    transferred: 0,
    transportError: 0,
  }, {
    path: "/dev/sg1",
    cdb: new Uint8Array(6),
  });
  assert.match(busy.message, /BUSY without sense data \(status 0x08\)/);
  assert.equal(statusName(0x18), "RESERVATION CONFLICT");
});

Deno.test("checkResult() separates transport failures from SCSI status", () => {
  const ctx = { path: "/dev/sr0", cdb: new Uint8Array([0x28, 0, 0, 0, 0, 5, 0, 0, 1, 0]) };
  checkResult({ status: 0, sense: new Uint8Array(), transferred: 2048, transportError: 0 }, ctx);
  assert.throws(
    () =>
      checkResult({
        status: 0,
        sense: new Uint8Array(),
        transferred: 0,
        transportError: 0x0700,
        transportMessage: "host status DID_ERROR (0x07)",
      }, ctx),
    (e) =>
      e instanceof ScsiTransportError &&
      e.message === "Cannot READ(10) sector 5 of /dev/sr0: host status DID_ERROR (0x07)",
  );
  assert.throws(
    () =>
      checkResult({ status: 2, sense: fixed(5, 0x24, 0), transferred: 0, transportError: 0 }, ctx),
    (e) => e instanceof ScsiError && e.unsupported,
  );
  // Recovered errors are not failures.
  checkResult({ status: 0, sense: fixed(1, 0x18, 0), transferred: 2048, transportError: 0 }, ctx);
});

Deno.test("ScsiError ignores a valid INFORMATION outside the request (QEMU reports 0)", () => {
  const tur = ScsiError.from(
    { status: 2, sense: fixed(2, 0x3a, 0, 0), transferred: 0, transportError: 0 },
    { path: "/dev/sr1", cdb: new Uint8Array(6) },
  );
  assert.equal(tur.lba, undefined);
  assert.equal(
    tur.message,
    "Cannot TEST UNIT READY on /dev/sr1: NOT READY, MEDIUM NOT PRESENT (02/3A/00)",
  );
  const read = ScsiError.from(
    { status: 2, sense: fixed(5, 0x21, 0, 0), transferred: 0, transportError: 0 },
    { path: "/dev/sr0", cdb: new Uint8Array([0x28, 0, 0, 0, 3, 0x95, 0, 0, 1, 0]) },
  );
  assert.equal(read.lba, 917);
  const inside = ScsiError.from(
    { status: 2, sense: fixed(3, 0x11, 0, 102), transferred: 0, transportError: 0 },
    { path: "/dev/sr0", cdb: new Uint8Array([0xbe, 0, 0, 0, 0, 100, 0, 0, 27, 0xf8, 0, 0]) },
  );
  assert.equal(inside.lba, 102);
});
