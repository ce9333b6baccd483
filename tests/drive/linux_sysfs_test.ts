// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { listLinuxDrives, sysfsBlockName } from "../../lib/drive/linux_sysfs.ts";
import { memoryFileStore } from "../scsi/fake_fs.ts";

/** A sysfs tree as QEMU's guest shows it: two ide-cd drives, one disk, a loop and a ram disk. */
function sysfs() {
  return memoryFileStore({
    "/sys/class/scsi_generic/sg0/device/type": "5\n",
    "/sys/class/scsi_generic/sg0/device/vendor": "QEMU    \n",
    "/sys/class/scsi_generic/sg0/device/model": "QEMU DVD-ROM    \n",
    "/sys/class/scsi_generic/sg0/device/rev": "2.5+\n",
    "/sys/class/scsi_generic/sg0/device/block/sr0/dev": "11:0\n",
    "/sys/class/scsi_generic/sg1/device/type": "0\n",
    "/sys/class/scsi_generic/sg1/device/block/sda/dev": "8:0\n",
    "/sys/class/scsi_generic/sg10/device/type": "5\n",
    "/sys/class/scsi_generic/sg10/device/model": "BD-RE BH16NS40\n",
    "/sys/class/scsi_generic/sg10/device/vendor": "HL-DT-ST\n",
    "/sys/class/scsi_generic/sg2/device/type": "5\n",
    "/sys/class/scsi_generic/sg2/device/block/sr1/dev": "11:1\n",
    "/sys/block/sr0/size": "3668\n",
    "/sys/block/sr0/removable": "1\n",
    "/sys/block/sr1/size": "0\n",
    "/sys/block/sda/size": "2097152\n",
    "/sys/block/sda/removable": "0\n",
    "/sys/block/sda/device/vendor": "ATA     \n",
    "/sys/block/sda/device/model": "QEMU HARDDISK\n",
    "/sys/block/sda/device/rev": "2.5+\n",
    "/sys/block/loop0/size": "0\n",
    "/sys/block/loop1/size": "2048\n",
    "/sys/block/ram0/size": "8192\n",
    "/sys/block/sr5/size": "0\n",
  });
}

Deno.test("listLinuxDrives() maps scsi_generic type 5 to /dev/srN + /dev/sgN, then block devices", async () => {
  const list = await listLinuxDrives(sysfs());
  assert.deepEqual(list.map((d) => [d.path, d.kind, d.genericPath ?? null]), [
    ["/dev/sr0", "optical", "/dev/sg0"],
    ["/dev/sr1", "optical", "/dev/sg2"],
    ["/dev/sg10", "optical", "/dev/sg10"],
    ["/dev/sr5", "optical", null],
    ["/dev/loop1", "disk", null],
    ["/dev/sda", "disk", null],
  ]);
  const sr0 = list[0];
  assert.deepEqual([sr0.vendor, sr0.product, sr0.revision, sr0.sizeBytes], [
    "QEMU",
    "QEMU DVD-ROM",
    "2.5+",
    3668 * 512,
  ]);
  assert.equal(list[2].vendor, "HL-DT-ST");
  const sda = list.find((d) => d.path === "/dev/sda")!;
  assert.deepEqual([sda.vendor, sda.product, sda.sizeBytes, sda.removable], [
    "ATA",
    "QEMU HARDDISK",
    1 << 30,
    false,
  ]);
});

Deno.test("sysfsBlockName() resolves /dev/sgN to its block node", async () => {
  const fs = sysfs();
  assert.equal(await sysfsBlockName(fs, "/dev/sg0"), "sr0");
  assert.equal(await sysfsBlockName(fs, "/dev/sr1"), "sr1");
  assert.equal(await sysfsBlockName(fs, "/dev/sg10"), null);
  assert.equal(await sysfsBlockName(fs, "D:"), null);
});

Deno.test("listLinuxDrives() returns nothing on a machine without sysfs entries", async () => {
  assert.deepEqual(await listLinuxDrives(memoryFileStore()), []);
});
