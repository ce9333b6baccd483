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

Deno.test("The lead-in carries TOC Q frames and CD-TEXT packs (with valid CRCs) in R–W", async () => {
  const { crc16Gsm } = await import("../../../lib/cd/crc16.ts");
  const { readTocFormat5 } = await import("../../../lib/cd/disc/toc_response.ts");
  const disc = synthesizeDisc({
    title: "Album",
    tracks: [{ type: "audio", length: 100, title: "One" }, { type: "mode1", length: 100 }],
  });
  const packs = readTocFormat5(disc).subarray(4);
  const seen = new Set<number>();
  const points = new Set<number>();
  for (let lba = -1000; lba < -970; lba++) {
    const raw = disc.readSubcode(lba);
    const q = deinterleave(raw, Subchannel.Q);
    assert.ok(qCrcValid(q));
    assert.equal(q[1], 0, "TNO 0");
    points.add(q[2]);
    for (let j = 0; j < 4; j++) {
      const pack = new Uint8Array(18);
      for (let bit = 0; bit < 144; bit++) {
        const sym = raw[j * 24 + Math.floor(bit / 6)] & 0x3f;
        if ((sym >> (5 - (bit % 6))) & 1) pack[bit >> 3] |= 0x80 >> (bit & 7);
      }
      assert.equal((pack[16] << 8) | pack[17], crc16Gsm(pack, 0, 16));
      const at = packs.findIndex((_, k) =>
        k % 18 === 0 && packs.subarray(k, k + 18).every((b, i) => b === pack[i])
      );
      assert.ok(at >= 0);
      seen.add(at / 18);
    }
  }
  assert.equal(seen.size, packs.length / 18, "every pack appears");
  assert.ok(points.has(0xa0) && points.has(0xa1) && points.has(0xa2) && points.has(0x01));
});

Deno.test("A multisession lead-in carries A0 with the disc type and ADR 5 B0/C0 pointers", () => {
  const disc = synthesizeDisc({
    sessions: [
      { tracks: [{ type: "audio", length: 320 }, { type: "audio", length: 280 }] },
      { tracks: [{ type: "mode2form1", length: 600 }] },
    ],
  });
  const byPoint = new Map<number, Uint8Array>();
  for (let lba = -400; lba < -150; lba++) {
    const q = deinterleave(disc.readSubcode(lba), Subchannel.Q);
    assert.ok(qCrcValid(q));
    byPoint.set(q[2], q);
  }
  assert.deepEqual([...byPoint.keys()].sort((a, b) => a - b), [1, 2, 0xa0, 0xa1, 0xa2, 0xb0, 0xc0]);
  assert.equal(byPoint.get(0xa0)![8], 0x20, "XA disc type");
  const b0 = byPoint.get(0xb0)!;
  assert.equal(b0[0], 0x05);
  // Next program area 02:42:00 (LBA 12000), two pointers, outermost lead-out 79:59:74.
  assert.deepEqual([...b0.subarray(3, 10)], [0x02, 0x42, 0x00, 2, 0x79, 0x59, 0x74]);
  assert.deepEqual([...byPoint.get(0xc0)!.subarray(7, 10)], [0x97, 0x26, 0x66]);
  // Session 2's lead-in: no B0.
  const s2 = new Set<number>();
  for (let lba = 11000; lba < 11300; lba++) {
    s2.add(deinterleave(disc.readSubcode(lba), Subchannel.Q)[2]);
  }
  assert.ok(s2.has(0x03) && !s2.has(0xb0));
});
