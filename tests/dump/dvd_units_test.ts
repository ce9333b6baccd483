// Copyright 2026 the sectorkit authors. MIT license.
/** Pure DVD/BD helpers: layer lengths, BD disc information, state runs. */
import assert from "node:assert/strict";
import {
  bdLayerLengths,
  dvdLayerCount,
  dvdLayerLength,
  parseBdDiscInformation,
} from "../../lib/dump/dvd_structure.ts";
import { badRuns } from "../../lib/dump/dvd_store.ts";
import { detectMedium } from "../../lib/dump/dvd_command.ts";
import { synthesizeDisc } from "../../lib/cd/disc/synthesize.ts";
import { loadDvdSpec } from "../../lib/cd/disc/dvd_disc.ts";
import { PLEXTOR } from "../../lib/drive/virtual/profile.ts";
import { VirtualDrive } from "../../lib/drive/virtual/virtual_drive.ts";
import { createPlatform } from "../../ffi/mod.ts";

function physical(start: number, end: number, l0End: number, byte6: number): Uint8Array {
  const b = new Uint8Array(2052);
  const dv = new DataView(b.buffer);
  b[6] = byte6;
  dv.setUint32(8, start);
  dv.setUint32(12, end);
  dv.setUint32(16, l0End);
  return b;
}

Deno.test("dvdLayerLength() handles single layer, parallel and opposite track path", () => {
  assert.equal(dvdLayerLength(physical(0x30000, 0x30000 + 2_295_103, 0, 0x01)), 2_295_104);
  // DVD-9 OTP: layer 0 ends at PSN 0x2A0000 - 1 and layer 1 ends at its complement 0xFCFFFF.
  const otp = physical(0x30000, 0xfcffff, 0x2affff, 0x31);
  assert.equal(dvdLayerCount(otp), 1);
  assert.equal(dvdLayerLength(otp), 2 * (0x2affff + 1 - 0x30000));
  // PTP dual layer: one structure per layer.
  assert.equal(dvdLayerCount(physical(0x30000, 0x30010, 0x30010, 0x21)), 2);
});

Deno.test("parseBdDiscInformation() and bdLayerLengths() read a BD-ROM DI unit", () => {
  const b = new Uint8Array(4100);
  b.set([0x44, 0x49, 0x01, 0x08, 0, 0, 64, 0, 0x42, 0x44, 0x4f, 0x01, 0x10, 0, 0, 0, 0x10], 4);
  const dv = new DataView(b.buffer);
  dv.setUint32(4 + 20, 0x100000 + 12_219_391);
  dv.setUint32(4 + 24, 0x100000);
  dv.setUint32(4 + 28, 0x100000 + 12_219_390);
  const units = parseBdDiscInformation(b);
  assert.equal(units.length, 1);
  assert.deepEqual(
    [units[0].discType, units[0].layersCount, units[0].bca],
    ["BDO", 1, true],
  );
  assert.deepEqual(bdLayerLengths(units), [12_219_392]);
});

Deno.test("badRuns() lists the runs not yet SUCCESS, minus skipped ranges", () => {
  const s = new Uint8Array([4, 0, 0, 0, 4, 0, 0, 4]);
  assert.deepEqual(badRuns(s, 0, 8, []), [[1, 4], [5, 7]]);
  assert.deepEqual(badRuns(s, 0, 8, [{ start: 2, end: 3 }]), [[1, 2], [3, 4], [5, 7]]);
  assert.deepEqual(badRuns(s, 2, 6, []), [[2, 4], [5, 6]]);
  assert.deepEqual(badRuns(new Uint8Array(4), 0, 6, []), [[0, 6]], "past the file: not read");
});

Deno.test("detectMedium() sees a DVD behind a pending UNIT ATTENTION and a CD as a CD", async () => {
  const dvd = synthesizeDisc({ tracks: [{ type: "mode1", length: 300 }] });
  const cd = new VirtualDrive(dvd, { ...PLEXTOR, unitAttention: true });
  assert.equal((await detectMedium(cd)).medium, "cd");
  const dir = await Deno.makeTempDir({ prefix: "sk-dvdunit-" });
  try {
    await Deno.writeFile(`${dir}/x.iso`, new Uint8Array(64 * 2048));
    const disc = await loadDvdSpec({ medium: "bd", iso: "x.iso" }, `${dir}/`, createPlatform().fs);
    const d = new VirtualDrive(disc, { ...PLEXTOR, unitAttention: true });
    assert.deepEqual(await detectMedium(d), { medium: "bd", profile: 0x40 });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
