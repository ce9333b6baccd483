// Copyright 2026 the sectorkit authors. MIT license.
import assert from "node:assert/strict";
import { COMMANDS } from "../../lib/cli/registry.ts";
import { resolveCommand } from "../../lib/cli/command.ts";

Deno.test("COMMANDS: every entry loads a command of its name with the same summary", async () => {
  const names = new Set<string>();
  for (const entry of COMMANDS) {
    assert(!names.has(entry.name), `duplicate command ${entry.name}`);
    names.add(entry.name);
    const c = await resolveCommand(entry);
    assert.equal(c.name, entry.name);
    assert.equal(entry.summary, c.summary, `summary of ${entry.name} differs from its command's`);
    assert(
      c.help.includes("Example") || c.help.includes("example") || c.help.includes("sectorkit "),
    );
  }
});

Deno.test("main.ts: its static graph holds no command module (they load on use)", async () => {
  // Loading one command parses only its modules: the version path must not import them at all.
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", new URL("../../main.ts", import.meta.url).pathname],
    stdout: "piped",
    stderr: "null",
  }).output();
  const graph = JSON.parse(new TextDecoder().decode(out.stdout)) as {
    modules: { specifier: string }[];
    roots: string[];
  };
  // The static graph (what is parsed at start-up) holds the registry but no command module.
  const staticSpecs = staticClosure(graph);
  assert([...staticSpecs].some((s) => s.endsWith("lib/cli/registry.ts")));
  for (const s of staticSpecs) {
    assert(!/_command\.ts$/.test(s), `${s} is imported statically by main.ts`);
  }
});

function staticClosure(graph: {
  modules: {
    specifier: string;
    dependencies?: { specifier: string; code?: { specifier?: string }; isDynamic?: boolean }[];
  }[];
  roots: string[];
}): Set<string> {
  const bySpec = new Map(graph.modules.map((m) => [m.specifier, m]));
  const seen = new Set<string>();
  const stack = [...graph.roots];
  while (stack.length) {
    const s = stack.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    for (const d of bySpec.get(s)?.dependencies ?? []) {
      if (d.isDynamic) continue;
      const to = d.code?.specifier;
      if (to) stack.push(to);
    }
  }
  return seen;
}
