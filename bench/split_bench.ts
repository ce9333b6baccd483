// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Per-sector costs of split against a memory-bandwidth baseline (copying the same bytes), and the
 * end-to-end split of a 74-minute dump when `bench/make_split_fixture.ts` has made one.
 *
 *   deno bench -A bench/split_bench.ts
 */
import { buildDataSector } from "../lib/cd/sector.ts";
import { checkDataSector } from "../lib/cd/sector.ts";
import { edc } from "../lib/cd/edc.ts";
import { checkEcc } from "../lib/cd/ecc.ts";
import { scramble } from "../lib/cd/scrambler.ts";
import { descrambleCopy, descrambleSector } from "../lib/cd/split/scram_image.ts";
import { RomHasher } from "../lib/cd/hash/rom_hasher.ts";
import { edcWords } from "../lib/cd/split/sector_verify.ts";

const N = 1000;
const sectors = new Uint8Array(N * 2352);
for (let i = 0; i < N; i++) {
  const data = new Uint8Array(2048).map((_, k) => (k * 31 + i) & 0xff);
  sectors.set(buildDataSector(i, "mode1", data), i * 2352);
}
const scrambled = sectors.slice();
for (let i = 0; i < N; i++) scramble(scrambled, i * 2352);
const work = new Uint8Array(N * 2352);

Deno.bench(
  "memcpy 1000 sectors (memory bandwidth baseline)",
  { group: "sector", baseline: true },
  () => {
    work.set(scrambled);
  },
);

Deno.bench("descramble 1000 sectors (copy + XOR + header check)", { group: "sector" }, () => {
  work.set(scrambled);
  for (let i = 0; i < N; i++) descrambleSector(work, i * 2352, i);
});

const scrambled32 = new Uint32Array(scrambled.buffer);
const work32 = new Uint32Array(work.buffer);
Deno.bench(
  "descramble 1000 sectors fused with the copy (split's writer)",
  { group: "sector" },
  () => {
    for (let i = 0; i < N; i++) descrambleCopy(scrambled32, i * 588, work, work32, i * 2352, i);
  },
);

Deno.bench("EDC 1000 Mode 1 sectors", { group: "sector" }, () => {
  for (let i = 0; i < N; i++) edc(sectors, i * 2352, i * 2352 + 2064);
});

Deno.bench("EDC slice-by-4 (split's check) 1000 Mode 1 sectors", { group: "sector" }, () => {
  const w = new Uint32Array(sectors.buffer);
  for (let i = 0; i < N; i++) edcWords(w, i * 588, i * 588 + 516);
});

Deno.bench("ECC (RSPC P+Q) check 1000 Mode 1 sectors", { group: "sector" }, () => {
  for (let i = 0; i < N; i++) checkEcc(sectors.subarray(i * 2352, i * 2352 + 2352));
});

Deno.bench("checkDataSector (EDC+ECC) 1000 sectors", { group: "sector" }, () => {
  for (let i = 0; i < N; i++) checkDataSector(sectors.subarray(i * 2352, i * 2352 + 2352));
});

Deno.bench("CRC-32 + MD5 + SHA-1 of 1000 sectors", { group: "sector" }, () => {
  const h = new RomHasher();
  h.update(sectors);
  h.digest();
});
