// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Makes a full 74-minute mixed-mode dump set for the split benchmark (not committed):
 * a 200 000-sector Mode 1 track + 12 audio tracks, write offset +667 samples, in
 * `$SPLIT_BENCH_DIR` (default /tmp/sectorkit-split-bench) as `bench74.*`.
 *
 *   deno run -A bench/make_split_fixture.ts
 */
import { writeDumpSet } from "../tests/helpers/dump_set.ts";

export const BENCH_DIR = Deno.env.get("SPLIT_BENCH_DIR") ?? "/tmp/sectorkit-split-bench";
export const BENCH_NAME = "bench74";

if (import.meta.main) {
  await Deno.mkdir(BENCH_DIR, { recursive: true });
  const t0 = performance.now();
  await writeDumpSet(
    {
      seed: 74,
      writeOffset: 667,
      leadOutLength: 100,
      tracks: [
        { type: "mode1", length: 200_000, volumeId: "BENCH74" },
        ...Array.from({ length: 12 }, () => ({ type: "audio" as const, length: 10_950 })),
      ],
    },
    BENCH_DIR,
    BENCH_NAME,
    { startLba: -150 },
  );
  const st = await Deno.stat(`${BENCH_DIR}/${BENCH_NAME}.scram`);
  console.log(
    `wrote ${BENCH_DIR}/${BENCH_NAME}.scram (${(st.size / 1e6).toFixed(0)} MB) in ${
      ((performance.now() - t0) / 1000).toFixed(1)
    } s`,
  );
}
