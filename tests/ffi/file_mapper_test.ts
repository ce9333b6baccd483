// Copyright 2026 the sectorkit authors. MIT license.
import { deepStrictEqual as assertEquals, equal, ok, rejects } from "node:assert/strict";
import { mapFileRead } from "../../ffi/linux/file_mapper.ts";
import { createFileStore } from "../../ffi/file_store.ts";
import { loadDumpFiles } from "../../lib/cd/split/dump_files.ts";
import type { MappedFile } from "../../lib/platform/mod.ts";
import { writeDumpSet } from "../helpers/dump_set.ts";
import { randomBytes } from "../helpers/random.ts";

const linux = Deno.build.os === "linux";

Deno.test({
  name: "mapFileRead() maps a file's bytes read-only and null for empty or missing files (Linux)",
  ignore: !linux,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const data = randomBytes(3 * 4096 + 123, 7);
      await Deno.writeFile(`${dir}/a.bin`, data);
      await Deno.writeFile(`${dir}/empty.bin`, new Uint8Array(0));
      const m = await mapFileRead(`${dir}/a.bin`);
      ok(m);
      equal(m.data.length, data.length);
      assertEquals(m.data.slice(), data);
      equal(
        new Uint32Array(m.data.buffer, m.data.byteOffset, 4)[0],
        new DataView(data.buffer).getUint32(0, true),
      );
      m.close();
      m.close();
      equal(await mapFileRead(`${dir}/empty.bin`), null);
      equal(await mapFileRead(`${dir}/missing.bin`), null);
      equal(await mapFileRead(dir), null);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "loadDumpFiles() maps .scram/.state when given a mapper and unmaps them on close (Linux)",
  ignore: !linux,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      await writeDumpSet(
        { seed: 3, writeOffset: 0, leadOutLength: 10, tracks: [{ type: "audio", length: 40 }] },
        dir,
        "d",
        { startLba: -150 },
      );
      const { map, calls, closed } = recordingMapper(dir);
      const dump = await loadDumpFiles(createFileStore(), dir, "d", undefined, map);
      assertEquals(calls, ["d.scram", "d.state"]);
      assertEquals(dump.image.data.slice(), await Deno.readFile(`${dir}/d.scram`));
      assertEquals(dump.image.state.slice(), await Deno.readFile(`${dir}/d.state`));
      equal(closed.length, 0);
      dump.close();
      dump.close();
      equal(closed.length, 2);
      // A .toc whose lead-out lies past the .scram: the error path unmaps too.
      const toc = await Deno.readFile(`${dir}/d.toc`);
      toc[toc.length - 3] = 0x7f;
      await Deno.writeFile(`${dir}/d.toc`, toc);
      const bad = recordingMapper(dir);
      await rejects(loadDumpFiles(createFileStore(), dir, "d", undefined, bad.map), /lead-out/);
      equal(bad.calls.length, 2);
      equal(bad.closed.length, 2);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

function recordingMapper(dir: string): {
  map: (p: string) => Promise<MappedFile | null>;
  calls: string[];
  closed: string[];
} {
  const calls: string[] = [], closed: string[] = [];
  const map = async (p: string): Promise<MappedFile | null> => {
    calls.push(p.slice(dir.length + 1));
    const m = await mapFileRead(p);
    return m && {
      data: m.data,
      close: () => {
        closed.push(p);
        m.close();
      },
    };
  };
  return { map, calls, closed };
}
