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

Deno.test("openVirtualDrive() loads a JSON disc spec and a JSON profile; simulateTime still answers", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(
      `${dir}/disc.json`,
      JSON.stringify({
        writeOffset: -12,
        tracks: [{ type: "audio", length: 100, pregap: 225, pregapAudio: true }],
      }),
    );
    await Deno.writeTextFile(
      `${dir}/drive.json`,
      JSON.stringify({
        base: "mediatek",
        vendor: "HL-DT-ST",
        product: "BD-RE BU40N",
        readOffset: 6,
      }),
    );
    const t = await openVirtualDrive(`virtual:${dir}/disc.json`, {
      profile: `${dir}/drive.json`,
      simulateTime: 0.001,
    }, fs);
    const inq = await cmd(t, [0x12, 0, 0, 0, 36, 0], 36);
    assert.equal(new TextDecoder().decode(inq.data.subarray(8, 16)).trim(), "HL-DT-ST");
    const toc = await cmd(t, [0x43, 0, 0, 0, 0, 0, 0, 0, 20, 0], 20);
    // HTOA: track 1 index 1 after a 225-sector pregap → LBA 75.
    assert.equal(toc.data[11], 75);
    // The hidden track's pregap holds audio, not silence.
    const pre = await cmd(t, [0xbe, 4, 0xff, 0xff, 0xff, 0xc0, 0, 0, 1, 0xf8, 0, 0], 2352);
    assert.equal(pre.status, 0);
    assert.ok(pre.data.some((b) => b !== 0));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("Bad disc specs and profiles are refused with the field named", async () => {
  const { parseDiscSpec } = await import("../../../lib/cd/disc/disc_spec.ts");
  const { parseProfile } = await import("../../../lib/drive/virtual/profile.ts");
  assert.throws(
    () => parseDiscSpec({ tracks: [{ type: "mode3", length: 10 }] }),
    /type must be one of/,
  );
  assert.throws(() => parseDiscSpec({ tracks: [{ type: "audio", length: 0 }] }), /length/);
  assert.throws(() => parseDiscSpec({ tracks: [] }), /no tracks/);
  assert.throws(() => parseDiscSpec({ mcn: "12", tracks: [{ type: "audio", length: 1 }] }), /mcn/);
  assert.throws(() => parseProfile({ base: "sony" }), /unknown base/);
  assert.throws(() => parseProfile({ sectorOrder: "SUB_DATA" }), /sectorOrder/);
  assert.throws(() => parseProfile({ readOffset: 1.5 }), /readOffset/);
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/bad.json`, "{ nope");
    await assert.rejects(openVirtualDrive(`${dir}/bad.json`, {}, fs), /Cannot parse disc spec/);
    await Deno.writeTextFile(`${dir}/x.bin`, "");
    await assert.rejects(openVirtualDrive(`${dir}/x.bin`, {}, fs), /expected a \.json spec/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("A JSON spec can give track content from files (audio PCM, Mode 1 user data)", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const pcm = new Uint8Array(10 * 2352).map((_, i) => (i * 13) & 0xff);
    const user = new Uint8Array(5 * 2048).map((_, i) => (i * 5 + 1) & 0xff);
    await Deno.writeFile(`${dir}/song.raw`, pcm);
    await Deno.writeFile(`${dir}/data.bin`, user);
    await Deno.writeTextFile(
      `${dir}/disc.json`,
      JSON.stringify({
        tracks: [
          { type: "mode1", length: 20, file: "data.bin" },
          { type: "audio", length: 20, file: "song.raw" },
        ],
      }),
    );
    const t = await openVirtualDrive(`${dir}/disc.json`, { profile: "generic" }, fs);
    const d = await cmd(t, [0x28, 0, 0, 0, 0, 4, 0, 0, 2, 0], 4096);
    assert.deepEqual(d.data.subarray(0, 2048), user.subarray(4 * 2048, 5 * 2048));
    assert.ok(d.data.subarray(2048).every((b) => b === 0), "past the file: zero");
    const a = await cmd(t, [0xbe, 4, 0, 0, 0, 170 + 2, 0, 0, 1, 0xf8, 0, 0], 2352);
    assert.deepEqual(a.data, pcm.subarray(2 * 2352, 3 * 2352));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
