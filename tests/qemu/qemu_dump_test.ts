// Copyright 2026 the sectorkit authors. MIT license.
/**
 * `sectorkit dump` against a real drive nobody here wrote: QEMU's ATAPI ide-cd (TCG), which
 * answers READ CD only for data and ignores C2/subchannel requests. The guest dumps the ISO
 * (scripts/qemu/guest_dump.ts); the host splits the set and compares the user data with the ISO.
 * Root only, like tests/qemu/qemu_drive_test.ts (packages in scripts/qemu-packages.txt).
 */
import assert from "node:assert/strict";
import { isLinuxRoot, sh } from "../helpers/loop.ts";
import { randomBytes } from "../helpers/random.ts";
import { createPlatform } from "../../ffi/mod.ts";
import { runSplit } from "../../lib/cd/split/run_split.ts";

const root = new URL("../../", import.meta.url).pathname;

function available(): boolean {
  if (!isLinuxRoot() || Deno.env.get("SECTORKIT_NO_QEMU") === "1") return false;
  const need = ["/usr/bin/qemu-system-x86_64", "/bin/busybox", "/usr/bin/cpio", "/usr/bin/xorriso"];
  try {
    for (const p of need) Deno.statSync(p);
    return [...Deno.readDirSync("/boot")].some((e) => e.name.startsWith("vmlinuz-"));
  } catch {
    return false;
  }
}

Deno.test({
  name:
    "sectorkit dump of QEMU's ide-cd (data-only READ CD) gives back the ISO's user data (root + QEMU packages; TCG)",
  ignore: !available(),
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "sectorkit-qemu-dump-" });
    try {
      await Deno.mkdir(`${dir}/iso`);
      await Deno.mkdir(`${dir}/share`);
      await Deno.writeFile(`${dir}/iso/random.bin`, randomBytes(600_000, 5));
      await sh("xorriso", [
        "-as",
        "mkisofs",
        "-quiet",
        "-V",
        "SKDUMP",
        "-o",
        `${dir}/disc.iso`,
        `${dir}/iso`,
      ]);
      const iso = await Deno.readFile(`${dir}/disc.iso`);
      // A 4th ide-cd drive with a sparse DVD-sized image starting with the same ISO.
      await Deno.writeFile(`${dir}/dvd.iso`, iso);
      await Deno.truncate(`${dir}/dvd.iso`, 800 * 1024 * 1024);
      const o = await new Deno.Command("bash", {
        args: [
          `${root}scripts/qemu/run_guest.sh`,
          `${dir}/disc.iso`,
          "scripts/qemu/guest_dump.ts",
          `${dir}/share`,
          `${dir}/dvd.iso`,
        ],
        env: { TIMEOUT: "420" },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const log = new TextDecoder().decode(o.stdout) + new TextDecoder().decode(o.stderr);
      const lines = (await Deno.readTextFile(`${dir}/share/results.jsonl`).catch(() => ""))
        .split("\n").filter(Boolean).map((l) => JSON.parse(l));
      const dump = lines.find((l) => l.name === "dump");
      assert.ok(dump, `guest wrote no dump result (exit ${o.code}):\n${log.slice(-3000)}`);
      assert.equal(dump.ok, true, dump.error);
      assert.equal(dump.code, 0, dump.stderr);
      assert.equal(dump.json.config.type, "GENERIC");
      assert.equal(dump.json.errors.scsi, 0);
      const s = await runSplit(
        { imagePath: `${dir}/share/dump`, imageName: "g", writeLog: false },
        createPlatform(),
      );
      assert.equal(s.tracks.filter((t) => t.inCue).length, 1);
      const bin = await Deno.readFile(`${dir}/share/dump/g.bin`);
      assert.equal(bin.length / 2352, iso.length / 2048);
      for (let i = 0; i < iso.length / 2048; i++) {
        const user = bin.subarray(i * 2352 + 16, i * 2352 + 16 + 2048);
        if (!user.every((b, k) => b === iso[i * 2048 + k])) throw new Error(`sector ${i} differs`);
      }
      // The DVD drive: profile DVD-ROM, READ(12) batches over SG_IO, the .iso prefix equals the ISO.
      const dvd = lines.find((l) => l.name === "dvd_dump");
      assert.ok(dvd, `guest wrote no DVD dump result:\n${log.slice(-2000)}`);
      assert.equal(dvd.code, 0, dvd.stderr);
      assert.equal(dvd.json.medium, "dvd");
      assert.equal(dvd.json.sectors, 409600);
      assert.equal(dvd.json.errors.scsi, 0);
      const got = await Deno.readFile(`${dir}/share/dvd/d.iso`);
      assert.equal(got.length, 320 * 2048);
      const want = new Uint8Array(320 * 2048);
      want.set(iso.subarray(0, want.length));
      assert.deepEqual(got, want);
      assert.equal((await Deno.readFile(`${dir}/share/dvd/d.physical`)).length > 4, true);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
