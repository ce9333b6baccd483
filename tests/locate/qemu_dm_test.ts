// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Live `locate` through device-mapper, in a QEMU guest (the host kernel has no dm): two virtio
 * disks, a dm-linear and a dm-striped device made with dmsetup, an ext4 (built on the host with
 * mke2fs -d and scattered onto the disks the way dm maps it) mounted from each. Every extent must
 * resolve to /dev/vda or /dev/vdb at the offset TSK's istat gives plus the dm mapping, and be
 * verified by raw O_DIRECT reads inside the guest. Root only; ~1 min under TCG;
 * SECTORKIT_NO_QEMU=1 skips it.
 */
import assert from "node:assert/strict";
import { isLinuxRoot } from "../helpers/loop.ts";
import { randomBytes } from "../helpers/random.ts";
import { has, run } from "./tsk.ts";

function kernelPresent(): boolean {
  try {
    return [...Deno.readDirSync("/boot")].some((e) => e.name.startsWith("vmlinuz-"));
  } catch {
    return false;
  }
}

const ready = isLinuxRoot() && Deno.env.get("SECTORKIT_NO_QEMU") !== "1" &&
  has("qemu-system-x86_64") && has("dmsetup") && has("busybox") && has("mke2fs") &&
  has("istat") && kernelPresent();

const CHUNK = 65536; // striped chunk: 128 sectors
const VDA_STRIPE = 40960; // sectors
const VDB_STRIPE = 2048;

const RUN_SH = `#!/bin/sh
export HOME=/tmp NO_COLOR=1 DENO_NO_UPDATE_CHECK=1 DENO_DIR=/tmp/deno DM_DISABLE_UDEV=1
dmsetup create lin --noudevsync --table "0 32768 linear /dev/vda 2048"
dmsetup create str --noudevsync --table "0 32768 striped 2 128 /dev/vda ${VDA_STRIPE} /dev/vdb ${VDB_STRIPE}"
mkdir -p /mnt/l /mnt/s
mount -t ext4 -o ro /dev/mapper/lin /mnt/l
mount -t ext4 -o ro /dev/mapper/str /mnt/s
cd /tmp
sk() { deno run --no-config --no-lock -A /share/sectorkit.js "$@"; }
sk locate --json --verify /mnt/l/big.bin > /share/lin.json 2> /share/lin.err
sk locate --json --verify /mnt/s/big.bin > /share/str.json 2> /share/str.err
echo 0 > /share/rc
`;

interface Extent {
  fileOffset: number;
  length: number;
  physicalOffset: number;
  device: string;
  verify: string;
  stoppedAt: string | null;
}

Deno.test({
  name:
    "locate resolves dm-linear and dm-striped in a QEMU guest, verified by raw reads (root only)",
  ignore: !ready,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      await Deno.mkdir(`${dir}/src`);
      await Deno.mkdir(`${dir}/share`);
      await Deno.writeFile(`${dir}/src/big.bin`, randomBytes(300_000, 77));
      for (const n of ["a", "b"]) {
        await run("mke2fs", [
          "-q",
          "-F",
          "-t",
          "ext4",
          "-b",
          "4096",
          "-d",
          `${dir}/src`,
          `${dir}/${n}.img`,
          "16M",
        ]);
      }
      const vda = new Uint8Array(48 << 20), vdb = new Uint8Array(24 << 20);
      vda.set(await Deno.readFile(`${dir}/a.img`), 2048 * 512);
      const b = await Deno.readFile(`${dir}/b.img`);
      for (let c = 0; c < b.length / CHUNK; c++) {
        const [disk, base] = c % 2 === 0 ? [vda, VDA_STRIPE * 512] : [vdb, VDB_STRIPE * 512];
        disk.set(b.subarray(c * CHUNK, (c + 1) * CHUNK), base + Math.floor(c / 2) * CHUNK);
      }
      await Deno.writeFile(`${dir}/vda.img`, vda);
      await Deno.writeFile(`${dir}/vdb.img`, vdb);
      await Deno.writeTextFile(`${dir}/share/run.sh`, RUN_SH, { mode: 0o755 });
      const guest = await new Deno.Command("bash", {
        args: [
          "scripts/qemu_locate/run_guest.sh",
          `${dir}/vda.img`,
          `${dir}/vdb.img`,
          `${dir}/share`,
        ],
        stdout: "piped",
        stderr: "piped",
      }).output();
      const log = new TextDecoder().decode(guest.stdout) + new TextDecoder().decode(guest.stderr);
      assert.ok(guest.success, `guest failed:\n${log.slice(-2000)}`);

      // expected: TSK's blocks of /big.bin in each ext4 image, then the dm mapping
      const runsOf = async (img: string) =>
        [...(await run("istat", ["-r", img, "12"])).matchAll(
          /Starting address: (\d+), length: (\d+)/g,
        )]
          .map((m) => [Number(m[1]) * 4096, Number(m[2]) * 4096]);
      const striped = (x: number): [string, number] => {
        const c = Math.floor(x / CHUNK);
        return c % 2 === 0
          ? ["/dev/vda", VDA_STRIPE * 512 + Math.floor(c / 2) * CHUNK + (x % CHUNK)]
          : ["/dev/vdb", VDB_STRIPE * 512 + Math.floor(c / 2) * CHUNK + (x % CHUNK)];
      };
      for (
        const [name, img, map] of [
          ["lin", "a", (x: number): [string, number] => ["/dev/vda", 2048 * 512 + x]],
          ["str", "b", striped],
        ] as const
      ) {
        const text = await Deno.readTextFile(`${dir}/share/${name}.json`);
        assert.ok(text.trim(), `${name}: ${await Deno.readTextFile(`${dir}/share/${name}.err`)}`);
        const j = JSON.parse(text) as { size: number; extents: Extent[] };
        const [[fsStart]] = await runsOf(`${dir}/${img}.img`);
        let covered = 0;
        for (const e of j.extents) {
          assert.equal(e.stoppedAt, null, `${name}: ${e.stoppedAt}`);
          assert.equal(e.verify, "verified", `${name} @${e.fileOffset}: ${e.verify}`);
          const [dev, off] = map(fsStart + e.fileOffset);
          assert.deepEqual([e.device, e.physicalOffset], [dev, off], `${name} @${e.fileOffset}`);
          covered += Math.min(e.length, j.size - e.fileOffset);
        }
        assert.equal(covered, 300_000);
        if (name === "str") assert.ok(j.extents.length >= 4, "striped file spans several chunks");
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
