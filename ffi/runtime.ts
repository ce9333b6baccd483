// Copyright 2026 the sectorkit authors. MIT license.
import type { Runtime } from "../lib/platform/mod.ts";

/** Clock, signals and environment of the Deno process. */
export function createRuntime(): Runtime {
  let privileged = false;
  try {
    privileged = Deno.build.os === "windows" ? false : Deno.uid() === 0;
  } catch {
    privileged = false;
  }
  return {
    now: () => performance.now(),
    date: () => new Date(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    onInterrupt(handler) {
      const signals: Deno.Signal[] = Deno.build.os === "windows"
        ? ["SIGINT"]
        : ["SIGINT", "SIGTERM"];
      for (const s of signals) Deno.addSignalListener(s, handler);
      return () => {
        for (const s of signals) Deno.removeSignalListener(s, handler);
      };
    },
    env: (name) => Deno.env.get(name),
    cwd: () => Deno.cwd(),
    os: Deno.build.os,
    arch: Deno.build.arch,
    isPrivileged: privileged,
  };
}
