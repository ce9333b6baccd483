// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Names in NTFS `$I30` index slack against The Sleuth Kit: a directory of 40 files (an index
 * allocation of several INDX records) written through an ntfs-3g FUSE mount (root), with the
 * `$FILE_NAME` times set to 2015 (`system.ntfs_times`: TSK refuses slack entries dated after 2020),
 * files removed, a second directory left with 2026 times (TSK lists none of its slack) and a
 * third one removed whole (TSK reads a deleted directory's index too). Every `fls -d -r -p` entry outside `$OrphanFiles` must be
 * ours, with the same record, size, runs and `ifind -d` owner.
 */
import { probeNtfs } from "../../../lib/fs/ntfs/probe_ntfs.ts";
import { scanIndexNames } from "../../../lib/fs/ntfs/ntfs_index_slack.ts";
import { isLinuxRoot } from "../../helpers/loop.ts";
import { randomBytes } from "../../helpers/random.ts";
import { compareDeleted } from "../deleted_tsk.ts";
import { assert, assertEquals, memorySource, sh } from "../tsk.ts";

/** Sets every time of the files to 2015-01-01 through ntfs-3g's `system.ntfs_times` xattr. */
const SET_TIMES = `
import os, struct, sys
t = (1420070400 + 11644473600) * 10**7
for p in sys.argv[1:]:
    os.setxattr(p, "system.ntfs_times", struct.pack("<4Q", t, t, t, t))
`;
import { ntfs3gImage } from "./ntfs3g_image.ts";

Deno.test({
  name:
    "NtfsFilesystem.deleted() names in $I30 slack match fls -d, istat and ifind -d (root: FUSE mount)",
  ignore: !isLinuxRoot(),
  async fn() {
    const dir = await Deno.makeTempDir();
    const img = `${dir}/slack.img`;
    try {
      await ntfs3gImage(img, "16M", ["-Q"], [], async (mnt) => {
        const old: string[] = [];
        for (const d of ["many", "recent", "gone"]) {
          await Deno.mkdir(`${mnt}/${d}`);
          for (let i = 10; i < 50; i++) {
            const p = `${mnt}/${d}/file_with_long_name_${i}.txt`;
            await Deno.writeFile(p, randomBytes(d !== "recent" && i % 5 === 0 ? 3000 : 8, i));
            if (d !== "recent") old.push(p);
          }
        }
        await sh("python3", ["-c", SET_TIMES, ...old]);
        await sh("sync", []);
        for (const i of [48, 49, 21, 35, 36]) {
          for (const d of ["many", "recent", "gone"]) {
            await Deno.remove(`${mnt}/${d}/file_with_long_name_${i}.txt`);
          }
        }
        await Deno.remove(`${mnt}/gone`, { recursive: true });
        for (let i = 0; i < 3; i++) {
          await Deno.writeFile(`${mnt}/new${i}.bin`, randomBytes(5000, i));
        }
        await sh("sync", []);
      });
      const bytes = await Deno.readFile(img);
      const fs = await probeNtfs(memorySource(bytes), 0, bytes.length);
      assert(fs);
      const r = await compareDeleted(img, fs, {
        unit: fs.blockSize,
        section: (ss) =>
          ss.find((x) => x.key === "$DATA")?.runs ??
            ss.find((x) => x.key === "$INDEX_ALLOCATION:$I30")?.runs ?? null,
      });
      assert(r.entries >= 50, JSON.stringify(r));
      const deleted = await fs.deleted!();
      const zero = deleted.filter((n) => n.id === 0).map((n) => n.path);
      assert(zero.some((p) => p.startsWith("/many/")), zero.join());
      assert(zero.some((p) => p.startsWith("/gone/")), zero.join());
      assert(!zero.some((p) => p.startsWith("/recent/")), zero.join());
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("scanIndexNames() never throws on random index buffers and bounds records", () => {
  for (let seed = 1; seed <= 100; seed++) {
    const b = randomBytes(4096, 700 + seed);
    for (let at = 0; at < 4096; at += 136) {
      b[at + 16] = 64; // parent 64 more often
      b[at + 17] =
        b[at + 18] =
        b[at + 19] =
        b[at + 20] =
        b[at + 21] =
          0;
    }
    for (const n of scanIndexNames(b, 0, 4096, 1000, 64, 5000)) {
      assert(n.record <= 5000 && n.offset % 4 === 0 && n.offset < 4096);
    }
  }
});

Deno.test("scanIndexNames() follows TSK: times after 2020 refused in slack, DOS names skipped, all deleted in a deleted directory", () => {
  const T2015 = (1420070400n + 11644473600n) * 10_000_000n;
  const T2026 = (1767225600n + 11644473600n) * 10_000_000n;
  const b = new Uint8Array(1024);
  const v = new DataView(b.buffer);
  const entry = (at: number, ref: number, name: string, ns: number, t: bigint) => {
    const len = (16 + 66 + name.length * 2 + 7) & ~7;
    v.setUint32(at, ref, true);
    v.setUint16(at + 8, len, true);
    v.setUint16(at + 10, 66 + name.length * 2, true);
    v.setUint32(at + 16, 64, true);
    for (const o of [8, 16, 24, 32]) v.setBigUint64(at + 16 + o, t, true);
    b[at + 16 + 64] = name.length;
    b[at + 16 + 65] = ns;
    for (let i = 0; i < name.length; i++) b[at + 16 + 66 + i * 2] = name.charCodeAt(i);
    return at + len;
  };
  let at = entry(0, 70, "live.txt", 1, T2026);
  const used = at;
  at = entry(at, 71, "old.txt", 1, T2015);
  at = entry(at, 72, "OLD~1.TXT", 2, T2015);
  entry(at, 73, "new.txt", 1, T2026);
  const names = (dirDeleted: boolean) =>
    scanIndexNames(b, 0, 1024, used, 64, 1000, dirDeleted).map((n) =>
      `${n.record}:${n.name}:${n.deleted}`
    );
  assertEquals(names(false), ["70:live.txt:false", "71:old.txt:true"]);
  assertEquals(names(true), ["70:live.txt:true", "71:old.txt:true"]);
});
