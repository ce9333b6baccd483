// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { createPlatform } from "../../ffi/mod.ts";
import type { DiscSpec } from "../../lib/cd/disc/disc_spec.ts";
import { runSplit } from "../../lib/cd/split/run_split.ts";
import { writeDumpSet } from "../helpers/dump_set.ts";

const platform = createPlatform();

async function withDump(
  spec: DiscSpec,
  fn: (dir: string, disc: Awaited<ReturnType<typeof writeDumpSet>>) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "sectorkit-split-extra-" });
  try {
    const disc = await writeDumpSet(spec, dir, "disc");
    await fn(dir, disc);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("runSplit() writes NAME.cue and NAME_69.cue for English + Japanese CD-TEXT blocks", async () => {
  await withDump({
    seed: 31,
    title: "ALBUM",
    performer: "ARTIST",
    cdTextMore: [{
      language: 0x69,
      title: "ARUBAMU",
      performer: "AATISUTO",
      trackTitles: ["ICHI"],
    }],
    tracks: [{ type: "audio", length: 150, title: "ONE" }, { type: "audio", length: 150 }],
  }, async (dir) => {
    const r = await runSplit({ imagePath: dir, imageName: "disc", writeLog: false }, platform);
    assert.deepEqual(r.cueSheets.map((c) => [c.name, c.language]), [["disc.cue", 0x09], [
      "disc_69.cue",
      0x69,
    ]]);
    const en = await Deno.readTextFile(`${dir}/disc.cue`);
    const ja = await Deno.readTextFile(`${dir}/disc_69.cue`);
    assert.equal(
      en,
      'TITLE "ALBUM"\nPERFORMER "ARTIST"\nFILE "disc (Track 1).bin" BINARY\n  TRACK 01 AUDIO\n    TITLE "ONE"\n    INDEX 01 00:00:00\nFILE "disc (Track 2).bin" BINARY\n  TRACK 02 AUDIO\n    INDEX 00 00:00:00\n    INDEX 01 00:02:00\n',
    );
    assert.equal(
      ja,
      'TITLE "ARUBAMU"\nPERFORMER "AATISUTO"\nFILE "disc (Track 1).bin" BINARY\n  TRACK 01 AUDIO\n    TITLE "ICHI"\n    INDEX 01 00:00:00\nFILE "disc (Track 2).bin" BINARY\n  TRACK 02 AUDIO\n    INDEX 00 00:00:00\n    INDEX 01 00:02:00\n',
    );
    assert.equal(r.cue, en);
    assert.ok(r.log.includes("CUE [disc_69.cue]:"));
  });
});
