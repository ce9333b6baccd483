// Copyright 2026 the sectorkit authors. MIT license.
/** Unit tests of NTFS pieces with hand-made bytes: runlists, fixups, LZNT1. */
import { decodeRunlist } from "../../../lib/fs/ntfs/ntfs_runlist.ts";
import { applyFixups } from "../../../lib/fs/ntfs/ntfs_fixup.ts";
import { lznt1Decompress } from "../../../lib/fs/ntfs/lznt1.ts";
import { FormatError } from "../../../lib/errors.ts";
import { assertEquals } from "../tsk.ts";
import nodeAssert from "node:assert/strict";

Deno.test("decodeRunlist() handles negative LCN deltas and sparse runs", () => {
  // 16 clusters at LCN 256; 5 sparse; 8 clusters at LCN 256 - 200 = 56.
  const b = new Uint8Array([0x21, 0x10, 0x00, 0x01, 0x01, 0x05, 0x21, 0x08, 0x38, 0xff, 0x00]);
  assertEquals(decodeRunlist(b, 0, 0, 28, 1000, "$DATA"), [
    { vcn: 0, lcn: 256, length: 16 },
    { vcn: 16, lcn: null, length: 5 },
    { vcn: 21, lcn: 56, length: 8 },
  ]);
});

Deno.test("decodeRunlist() rejects runs outside the volume and past the last VCN", () => {
  nodeAssert.throws(
    () => decodeRunlist(new Uint8Array([0x21, 0x10, 0x00, 0x10, 0]), 0, 0, 15, 1000, "$DATA of x"),
    (e: Error) =>
      e instanceof FormatError && /\$DATA of x: run at VCN 0 maps clusters 4096/.test(e.message),
  );
  nodeAssert.throws(
    () => decodeRunlist(new Uint8Array([0x11, 0x10, 0x05, 0]), 0, 0, 7, 1000, "$DATA"),
    (e: Error) => e instanceof FormatError && /beyond the last VCN 7/.test(e.message),
  );
});

Deno.test("applyFixups() restores stride ends and rejects a torn record", () => {
  const r = new Uint8Array(1024);
  r.set(new TextEncoder().encode("FILE"));
  r[4] = 0x30;
  r[6] = 3;
  r.set([0x09, 0x00, 0x11, 0x22, 0x33, 0x44], 0x30);
  r.set([0x09, 0x00], 510);
  r.set([0x09, 0x00], 1022);
  const torn = r.slice();
  applyFixups(r, "FILE", "MFT record 7");
  assertEquals([...r.subarray(510, 512), ...r.subarray(1022, 1024)], [0x11, 0x22, 0x33, 0x44]);
  torn[1022] = 0x0a;
  nodeAssert.throws(
    () => applyFixups(torn, "FILE", "MFT record 7"),
    (e: Error) =>
      e instanceof FormatError &&
      /MFT record 7: update sequence mismatch in sector 1/.test(e.message),
  );
});

Deno.test("lznt1Decompress() expands a back-reference that overlaps its own output", () => {
  // Header 0xB005: compressed, 6 data bytes. Flags 0x08: 3 literals, then token 0x2006
  // (12 length bits at position 3: offset 2+1 = 3, length 6+3 = 9).
  const src = new Uint8Array([0x05, 0xb0, 0x08, 0x61, 0x62, 0x63, 0x06, 0x20]);
  assertEquals(new TextDecoder().decode(lznt1Decompress(src, 12)), "abcabcabcabc");
});
