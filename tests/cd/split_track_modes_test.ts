// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { CD_DATA_SIZE, CD_SECTOR_SAMPLES, LBA_START } from "../../lib/cd/constants.ts";
import { buildDataSector } from "../../lib/cd/sector.ts";
import { scramble } from "../../lib/cd/scrambler.ts";
import type { ScramImage } from "../../lib/cd/split/scram_image.ts";
import { dataMode, isCdiTrack } from "../../lib/cd/split/track_modes.ts";

/** A scrambled image of `n` sectors from LBA −45150 (offset 0); `put` fills sector k. */
function image(
  n: number,
  put: (k: number, lba: number) => Uint8Array | null,
  c2: number[] = [],
): ScramImage {
  const data = new Uint8Array(n * CD_DATA_SIZE);
  const state = new Uint8Array(n * CD_SECTOR_SAMPLES).fill(4);
  for (let k = 0; k < n; k++) {
    const s = put(k, LBA_START + k);
    if (s) data.set(s, k * CD_DATA_SIZE);
  }
  for (const k of c2) state.fill(1, k * CD_SECTOR_SAMPLES, (k + 1) * CD_SECTOR_SAMPLES);
  return { data, state, samples: n * CD_SECTOR_SAMPLES };
}

function sector(lba: number, mode: 1 | 2, user: Uint8Array = new Uint8Array(2048)): Uint8Array {
  const s = buildDataSector(lba, mode === 1 ? "mode1" : "mode2form1", user);
  scramble(s);
  return s;
}

const L = (k: number): number => LBA_START + k;

Deno.test("dataMode() lets the first sector from index 1 win, else keeps the last pregap mode, else 0", () => {
  // k0 mode 2 and k1 mode 1 in the pregap; index 1 at k2; k2 empty, k3 mode 2.
  const img = image(5, (k, lba) => [sector(lba, 2), sector(lba, 1), null, sector(lba, 2)][k]);
  assert.equal(dataMode(img, L(0), L(5), L(2), 0), 2);
  // Nothing decodes from index 1 on: the last pregap mode stays.
  assert.equal(dataMode(img, L(0), L(3), L(2), 0), 1);
  // No index 1 (Track 0 / AA): the first decoded sector wins.
  assert.equal(dataMode(img, L(0), L(5), null, 0), 2);
  // Nothing decodes: mode 0.
  assert.equal(dataMode(img, L(2), L(3), L(2), 0), 0);
});

Deno.test("dataMode() skips sectors with C2; plain XOR (offset shift) takes a mode byte without sync", () => {
  const img = image(3, (k, lba) => {
    const s = sector(lba, k === 1 ? 2 : 1);
    if (k === 1) s[3] = 0, s[12] ^= 0x40; // sync and header minute broken
    return s;
  }, [0]);
  assert.equal(dataMode(img, L(0), L(3), L(0), 0), 1, "k0 has C2, k1 fails the rule");
  assert.equal(dataMode(img, L(0), L(3), L(0), 0, { forceDescramble: true }), 2);
});

Deno.test("isCdiTrack() reads the first primary descriptor from index 1 + 16, any mode", () => {
  const desc = (type: number, id: string): Uint8Array => {
    const u = new Uint8Array(2048);
    u[0] = type;
    u.set(new TextEncoder().encode(id), 1);
    return u;
  };
  const disc = (descs: Uint8Array[], mode: 1 | 2 = 1): ScramImage =>
    image(16 + descs.length, (k, lba) => (k < 16 ? null : sector(lba, mode, descs[k - 16])));
  const end = L(100);
  assert.equal(isCdiTrack(disc([desc(1, "CD-I ")]), L(0), end, 0), true);
  assert.equal(isCdiTrack(disc([desc(1, "CD-I ")], 2), L(0), end, 0), true);
  assert.equal(isCdiTrack(disc([desc(1, "CD001")]), L(0), end, 0), false);
  // A boot record first, then the CD-i label.
  assert.equal(isCdiTrack(disc([desc(0, "CD001"), desc(1, "CD-I ")]), L(0), end, 0), true);
  // The terminator or another identifier ends the search.
  assert.equal(isCdiTrack(disc([desc(255, "CD001"), desc(1, "CD-I ")]), L(0), end, 0), false);
  assert.equal(isCdiTrack(disc([desc(0, "BEA01"), desc(1, "CD-I ")]), L(0), end, 0), false);
  // The track ends before sector 16.
  assert.equal(isCdiTrack(disc([desc(1, "CD-I ")]), L(0), L(16), 0), false);
});
