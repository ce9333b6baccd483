// Copyright 2026 the sectorkit authors. MIT license.
/**
 * A redumper-format dump set loaded as a virtual disc and dumped again gives the same set: the
 * same samples and states where the source has them, the same subcode records, TOC and full TOC.
 * Uses ../shared/examples/cd (skipped when absent).
 */
import assert from "node:assert/strict";
import { createPlatform } from "../../ffi/mod.ts";
import { openVirtualDrive } from "../../lib/drive/virtual/open_virtual_drive.ts";
import { runCdDump, runCdRefine } from "../../lib/dump/run_cd_dump.ts";
import type { DumpDriveConfig } from "../../lib/dump/drive_config.ts";
import { examplesAvailable, unpackExample } from "../helpers/cd_examples.ts";

const platform = createPlatform();
const MEDIATEK: DumpDriveConfig = {
  type: "MTK3",
  readOffset: 6,
  c2Shift: 0,
  pregapStart: -135,
  readMethod: "BE",
  sectorOrder: "DATA_C2_SUB",
};

function compareRange(
  srcState: Uint8Array,
  ourState: Uint8Array,
  srcScram: Uint8Array,
  ourScram: Uint8Array,
  from: number,
  to: number,
): number {
  let compared = 0;
  for (let i = from; i < to; i++) {
    if (srcState[i] === 0) continue;
    if (ourState[i] !== srcState[i]) {
      throw new Error(`state of sample ${i} (LBA ${Math.floor(i / 588) - 45150}) differs`);
    }
    for (let b = 0; b < 4; b++) {
      if (ourScram[i * 4 + b] !== srcScram[i * 4 + b]) {
        throw new Error(`sample ${i} (LBA ${Math.floor(i / 588) - 45150}) differs`);
      }
    }
    compared++;
  }
  return compared;
}

for (const name of ["example_mixed", "example_extra", "example_damaged"]) {
  Deno.test({
    name: `dumping the ${name} set as a virtual disc reproduces the set`,
    ignore: !examplesAvailable(),
    async fn() {
      const dir = await unpackExample(name);
      try {
        const t = await openVirtualDrive(
          `${dir}/${name}.scram`,
          { profile: "mediatek" },
          platform.fs,
        );
        const r = await runCdDump(
          { transport: t, config: MEDIATEK, imagePath: dir, imageName: "again", extras: false },
          platform,
        );
        assert.equal(r.interrupted, false);
        // Sectors a drive hands back descrambled before the write offset is known wait for refine.
        await runCdRefine(
          { transport: t, config: MEDIATEK, imagePath: dir, imageName: "again", retries: 2 },
          platform,
        );
        for (const ext of ["toc", "fulltoc"]) {
          assert.deepEqual(
            await Deno.readFile(`${dir}/again.${ext}`),
            await Deno.readFile(`${dir}/${name}.${ext}`),
            `.${ext}`,
          );
        }
        const [srcState, ourState, srcScram, ourScram, srcSub, ourSub] = await Promise.all(
          ["state", "scram", "subcode"].flatMap((ext) => [
            Deno.readFile(`${dir}/${name}.${ext}`),
            Deno.readFile(`${dir}/again.${ext}`),
          ]),
        );
        // Every sample the source has inside what this drive reads (its pregap start through
        // the lead-out it can reach, minus the read offset at both ends).
        let compared = 0;
        for (const z of r.zones.filter((z) => z.kind === "program")) {
          // A zone's first sector may need samples the source does not have (its gap).
          const from = (z.start + 1 + 45150) * 588;
          const to = Math.min(srcState.length, (z.end + 45150) * 588 - 6);
          compared += compareRange(srcState, ourState, srcScram, ourScram, from, to);
        }
        assert.ok(compared > 500 * 588, `compared ${compared} samples`);
        for (const z of r.zones.filter((z) => z.kind === "program")) {
          for (let o = (z.start + 45150) * 96; o < (z.end + 45150) * 96; o += 96) {
            const src = srcSub.subarray(o, o + 96);
            if (src.every((b) => b === 0)) continue;
            assert.deepEqual(ourSub.subarray(o, o + 96), src, `subcode of LBA ${o / 96 - 45150}`);
          }
        }
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}
