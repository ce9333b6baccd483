// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { createFileStore } from "../../../ffi/file_store.ts";
import { openVirtualDrive } from "../../../lib/drive/virtual/open_virtual_drive.ts";
import type { ScsiTransport } from "../../../lib/platform/scsi_transport.ts";

const fs = createFileStore();

async function cmd(
  t: ScsiTransport,
  cdb: number[],
  len = 0,
): Promise<{ status: number; data: Uint8Array; sense: Uint8Array }> {
  const buf = len ? new Uint8Array(len) : null;
  const r = await t.execute(new Uint8Array(cdb), len ? "in" : "none", buf);
  return {
    status: r.status,
    data: buf ? buf.subarray(0, r.transferred) : new Uint8Array(),
    sense: r.sense,
  };
}

Deno.test("openVirtualDrive() opens the demo disc in the default PLEXTOR", async () => {
  const t = await openVirtualDrive("demo", {}, fs);
  assert.equal(t.path, "virtual:demo");
  assert.equal((await cmd(t, [0, 0, 0, 0, 0, 0])).status, 0);
  const inq = await cmd(t, [0x12, 0, 0, 0, 96, 0], 96);
  assert.equal(inq.data[0] & 0x1f, 5);
  assert.equal(new TextDecoder().decode(inq.data.subarray(8, 16)).trim(), "PLEXTOR");
  assert.equal(new TextDecoder().decode(inq.data.subarray(16, 32)).trim(), "DVDR   PX-760A");
  const cap = await cmd(t, [0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0], 8);
  const dv = new DataView(cap.data.buffer, cap.data.byteOffset);
  assert.equal(dv.getUint32(0), 2299);
  assert.equal(dv.getUint32(4), 2048);
  t.close();
});

Deno.test("openVirtualDrive() demo TOC lists a data track, three audio tracks and the lead-out", async () => {
  const t = await openVirtualDrive("virtual:demo", { profile: "mediatek" }, fs);
  const toc = await cmd(t, [0x43, 0, 0, 0, 0, 0, 0, 0x03, 0x24, 0], 804);
  assert.equal(toc.status, 0);
  assert.deepEqual([...toc.data.subarray(0, 4)], [0x00, 0x2a, 1, 4]);
  assert.equal(toc.data[5], 0x14); // data track
  assert.equal(toc.data[13], 0x10); // audio
  assert.equal(toc.data[4 + 4 * 8 + 2], 0xaa);
  const inq = await cmd(t, [0x12, 0, 0, 0, 36, 0], 36);
  assert.equal(inq.data.length, 36);
  assert.equal(new TextDecoder().decode(inq.data.subarray(8, 12)), "ASUS");
});

Deno.test("openVirtualDrive() rejects an unknown profile and a missing source", async () => {
  await assert.rejects(
    openVirtualDrive("demo", { profile: "nope" }, fs),
    /Unknown virtual drive profile/,
  );
  await assert.rejects(openVirtualDrive("/nonexistent/x.iso", {}, fs), /not found/);
});
