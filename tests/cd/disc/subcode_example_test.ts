// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { synthesizeDisc } from "../../../lib/cd/disc/synthesize.ts";
import { deinterleave, qCrcValid, Subchannel } from "../../../lib/cd/subchannel.ts";
import { findExamples } from "./examples.ts";

const EXAMPLES = findExamples();

const SPECS = {
  example_audio: {
    mcn: "4006381333931",
    tracks: [
      { type: "audio" as const, length: 350 },
      { type: "audio" as const, length: 400, isrc: "DEEXA2600001" },
      { type: "audio" as const, length: 300, indices: [120] },
      { type: "audio" as const, length: 280, copy: true },
    ],
  },
  example_extra: {
    sessions: [
      {
        tracks: [{ type: "audio" as const, length: 320 }, { type: "audio" as const, length: 280 }],
      },
      { tracks: [{ type: "mode2form1" as const, length: 600 }] },
    ],
  },
  example_mixed: {
    tracks: [
      { type: "mode1" as const, length: 900, postgap: 150 },
      { type: "audio" as const, length: 300 },
      { type: "audio" as const, length: 250 },
    ],
  },
};

for (const [name, spec] of Object.entries(SPECS)) {
  Deno.test({
    name: `synthesized P and Q equal the ${name} dump's .subcode record for record`,
    ignore: EXAMPLES === null,
    fn: async () => {
      const out = await new Deno.Command("xz", {
        args: ["-dc", `${EXAMPLES}${name}/${name}.subcode.xz`],
        stdout: "piped",
      }).output();
      const sub = out.stdout;
      const disc = synthesizeDisc(spec);
      let compared = 0;
      for (let lba = -150; (lba + 45151) * 96 <= sub.length; lba++) {
        const rec = sub.subarray((lba + 45150) * 96, (lba + 45151) * 96);
        const q = deinterleave(rec, Subchannel.Q);
        if (rec.every((b) => b === 0) || !qCrcValid(q)) continue; // not dumped, or damaged
        const mine = disc.readSubcode(lba);
        assert.deepEqual(deinterleave(mine, Subchannel.Q), q, `Q at ${lba}`);
        assert.deepEqual(
          deinterleave(mine, Subchannel.P),
          deinterleave(rec, Subchannel.P),
          `P at ${lba}`,
        );
        compared++;
      }
      assert.ok(compared > 1500, `compared ${compared}`);
    },
  });
}
