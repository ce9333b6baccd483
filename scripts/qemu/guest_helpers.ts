// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Helpers of the QEMU guest script (scripts/qemu/guest_mmc.ts): result lines, error shapes,
 * in-process CLI runs, and the sg3-utils peer.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { COMMANDS } from "../../lib/cli/registry.ts";
import { runCli } from "../../lib/cli/run_cli.ts";
import type { Platform } from "../../lib/platform/mod.ts";
import { hex } from "../../lib/scsi/bytes.ts";
import { ScsiError, ScsiTransportError } from "../../lib/scsi/scsi_error.ts";

/** The result directory (the 9p share). */
export const out: string = Deno.args[0] ?? "/share";

/** SHA-256 as hex. */
export const sha = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");

/** Writes one result line (console and results.jsonl, as it goes). */
export function emit(name: string, data: Record<string, unknown>): void {
  const line = JSON.stringify({ name, ...data });
  console.log(`SKQ ${line}`);
  // Written as we go, so a crash later still leaves every finished probe for the host to report.
  Deno.writeTextFileSync(`${out}/results.jsonl`, line + "\n", { append: true });
}

// A stray rejection (e.g. from a worker) must not end the run before the remaining probes.
globalThis.addEventListener("unhandledrejection", (e) => {
  e.preventDefault();
  emit("unhandled_rejection", { ok: false, error: String(e.reason) });
});

/** The fields of an error the host asserts on. */
export function errorInfo(e: unknown): Record<string, unknown> {
  if (e instanceof ScsiError) {
    return {
      error: e.message,
      errorClass: e.name,
      senseKey: e.senseKey,
      asc: e.asc,
      ascq: e.ascq,
      lba: e.lba,
    };
  }
  if (e instanceof ScsiTransportError) {
    return { error: e.message, errorClass: e.name, transportError: e.transportError };
  }
  return { error: e instanceof Error ? `${e.name}: ${e.message}` : String(e), errorClass: "other" };
}

/** Runs one probe; its result or error becomes a line. */
export async function probe(
  name: string,
  fn: () => Promise<Record<string, unknown>>,
): Promise<void> {
  const t0 = performance.now();
  try {
    emit(name, { ok: true, ...(await fn()), ms: Math.round(performance.now() - t0) });
  } catch (e) {
    emit(name, { ok: false, ...errorInfo(e), ms: Math.round(performance.now() - t0) });
  }
}

/** Runs a CLI command in-process and returns its exit code and output. */
export async function cli(
  platform: Platform,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const console = {
    ...platform.console,
    out: (t: string) => void (stdout += t),
    err: (t: string) => void (stderr += t),
    writeStdout: (d: Uint8Array) => Promise.resolve(void (stdout += new TextDecoder().decode(d))),
    stderrIsTerminal: false,
  };
  const code = await runCli(args, COMMANDS, { ...platform, console });
  return { code, stdout, stderr };
}

/** Runs a peer program; stdout and stderr together. */
export async function peer(cmd: string, args: string[]): Promise<{ code: number; stdout: string }> {
  const o = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  return {
    code: o.code,
    stdout: new TextDecoder().decode(o.stdout) + new TextDecoder().decode(o.stderr),
  };
}

/** sg_raw (sg3-utils) data-in command; returns the data it wrote. */
export async function sgRaw(path: string, cdb: Uint8Array, len: number): Promise<Uint8Array> {
  const file = `/tmp/sg_raw_${cdb[0].toString(16)}.bin`;
  const r = await peer("sg_raw", [
    "-C",
    "1",
    "-R",
    "-r",
    String(len),
    "-o",
    file,
    path,
    ...hex(cdb).split(" "),
  ]);
  if (r.code !== 0) throw new Error(`sg_raw ${hex(cdb)} exited ${r.code}: ${r.stdout.trim()}`);
  return await Deno.readFile(file);
}
