// Copyright 2026 the sectorkit authors. MIT license.
// The drive commands against the in-process virtual drive (lib/drive/virtual) and fake openers.
import assert from "node:assert/strict";
import type { ScsiOpener, ScsiTransport } from "../../lib/platform/mod.ts";
import { openDrive } from "../../lib/drive/open_drive.ts";
import { openVirtualDrive } from "../../lib/drive/virtual/open_virtual_drive.ts";
import { parseTrace, replayTransport } from "../../lib/scsi/trace.ts";
import { Mmc } from "../../lib/scsi/mmc.ts";
import { inquiry } from "../../lib/scsi/mmc_commands.ts";
import { NoMediumError } from "../../lib/errors.ts";
import { fakePlatform, run } from "./fake_platform.ts";

Deno.test("sectorkit drive info --json on virtual:demo (PLEXTOR profile)", async () => {
  const p = fakePlatform();
  assert.equal(await run(p, ["drive", "info", "--drive", "virtual:demo", "--json"]), 0, p.stderr());
  const j = JSON.parse(p.stdout());
  assert.equal(j.path, "virtual:demo");
  assert.equal(j.inquiry.vendor, "PLEXTOR");
  assert.equal(j.database.status, "known-good");
  assert.equal(j.configuration.currentProfile, "CD-ROM");
  assert.equal(j.capabilities.c2Pointers, true);
  assert.deepEqual(j.toc.tracks.map((t: { track: number }) => t.track), [1, 2, 3, 4, 0xaa]);
  assert.ok(j.cdText.packs > 0);
  assert.equal(j.cdText.crcErrors, 0);
  assert.equal(j.cdText.blocks[0].title[0], "sectorkit demo");
  assert.equal(j.cdText.blocks[0].title[2], "Sine Wave Blues");
  assert.equal(j.cdText.blocks[0].performer[4], "Guest");
  assert.equal(j.notReady, null);
});

Deno.test("sectorkit drive test detects PLEXTOR, MediaTek and GENERIC virtual drives", async () => {
  const expect: Record<string, [string, string, number, string]> = {
    plextor: ["D8", "DATA_C2_SUB", -75, "PLEXTOR"],
    mediatek: ["BE", "DATA_C2_SUB", -135, "MTK3"],
    generic: ["BE", "DATA_C2_SUB", 0, "GENERIC"],
  };
  for (const [profile, [method, order, pregap, type]] of Object.entries(expect)) {
    const p = fakePlatform();
    const code = await run(p, [
      "drive",
      "test",
      "--drive",
      "virtual:demo",
      "--virtual-drive",
      profile,
      "--json",
    ]);
    assert.equal(code, 0, p.stderr());
    const r = JSON.parse(p.stdout());
    assert.deepEqual([r.readMethod, r.sectorOrder, r.pregapStart, r.type], [
      method,
      order,
      pregap,
      type,
    ], profile);
    assert.match(r.optionLine, new RegExp(`--drive-type=${type} `));
  }
  const text = fakePlatform();
  assert.equal(
    await run(text, ["drive", "test", "--drive", "virtual:demo", "--skip-cache-read"]),
    0,
  );
  assert.match(text.stdout(), /PLEXTOR lead-in \(D8, LBA -1150\): yes/);
  assert.match(text.stdout(), /\n--drive-type=PLEXTOR --drive-read-offset=\+30 /);
  assert.doesNotMatch(text.stdout(), /MediaTek cache/);
});

Deno.test("--trace records the session and the trace replays it", async () => {
  const p = fakePlatform();
  assert.equal(
    await run(p, ["drive", "info", "--drive", "virtual:demo", "--trace", "/t.jsonl"]),
    0,
  );
  const text = await p.fs.readTextFile("/t.jsonl");
  const { header, records } = parseTrace(text);
  assert.equal(header.path, "virtual:demo");
  assert.ok(records.length >= 8);
  const i = await inquiry(new Mmc(replayTransport(text)));
  assert.equal(i.vendor, "PLEXTOR");
});

Deno.test("drive commands reject bad input with one line and exit code 2", async () => {
  const p = fakePlatform();
  assert.equal(await run(p, ["drive", "frobnicate"]), 2);
  assert.match(p.stderr(), /drive needs a subcommand: info, test or eject \(got "frobnicate"\)/);
  const q = fakePlatform();
  assert.equal(
    await run(q, ["drive", "info", "--drive", "virtual:demo", "--virtual-drive", "nope"]),
    2,
  );
  assert.match(q.stderr(), /Unknown virtual drive profile "nope"/);
  const r = fakePlatform();
  assert.equal(await run(r, ["drive", "info", "--drive", "/dev/sr0"]), 2);
  assert.match(
    r.stderr(),
    /SCSI pass-through is not available on linux; use --drive virtual:SOURCE/,
  );
});

/** An opener with virtual drives standing in for real ones. */
function opener(drives: Record<string, "demo" | "empty">): ScsiOpener {
  return {
    list: () =>
      Promise.resolve(
        Object.keys(drives).map((path) => ({
          path,
          kind: "optical" as const,
          vendor: "V",
          product: "P",
          revision: "1",
          sizeBytes: 0,
          removable: true,
        })),
      ),
    async open(path): Promise<ScsiTransport> {
      const t = await openVirtualDrive("demo", { profile: "generic" }, fakePlatform().fs);
      if (drives[path] === "demo") return t;
      // An empty drive: every command fails with NOT READY, MEDIUM NOT PRESENT.
      return {
        path,
        maxTransferBytes: t.maxTransferBytes,
        close() {},
        execute(cdb, dir, buf) {
          if (cdb[0] === 0x12) return t.execute(cdb, dir, buf);
          const sense = new Uint8Array(18);
          sense.set([0x70, 0, 2, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x3a, 0]);
          return Promise.resolve({ status: 2, sense, transferred: 0, transportError: 0 });
        },
      };
    },
  };
}

Deno.test("openDrive() without --drive picks the first drive with a readable disc", async () => {
  const p = fakePlatform({ scsi: opener({ "/dev/sr0": "empty", "/dev/sr1": "demo" }) });
  const t = await openDrive(undefined, p);
  assert.equal(t.path, "virtual:demo");
  t.close();
  const none = fakePlatform({ scsi: opener({ "/dev/sr0": "empty" }) });
  await assert.rejects(
    () => openDrive(undefined, none),
    (e) =>
      e instanceof NoMediumError &&
      e.message ===
        "No drive with a readable disc: /dev/sr0 (V P): NOT READY, MEDIUM NOT PRESENT (02/3A/00)",
  );
  const nothing = fakePlatform({ scsi: opener({}) });
  await assert.rejects(() => openDrive(undefined, nothing), /No optical drive found/);
});

Deno.test("sectorkit drives --json reports medium, profile and database verdict", async () => {
  const p = fakePlatform({ scsi: opener({ "/dev/sr0": "demo", "/dev/sr1": "empty" }) });
  assert.equal(await run(p, ["drives", "--json"]), 0, p.stderr());
  const [a, b] = JSON.parse(p.stdout()).drives;
  assert.deepEqual([a.path, a.mediumPresent, a.currentProfile, a.database], [
    "/dev/sr0",
    true,
    "CD-ROM",
    "unknown",
  ]);
  assert.equal(b.mediumPresent, false);
  assert.match(b.mediumState, /MEDIUM NOT PRESENT/);
  const t = fakePlatform({ scsi: opener({ "/dev/sr0": "demo" }) });
  assert.equal(await run(t, ["drives"]), 0);
  assert.match(
    t.stdout(),
    /^\/dev\/sr0 +optical .*disc: CD-ROM; read offset unknown; unknown \(GENERIC\)/,
  );
});

Deno.test("drive info does not mistake a TOC answered for ATIP/CD-TEXT (SFF-8020 drives, QEMU)", async () => {
  const fs = fakePlatform().fs;
  const inner = await openVirtualDrive("demo", { profile: "generic" }, fs);
  const sff: ScsiTransport = {
    path: "/dev/sff",
    maxTransferBytes: inner.maxTransferBytes,
    close: () => inner.close(),
    execute(cdb, dir, buf, t) {
      if (cdb[0] === 0x43 && cdb[2] >= 3) {
        const c = cdb.slice();
        c[2] = 0; // answer every format the byte-9 way: formats 3–5 become the TOC
        return inner.execute(c, dir, buf, t);
      }
      return inner.execute(cdb, dir, buf, t);
    },
  };
  const p = fakePlatform({
    scsi: {
      open: () => Promise.resolve(sff),
      list: () => Promise.resolve([]),
    },
  });
  assert.equal(await run(p, ["drive", "info", "--drive", "/dev/sff", "--json"]), 0, p.stderr());
  const j = JSON.parse(p.stdout());
  assert.match(j.atip.unsupported, /ignored the READ TOC format/);
  assert.match(j.cdText.unsupported, /ignored the READ TOC format/);
  assert.equal(j.toc.tracks.length, 5);
});
