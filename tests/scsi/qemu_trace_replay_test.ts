// Copyright 2026 the sectorkit authors. MIT license.
// A session recorded on QEMU's ide-cd drive (tests/qemu/qemu_drive_test.ts with
// SECTORKIT_SAVE_TRACE) replayed without the drive: a real-drive regression test on any machine.
import assert from "node:assert/strict";
import { Mmc } from "../../lib/scsi/mmc.ts";
import * as cmd from "../../lib/scsi/mmc_commands.ts";
import { replayTransport } from "../../lib/scsi/trace.ts";
import { ScsiError } from "../../lib/scsi/scsi_error.ts";

const trace = await Deno.readTextFile(
  new URL("../fixtures/scsi/qemu_ide_cd.trace.jsonl", import.meta.url),
);

Deno.test("replayTransport() serves the recorded QEMU ide-cd session back", async () => {
  const transport = replayTransport(trace);
  assert.equal(transport.maxTransferBytes, 131072);
  const mmc = new Mmc(transport);
  const i = await cmd.inquiry(mmc);
  assert.deepEqual([i.vendor, i.product, i.revision, i.deviceType], [
    "QEMU",
    "QEMU DVD-ROM",
    "2.5+",
    5,
  ]);
  assert.equal(await cmd.testUnitReady(mmc), null);
  const cap = await cmd.readCapacity(mmc);
  assert.equal(cap.blockLength, 2048);
  const toc = await cmd.readToc(mmc);
  assert.deepEqual(toc.tracks.map((t) => t.track), [1, 0xaa]);
  assert.equal(toc.tracks[1].lba, cap.blocks);
  const cfg = await cmd.getConfiguration(mmc);
  assert.equal(cfg.currentProfileName, "CD-ROM");
  const caps = await cmd.capabilities(mmc);
  assert.equal(caps?.c2Pointers, false);
  await assert.rejects(
    () => cmd.trackInformation(mmc, 1),
    (e) => e instanceof ScsiError && e.unsupported && e.asc === 0x20,
  );
});
