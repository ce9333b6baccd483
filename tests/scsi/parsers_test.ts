// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { fromHex } from "../../lib/scsi/bytes.ts";
import { parseCapacity, parseInquiry } from "../../lib/scsi/inquiry.ts";
import {
  parseAtip,
  parseCdTextPacks,
  parseFullToc,
  parseSessionInfo,
  parseToc,
} from "../../lib/scsi/toc.ts";
import { parseConfiguration, profileFamily, profileName } from "../../lib/scsi/configuration.ts";
import { findModePage, parseCapabilitiesPage } from "../../lib/scsi/mode_page.ts";
import {
  parseDiscInformation,
  parseEventStatus,
  parseTrackInformation,
} from "../../lib/scsi/disc_info.ts";
import { parseDvdPhysical, parseStructureList } from "../../lib/scsi/disc_structure.ts";

const enc = new TextEncoder();

Deno.test("parseInquiry() reads strings, vendor-specific bytes and the OmniDrive area", () => {
  const b = new Uint8Array(104);
  b.set([5, 0x80, 5, 0x32, 99]);
  b.set(enc.encode("TSSTcorpDVD-ROM SH-D163BZZ01KREON V1.00........."), 8);
  b.set(enc.encode("OmniDrive"), 74);
  b.set([0, 1, 0, 4], 83);
  const i = parseInquiry(b);
  assert.equal(i.deviceType, 5);
  assert.equal(i.removable, true);
  assert.equal(i.vendor, "TSSTcorp");
  assert.equal(i.product, "DVD-ROM SH-D163B");
  assert.equal(i.revision, "ZZ01");
  assert.equal(i.vendorSpecific, "KREON V1.00.........");
  assert.match(i.reserved5, /^OmniDrive/);
  // 36-byte reply (QEMU): no vendor-specific bytes.
  const q = new Uint8Array(36);
  q.set([5, 0x80, 5, 2, 31]);
  q.set(enc.encode("QEMU    QEMU DVD-ROM    2.5+"), 8);
  const qi = parseInquiry(q);
  assert.deepEqual([qi.vendor, qi.product, qi.revision, qi.vendorSpecific, qi.length], [
    "QEMU",
    "QEMU DVD-ROM",
    "2.5+",
    "",
    36,
  ]);
  assert.throws(() => parseInquiry(new Uint8Array(2)), RangeError);
});

Deno.test("parseCapacity() reads last LBA and block length", () => {
  assert.deepEqual(parseCapacity(fromHex("000003e700000800")), {
    lastLba: 999,
    blockLength: 2048,
    blocks: 1000,
  });
});

Deno.test("parseToc() reads LBA and MSF format-0 descriptors (QEMU's TOC)", () => {
  const lba = fromHex("00120101 00140100 00000000 00 16 aa 00 000003e8");
  const t = parseToc(lba);
  assert.equal(t.firstTrack, 1);
  assert.deepEqual(t.tracks.map((x) => [x.track, x.adr, x.control, x.lba, x.data]), [
    [1, 1, 4, 0, true],
    [0xaa, 1, 6, 1000, true],
  ]);
  const msf = fromHex("00120101 00140100 00000200 00 16 aa 00 00000f 19");
  assert.deepEqual(parseToc(msf, true).tracks.map((x) => x.lba), [0, 1000]);
  // Trailing zero bytes beyond the header's length are ignored.
  const padded = new Uint8Array(804);
  padded.set(lba);
  assert.equal(parseToc(padded).tracks.length, 2);
});

Deno.test("parseSessionInfo() and parseFullToc() read formats 1 and 2", () => {
  const s = parseSessionInfo(fromHex("000a0101 00140100 00000000"));
  assert.deepEqual([s.firstSession, s.lastSession, s.firstTrackInLastSession, s.lba], [1, 1, 1, 0]);
  const full = fromHex(
    "002e0101" +
      "01 14 00 a0 00 00 00 00 01 00 00" +
      "01 14 00 a1 00 00 00 00 01 00 00" +
      "01 14 00 a2 00 00 00 00 00 0f 19" +
      "01 14 00 01 00 00 00 00 00 02 00",
  );
  const f = parseFullToc(full);
  assert.equal(f.entries.length, 4);
  assert.deepEqual(f.entries.map((e) => e.point), [0xa0, 0xa1, 0xa2, 1]);
  assert.equal(f.entries[0].pmin, 1);
  assert.equal(f.entries[2].lba, 1000);
  assert.equal(f.entries[3].lba, 0);
  assert.equal(f.entries[3].adr, 1);
  assert.equal(f.entries[3].control, 4);
});

Deno.test("parseAtip() decodes a CD-RW ATIP and returns null for a pressed disc", () => {
  const b = fromHex(
    "001a0000 d0 00 c0 00 61 1a 42 00 4f 3b 4a 00 00 00 00 00 00 00 00 00 00 00 00 00",
  );
  const a = parseAtip(b)!;
  assert.equal(a.writingPower, 5);
  assert.equal(a.rewritable, true);
  assert.equal(a.leadInMsf, "97:26:66");
  assert.equal(a.leadInStart, -11634);
  assert.equal(a.leadOutLimit, 359849);
  assert.equal(parseAtip(fromHex("00020000")), null);
});

Deno.test("parseCdTextPacks() splits 18-byte packs", () => {
  const pack = fromHex("80 00 00 00 41 6c 62 75 6d 00 41 72 74 69 73 74 12 34");
  const b = new Uint8Array(4 + 18);
  b.set([0, 20, 0, 0]);
  b.set(pack, 4);
  const [p] = parseCdTextPacks(b);
  assert.equal(p.type, 0x80);
  assert.equal(new TextDecoder().decode(p.text.subarray(0, 5)), "Album");
  assert.equal(p.crc, 0x1234);
});

Deno.test("parseConfiguration() reads the current profile, profile list and features", () => {
  const b = fromHex(
    "0000002c 0000 0009" +
      "0000 03 0c  0009 0100 0008 0000 0010 0000" +
      "0001 0b 08  00000002 01000000" +
      "001e 09 04  03000000" +
      "ff00 00 04  01020304",
  );
  const c = parseConfiguration(b);
  assert.equal(c.length, 48);
  assert.equal(c.currentProfileName, "CD-R");
  assert.deepEqual(c.profiles.map((p) => [p.name, p.current]), [
    ["CD-R", true],
    ["CD-ROM", false],
    ["DVD-ROM", false],
  ]);
  assert.deepEqual(c.features.map((f) => [f.code, f.name, f.version, f.persistent, f.current]), [
    [0x0000, "Profile List", 0, true, true],
    [0x0001, "Core", 2, true, true],
    [0x001e, "CD Read", 2, false, true],
    [0xff00, "Vendor Specific", 0, false, false],
  ]);
  assert.equal(profileName(0x43), "BD-RE");
  assert.equal(profileFamily(0x0a), "cd");
  assert.equal(profileFamily(0x2b), "dvd");
  assert.equal(profileFamily(0x41), "bd");
  assert.equal(profileFamily(0), "none");
});

Deno.test("findModePage() + parseCapabilitiesPage() decode QEMU's and a C2-capable page 0x2A", () => {
  const resp = new Uint8Array(8 + 28);
  resp.set([0, 34, 0x70, 0, 0, 0, 0, 0]);
  resp.set([0x2a, 26, 0x3b, 0x00, 0x71, 0x60, 0x29, 0x00, 0x02, 0xc0, 0, 2, 0x02, 0x00], 8);
  const page = findModePage(resp, 0x2a)!;
  assert.equal(page.length, 28);
  const q = parseCapabilitiesPage(page);
  assert.deepEqual(q.reads, { cdr: true, cdrw: true, dvdrom: true, dvdr: true, dvdram: true });
  assert.equal(q.audioPlay, true);
  assert.equal(q.multiSession, true);
  assert.equal(q.cddaAccurate, false);
  assert.equal(q.c2Pointers, false);
  assert.equal(q.isrc && q.upc, true);
  assert.equal(q.lock && q.eject, true);
  assert.equal(q.loadingMechanism, "tray");
  assert.equal(q.maxReadKBps, 704);
  assert.equal(q.bufferKiB, 512);
  const plex = parseCapabilitiesPage(fromHex("2a 14 07 07 7f 3f 29 23 1b 90"));
  assert.equal(plex.c2Pointers && plex.cddaAccurate && plex.cddaCommands && plex.rwSupported, true);
  assert.equal(plex.rwInLeadIn, true);
  assert.equal(findModePage(resp, 0x01), null);
});

Deno.test("parseDiscInformation() and parseTrackInformation() decode MMC layouts", () => {
  const d = parseDiscInformation(fromHex("0020 0e 01 01 01 01 20 00 00 00 00" + "00".repeat(22)));
  assert.equal(d.discStatus, "finalized");
  assert.equal(d.lastSessionState, "complete");
  assert.deepEqual([d.firstTrack, d.sessions, d.firstTrackLastSession, d.lastTrackLastSession], [
    1,
    1,
    1,
    1,
  ]);
  assert.equal(d.unrestrictedUse, true);
  assert.equal(d.erasable, false);
  const rw = parseDiscInformation(
    fromHex("0020 11 01 02 03 05 a0 20 00 00 00 12345678" + "00".repeat(18)),
  );
  assert.equal(rw.erasable, true);
  assert.equal(rw.discStatus, "incomplete");
  assert.equal(rw.sessions, 2);
  assert.equal(rw.discType, "CD-ROM XA");
  assert.equal(rw.discId, 0x12345678);
  const t = parseTrackInformation(
    fromHex("002e 02 01 00 24 01 00 00001000 00000000 00000000 00000000 00002000 00000000 00 00"),
  );
  assert.deepEqual([t.track, t.session, t.copy, t.trackMode, t.dataMode, t.start, t.size], [
    2,
    1,
    false,
    4,
    1,
    4096,
    8192,
  ]);
  assert.equal(t.damage, true);
  assert.equal(t.nextWritable, null);
});

Deno.test("parseEventStatus() reads the media class; parseStructureList()/parseDvdPhysical()", () => {
  const e = parseEventStatus(fromHex("0004 04 10 02 02 00 00"));
  assert.deepEqual([e.notificationClass, e.mediaEvent, e.mediaPresent, e.trayOpen], [
    4,
    2,
    true,
    false,
  ]);
  const empty = parseEventStatus(fromHex("0004 04 10 00 00 00 00"));
  assert.equal(empty.mediaPresent, false);
  const nea = parseEventStatus(fromHex("0002 80 10"));
  assert.equal(nea.noEventAvailable, true);
  assert.equal(nea.mediaPresent, null);
  const list = parseStructureList(fromHex("000a 0000 00 40 0804 ff 40 0400"));
  assert.deepEqual(list.map((x) => [x.format, x.readable, x.length]), [[0, true, 2052], [
    0xff,
    true,
    1024,
  ]]);
  const phys = parseDvdPhysical(fromHex("0802 0000 01 02 31 10 00030000 00fcffff 00 3ffff0 80"));
  assert.deepEqual(
    [phys.bookType, phys.partVersion, phys.maxRate, phys.layers, phys.oppositeTrackPath],
    [0, 1, 2, 2, true],
  );
  assert.equal(phys.startPsn, 0x30000);
  assert.equal(phys.endPsn, 0xfcffff);
  assert.equal(phys.endPsnLayer0, 0x3ffff0);
  assert.equal(phys.bca, true);
});

Deno.test("parseAtip() and parseCdTextPacks() reject a format-0 TOC returned in their place", () => {
  const toc = fromHex("00120101 00140100 00000000 00 16 aa 00 000003e8");
  assert.equal(parseAtip(toc), null);
  assert.deepEqual(parseCdTextPacks(toc), []);
  const mixed = new Uint8Array(4 + 36);
  mixed.set([0, 38, 0, 0]);
  mixed[4] = 0x80;
  mixed[22] = 0x14; // not a pack type: parsing stops here
  assert.equal(parseCdTextPacks(mixed).length, 1);
});
