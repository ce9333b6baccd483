// Copyright 2026 the sectorkit authors. MIT license.
// Linux only; the loop-device case needs root (skipped otherwise, with the reason in its name).
import assert from "node:assert/strict";
import { openLinuxBlockDevice } from "../../ffi/linux/block_device.ts";
import { allocAligned } from "../../ffi/aligned.ts";
import { IoError, NotFoundError } from "../../lib/errors.ts";
import { withLoopDevice } from "../helpers/loop.ts";
import { randomBytes } from "../helpers/random.ts";

const linux = Deno.build.os === "linux";
const root = linux && Deno.uid() === 0;

Deno.test({
  name: "openLinuxBlockDevice() reads a regular file and reports its size",
  ignore: !linux,
  async fn() {
    const path = await Deno.makeTempFile();
    try {
      const data = randomBytes(10000, 7);
      await Deno.writeFile(path, data);
      const dev = openLinuxBlockDevice(path);
      try {
        assert.equal(dev.size, 10000);
        assert.equal(dev.kind, "file");
        const buf = new Uint8Array(4096);
        assert.equal(await dev.readAt(8192, buf), 10000 - 8192);
        assert.deepEqual(buf.subarray(0, 10000 - 8192), data.subarray(8192));
      } finally {
        dev.close();
      }
    } finally {
      await Deno.remove(path);
    }
  },
});

Deno.test({
  name: "openLinuxBlockDevice() names a missing path in a NotFoundError",
  ignore: !linux,
  fn() {
    assert.throws(() => openLinuxBlockDevice("/nonexistent/disk"), (e) => {
      assert.ok(e instanceof NotFoundError);
      assert.equal(e.message, "Cannot open /nonexistent/disk: No such file or directory (ENOENT)");
      return true;
    });
  },
});

Deno.test({
  name: `openLinuxBlockDevice() reads a 4Kn loop device with O_DIRECT${
    root ? "" : " (skipped: needs root)"
  }`,
  ignore: !root,
  async fn() {
    const data = randomBytes(1 << 20, 11);
    await withLoopDevice(data, { sectorSize: 4096 }, async (loop) => {
      const dev = openLinuxBlockDevice(loop);
      try {
        assert.equal(dev.size, 1 << 20);
        assert.equal(dev.logicalSectorSize, 4096);
        assert.equal(dev.kind, "block");
        assert.ok(dev.direct);
        const buf = allocAligned(65536, dev.alignment);
        assert.equal(await dev.readAt(65536, buf), 65536);
        assert.deepEqual(buf, data.subarray(65536, 131072));
        // A misaligned O_DIRECT read fails with EINVAL, reported with the sector.
        await assert.rejects(dev.readAt(512, buf.subarray(0, 512)), (e: Error) => {
          assert.ok(!(e instanceof IoError));
          assert.match(
            e.message,
            /^Cannot read sector 0 of \/dev\/loop\d+: Invalid argument \(EINVAL\)$/,
          );
          return true;
        });
      } finally {
        dev.close();
      }
    });
  },
});
