// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import {
  loadOffsets,
  offsetsPath,
  parseOffsetList,
  saveOffsets,
} from "../../lib/drive/drive_offsets.ts";
import { offsetKey } from "../../lib/drive/drive_database.ts";
import { memoryFileStore } from "../scsi/fake_fs.ts";
import { fakePlatform, run } from "./fake_platform.ts";

const HTML = `<html><table>
<tr><td>CD Drive</td><td>Correction Offset</td><td>Submitted By</td><td>Percentage Agree</td></tr>
<tr><td bgcolor="#F4F4F4"><font face="Arial" size="2">PLEXTOR  - CD-R   PX-W4012A</font></td>
 <td bgcolor="#F4F4F4"><font face="Arial" size="2">+98</font></td><td>1234</td><td>100%</td></tr>
<tr><td><font>WAITEC   - SHUTTLE</font></td><td><font>-436</font></td><td>5</td><td>80%</td></tr>
<tr><td><font>AT&amp;T - CDR 1</font></td><td><font>[Purged]</font></td><td>1</td><td>0%</td></tr>
</table></html>`;

Deno.test("parseOffsetList() reads the AccurateRip HTML table and skips purged rows", () => {
  const e = parseOffsetList(HTML);
  assert.deepEqual(e, [
    { vendor: "PLEXTOR", product: "CD-R PX-W4012A", offset: 98 },
    { vendor: "WAITEC", product: "SHUTTLE", offset: -436 },
  ]);
});

Deno.test("parseOffsetList() reads tab, comma and space separated text", () => {
  const e = parseOffsetList(
    "HL-DT-ST - BD-RE  BH16NS40\t+6\t9999\t100%\r\nYAMAHA - CRW-F1E,+733\nPIONEER - DVD-RW  DVR-111D  +48\ngarbage line\n",
  );
  assert.deepEqual(e.map((x) => [x.vendor, x.product, x.offset]), [
    ["HL-DT-ST", "BD-RE BH16NS40", 6],
    ["YAMAHA", "CRW-F1E", 733],
    ["PIONEER", "DVD-RW DVR-111D", 48],
  ]);
});

Deno.test("saveOffsets()/loadOffsets() round-trip and offsetsPath() follows XDG/HOME", async () => {
  const fs = memoryFileStore();
  await saveOffsets(
    fs,
    "/c/sectorkit/drive_offsets.json",
    parseOffsetList(HTML),
    "x.htm",
    new Date(0),
  );
  const map = await loadOffsets(fs, "/c/sectorkit/drive_offsets.json");
  assert.equal(map.get(offsetKey("plextor", "CD-R  PX-W4012A")), 98);
  assert.equal((await loadOffsets(fs, "/missing.json")).size, 0);
  const rt = (env: Record<string, string>, os = "linux") =>
    ({ env: (n: string) => env[n], os }) as never;
  assert.equal(offsetsPath(rt({ XDG_CONFIG_HOME: "/x" })), "/x/sectorkit/drive_offsets.json");
  assert.equal(offsetsPath(rt({ HOME: "/h" })), "/h/.config/sectorkit/drive_offsets.json");
  assert.equal(
    offsetsPath(rt({ HOME: "/h" }, "darwin")),
    "/h/Library/Application Support/sectorkit/drive_offsets.json",
  );
  assert.equal(
    offsetsPath(rt({ APPDATA: "C:\\A" }, "windows")),
    "C:\\A\\sectorkit\\drive_offsets.json",
  );
  assert.equal(offsetsPath(rt({})), null);
});

Deno.test("sectorkit drives offsets --import stores the list; drives known prints the table", async () => {
  const p = fakePlatform({ files: { "/dl/offsets.htm": HTML } });
  assert.equal(await run(p, ["drives", "offsets", "--import", "/dl/offsets.htm", "--json"]), 0);
  assert.deepEqual(JSON.parse(p.stdout()), {
    imported: 2,
    path: "/home/u/.config/sectorkit/drive_offsets.json",
  });
  assert.ok(p.fs.files.has("/home/u/.config/sectorkit/drive_offsets.json"));
  const bad = fakePlatform({ files: { "/x.txt": "nothing here" } });
  assert.equal(await run(bad, ["drives", "offsets", "--import", "/x.txt"]), 2);
  assert.match(bad.stderr(), /No drive offsets found in \/x\.txt/);
  const k = fakePlatform();
  assert.equal(await run(k, ["drives", "known", "--json"]), 0);
  assert.equal(JSON.parse(k.stdout()).drives.length, 87);
});
