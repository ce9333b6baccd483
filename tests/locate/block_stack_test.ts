// Copyright 2026 the sectorkit authors. MIT license.
/**
 * The block-stack resolver on recorded sysfs trees: loop partition → loop backing file → md
 * RAID1 → partition on a 4Kn disk, and a dm-linear volume (dm and md cannot be created on the
 * test host's kernel, so their sysfs facts are recorded here).
 */
import assert from "node:assert/strict";
import { resolveStack, type StackContext } from "../../lib/locate/block_stack.ts";
import type { OsFileExtent } from "../../lib/platform/mod.ts";

function fakeContext(
  files: Record<string, string>,
  links: Record<string, string>,
  backing: Record<string, { dev: string; extents: OsFileExtent[] }>,
  dm: Record<string, string> = {},
): StackContext {
  const resolve = (p: string): string => {
    for (const [from, to] of Object.entries(links)) {
      if (p === from || p.startsWith(from + "/")) return resolve(to + p.slice(from.length));
    }
    return p;
  };
  const exists = (p: string) => Object.keys(files).some((f) => f === p || f.startsWith(p + "/"));
  return {
    sysfs: {
      read: (p) => Promise.resolve(files[resolve(p)] ?? null),
      realPath: (p) => Promise.resolve(exists(resolve(p)) ? resolve(p) : null),
      list: (p) => {
        const base = resolve(p) + "/";
        const names = Object.keys(files).filter((f) => f.startsWith(base)).map((f) =>
          f.slice(base.length).split("/")[0]
        );
        return Promise.resolve([...new Set(names)]);
      },
    },
    fileExtents: (p) => Promise.resolve(backing[p].extents),
    fileDevice: (p) => Promise.resolve(backing[p]?.dev ?? null),
    dmTable: (name) => Promise.resolve(dm[name] ?? null),
  };
}

const LOOP = "/sys/devices/virtual/block/loop1";
const MD = "/sys/devices/virtual/block/md0";
const SDA = "/sys/devices/pci0000:00/0000:00:1f.2/ata1/host0/target0:0:0/0:0:0:0/block/sda";
const SDB = "/sys/devices/pci0000:00/0000:00:1f.2/ata2/host1/target1:0:0/1:0:0:0/block/sdb";

const tree = {
  [`${LOOP}/loop1p1/partition`]: "1",
  [`${LOOP}/loop1p1/start`]: "2048",
  [`${LOOP}/queue/logical_block_size`]: "512",
  [`${LOOP}/loop/backing_file`]: "/srv/disk.img",
  [`${LOOP}/loop/offset`]: "0",
  [`${MD}/md/level`]: "raid1",
  [`${MD}/md/chunk_size`]: "0",
  [`${MD}/md/rd0/slot`]: "0",
  [`${MD}/md/rd0/offset`]: "2048",
  [`${MD}/md/rd1/slot`]: "1",
  [`${MD}/md/rd1/offset`]: "2048",
  [`${MD}/queue/logical_block_size`]: "4096",
  [`${SDA}/sda2/partition`]: "2",
  [`${SDA}/sda2/start`]: "4096",
  [`${SDA}/queue/logical_block_size`]: "4096",
  [`${SDB}/sdb2/partition`]: "2",
  [`${SDB}/sdb2/start`]: "4096",
  [`${SDB}/queue/logical_block_size`]: "4096",
  ["/sys/devices/virtual/block/dm-0/dm/name"]: "vg-lv",
  ["/sys/devices/virtual/block/dm-0/queue/logical_block_size"]: "512",
};
const links = {
  "/sys/dev/block/259:0": `${LOOP}/loop1p1`,
  "/sys/dev/block/9:0": MD,
  "/sys/dev/block/8:0": SDA,
  "/sys/dev/block/253:0": "/sys/devices/virtual/block/dm-0",
  [`${MD}/md/rd0/block`]: `${SDA}/sda2`,
  [`${MD}/md/rd1/block`]: `${SDB}/sdb2`,
};
const backing = {
  "/srv/disk.img": {
    dev: "9:0",
    extents: [
      { logical: 0, physical: 1000 * 4096, length: 1048576, flags: [] },
      { logical: 1048576, physical: 5000 * 4096, length: 1048576, flags: ["last"] },
    ],
  },
};

Deno.test("resolveStack() goes loop partition → backing file → md raid1 → 4Kn disk partition", async () => {
  const ctx = fakeContext(tree, links, backing);
  const pieces = await resolveStack(ctx, "259:0", 8192, 1048576);
  assert.equal(pieces.length, 2);
  const [a, b] = pieces;
  // 8192 + 2048×512 = 1056768 in disk.img → extent 2 → md byte 20488192 → +2048×512 (rd0 offset)
  // on sda2 → +4096×512 (sysfs start is in 512-byte units even on a 4Kn disk).
  assert.equal(a.device, "/dev/sda");
  assert.equal(a.physicalOffset, 20488192 + 1048576 + 2097152);
  assert.equal(a.sectorSize, 4096);
  assert.equal(a.length, 1048576 - 8192);
  assert.equal(a.stoppedAt, null);
  assert.equal(a.layers.length, 5);
  // The last 8192 bytes lie past the end of the backing file: stop at the loop device.
  assert.equal(b.rel, 1048576 - 8192);
  assert.equal(b.device, "/dev/loop1");
  assert.equal(b.physicalOffset, 8192 + 1048576 + 1048576 - 8192);
  assert.match(b.stoppedAt!, /beyond the end of backing file/);
});

Deno.test("resolveStack() honours --stop-at and names an unreadable dm table", async () => {
  const ctx = { ...fakeContext(tree, links, backing), stopAt: "/dev/loop1" };
  const [p] = await resolveStack(ctx, "259:0", 0, 4096);
  assert.equal(p.device, "/dev/loop1");
  assert.equal(p.physicalOffset, 1048576);
  const noTable = fakeContext(tree, links, backing);
  const [d] = await resolveStack(noTable, "253:0", 0, 512);
  assert.equal(d.device, "/dev/dm-0");
  assert.match(d.stoppedAt!, /device-mapper "vg-lv".*could not be read/);
});

Deno.test("resolveStack() maps a dm-linear table down to the disk", async () => {
  const ctx = fakeContext(tree, links, backing, { "vg-lv": "0 409600 linear 8:0 384\n" });
  const [d] = await resolveStack(ctx, "253:0", 4096, 4096);
  assert.equal(d.device, "/dev/sda");
  assert.equal(d.physicalOffset, 384 * 512 + 4096);
  assert.equal(d.stoppedAt, null);
  const crypt = fakeContext(tree, links, backing, {
    "vg-lv": "0 409600 crypt aes-xts 0 8:0 4096\n",
  });
  const [c] = await resolveStack(crypt, "253:0", 4096, 4096);
  assert.equal(c.device, "/dev/dm-0");
  assert.match(c.stoppedAt!, /"crypt".*cannot be mapped/);
});
