// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { createPlatform } from "../../ffi/mod.ts";
import { LBA_START } from "../../lib/cd/constants.ts";
import { crc16Gsm } from "../../lib/cd/crc16.ts";
import { synthesizeDisc } from "../../lib/cd/disc/synthesize.ts";
import {
  detectLibCrypt,
  LIBCRYPT_BACKUP,
  LIBCRYPT_BASE,
  LIBCRYPT_MIRROR_SHIFT,
} from "../../lib/cd/info/libcrypt.ts";
import { runInfo } from "../../lib/cd/info/run_info.ts";
import { writePrimaryVolumeDescriptor } from "../../lib/cd/disc/iso_pvd.ts";
import { authored } from "../helpers/dump_set.ts";
import type { QChannel } from "../../lib/cd/split/subq.ts";

/** Q of LBAs [LBA_START, end): valid CRCs except at `bad`. */
function qChannel(end: number, bad: number[]): QChannel {
  const count = end - LBA_START;
  const q = new Uint8Array(count * 12);
  for (let r = 0; r < count; r++) {
    const o = r * 12;
    q[o] = 0x01;
    const c = crc16Gsm(q, o, o + 10);
    q[o + 10] = c >> 8;
    q[o + 11] = (c & 0xff) ^ (bad.includes(LBA_START + r) ? 1 : 0);
  }
  return {
    firstLba: LBA_START,
    count,
    q,
    valid: new Uint8Array(count),
    empty: new Uint8Array(count),
  };
}

const key = [0, 2, 4, 6, 8, 10, 12, 14];

Deno.test("detectLibCrypt() needs 8 base bits and one matching copy, or 6 bits (Net Yaroze)", () => {
  const base = key.map((i) => LIBCRYPT_BASE[i]);
  const mirror = base.map((l) => l + LIBCRYPT_MIRROR_SHIFT);
  const backup = key.map((i) => LIBCRYPT_BACKUP[i]);
  const yes = detectLibCrypt(qChannel(44200, [...base, ...mirror]));
  assert.deepEqual(yes.sectors, [...base, ...mirror].sort((a, b) => a - b));
  assert.equal(yes.sbiLines.length, 16);
  const withBackup = detectLibCrypt(qChannel(44200, [...base, ...backup, 20000]));
  assert.deepEqual(withBackup.sectors, [...base, ...backup].sort((a, b) => a - b));
  // 8 base bits alone are not enough; a copy with a different bit does not count either.
  assert.equal(detectLibCrypt(qChannel(44200, base)).detected, false);
  assert.equal(
    detectLibCrypt(qChannel(44200, [...base, ...mirror.slice(1), LIBCRYPT_BASE[1] + 5])).detected,
    false,
  );
  // Net Yaroze: exactly 6 base bits, no copies.
  assert.deepEqual(detectLibCrypt(qChannel(16100, base.slice(0, 6))).sectors, base.slice(0, 6));
  assert.equal(detectLibCrypt(qChannel(16100, base.slice(0, 7))).detected, false);
  // A stray Q error in the base next to a full mirrored key is filtered out by the copy.
  const stray = detectLibCrypt(qChannel(44200, [...base, ...mirror, LIBCRYPT_BASE[1]]));
  assert.deepEqual(stray.sectors, [...base, ...mirror].sort((a, b) => a - b));
});

Deno.test("runInfo() prints LibCrypt SBI lines from a generated disc's modified Q frames", async () => {
  const base = key.map((i) => LIBCRYPT_BASE[i]);
  const mirror = base.map((l) => l + LIBCRYPT_MIRROR_SHIFT);
  const disc = synthesizeDisc({
    seed: 40,
    tracks: [{ type: "audio", length: 16100 }],
    damage: { qCrc: [...base, ...mirror] },
  });
  const dir = await Deno.makeTempDir({ prefix: "sectorkit-libcrypt-" });
  try {
    // Only what info reads: a CUE with one small file and the subcode around the key.
    await Deno.writeTextFile(
      `${dir}/disc.cue`,
      'FILE "disc.bin" BINARY\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\n',
    );
    await Deno.writeFile(`${dir}/disc.bin`, new Uint8Array(2352 * 10));
    const from = 13900, to = 16100;
    const sub = new Uint8Array((to - LBA_START) * 96);
    for (let l = from; l < to; l++) sub.set(disc.readSubcode(l), (l - LBA_START) * 96);
    await Deno.writeFile(`${dir}/disc.subcode`, sub);
    const r = await runInfo(
      { imagePath: dir, imageName: "disc", writeLog: false },
      createPlatform(),
    );
    assert.deepEqual(r.protections?.libcrypt, [...base, ...mirror].sort((a, b) => a - b));
    const at = r.lines.indexOf("LibCrypt:");
    assert.ok(at >= 0);
    assert.equal(r.lines[at + 1], "  libcrypt: yes");
    // LBA 13955: track 1, index 1, relative 03:06:05, absolute 03:08:05; CRC low bit flipped.
    assert.equal(
      r.lines[at + 2],
      "MSF: 03:08:05 Q-Data: 010101 03:06:05 00 03:08:05 CA23",
    );
    assert.equal(r.lines.length - at - 1, 1 + 16 + 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("runInfo() prints libcrypt: yes/no inside the PSX block of a PlayStation data track", async () => {
  // A small Mode 2 XA track with an ISO 9660 volume whose SYSTEM.CNF boots SLUS_123.45.
  const n = 40;
  const bytes = new Uint8Array(n * 2048);
  const cnf = new TextEncoder().encode("BOOT = cdrom:\\SLUS_123.45;1\r\n");
  for (let rel = 16; rel <= 20; rel++) {
    writePrimaryVolumeDescriptor(bytes.subarray(rel * 2048, rel * 2048 + 2048), rel, "PSX", n, [
      { name: "SYSTEM.CNF", lba: 23, size: cnf.length },
      { name: "SLUS_123.45", lba: 24, size: 2048 },
    ]);
  }
  bytes.set(cnf, 23 * 2048);
  const psx = synthesizeDisc({ seed: 41, tracks: [{ type: "mode2form1", length: n, bytes }] });
  const base = key.map((i) => LIBCRYPT_BASE[i]);
  const keyed = synthesizeDisc({
    seed: 42,
    tracks: [{ type: "audio", length: 16100 }],
    damage: { qCrc: [...base, ...base.map((l) => l + LIBCRYPT_MIRROR_SHIFT)] },
  });
  const dir = await Deno.makeTempDir({ prefix: "sectorkit-libcrypt-psx-" });
  try {
    await Deno.writeTextFile(
      `${dir}/disc.cue`,
      'FILE "disc.bin" BINARY\n  TRACK 01 MODE2/2352\n    INDEX 01 00:00:00\n',
    );
    await Deno.writeFile(`${dir}/disc.bin`, authored(psx, 0, n));
    const sub = new Uint8Array((16100 - LBA_START) * 96);
    const info = async (withKey: boolean) => {
      for (let l = 13900; l < 16100; l++) {
        sub.set((withKey ? keyed : psx).readSubcode(l), (l - LBA_START) * 96);
      }
      await Deno.writeFile(`${dir}/disc.subcode`, sub);
      return await runInfo(
        { imagePath: dir, imageName: "disc", writeLog: false },
        createPlatform(),
      );
    };
    const yes = await info(true);
    const at = yes.lines.indexOf("PSX [disc.bin]:");
    assert.ok(at >= 0, yes.lines.join("\n"));
    assert.deepEqual(yes.lines.slice(at + 1, at + 4), [
      "  EXE: SLUS_123.45",
      "  serial: SLUS-12345",
      "  libcrypt: yes",
    ]);
    assert.match(yes.lines[at + 4], /^MSF: 03:08:05 Q-Data: /);
    assert.equal(yes.lines[at + 4 + 16], "");
    assert.ok(!yes.lines.includes("LibCrypt:"), "not repeated outside the PSX block");
    const no = await info(false);
    const at2 = no.lines.indexOf("PSX [disc.bin]:");
    assert.equal(no.lines[at2 + 3], "  libcrypt: no");
    assert.deepEqual(no.protections?.libcrypt, []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
