// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Live `locate` on btrfs (root only): FIEMAP's btrfs logical addresses are mapped through the
 * chunk tree read from the device, compared with btrfs-map-logical, and verified by raw reads.
 */
import assert from "node:assert/strict";
import { isLinuxRoot, sh } from "../helpers/loop.ts";
import { randomBytes } from "../helpers/random.ts";
import { cli } from "./cli.ts";
import { has } from "./tsk.ts";

Deno.test({
  name: "locate maps btrfs logical addresses through the chunk tree (root only)",
  ignore: !isLinuxRoot() || !has("mkfs.btrfs") || !has("btrfs-map-logical"),
  async fn() {
    const dir = await Deno.makeTempDir();
    const cleanup: (() => Promise<unknown>)[] = [];
    try {
      const img = `${dir}/b.img`;
      const f = await Deno.open(img, { write: true, create: true });
      await f.truncate(160 * 1024 * 1024);
      f.close();
      const loop = (await sh("losetup", ["-f", "--show", img])).trim();
      cleanup.push(() => sh("losetup", ["-d", loop]));
      await sh("mkfs.btrfs", ["-q", "-f", loop]);
      const mnt = `${dir}/m`;
      await Deno.mkdir(mnt);
      await sh("mount", ["-o", "compress=no", loop, mnt]);
      cleanup.push(() => sh("umount", [mnt]));
      const data = randomBytes(3_000_000, 8);
      await Deno.writeFile(`${mnt}/big.bin`, data);
      await Deno.writeFile(`${mnt}/tiny.txt`, new TextEncoder().encode("tiny\n"));
      await sh("sync", []);
      const r = await cli(["locate", "--json", "--verify", "--stop-at", loop, `${mnt}/big.bin`]);
      assert.equal(r.code, 0, r.err);
      const j = JSON.parse(r.out);
      let covered = 0;
      for (const e of j.extents) {
        assert.equal(e.device, loop);
        assert.equal(e.verify, "verified", JSON.stringify(e));
        const logical = Number(/btrfs logical (\d+)/.exec(e.layers.join("\n"))![1]);
        const peer = await sh("btrfs-map-logical", ["-l", String(logical), loop]);
        const phys = Number(/mirror 1 logical \d+ physical (\d+)/.exec(peer)![1]);
        assert.equal(e.physicalOffset, phys, `btrfs-map-logical -l ${logical}`);
        covered += Math.min(e.length, data.length - e.fileOffset);
      }
      assert.equal(covered, data.length);
      const t = await cli(["locate", "--json", `${mnt}/tiny.txt`]);
      assert.equal(t.code, 0, t.err);
      const tj = JSON.parse(t.out);
      assert.ok(tj.extents[0].flags.includes("inline"));
      assert.equal(tj.extents[0].physicalOffset, null);
      assert.match(tj.extents[0].stoppedAt, /btrfs inline extent/);
    } finally {
      for (const c of cleanup.reverse()) await c().catch(() => {});
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    }
  },
});
