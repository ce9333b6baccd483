// Copyright 2026 the sectorkit authors. MIT license.
/** Test helpers that build or patch raw CD sectors of generated dump sets. */

/** A regenerated data sector as split writes it: sync, BCD MSF header, mode, 2336 × fill. */
export function regeneratedSector(lba: number, mode: number, fill: number): Uint8Array {
  const s = new Uint8Array(2352).fill(fill);
  s.set([0, ...new Array(10).fill(0xff), 0]);
  const a = lba + 150, bcd = (v: number) => ((v / 10) | 0) * 16 + (v % 10);
  s.set([bcd(Math.floor(a / 4500)), bcd(Math.floor(a / 75) % 60), bcd(a % 75), mode], 12);
  return s;
}

/**
 * Turns the PVD's standard identifier "CD001" (LBA 16, Mode 2 form 1 user data) into "CD-I " in a
 * `.scram` written at `offset` samples. XOR keeps the scrambling valid; the sector's EDC then
 * mismatches, which mode detection ignores.
 */
export async function patchPvdToCdi(scramPath: string, offset: number): Promise<void> {
  const f = await Deno.open(scramPath, { read: true, write: true });
  try {
    const at = (16 + 45150) * 2352 + offset * 4 + 25;
    const b = new Uint8Array(5);
    await f.seek(at, Deno.SeekMode.Start);
    await f.read(b);
    const from = new TextEncoder().encode("CD001"), to = new TextEncoder().encode("CD-I ");
    for (let i = 0; i < 5; i++) b[i] ^= from[i] ^ to[i];
    await f.seek(at, Deno.SeekMode.Start);
    await f.write(b);
  } finally {
    f.close();
  }
}
