// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { runCli } from "../../lib/cli/run_cli.ts";
import type { Command } from "../../lib/cli/command.ts";
import { parseInteger, parseOptions, parseSize } from "../../lib/cli/parse_options.ts";
import { IoError, UsageError } from "../../lib/errors.ts";
import { createPlatform } from "../../ffi/mod.ts";
import type { Platform } from "../../lib/platform/mod.ts";

function capture(): { platform: Platform; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const real = createPlatform();
  const platform: Platform = {
    ...real,
    console: { ...real.console, out: (t) => out.push(t), err: (t) => err.push(t) },
  };
  return { platform, out, err };
}

const echo: Command = {
  name: "echo",
  summary: "prints its arguments",
  help: "Usage: sectorkit echo WORDS...\n\nExample:\n  sectorkit echo hello\n",
  run(args, platform) {
    if (args[0] === "fail") throw new IoError("Cannot read sector 12 of /dev/sdb: I/O error (EIO)");
    if (args[0] === "bad") throw new UsageError('Cannot parse --size "x"');
    if (args[0] === "bug") throw new TypeError("boom");
    platform.console.out(args.join(" ") + "\n");
    return Promise.resolve(0);
  },
};

Deno.test("runCli() runs a command and passes its exit code through", async () => {
  const { platform, out } = capture();
  assert.equal(await runCli(["echo", "a", "b"], [echo], platform), 0);
  assert.deepEqual(out, ["a b\n"]);
});

Deno.test("runCli() prints command help for --help without running it", async () => {
  const { platform, out } = capture();
  assert.equal(await runCli(["echo", "fail", "--help"], [echo], platform), 0);
  assert.ok(out.join("").includes("Example:\n  sectorkit echo hello"));
});

Deno.test("runCli() maps errors to one line and exit codes 1, 2 and 1 for bugs", async () => {
  const { platform, err } = capture();
  assert.equal(await runCli(["echo", "fail"], [echo], platform), 1);
  assert.equal(await runCli(["echo", "bad"], [echo], platform), 2);
  assert.equal(await runCli(["echo", "bug"], [echo], platform), 1);
  assert.deepEqual(err, [
    "sectorkit echo: Cannot read sector 12 of /dev/sdb: I/O error (EIO)\n",
    'sectorkit echo: Cannot parse --size "x"\n',
    "sectorkit echo: TypeError: boom\n",
  ]);
});

Deno.test("runCli() rejects an unknown command with exit code 2", async () => {
  const { platform, err } = capture();
  assert.equal(await runCli(["nope"], [echo], platform), 2);
  assert.match(err[0], /unknown command "nope"/);
});

Deno.test("runCli() runs the default command when only options are given", async () => {
  const { platform, out } = capture();
  assert.equal(await runCli([], [echo], platform, { defaultCommand: "echo" }), 0);
  assert.deepEqual(out, ["\n"]);
});

Deno.test("parseOptions() turns unknown options into a UsageError", () => {
  assert.throws(
    () => parseOptions(["--bogus"], {}),
    (e) => e instanceof UsageError && /bogus/.test(e.message),
  );
  const { values } = parseOptions(["--no-verify"], { verify: { type: "boolean" } });
  assert.equal(values.verify, false);
});

Deno.test("parseSize() knows binary, decimal and sector units", () => {
  assert.equal(parseSize("4k"), 4096);
  assert.equal(parseSize("1MB"), 1_000_000);
  assert.equal(parseSize("2GiB"), 2 * 1024 ** 3);
  assert.equal(parseSize("3s", "--size", 4096), 12288);
  assert.equal(parseSize("0x200"), 512);
  assert.throws(() => parseSize("12q"), UsageError);
  assert.throws(() => parseSize("-1"), UsageError);
});

Deno.test("parseInteger() rejects negatives unless allowed", () => {
  assert.equal(parseInteger("+667", "--offset", true), 667);
  assert.throws(() => parseInteger("-1", "--retries"), UsageError);
  assert.throws(() => parseInteger("1.5", "--retries"), UsageError);
});

Deno.test("runCli() prints the command list for --help with or without a default command", async () => {
  for (const defaultCommand of [undefined, "echo"]) {
    const { platform, out } = capture();
    assert.equal(await runCli(["--help"], [echo], platform, { defaultCommand }), 0);
    assert.match(out.join(""), /Commands:\n {2}echo/);
  }
});
