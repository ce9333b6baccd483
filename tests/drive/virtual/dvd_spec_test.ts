// Copyright 2026 the sectorkit authors. MIT license.
/** DVD/BD specs of the virtual drive: layers, BCA, copyright, damage, transient READ(12) errors. */
import assert from "node:assert/strict";
import { loadDvdSpec } from "../../../lib/cd/disc/dvd_disc.ts";
import { PLEXTOR } from "../../../lib/drive/virtual/profile.ts";
import { VirtualDrive } from "../../../lib/drive/virtual/virtual_drive.ts";
import { createPlatform } from "../../../ffi/mod.ts";

const fs = createPlatform().fs;

async function withIso(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "sk-vdvd-" });
  try {
    const b = new Uint8Array(200 * 2048).map((_, i) => (i >> 11) & 0xff);
    await Deno.writeFile(`${dir}/x.iso`, b);
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function cmd(d: VirtualDrive, cdb: number[], len: number) {
  const buf = new Uint8Array(len);
  const r = await d.execute(new Uint8Array(cdb), len ? "in" : "none", buf);
  return { status: r.status, asc: r.sense[12], data: buf.subarray(0, r.transferred) };
}

const rds = (format: number, layer = 0, media = 0) => [
  0xad,
  media,
  0,
  0,
  0,
  0,
  layer,
  format,
  0x10,
  0x04,
  0,
  0,
];
const read12 = (lba: number, n: number) => [
  0xa8,
  0,
  lba >> 24,
  (lba >> 16) & 0xff,
  (lba >> 8) & 0xff,
  lba & 0xff,
  0,
  0,
  0,
  n,
  0,
  0,
];

Deno.test("a small ISO as a dual-layer DVD spec: two layer descriptors, BCA, CSS flag", async () => {
  await withIso(async (dir) => {
    const disc = await loadDvdSpec(
      { medium: "dvd", iso: "x.iso", layers: 2, bca: true, cpst: 1 },
      `${dir}/`,
      fs,
    );
    const d = new VirtualDrive(disc, PLEXTOR);
    const cfg = await cmd(d, [0x46, 1, 0, 0, 0, 0, 0, 0, 64, 0], 64);
    assert.equal((cfg.data[6] << 8) | cfg.data[7], 0x0010);
    const l0 = await cmd(d, rds(0, 0), 4100);
    const l1 = await cmd(d, rds(0, 1), 4100);
    const dv = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset);
    assert.equal((l0.data[6] >> 5) & 3, 1, "two layers");
    assert.equal(dv(l0.data).getUint32(12) - 0x30000 + 1, 100);
    assert.equal(dv(l1.data).getUint32(12) - 0x30000 + 1, 100);
    assert.equal((await cmd(d, rds(0, 2), 4100)).asc, 0x24);
    const list = await cmd(d, rds(0xff), 4100);
    const formats = [];
    for (let o = 4; o < list.data.length; o += 4) formats.push(list.data[o]);
    assert.deepEqual(formats, [0x00, 0x01, 0x03, 0x04, 0xff]);
    assert.equal((await cmd(d, rds(0x03), 4100)).data.length, 68);
    assert.equal((await cmd(d, rds(0x01), 4100)).data[4], 1);
  });
});

Deno.test("DVD spec damage fails READ(12) always; profile SCSI errors fail it transiently", async () => {
  await withIso(async (dir) => {
    const disc = await loadDvdSpec(
      { medium: "dvd", iso: "x.iso", damage: { unreadable: [[10, 12]] } },
      `${dir}/`,
      fs,
    );
    const d = new VirtualDrive(disc, PLEXTOR);
    for (let i = 0; i < 3; i++) assert.equal((await cmd(d, read12(8, 4), 4 * 2048)).asc, 0x11);
    assert.equal((await cmd(d, read12(12, 4), 4 * 2048)).status, 0);
    assert.equal((await cmd(d, rds(0x03), 4100)).asc, 0x24, "no BCA");
    const flaky = new VirtualDrive(disc, { ...PLEXTOR, errors: { scsi: 0.2, c2: 0, seed: 3 } });
    let failed = 0, ok = 0;
    for (let i = 0; i < 40; i++) {
      const r = await cmd(flaky, read12(20, 1), 2048);
      if (r.status === 0) ok++;
      else failed++;
    }
    assert.ok(failed > 0 && ok > 0, `${failed} failed, ${ok} ok`);
  });
});

Deno.test("a BD spec answers disc information with the layer length redumper derives", async () => {
  await withIso(async (dir) => {
    const disc = await loadDvdSpec({ medium: "bd", iso: "x.iso" }, `${dir}/`, fs);
    const d = new VirtualDrive(disc, PLEXTOR);
    const cfg = await cmd(d, [0x46, 1, 0, 0, 0, 0, 0, 0, 64, 0], 64);
    assert.equal((cfg.data[6] << 8) | cfg.data[7], 0x0040);
    const di = await cmd(d, rds(0, 0, 1), 4100);
    const dv = new DataView(di.data.buffer, di.data.byteOffset);
    assert.equal(String.fromCharCode(...di.data.subarray(12, 15)), "BDO");
    // (last PSN − 1) − first AUN + 2 = sectors.
    assert.equal(dv.getUint32(24) - 1 - dv.getUint32(28) + 2, 200);
  });
});
