// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { createPlatform } from "../../ffi/mod.ts";
import { runSplit, SplitDataError } from "../../lib/cd/split/run_split.ts";
import { runHash } from "../../lib/cd/hash/run_hash.ts";
import { runInfo } from "../../lib/cd/info/run_info.ts";
import {
  type ExampleFile,
  examplesAvailable,
  readExpected,
  sha1File,
  unpackExample,
} from "../helpers/cd_examples.ts";

const CASES = ["example_mixed", "example_audio", "example_extra", "example_damaged"];
const have = examplesAvailable();
if (!have) console.warn("skipping CD example tests: ../shared/examples/cd is absent");

async function assertFiles(dir: string, files: ExampleFile[], name: string): Promise<void> {
  const bins = (await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name).filter((n) =>
    n.endsWith(".bin")
  )
    .sort();
  assert.deepEqual(bins, files.map((f) => f.name).sort(), `${name}: file names`);
  for (const f of files) {
    const p = `${dir}/${f.name}`;
    assert.equal((await Deno.stat(p)).size, f.size, `${f.name}: size`);
    assert.equal(await sha1File(p), f.sha1, `${f.name}: sha1`);
  }
}

function assertLines(lines: string[], expected: string[], what: string): void {
  const have = lines.map((l) => l.trimEnd());
  for (const l of expected) assert.ok(have.includes(l), `${what}: missing line "${l}"`);
}

for (const name of CASES) {
  Deno.test({
    name: `runSplit() reproduces redumper's split, hash and info of ${name}`,
    ignore: !have,
    async fn() {
      const exp = readExpected(name);
      const dir = await unpackExample(name);
      const platform = createPlatform();
      try {
        const opts = { imagePath: dir, imageName: name };
        if (exp.split_must_fail) {
          await assert.rejects(() => runSplit(opts, platform), (e: unknown) => {
            assert.ok(e instanceof SplitDataError);
            assert.match(e.message, /track 1 LBA 400/);
            assert.deepEqual(e.errors.map((x) => x.lbas), exp.errors.map((x) => [x.lba]));
            return true;
          });
          // Nothing written but the log.
          const left = [...Deno.readDirSync(dir)].map((e) => e.name);
          assert.ok(
            !left.some((n) => n.endsWith(".bin") || n.endsWith(".cue") || n.includes("partial")),
          );
          const log = Deno.readTextFileSync(`${dir}/${name}.log`).split("\n");
          assertLines(log, exp.redumper.log_lines, `${name}.log`);
          const forced = await runSplit({ ...opts, forceSplit: true }, platform);
          await assertFiles(dir, exp.forced!.files, name);
          assert.equal(Deno.readTextFileSync(`${dir}/${name}.cue`), exp.forced!.cue);
          assert.deepEqual(
            forced.tracks.map((t) => t.generatedSectors),
            exp.forced!.files.map((f) => f.generated_sectors),
          );
        } else {
          const r = await runSplit(opts, platform);
          await assertFiles(dir, exp.files, name);
          assert.equal(Deno.readTextFileSync(`${dir}/${name}.cue`), exp.cue);
          assert.equal(r.cue, exp.cue);
          assert.equal(r.writeOffset, exp.redumper.logged_write_offset);
          assert.equal(r.universalHash, exp.redumper.universal_hash);
          assertLines(r.log, exp.redumper.log_lines, "split log");
          const log = Deno.readTextFileSync(`${dir}/${name}.log`).split("\n");
          assertLines(log, exp.redumper.log_lines, `${name}.log`);
          assert.match(log[0], /^=== \d{4}-\d\d-\d\d \d\d:\d\d:\d\d =+$/);
          assert.deepEqual(r.datLines, exp.redumper.hash_lines);
        }
        const h = await runHash({ imagePath: dir, imageName: name }, platform);
        const expectedHash = exp.redumper.hash_lines ??
          (exp.forced?.files ?? []).map((f) =>
            `<rom name="${f.name}" size="${f.size}" crc="${f.crc32}" md5="${f.md5}" sha1="${f.sha1}" />`
          );
        assert.deepEqual(h.datLines, expectedHash);
        const dat = Deno.readTextFileSync(`${dir}/${name}.dat`);
        for (const l of expectedHash) assert.ok(dat.includes(l), "XML dat lists every track");
        const info = await runInfo({ imagePath: dir, imageName: name }, platform);
        assertLines(info.lines, exp.redumper.info_lines, "info");
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}
