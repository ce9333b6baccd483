// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Live `locate` through device-mapper and md, in a QEMU guest (the host kernel has neither): six
 * virtio disks; a dm-linear and a dm-striped device (dmsetup), an md RAID1 and an md RAID0 (mdadm,
 * 1 MiB data offset, 64 KiB chunks); an ext4 (built on the host with mke2fs -d and scattered onto
 * the disks the way dm/md map it) mounted from each. Every extent must
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
  has("qemu-system-x86_64") && has("dmsetup") && has("mdadm") && has("busybox") && has("mke2fs") &&
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
export MDADM_NO_UDEV=1
yes | mdadm --create /dev/md0 --level=1 --raid-devices=2 --metadata=1.2 --data-offset=1M \\
  --assume-clean --bitmap=none --run /dev/vdc /dev/vdd > /share/md.log 2>&1
yes | mdadm --create /dev/md1 --level=0 --raid-devices=2 --metadata=1.2 --data-offset=1M \\
  --chunk=64 --run /dev/vde /dev/vdf >> /share/md.log 2>&1
mkdir -p /mnt/r1 /mnt/r0
mount -t ext4 -o ro /dev/md0 /mnt/r1 >> /share/md.log 2>&1
mount -t ext4 -o ro /dev/md1 /mnt/r0 >> /share/md.log 2>&1
sk locate --json --verify /mnt/r1/big.bin > /share/r1.json 2> /share/r1.err
sk locate --json --verify /mnt/r0/big.bin > /share/r0.json 2> /share/r0.err
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
    "locate resolves dm-linear, dm-striped, md raid1 and md raid0 in a QEMU guest, verified by raw reads (root only)",
  ignore: !ready,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      await Deno.mkdir(`${dir}/src`);
      await Deno.mkdir(`${dir}/share`);
      await Deno.writeFile(`${dir}/src/big.bin`, randomBytes(300_000, 77));
      for (const n of ["a", "b", "c", "d"]) {
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
      // md RAID1 (vdc, vdd): the same bytes at the 1 MiB data offset; RAID0 (vde, vdf): chunks
      const c = await Deno.readFile(`${dir}/c.img`);
      const d = await Deno.readFile(`${dir}/d.img`);
      const mdDisks = Array.from({ length: 4 }, () => new Uint8Array(24 << 20));
      mdDisks[0].set(c, 1 << 20);
      mdDisks[1].set(c, 1 << 20);
      for (let k = 0; k < d.length / CHUNK; k++) {
        const at = (1 << 20) + Math.floor(k / 2) * CHUNK;
        mdDisks[2 + (k % 2)].set(d.subarray(k * CHUNK, (k + 1) * CHUNK), at);
      }
      for (const [k, n] of ["vdc", "vdd", "vde", "vdf"].entries()) {
        await Deno.writeFile(`${dir}/${n}.img`, mdDisks[k]);
      }
      await Deno.writeTextFile(`${dir}/share/run.sh`, RUN_SH, { mode: 0o755 });
      const guest = await new Deno.Command("bash", {
        args: [
          "scripts/qemu/run_guest.sh",
          "--disks",
          `${dir}/share`,
          ...["vda", "vdb", "vdc", "vdd", "vde", "vdf"].map((n) => `${dir}/${n}.img`),
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
      const raid0 = (x: number): [string, number] => {
        const k = Math.floor(x / CHUNK);
        const disk = k % 2 === 0 ? "/dev/vde" : "/dev/vdf";
        return [disk, (1 << 20) + Math.floor(k / 2) * CHUNK + (x % CHUNK)];
      };
      for (
        const [name, img, map] of [
          ["lin", "a", (x: number): [string, number] => ["/dev/vda", 2048 * 512 + x]],
          ["str", "b", striped],
          ["r1", "c", (x: number): [string, number] => ["/dev/vdc", (1 << 20) + x]],
          ["r0", "d", raid0],
        ] as const
      ) {
        const text = await Deno.readTextFile(`${dir}/share/${name}.json`);
        const why = await Deno.readTextFile(`${dir}/share/${name}.err`).catch(() => "") +
          await Deno.readTextFile(`${dir}/share/md.log`).catch(() => "");
        assert.ok(text.trim(), `${name}: ${why}`);
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
        if (name === "str" || name === "r0") {
          assert.ok(j.extents.length >= 4, `${name}: the file spans several chunks`);
        }
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
