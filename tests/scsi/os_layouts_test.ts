// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import {
  ctlCode,
  decodeScsiCapabilities,
  decodeSptd,
  encodeSptd,
  IOCTL_SCSI_GET_CAPABILITIES,
  IOCTL_SCSI_PASS_THROUGH_DIRECT,
  sptdLayout,
  sptdMaxTransfer,
  windowsDrivePath,
} from "../../lib/scsi/sptd_layout.ts";
import {
  decodeSgIoHdr,
  encodeSgIoHdr,
  maxTransferFromSysfs,
  SG_IO_HDR_SIZE,
  sgTransportError,
} from "../../lib/scsi/sg_io_layout.ts";

Deno.test("encodeSgIoHdr() writes the 88-byte LP64 sg_io_hdr layout", () => {
  const h = encodeSgIoHdr({
    direction: "in",
    cmdLen: 12,
    senseLen: 64,
    dxferLen: 2352,
    dxferp: 0x7f0011223344n,
    cmdp: 0x1000n,
    sbp: 0x2000n,
    timeoutMs: 30000,
  });
  assert.equal(h.length, SG_IO_HDR_SIZE);
  const v = new DataView(h.buffer);
  assert.equal(v.getInt32(0, true), 0x53);
  assert.equal(v.getInt32(4, true), -3);
  assert.deepEqual([h[8], h[9]], [12, 64]);
  assert.equal(v.getUint32(12, true), 2352);
  assert.equal(v.getBigUint64(16, true), 0x7f0011223344n);
  assert.equal(v.getBigUint64(24, true), 0x1000n);
  assert.equal(v.getBigUint64(32, true), 0x2000n);
  assert.equal(v.getUint32(40, true), 30000);
  const none = encodeSgIoHdr({
    direction: "in",
    cmdLen: 6,
    senseLen: 64,
    dxferLen: 0,
    dxferp: 5n,
    cmdp: 1n,
    sbp: 2n,
    timeoutMs: 1,
  });
  assert.equal(new DataView(none.buffer).getInt32(4, true), -1);
  assert.equal(new DataView(none.buffer).getBigUint64(16, true), 0n);
  const out = encodeSgIoHdr({
    direction: "out",
    cmdLen: 10,
    senseLen: 32,
    dxferLen: 8,
    dxferp: 5n,
    cmdp: 1n,
    sbp: 2n,
    timeoutMs: 1,
  });
  assert.equal(new DataView(out.buffer).getInt32(4, true), -2);
});

Deno.test("decodeSgIoHdr() reads status, sense length, host/driver status, resid, duration", () => {
  const h = new Uint8Array(88);
  const v = new DataView(h.buffer);
  h[64] = 2;
  h[67] = 18;
  v.setUint16(68, 0, true);
  v.setUint16(70, 0x08, true);
  v.setInt32(72, 100, true);
  v.setUint32(76, 7, true);
  v.setUint32(80, 1, true);
  assert.deepEqual(decodeSgIoHdr(h), {
    status: 2,
    sbLenWr: 18,
    hostStatus: 0,
    driverStatus: 8,
    resid: 100,
    duration: 7,
    info: 1,
  });
});

Deno.test("sgTransportError() separates host/driver failures from CHECK CONDITION", () => {
  assert.deepEqual(sgTransportError({ hostStatus: 0, driverStatus: 0x08 }), { code: 0 });
  assert.equal(
    sgTransportError({ hostStatus: 3, driverStatus: 0 }).message,
    "host status DID_TIME_OUT (0x03), the command timed out",
  );
  assert.deepEqual(sgTransportError({ hostStatus: 0, driverStatus: 0x06 }), {
    code: 6,
    message: "driver status DRIVER_TIMEOUT (0x06), the command timed out",
  });
  assert.equal(sgTransportError({ hostStatus: 7, driverStatus: 0 }).code, 0x700);
});

Deno.test("maxTransferFromSysfs() uses max_hw_sectors_kb (QEMU IDE: 128) and falls back to 64 KiB", () => {
  assert.equal(maxTransferFromSysfs("128\n", "128\n"), 131072);
  assert.equal(maxTransferFromSysfs("32767\n", "1280\n"), 1280 * 1024);
  assert.equal(maxTransferFromSysfs(null, null), 65536);
  assert.equal(maxTransferFromSysfs("junk"), 65536);
});

Deno.test("Windows IOCTL codes match ntddscsi.h", () => {
  assert.equal(IOCTL_SCSI_PASS_THROUGH_DIRECT, 0x4d014);
  assert.equal(IOCTL_SCSI_GET_CAPABILITIES, 0x41010);
  assert.equal(ctlCode(0x2d, 0x0500, 0, 0), 0x2d1400); // IOCTL_STORAGE_CHECK_VERIFY
});

Deno.test("sptdLayout() gives the 64-bit and 32-bit SCSI_PASS_THROUGH_DIRECT layouts", () => {
  assert.deepEqual(sptdLayout(8), {
    size: 56,
    dataTransferLength: 12,
    timeOutValue: 16,
    dataBuffer: 24,
    senseInfoOffset: 32,
    cdb: 36,
    senseBuf: 60,
    totalSize: 96,
  });
  assert.deepEqual(sptdLayout(4), {
    size: 44,
    dataTransferLength: 12,
    timeOutValue: 16,
    dataBuffer: 20,
    senseInfoOffset: 24,
    cdb: 28,
    senseBuf: 48,
    totalSize: 80,
  });
});

Deno.test("encodeSptd()/decodeSptd() fill and read the structure", () => {
  const cdb = new Uint8Array([0x28, 0, 0, 0, 0, 16, 0, 0, 1, 0]);
  const b = encodeSptd({
    cdb,
    direction: "in",
    dataLength: 2048,
    dataBuffer: 0x1234000n,
    timeoutSeconds: 29.5,
  });
  const v = new DataView(b.buffer);
  assert.equal(b.length, 96);
  assert.equal(v.getUint16(0, true), 56);
  assert.deepEqual([b[6], b[7], b[8]], [10, 32, 1]);
  assert.equal(v.getUint32(12, true), 2048);
  assert.equal(v.getUint32(16, true), 30);
  assert.equal(v.getBigUint64(24, true), 0x1234000n);
  assert.equal(v.getUint32(32, true), 60);
  assert.deepEqual(b.subarray(36, 46), cdb);
  const b32 = encodeSptd({
    cdb,
    direction: "none",
    dataLength: 0,
    dataBuffer: 0n,
    timeoutSeconds: 5,
  }, 4);
  assert.equal(b32[8], 2);
  assert.equal(new DataView(b32.buffer).getUint32(24, true), 48);
  // Reply: CHECK CONDITION with sense in SenseBuf.
  b[2] = 2;
  b.set([0x70, 0, 5, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x21, 0], 60);
  v.setUint32(12, 0, true);
  const r = decodeSptd(b);
  assert.equal(r.status, 2);
  assert.equal(r.sense.length, 32);
  assert.equal(r.sense[12], 0x21);
  assert.equal(r.transferred, 0);
  assert.throws(() =>
    encodeSptd({
      cdb: new Uint8Array(17),
      direction: "none",
      dataLength: 0,
      dataBuffer: 0n,
      timeoutSeconds: 1,
    })
  );
});

Deno.test("IO_SCSI_CAPABILITIES decoding and the safe transfer size", () => {
  const c = new Uint8Array(24);
  const v = new DataView(c.buffer);
  v.setUint32(0, 24, true);
  v.setUint32(4, 0x20000, true);
  v.setUint32(8, 17, true);
  v.setUint32(16, 1, true);
  const caps = decodeScsiCapabilities(c);
  assert.deepEqual(caps, {
    maximumTransferLength: 0x20000,
    maximumPhysicalPages: 17,
    alignmentMask: 1,
  });
  assert.equal(sptdMaxTransfer(caps), 65536);
  assert.equal(sptdMaxTransfer({ maximumTransferLength: 0, maximumPhysicalPages: 0 }), 65536);
});

Deno.test("windowsDrivePath() accepts d, D:, D:\\ and \\\\.\\D:", () => {
  for (const n of ["d", "D:", "D:\\", "\\\\.\\D:", " d: "]) {
    assert.equal(windowsDrivePath(n), "\\\\.\\D:", n);
  }
  assert.equal(windowsDrivePath("\\\\.\\CdRom0"), "\\\\.\\CdRom0");
});

Deno.test("macOS IOKit (experimental): UUIDs, vtable slots, SG element, status mapping, BSD names", async () => {
  const io = await import("../../lib/scsi/iokit_layout.ts");
  assert.deepEqual(
    Array.from(io.uuidBytes(io.SCSITASK_DEVICE_INTERFACE_ID)),
    [
      0x1b,
      0xbc,
      0x41,
      0x32,
      0x08,
      0xa5,
      0x11,
      0xd5,
      0x90,
      0xed,
      0x00,
      0x30,
      0x65,
      0x7d,
      0x05,
      0x2a,
    ],
  );
  assert.equal(io.uuidBytes(io.SCSITASK_DEVICE_USER_CLIENT_TYPE_ID)[0], 0x7d);
  assert.throws(() => io.uuidBytes("nope"), SyntaxError);
  assert.deepEqual(
    [
      io.DEVICE_SLOTS.ObtainExclusiveAccess,
      io.DEVICE_SLOTS.ReleaseExclusiveAccess,
      io.DEVICE_SLOTS.CreateSCSITask,
    ],
    [64, 72, 80],
  );
  assert.deepEqual(
    [
      io.TASK_SLOTS.SetCommandDescriptorBlock,
      io.TASK_SLOTS.SetScatterGatherEntries,
      io.TASK_SLOTS.SetTimeoutDuration,
      io.TASK_SLOTS.ExecuteTaskSync,
      io.TASK_SLOTS.Release,
    ],
    [64, 88, 96, 128, 24],
  );
  const sg = io.encodeSgElement(0x1000n, 2352);
  assert.equal(new DataView(sg.buffer).getBigUint64(8, true), 2352n);
  assert.deepEqual(io.iokitTaskResult(0, 0), { status: 0, transportError: 0 });
  assert.deepEqual(io.iokitTaskResult(0, 2), { status: 2, transportError: 0 });
  assert.equal(io.iokitTaskResult(0, 0x01000000).transportMessage, "SCSITask task timeout");
  assert.match(io.iokitTaskResult(0xe00002c5 | 0, 0).transportMessage!, /kIOReturnExclusiveAccess/);
  assert.equal(io.bsdName("disk2"), "disk2");
  assert.equal(io.bsdName("/dev/rdisk10s1"), "disk10");
  assert.equal(io.bsdName("/dev/sr0"), null);
});
