// Copyright 2026 the sectorkit authors. MIT license.
// A real slow zone and real unreadable sectors: a loop device over a file served by a small FUSE
// filesystem (slow_fuse.c, compiled here) that delays reads in 3–4 MiB and fails 6 MiB + 4 KiB
// with EIO. Needs root, gcc, libfuse3-dev and /dev/fuse; skipped otherwise (said in the name).
import assert from "node:assert/strict";
import { isLinuxRoot, sh } from "../helpers/loop.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;
const SOURCE = new URL("./slow_fuse.c", import.meta.url).pathname;
const MiB = 1024 * 1024;

function canFuse(): boolean {
  if (!isLinuxRoot()) return false;
  try {
    Deno.statSync("/dev/fuse");
    Deno.statSync("/usr/include/fuse3/fuse.h");
    Deno.statSync("/usr/bin/gcc");
    Deno.statSync("/usr/bin/pkg-config");
    return true;
  } catch {
    return false;
  }
}

async function waitFor(path: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      await Deno.stat(path);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`${path} did not appear`);
}

Deno.test({
  name:
    "bench --surface finds the slow and the unreadable zone of a FUSE-backed loop device (root, fuse3 only)",
  ignore: !canFuse(),
  async fn() {
    const dir = await Deno.makeTempDir();
    const mnt = `${dir}/mnt`;
    await Deno.mkdir(mnt);
    let server: Deno.ChildProcess | null = null;
    let loop = "";
    try {
      const flags = (await sh("pkg-config", ["fuse3", "--cflags", "--libs"])).trim().split(/\s+/);
      await sh("gcc", ["-O2", "-o", `${dir}/slow_fuse`, SOURCE, ...flags]);
      const args = [mnt, 8 * MiB, 3 * MiB, 4 * MiB, 20000, 6 * MiB + 4096, 6 * MiB + 8192];
      server = new Deno.Command(`${dir}/slow_fuse`, {
        args: args.map(String),
        stdout: "null",
        stderr: "null",
      }).spawn();
      await waitFor(`${mnt}/disk.img`);
      loop = (await sh("losetup", ["-f", "--show", "-r", `${mnt}/disk.img`])).trim();
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", MAIN, "bench", loop, "--surface", "8", "--access", "3", "--json", "-q"],
        stdout: "piped",
        stderr: "piped",
      }).output();
      const stderr = new TextDecoder().decode(out.stderr);
      assert.equal(out.code, 3, stderr); // finished with unreadable sectors
      const j = JSON.parse(new TextDecoder().decode(out.stdout));
      assert.equal(j.zones.length, 8);
      // Zone 3 is slow and the slowest; other zones may dip on a busy machine.
      assert.ok(j.surface.slowZones.includes(3), JSON.stringify(j.surface.slowZones));
      const readable = j.zones.filter((z: { index: number }) => z.index !== 6);
      const slowest = readable.reduce((a: { mbps: number }, b: { mbps: number }) =>
        b.mbps < a.mbps ? b : a
      );
      assert.equal(slowest.index, 3);
      assert.deepEqual(j.surface.unreadableZones, [6]);
      assert.ok(j.zones[6].unreadableSectors >= 8, JSON.stringify(j.zones[6]));
      const bad = j.surface.unreadable[0];
      assert.ok(bad.offset <= 6 * MiB + 4096 && bad.offset + bad.length >= 6 * MiB + 8192);
      assert.ok(bad.length <= 128 * 1024);
      assert.ok(j.zones[3].latencyMsMax >= 20);
      const hist = Object.fromEntries(
        j.surface.histogram.map((b: { label: string; count: number }) => [b.label, b.count]),
      );
      assert.equal(hist.error, 1);
      // The 20 ms reads of the slow zone (a busy machine may push one past 50 ms).
      const slowReads = hist["<50ms"] + hist["<150ms"] + hist["<500ms"] + hist[">=500ms"];
      assert.ok(slowReads >= 8, JSON.stringify(hist));
    } finally {
      if (loop) await sh("losetup", ["-d", loop]).catch(() => {});
      if (server) {
        await sh("fusermount3", ["-u", mnt]).catch(() => {});
        await server.status;
      }
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    }
  },
});
