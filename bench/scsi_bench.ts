// Copyright 2026 the sectorkit authors. MIT license.
// The per-command cost of the MMC layer (CDB build + execute + check + split) on the in-process
// virtual drive and of trace replay, so transport overhead can be told apart from drive time.
import { Mmc } from "../lib/scsi/mmc.ts";
import { readCd, testUnitReady } from "../lib/scsi/mmc_commands.ts";
import { parseSense } from "../lib/scsi/sense.ts";
import { readCdCdb } from "../lib/scsi/read_cd.ts";
import { replayTransport } from "../lib/scsi/trace.ts";
import { openVirtualDrive } from "../lib/drive/virtual/open_virtual_drive.ts";
import { createPlatform } from "../ffi/mod.ts";

const mmc = new Mmc(await openVirtualDrive("demo", { profile: "plextor" }, createPlatform().fs));
const replay = new Mmc(replayTransport(
  await Deno.readTextFile(
    new URL("../tests/fixtures/scsi/qemu_ide_cd.trace.jsonl", import.meta.url),
  ),
));
const sense = new Uint8Array([0x70, 0, 3, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x11, 5, 0, 0, 0, 0]);
const fields = { userData: true, c2: "c2", subchannel: "raw" } as const;

Deno.bench("readCdCdb() build", () => {
  readCdCdb(1000, 27, fields);
});
Deno.bench("parseSense() fixed format", () => {
  parseSense(sense);
});
Deno.bench("virtual drive: TEST UNIT READY round trip", async () => {
  await testUnitReady(mmc);
});
Deno.bench("virtual drive: READ CD 27 sectors 2352+294+96", async () => {
  await readCd(mmc, 1200, 27, fields);
});
Deno.bench("trace replay: TEST UNIT READY", async () => {
  // The fixture holds one TUR; replay falls back to a transport error after it, which is the
  // path being measured for the mismatch case as well.
  await replay.tryExec(new Uint8Array(6), "none", 0);
});
