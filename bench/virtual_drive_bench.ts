// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Virtual drive throughput: whole-disc reads of the demo disc as a dumper issues them (PLEXTOR D8
 * with C2 + subchannel, MediaTek READ CD as CD-DA), and a dump set written from a synthesized disc.
 * Run: deno bench -A bench/virtual_drive_bench.ts
 */
import { DEMO_DISC_SPEC } from "../lib/cd/disc/demo_disc.ts";
import { synthesizeDisc } from "../lib/cd/disc/synthesize.ts";
import { MEDIATEK, PLEXTOR } from "../lib/drive/virtual/profile.ts";
import { VirtualDrive } from "../lib/drive/virtual/virtual_drive.ts";

const disc = synthesizeDisc(DEMO_DISC_SPEC);
const be = (
  v: number,
): number[] => [(v >>> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];

async function readDisc(
  drive: VirtualDrive,
  cdb: (lba: number, n: number) => number[],
  size: number,
) {
  const buf = new Uint8Array(26 * size);
  for (let l = 0; l < 2300; l += 26) {
    const n = Math.min(26, 2300 - l);
    const r = await drive.execute(new Uint8Array(cdb(l, n)), "in", buf.subarray(0, n * size));
    if (r.status !== 0) throw new Error(`read failed at ${l}`);
  }
}

Deno.bench("PLEXTOR D8 sub-code 8 (2742 B/sector), 2300 sectors", { group: "read" }, async () => {
  await readDisc(
    new VirtualDrive(disc, PLEXTOR),
    (l, n) => [0xd8, 0, ...be(l), ...be(n), 8, 0],
    2742,
  );
});

Deno.bench(
  "MediaTek READ CD CD-DA + C2 + raw sub (2742 B/sector), 2300 sectors",
  { group: "read" },
  async () => {
    await readDisc(
      new VirtualDrive(disc, MEDIATEK),
      (l, n) => [0xbe, 4, ...be(l), 0, 0, n, 0xfa, 1, 0],
      2742,
    );
  },
);
