// Copyright 2026 the sectorkit authors. MIT license.
/** Unit tests of FAT pieces with hand-made bytes: LFN sequences, NT case bits, FAT12 packing. */
import { lfnChecksum, parseFatDir } from "../../../lib/fs/fat/fat_dir.ts";
import { FatTable } from "../../../lib/fs/fat/fat_table.ts";
import { Volume } from "../../../lib/fs/_common/volume.ts";
import { assertEquals, memorySource } from "../tsk.ts";

function lfnEntry(ord: number, last: boolean, sum: number, chars: string): Uint8Array {
  const e = new Uint8Array(32).fill(0xff);
  e[0] = ord | (last ? 0x40 : 0);
  e[11] = 0x0f;
  e[12] = 0;
  e[13] = sum;
  e[26] = 0;
  e[27] = 0;
  const pos = [1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30];
  for (let i = 0; i < 13; i++) {
    const c = i < chars.length ? chars.charCodeAt(i) : i === chars.length ? 0 : 0xffff;
    e[pos[i]] = c & 0xff;
    e[pos[i] + 1] = c >> 8;
  }
  return e;
}

Deno.test("parseFatDir() joins a two-entry LFN and falls back to 8.3 on a bad checksum", () => {
  const short = new Uint8Array(32);
  short.set(new TextEncoder().encode("ALONGF~1TXT"));
  short[26] = 7;
  const sum = lfnChecksum(short, 0);
  const name = "A long file name.txt"; // 20 chars: entries 2 (7 chars) and 1 (13 chars)
  const dir = new Uint8Array(32 * 4);
  dir.set(lfnEntry(2, true, sum, name.slice(13)), 0);
  dir.set(lfnEntry(1, false, sum, name.slice(0, 13)), 32);
  dir.set(short, 64);
  assertEquals(parseFatDir(dir, false).map((e) => [e.name, e.firstCluster]), [[name, 7]]);
  dir[13] ^= 1; // checksum of the first LFN entry no longer matches
  dir[45] ^= 1;
  assertEquals(parseFatDir(dir, false)[0].name, "ALONGF~1.TXT");
});

Deno.test("parseFatDir() applies the NT lower-case bits and skips deleted entries", () => {
  const dir = new Uint8Array(96);
  dir.set(new TextEncoder().encode("README  TXT"), 0);
  dir[12] = 0x18;
  dir.set(new TextEncoder().encode("GONE    BIN"), 32);
  dir[32] = 0xe5;
  dir.set(new TextEncoder().encode("MAKEFILE   "), 64);
  dir[64 + 12] = 0x08;
  assertEquals(parseFatDir(dir, false).map((e) => e.name), ["readme.txt", "makefile"]);
});

Deno.test("FatTable reads packed 12-bit entries of even and odd clusters", async () => {
  // Entries: 2 -> 3, 3 -> 0xFFF (end); packed: [03 F0 FF] at byte 3 (clusters 2 and 3).
  const fat = new Uint8Array(512);
  fat.set([0xf8, 0xff, 0xff, 0x03, 0xf0, 0xff]);
  const t = new FatTable(new Volume(memorySource(fat), 0, 512), 0, 512, 12, 100);
  assertEquals(await t.chain(2, "chain"), [2, 3]);
});
