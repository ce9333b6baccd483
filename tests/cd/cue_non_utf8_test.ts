// Copyright 2026 the sectorkit authors. MIT license.
// Readers of NAME.cue (info, hash) cope with non-UTF-8 CD-TEXT bytes: an ISO 8859-1 title
// (0xE9) and an MS-JIS one beside UTF-8 file names, as split writes them.
import assert from "node:assert/strict";
import { createPlatform } from "../../ffi/mod.ts";
import { decodeCueText } from "../../lib/cd/cue_text.ts";
import { RomHasher } from "../../lib/cd/hash/rom_hasher.ts";
import { runHash } from "../../lib/cd/hash/run_hash.ts";
import { runInfo } from "../../lib/cd/info/run_info.ts";
import { runSplit } from "../../lib/cd/split/run_split.ts";
import { writeDumpSet } from "../helpers/dump_set.ts";

const platform = createPlatform();
const NAME = "dïsc";
const AIU = [0x82, 0xa0, 0x82, 0xa2, 0x82, 0xa4]; // "あいう" in MS-JIS

Deno.test("decodeCueText() keeps UTF-8 names and reads other lines as ISO 8859-1", () => {
  const bytes = new Uint8Array([
    ...new TextEncoder().encode('FILE "ï.bin" BINARY\n  TITLE "'),
    ...AIU,
    0x22,
    0x0a,
  ]);
  assert.equal(decodeCueText(bytes), 'FILE "ï.bin" BINARY\n  TITLE "\x82\xa0\x82\xa2\x82\xa4"\n');
  assert.equal(decodeCueText(new TextEncoder().encode("A é\n")), "A é\n");
});

Deno.test("info and hash read a CUE holding 0xE9 and an MS-JIS title beside UTF-8 file names", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sk-cue-bytes-" });
  try {
    await writeDumpSet(
      {
        seed: 81,
        title: "Caf\xe9",
        tracks: [{ type: "mode1", length: 200, volumeId: "BYTES" }, { type: "audio", length: 150 }],
      },
      dir,
      NAME,
    );
    const split = await runSplit({ imagePath: dir, imageName: NAME, writeLog: false }, platform);
    // Give track 2 an MS-JIS title, as a DBCS-only disc would have.
    const cue = await Deno.readFile(`${dir}/${NAME}.cue`);
    assert.ok(cue.includes(0xe9));
    const at = cue.lastIndexOf(0x0a, cue.length - 2) + 1; // the last line: INDEX 01 of track 2
    const title = [...new TextEncoder().encode('    TITLE "'), ...AIU, 0x22, 0x0a];
    const edited = new Uint8Array([...cue.subarray(0, at), ...title, ...cue.subarray(at)]);
    await Deno.writeFile(`${dir}/${NAME}.cue`, edited);

    const info = await runInfo({ imagePath: dir, imageName: NAME, writeLog: false }, platform);
    assert.deepEqual(info.dataTracks.map((t) => [t.file, t.pvd?.volumeId]), [
      [`${NAME} (Track 1).bin`, "BYTES"],
    ]);
    assert.deepEqual(info.accurateRip.map((t) => t.track), [2]);

    const h = await runHash({ imagePath: dir, imageName: NAME, writeLog: false }, platform);
    assert.deepEqual(h.datLines, split.datLines);
    // The DAT's CUE entry hashes the file's bytes, not a UTF-8 re-encoding of them.
    const want = new RomHasher();
    want.update(edited);
    const d = want.digest();
    const dat = await Deno.readTextFile(h.datPath!);
    assert.ok(dat.includes(`size="${edited.length}" crc="${d.crc32}"`), dat);
    assert.ok(dat.includes(`sha1="${d.sha1}"`));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("NAME.log is UTF-8: its CUE copies show Latin-1 and MS-JIS CD-TEXT decoded", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sk-cue-log-" });
  try {
    const aiu = String.fromCharCode(...AIU);
    await writeDumpSet(
      {
        seed: 82,
        title: "Caf\xe9",
        cdTextMore: [{ language: 0x69, title: aiu, trackTitles: [aiu], dbcs: true }],
        tracks: [{ type: "audio", length: 150, title: "One" }],
      },
      dir,
      "d",
    );
    await runSplit({ imagePath: dir, imageName: "d" }, platform);
    const log = new TextDecoder("utf-8", { fatal: true }).decode(
      await Deno.readFile(`${dir}/d.log`),
    );
    assert.match(log, /CUE \[d\.cue\]:\nTITLE "Café"\n/);
    assert.match(log, /CUE \[d_69\.cue\]:\nTITLE "あいう"\n/);
    // The CUE file itself keeps the bytes.
    const ja = await Deno.readFile(`${dir}/d_69.cue`);
    assert.deepEqual([...ja.subarray(7, 13)], AIU);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
