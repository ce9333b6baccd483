// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { IntervalIndex } from "../../lib/locate/interval_index.ts";
import { parseLbaList } from "../../lib/locate/lba_list.ts";
import { mapDmRange, mapMdRange, parseDmTable } from "../../lib/locate/stacked_maps.ts";
import {
  FIEMAP_EXTENT_SIZE,
  FIEMAP_HEADER_SIZE,
  fiemapRequest,
  parseFiemapResponse,
} from "../../lib/locate/fiemap.ts";
import { coveringExtents } from "../../lib/locate/disk_extents.ts";
import { devNumberToString } from "../../lib/locate/block_stack.ts";

Deno.test("IntervalIndex.find() answers points, gaps and overlaps (first-added wins)", () => {
  const ix = new IntervalIndex([
    { start: 100, end: 200, value: "meta" },
    { start: 0, end: 50, value: "a" },
    { start: 150, end: 400, value: "file" },
    { start: 1000, end: 1001, value: "z" },
  ]);
  assert.equal(ix.find(0)?.value, "a");
  assert.equal(ix.find(49)?.value, "a");
  assert.equal(ix.find(50), null);
  assert.equal(ix.find(160)?.value, "meta");
  assert.equal(ix.find(250)?.value, "file");
  assert.equal(ix.find(250)?.start, 150);
  assert.equal(ix.find(999), null);
  assert.equal(ix.find(1000)?.value, "z");
  assert.equal(ix.find(5000), null);
});

Deno.test("IntervalIndex agrees with a linear scan on random ranges", () => {
  let seed = 1;
  const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  const ranges = Array.from({ length: 500 }, (_, i) => {
    const s = rnd(100000);
    return { start: s, end: s + 1 + rnd(300), value: i };
  });
  const ix = new IntervalIndex(ranges);
  for (let k = 0; k < 2000; k++) {
    const x = rnd(101000);
    const want = ranges.find((r) => x >= r.start && x < r.end)?.value ?? null;
    assert.equal(ix.find(x)?.value ?? null, want, `point ${x}`);
  }
});

Deno.test("parseLbaList() reads ddrescue mapfile bad blocks in the disk's sector size", () => {
  const map = `# Mapfile. Created by GNU ddrescue version 1.27
# current_pos  current_status  current_pass
0x00001000     +               1
#      pos        size  status
0x00000000  0x00001000  +
0x00001000  0x00000400  -
0x00001400  0x00000200  *
0x00001600  0x00000200  -
`;
  assert.deepEqual(parseLbaList(map, { sectorSize: 512 }), { kind: "mapfile", lbas: [8, 9, 11] });
  assert.deepEqual(parseLbaList(map, { sectorSize: 4096 }).lbas, [1]);
});

Deno.test("parseLbaList() converts dmesg 512-byte sectors and filters by device", () => {
  const dmesg = `[12.3] blk_update_request: I/O error, dev sdb, sector 12345 op 0x0:(READ) flags 0x0
[12.4] I/O error, dev sda, sector 8 op 0x0:(READ)
[12.5] Buffer I/O error on dev sdb1, logical block 1543, async page read
[12.6] I/O error, dev sdb, sector 16 op 0x0:(READ)`;
  assert.deepEqual(parseLbaList(dmesg, { sectorSize: 512, device: "sdb" }), {
    kind: "dmesg",
    lbas: [16, 12345],
  });
  assert.deepEqual(parseLbaList(dmesg, { sectorSize: 4096 }).lbas, [1, 2, 1543]);
});

Deno.test("parseLbaList() reads plain lists and rejects junk with the line number", () => {
  assert.deepEqual(parseLbaList("5\n0x10, 3\n# c\n\n5\n", { sectorSize: 512 }).lbas, [3, 5, 16]);
  assert.throws(() => parseLbaList("1\nfoo\n", { sectorSize: 512 }), /line 2: "foo"/);
});

Deno.test("mapDmRange() maps linear and striped targets (dmsetup table units: 512-byte sectors)", () => {
  const t = parseDmTable("0 2048 linear 8:16 384\n2048 4096 striped 2 128 8:32 0 8:48 2048\n");
  assert.deepEqual(mapDmRange(t, 1024, 512), [{
    rel: 0,
    device: "8:16",
    offset: 384 * 512 + 1024,
    length: 512,
  }]);
  // crosses from the linear target into the striped one: chunk 64 KiB alternates 8:32, 8:48
  const r = mapDmRange(t, 2048 * 512 - 512, 512 + 65536 + 1024);
  assert.deepEqual(r, [
    { rel: 0, device: "8:16", offset: (384 + 2047) * 512, length: 512 },
    { rel: 512, device: "8:32", offset: 0, length: 65536 },
    { rel: 512 + 65536, device: "8:48", offset: 2048 * 512, length: 1024 },
  ]);
  assert.throws(() => mapDmRange(parseDmTable("0 10 crypt aes 0 8:1 0"), 0, 512), /"crypt"/);
  assert.throws(() => mapDmRange(t, 6144 * 512, 512), /not mapped/);
});

Deno.test("mapMdRange() maps raid0 stripes and raid1 mirrors with data offsets", () => {
  const m = [
    { device: "sdb1", slot: 1, dataOffset: 2048 * 512 },
    { device: "sda1", slot: 0, dataOffset: 2048 * 512 },
  ];
  assert.deepEqual(mapMdRange("raid0", 524288, m, 524288 * 3 + 10, 100), [
    { rel: 0, device: "sdb1", offset: 2048 * 512 + 524288 + 10, length: 100 },
  ]);
  assert.deepEqual(mapMdRange("raid1", 0, m, 4096, 512).map((x) => x.device), ["sda1", "sdb1"]);
  assert.throws(() => mapMdRange("raid5", 65536, m, 0, 1), /raid5.*not implemented/);
});

Deno.test("fiemapRequest()/parseFiemapResponse() follow linux/fiemap.h offsets", () => {
  const b = fiemapRequest(4096, 2, true);
  const v = new DataView(b.buffer);
  assert.equal(v.getBigUint64(0, true), 4096n);
  assert.equal(v.getUint32(16, true), 1);
  assert.equal(v.getUint32(24, true), 2);
  v.setUint32(20, 2, true);
  const e1 = FIEMAP_HEADER_SIZE, e2 = FIEMAP_HEADER_SIZE + FIEMAP_EXTENT_SIZE;
  v.setBigUint64(e1, 0n, true);
  v.setBigUint64(e1 + 8, 284456n, true);
  v.setBigUint64(e1 + 16, 17n, true);
  v.setUint32(e1 + 40, 0x301, true);
  v.setBigUint64(e2, 8192n, true);
  v.setBigUint64(e2 + 8, 1n << 40n, true);
  v.setBigUint64(e2 + 16, 4096n, true);
  v.setUint32(e2 + 40, 0x2800, true);
  assert.deepEqual(parseFiemapResponse(b), [
    { logical: 0, physical: 284456, length: 17, flags: ["last", "not_aligned", "inline"] },
    { logical: 8192, physical: 2 ** 40, length: 4096, flags: ["unwritten", "shared"] },
  ]);
});

Deno.test("coveringExtents() keeps only the runs overlapping OFFSET/LENGTH", () => {
  const ex = [{ fileOffset: 0, length: 4096 }, { fileOffset: 4096, length: 8192 }, {
    fileOffset: 12288,
    length: 4096,
  }];
  assert.deepEqual(coveringExtents(ex, 4096, 1), [ex[1]]);
  assert.deepEqual(coveringExtents(ex, 4000, 8400), ex);
});

Deno.test("devNumberToString() splits Linux dev_t like major()/minor()", () => {
  assert.equal(devNumberToString(0x0701), "7:1");
  assert.equal(devNumberToString((259 << 8) | 0), "259:0");
  assert.equal(devNumberToString(0x100000 | (259 << 8) | 5), "259:261");
});

Deno.test("mapBtrfsLogical() stripes RAID0/RAID10 and refuses RAID5", async () => {
  const { mapBtrfsLogical } = await import("../../lib/fs/btrfs/chunk_map.ts");
  const s = (devid: number, offset: number) => ({ devid, offset });
  const raid0 = {
    logical: 1 << 30,
    length: 1 << 24,
    stripeLen: 65536,
    type: 1 | 0x8,
    subStripes: 1,
    stripes: [s(1, 1 << 20), s(2, 1 << 21)],
  };
  // stripe 3 (byte 196608) → device 2 (3 % 2), row 1
  assert.deepEqual(mapBtrfsLogical([raid0], (1 << 30) + 196608 + 5, 10), [
    { rel: 0, devid: 2, physical: (1 << 21) + 65536 + 5, length: 10, copy: 0 },
  ]);
  const raid10 = {
    ...raid0,
    type: 1 | 0x40,
    subStripes: 2,
    stripes: [s(1, 0), s(2, 0), s(3, 0), s(4, 0)],
  };
  assert.deepEqual(
    mapBtrfsLogical([raid10], (1 << 30) + 65536, 4096).map((m) => [m.devid, m.physical, m.copy]),
    [[3, 0, 0], [4, 0, 1]],
  );
  assert.throws(() => mapBtrfsLogical([{ ...raid0, type: 0x80 }], 1 << 30, 1), /RAID5\/RAID6/);
  assert.throws(() => mapBtrfsLogical([raid0], 5, 1), /in no chunk/);
});

Deno.test("parseMountInfo() decodes octal escapes in mount points", async () => {
  const { parseMountInfo } = await import("../../lib/locate/btrfs_live.ts");
  const m = parseMountInfo("40 1 0:52 / /mnt/my\\040disk rw shared:7 - btrfs /dev/sdb2 rw,ssd\n");
  assert.deepEqual(m, [{
    majMin: "0:52",
    mountPoint: "/mnt/my disk",
    fsType: "btrfs",
    source: "/dev/sdb2",
  }]);
});

Deno.test("DM_TABLE_STATUS request/response follow linux/dm-ioctl.h (table text like dmsetup)", async () => {
  const { dmTableRequest, parseDmTableResponse, DM_IOCTL_SIZE } = await import(
    "../../lib/locate/dm_ioctl.ts"
  );
  const b = dmTableRequest("vg-lv", 4096);
  const v = new DataView(b.buffer);
  assert.equal(DM_IOCTL_SIZE, 312);
  assert.deepEqual([v.getUint32(0, true), v.getUint32(12, true), v.getUint32(16, true)], [
    4,
    4096,
    312,
  ]);
  assert.equal(new TextDecoder().decode(b.subarray(48, 53)), "vg-lv");
  assert.equal(v.getUint32(28, true), 0x10);
  // what the kernel writes back: two targets; `next` counts from the first spec
  v.setUint32(20, 2, true);
  const put = (
    o: number,
    start: bigint,
    len: bigint,
    next: number,
    type: string,
    params: string,
  ) => {
    v.setBigUint64(o, start, true);
    v.setBigUint64(o + 8, len, true);
    v.setUint32(o + 20, next, true);
    b.set(new TextEncoder().encode(type), o + 24);
    b.set(new TextEncoder().encode(params + "\0"), o + 40);
  };
  put(312, 0n, 2048n, 64, "linear", "8:16 384");
  put(312 + 64, 2048n, 4096n, 0, "striped", "2 128 8:32 0 8:48 2048");
  assert.equal(
    parseDmTableResponse(b),
    "0 2048 linear 8:16 384\n2048 4096 striped 2 128 8:32 0 8:48 2048\n",
  );
  v.setUint32(28, 0x110, true);
  assert.equal(parseDmTableResponse(b), null);
});
