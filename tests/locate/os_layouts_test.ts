// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import {
  FSCTL_GET_RETRIEVAL_POINTER_BASE,
  FSCTL_GET_RETRIEVAL_POINTERS,
  IOCTL_VOLUME_GET_VOLUME_DISK_EXTENTS,
  IOCTL_VOLUME_LOGICAL_TO_PHYSICAL,
  parseRetrievalPointerBase,
  parseRetrievalPointers,
  parseVolumeDiskExtents,
  startingVcnInput,
  windowsRunsToDisk,
} from "../../lib/locate/windows_extents.ts";
import { log2physRequest, parseLog2phys, walkLog2phys } from "../../lib/locate/macos_extents.ts";

Deno.test("Windows control codes match winioctl.h values", () => {
  assert.equal(FSCTL_GET_RETRIEVAL_POINTERS, 0x90073);
  assert.equal(FSCTL_GET_RETRIEVAL_POINTER_BASE, 0x90234);
  assert.equal(IOCTL_VOLUME_GET_VOLUME_DISK_EXTENTS, 0x560000);
  assert.equal(IOCTL_VOLUME_LOGICAL_TO_PHYSICAL, 0x560020);
});

Deno.test("parseRetrievalPointers() reads runs, sparse LCN -1 and the next VCN to continue from", () => {
  const b = new Uint8Array(16 + 3 * 16);
  const v = new DataView(b.buffer);
  v.setUint32(0, 3, true);
  v.setBigInt64(8, 16n, true); // StartingVcn (a continuation call)
  v.setBigInt64(16, 25n, true);
  v.setBigInt64(24, 2227n, true);
  v.setBigInt64(32, 32n, true);
  v.setBigInt64(40, -1n, true); // compression-unit tail
  v.setBigInt64(48, 40n, true);
  v.setBigInt64(56, 9000n, true);
  assert.deepEqual(parseRetrievalPointers(b), {
    runs: [
      { vcn: 16, clusters: 9, lcn: 2227 },
      { vcn: 25, clusters: 7, lcn: -1 },
      { vcn: 32, clusters: 8, lcn: 9000 },
    ],
    nextVcn: 40,
  });
  v.setUint32(0, 9, true);
  assert.throws(() => parseRetrievalPointers(b), /9 extents do not fit/);
  assert.deepEqual([...startingVcnInput(40)], [40, 0, 0, 0, 0, 0, 0, 0]);
});

Deno.test("FAT32 on Windows: retrieval base + disk extent give the LBA TSK reports", () => {
  // locate.md §3.3: FAT32 (4 KiB clusters, data at sector 1232) inside a GPT partition at
  // LBA 2048; BIG.BIN starts at volume sector 1240 = cluster 3 (Windows LCN 1) → disk LBA 3288.
  const base = new Uint8Array(8);
  new DataView(base.buffer).setBigInt64(0, 1232n, true);
  const ext = new Uint8Array(32);
  const ev = new DataView(ext.buffer);
  ev.setUint32(0, 1, true);
  ev.setUint32(8, 2, true);
  ev.setBigInt64(16, 2048n * 512n, true);
  ev.setBigInt64(24, 300n << 20n, true);
  const disk = parseVolumeDiskExtents(ext);
  assert.deepEqual(disk, [{ diskNumber: 2, startingOffset: 1048576, length: 300 * 1048576 }]);
  const runs = windowsRunsToDisk(
    [{ vcn: 0, clusters: 2, lcn: 1 }, { vcn: 2, clusters: 1, lcn: -1 }],
    4096,
    512,
    parseRetrievalPointerBase(base),
    disk[0],
  );
  assert.equal(runs[0].physicalOffset! / 512, 3288);
  assert.deepEqual(runs[1], {
    fileOffset: 8192,
    length: 4096,
    physicalOffset: null,
    diskNumber: 2,
    flags: ["hole"],
  });
});

Deno.test("log2phys is the 20-byte pack(4) struct and walkLog2phys() merges runs, holes, ENOTSUP", () => {
  const b = log2physRequest(8192, 65536);
  assert.equal(b.length, 20);
  const v = new DataView(b.buffer);
  assert.equal(v.getBigInt64(4, true), 65536n);
  assert.equal(v.getBigInt64(12, true), 8192n);
  assert.deepEqual(parseLog2phys(b), { flags: 0, contigbytes: 65536, devoffset: 8192 });
  const answers: Record<number, { devoffset: number; contigbytes: number } | { errno: number }> = {
    0: { devoffset: 1_000_000, contigbytes: 4096 },
    4096: { devoffset: 1_004_096, contigbytes: 4096 },
    8192: { errno: 34 },
    12288: { devoffset: 5_000_000, contigbytes: 100_000 },
  };
  assert.deepEqual(walkLog2phys(16384, 4096, (o) => answers[o]), [
    { fileOffset: 0, length: 8192, deviceOffset: 1_000_000, flags: [] },
    { fileOffset: 8192, length: 4096, deviceOffset: null, flags: ["hole"] },
    { fileOffset: 12288, length: 4096, deviceOffset: 5_000_000, flags: [] },
  ]);
  assert.deepEqual(walkLog2phys(100, 4096, () => ({ errno: 45 })), [
    { fileOffset: 0, length: 100, deviceOffset: null, flags: ["encoded"] },
  ]);
});

Deno.test("mftRecordOffset() places a resident file's MFT record through $MFT's runs", async () => {
  const { mftRecordOffset, parseNtfsVolumeData, FSCTL_GET_NTFS_VOLUME_DATA } = await import(
    "../../lib/locate/windows_extents.ts"
  );
  assert.equal(FSCTL_GET_NTFS_VOLUME_DATA, 0x90064);
  const b = new Uint8Array(96);
  const v = new DataView(b.buffer);
  v.setUint32(40, 512, true);
  v.setUint32(44, 4096, true);
  v.setUint32(48, 1024, true);
  v.setBigInt64(64, 786432n, true);
  const vd = parseNtfsVolumeData(b);
  assert.deepEqual(vd, {
    bytesPerSector: 512,
    bytesPerCluster: 4096,
    bytesPerRecord: 1024,
    mftStartLcn: 786432,
  });
  // $MFT in two runs: VCN 0-15 at LCN 786432, VCN 16- at LCN 100; record 70 = byte 71680 = VCN 17
  const runs = [{ vcn: 0, clusters: 16, lcn: 786432 }, { vcn: 16, clusters: 16, lcn: 100 }];
  assert.equal(mftRecordOffset(vd, (5n << 48n) | 70n, runs), 101 * 4096 + 2048);
  assert.equal(mftRecordOffset(vd, 3, runs), 786432 * 4096 + 3072);
  assert.throws(() => mftRecordOffset(vd, 1000, runs), /record 1000 is not mapped/);
});

Deno.test("VOLUME_PHYSICAL_OFFSETS and attribute flags for dynamic, compressed and EFS files", async () => {
  const { parseVolumePhysicalOffsets, volumeLogicalOffset, attributeFlags } = await import(
    "../../lib/locate/windows_extents.ts"
  );
  const b = new Uint8Array(8 + 32);
  const v = new DataView(b.buffer);
  v.setUint32(0, 2, true); // a mirrored volume: two copies
  v.setUint32(8, 1, true);
  v.setBigInt64(16, 5n << 30n, true);
  v.setUint32(24, 2, true);
  v.setBigInt64(32, 7n << 30n, true);
  assert.deepEqual(parseVolumePhysicalOffsets(b), [
    { diskNumber: 1, offset: 5 * 2 ** 30 },
    { diskNumber: 2, offset: 7 * 2 ** 30 },
  ]);
  v.setUint32(0, 3, true);
  assert.throws(() => parseVolumePhysicalOffsets(b), /3 entries do not fit/);
  assert.deepEqual([...volumeLogicalOffset(4096)], [0, 16, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(attributeFlags(0x20 | 0x800), ["compressed"]);
  assert.deepEqual(attributeFlags(0x4000 | 0x200), ["encrypted"]);
});
