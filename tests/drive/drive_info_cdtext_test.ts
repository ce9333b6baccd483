// Copyright 2026 the sectorkit authors. MIT license.
// drive info shows CD-TEXT decoded: ISO 8859-1 as is, DBCS (MS-JIS) blocks from Shift JIS.
import assert from "node:assert/strict";
import { fakePlatform, run } from "./fake_platform.ts";

// "あいう" and "かき" in MS-JIS double bytes, one char per byte.
const AIU = "\x82\xa0\x82\xa2\x82\xa4", KAKI = "\x82\xa9\x82\xab";
const SPEC = {
  title: "Caf\xe9",
  performer: "Bj\xf6rk",
  cdTextMore: [{ language: 0x69, title: AIU, trackTitles: [KAKI], dbcs: true }],
  tracks: [{ type: "audio", length: 300, title: "Chanson" }],
};

Deno.test("drive info shows Latin-1 and DBCS (MS-JIS) CD-TEXT decoded, text and --json", async () => {
  const files = { "/disc.json": JSON.stringify(SPEC) };
  const p = fakePlatform({ files });
  assert.equal(await run(p, ["drive", "info", "--drive", "virtual:/disc.json"]), 0, p.stderr());
  const out = p.stdout();
  assert.match(out, /block 0 \(language 0x09\) disc: title "Café", performer "Björk"/);
  assert.match(out, /block 0 \(language 0x09\) track 1: title "Chanson"/);
  assert.match(out, /block 1 \(language 0x69, MS-JIS\) disc: title "あいう"/);
  assert.match(out, /block 1 \(language 0x69, MS-JIS\) track 1: title "かき"/);
  assert.doesNotMatch(out, /\x82/);

  const j = fakePlatform({ files });
  assert.equal(await run(j, ["drive", "info", "--drive", "virtual:/disc.json", "--json"]), 0);
  const blocks = JSON.parse(j.stdout()).cdText.blocks;
  assert.deepEqual(blocks[0].title, ["Café", "Chanson"]);
  assert.deepEqual(blocks[1].title, ["あいう", "かき"]);
  assert.equal(blocks[1].dbcs, true);
  // The raw response keeps the MS-JIS bytes.
  assert.match(JSON.parse(j.stdout()).cdText.raw, /82 a0 82 a2 82 a4/);
});
