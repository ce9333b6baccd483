// Copyright 2026 the sectorkit authors. MIT license.
import type { Console } from "../lib/platform/mod.ts";

/** stdout/stderr of the process. */
export function createConsole(): Console {
  const enc = new TextEncoder();
  const writeAll = (w: { writeSync(p: Uint8Array): number }, data: Uint8Array): void => {
    let off = 0;
    while (off < data.length) off += w.writeSync(data.subarray(off));
  };
  return {
    async writeStdout(data) {
      let off = 0;
      while (off < data.length) off += await Deno.stdout.write(data.subarray(off));
    },
    out(text) {
      writeAll(Deno.stdout, enc.encode(text));
    },
    err(text) {
      writeAll(Deno.stderr, enc.encode(text));
    },
    stderrIsTerminal: Deno.stderr.isTerminal(),
    columns() {
      try {
        return Deno.consoleSize().columns;
      } catch {
        return 80;
      }
    },
  };
}
