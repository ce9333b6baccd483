// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Runs INSIDE the QEMU test guest (scripts/qemu/run_guest.sh): drives the emulated ide-cd drives
 * over SG_IO with the project's own code and writes one JSON result per line to
 * `<outdir>/results.jsonl` (also echoed as `SKQ {...}` lines on the console). The host side
 * (tests/qemu/qemu_drive_test.ts) asserts on them. Each probe catches its own errors, so one
 * failure never hides the others.
 *
 * usage (guest): deno run -A scripts/qemu/guest_mmc.ts OUTDIR
 *
 * @module
 */
import { createHash } from "node:crypto";
import { createPlatform } from "../../ffi/mod.ts";
import { openSgIo } from "../../ffi/linux/sg_io.ts";
import { openLinuxBlockDevice } from "../../ffi/linux/block_device.ts";
import { COMMANDS } from "../../lib/cli/registry.ts";
import { runCli } from "../../lib/cli/run_cli.ts";
import type { Platform, ScsiTransport } from "../../lib/platform/mod.ts";
import { hex } from "../../lib/scsi/bytes.ts";
import { read10Cdb } from "../../lib/scsi/cdb_spc.ts";
import { Mmc } from "../../lib/scsi/mmc.ts";
import * as cmd from "../../lib/scsi/mmc_commands.ts";
import { READ_CD_PRESETS } from "../../lib/scsi/read_cd.ts";
import { ScsiError, ScsiTransportError } from "../../lib/scsi/scsi_error.ts";
import { parseFullToc, parseSessionInfo } from "../../lib/scsi/toc.ts";
import { recordingTransport } from "../../lib/scsi/trace.ts";

const out = Deno.args[0] ?? "/share";
const results: string[] = [];
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

function emit(name: string, data: Record<string, unknown>): void {
  const line = JSON.stringify({ name, ...data });
  results.push(line);
  console.log(`SKQ ${line}`);
}

function errorInfo(e: unknown): Record<string, unknown> {
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

async function probe(name: string, fn: () => Promise<Record<string, unknown>>): Promise<void> {
  const t0 = performance.now();
  try {
    emit(name, { ok: true, ...(await fn()), ms: Math.round(performance.now() - t0) });
  } catch (e) {
    emit(name, { ok: false, ...errorInfo(e), ms: Math.round(performance.now() - t0) });
  }
}

/** Runs a CLI command in-process and returns its exit code and stdout. */
async function cli(
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

const platform = createPlatform();
const t0 = performance.now();

await probe("drives", async () => {
  const list = await platform.scsi!.list();
  return { drives: list };
});

let transport: ScsiTransport | undefined;
await probe("open", () => {
  transport = openSgIo("/dev/sr0");
  return Promise.resolve({ maxTransferBytes: transport.maxTransferBytes });
});
const traced = await recordingTransport(transport!, platform.fs, `${out}/trace.jsonl`);
const mmc = new Mmc(traced);

await probe("inquiry", async () => {
  const i = await cmd.inquiry(mmc);
  return { ...i, raw: hex(i.raw) };
});
await probe("inquiry_sg", async () => {
  const sg = (await platform.scsi!.list()).find((d) => d.blockPath === "/dev/sr0")?.genericPath;
  if (!sg) throw new Error("no /dev/sgN for /dev/sr0");
  const t = openSgIo(sg);
  try {
    const i = await cmd.inquiry(new Mmc(t));
    return { path: sg, vendor: i.vendor, product: i.product };
  } finally {
    t.close();
  }
});
await probe(
  "test_unit_ready",
  async () => ({ error: (await cmd.testUnitReady(mmc))?.message ?? null }),
);
await probe("test_unit_ready_empty", async () => {
  const t = openSgIo("/dev/sr1");
  try {
    const e = await cmd.testUnitReady(new Mmc(t));
    return e ? { ...errorInfo(e), noMedium: e.noMedium } : { error: null };
  } finally {
    t.close();
  }
});
await probe("read_capacity", async () => ({ ...(await cmd.readCapacity(mmc)) }));
await probe("read_toc", async () => {
  const t = await cmd.readToc(mmc);
  return { raw: hex(t.raw), firstTrack: t.firstTrack, lastTrack: t.lastTrack, tracks: t.tracks };
});
await probe("read_toc_session", async () => {
  const raw = await cmd.readTocRaw(mmc, 1);
  return { raw: hex(raw), ...parseSessionInfo(raw) };
});
await probe("read_toc_full", async () => {
  const raw = await cmd.readTocRaw(mmc, 2, { msf: true, trackOrSession: 1 });
  return { raw: hex(raw), points: parseFullToc(raw).entries.map((e) => e.point) };
});
await probe("get_configuration", async () => {
  const c = await cmd.getConfiguration(mmc);
  return {
    currentProfile: c.currentProfile,
    currentProfileName: c.currentProfileName,
    profiles: c.profiles,
    features: c.features.map((f) => f.code),
    current: await cmd.currentProfile(mmc),
  };
});
await probe("mode_sense_2a", async () => {
  const p = await cmd.capabilities(mmc);
  return p ? { ...p, raw: hex(p.raw) } : { page: null };
});
await probe("disc_information", async () => {
  const d = await cmd.discInformation(mmc);
  return { ...d, raw: hex(d.raw) };
});
await probe("event_status", async () => ({ ...(await cmd.eventStatus(mmc)) }));
await probe("set_cd_speed", async () => {
  await cmd.setCdSpeed(mmc);
  return {};
});
await probe("read_track_information", async () => ({ ...(await cmd.trackInformation(mmc, 1)) }));
await probe("disc_structure_list", async () => ({
  raw: hex(await cmd.readDiscStructure(mmc, 0xff)),
}));

// Bulk reads bypass the trace (it keeps the info commands small enough to commit as a fixture).
const bulk = new Mmc(transport!);
let blocks = 0;
await probe("read10_all", async () => {
  blocks = (await cmd.readCapacity(bulk)).blocks;
  const t = performance.now();
  const d = await cmd.read10(bulk, 0, blocks);
  return { blocks, sha256: sha(d), mibPerS: d.length / 1048576 / ((performance.now() - t) / 1000) };
});
await probe("read12_fua", async () => {
  const d = await cmd.read12(bulk, 16, 4, 2048, { fua: true });
  return { sha256: sha(d) };
});
await probe("read_cd_user", async () => {
  const d = await cmd.readCd(bulk, 16, 4, READ_CD_PRESETS.user, "mode1");
  return { length: d.length, sha256: sha(d) };
});
await probe("read_cd_raw", async () => {
  const t = performance.now();
  const d = await cmd.readCd(bulk, 0, blocks, READ_CD_PRESETS.raw, "mode1");
  const user = new Uint8Array(blocks * 2048);
  for (let i = 0; i < blocks; i++) user.set(d.subarray(i * 2352 + 16, i * 2352 + 2064), i * 2048);
  return {
    length: d.length,
    sector16Head: hex(d.subarray(16 * 2352, 16 * 2352 + 16)),
    userSha256: sha(user),
    mibPerS: d.length / 1048576 / ((performance.now() - t) / 1000),
  };
});
await probe("read10_out_of_range", async () => {
  await cmd.read10(bulk, blocks, 1);
  return { error: null };
});
await probe("request_sense_after_error", async () => ({ ...(await cmd.requestSense(bulk)) }));
await probe("oversize_transfer", async () => {
  // One command above the device maximum: the kernel refuses it (QEMU IDE: 128 KiB).
  const n = Math.floor(traced.maxTransferBytes / 2048) + 1;
  const r = await transport!.execute(read10Cdb(0, n), "in", new Uint8Array(n * 2048));
  return { sectors: n, ...r, sense: hex(r.sense) };
});
await probe("block_device_image", async () => {
  const image = COMMANDS.find((c) => c.name === "image");
  if (image) {
    const r = await cli(platform, ["image", "/dev/sr0", "/tmp/out.iso"]);
    return {
      via: "cli",
      code: r.code,
      stderr: r.stderr.slice(-400),
      sha256: sha(await Deno.readFile("/tmp/out.iso")),
    };
  }
  const dev = openLinuxBlockDevice("/dev/sr0", { direct: false });
  try {
    const buf = new Uint8Array(dev.size);
    const n = await dev.readAt(0, buf);
    return {
      via: "BlockDevice",
      size: dev.size,
      read: n,
      kind: dev.kind,
      sha256: sha(buf.subarray(0, n)),
    };
  } finally {
    dev.close();
  }
});
for (const args of [["drives", "--json"], ["drive", "info", "--drive", "/dev/sr0", "--json"]]) {
  if (!COMMANDS.find((c) => c.name === args[0])) continue;
  await probe(`cli_${args.slice(0, args[0] === "drive" ? 2 : 1).join("_")}`, async () => {
    const r = await cli(platform, args);
    return { code: r.code, stderr: r.stderr, json: r.code === 0 ? JSON.parse(r.stdout) : r.stdout };
  });
}
await probe("prevent_then_eject", async () => {
  await cmd.preventAllow(mmc, true);
  try {
    await cmd.startStopUnit(mmc, "eject");
    return { error: null };
  } finally {
    await cmd.preventAllow(mmc, false);
  }
});
await probe("eject", async () => {
  await cmd.startStopUnit(mmc, "eject");
  const after = await cmd.testUnitReady(mmc);
  const gesn = await cmd.eventStatus(mmc);
  return { afterEject: after ? errorInfo(after) : null, mediaPresent: gesn.mediaPresent };
});
await probe("load", async () => {
  await cmd.startStopUnit(mmc, "load");
  let after = await cmd.testUnitReady(mmc);
  for (let i = 0; i < 5 && after; i++) after = await cmd.testUnitReady(mmc); // unit attention first
  return { afterLoad: after ? errorInfo(after) : null };
});
traced.close();
emit("done", { ok: true, ms: Math.round(performance.now() - t0) });
await Deno.writeTextFile(`${out}/results.jsonl`, results.join("\n") + "\n");
