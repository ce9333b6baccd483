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
import { createPlatform } from "../../ffi/mod.ts";
import { openSgIo } from "../../ffi/linux/sg_io.ts";
import { openLinuxBlockDevice } from "../../ffi/linux/block_device.ts";
import { COMMANDS } from "../../lib/cli/registry.ts";
import type { ScsiTransport } from "../../lib/platform/mod.ts";
import { hex } from "../../lib/scsi/bytes.ts";
import { inquiryCdb, read10Cdb } from "../../lib/scsi/cdb_spc.ts";
import { readTocCdb } from "../../lib/scsi/cdb_mmc.ts";
import { Mmc } from "../../lib/scsi/mmc.ts";
import * as cmd from "../../lib/scsi/mmc_commands.ts";
import { READ_CD_PRESETS, readCdCdb } from "../../lib/scsi/read_cd.ts";
import { parseFullToc, parseSessionInfo } from "../../lib/scsi/toc.ts";
import { recordingTransport } from "../../lib/scsi/trace.ts";
import { gatherDriveInfo } from "../../lib/drive/drive_info.ts";
import { cli, emit, errorInfo, out, peer, probe, sgRaw, sha } from "./guest_helpers.ts";

const platform = createPlatform();
const t0 = performance.now();

await probe("drives", async () => {
  const list = await platform.scsi!.list();
  return { drives: list };
});

// Which node is which: the kernel names drives in probe order, which differs between buses.
// ide-cd answers "QEMU DVD-ROM" (one with the ISO, one empty), virtio-scsi scsi-cd "QEMU CD-ROM".
/** The current profile (0x08 CD-ROM, 0x10 DVD-ROM) once ready, or the sense of why not. */
async function readiness(path: string): Promise<{ profile: number; asc: number }> {
  const t = openSgIo(path);
  try {
    const m = new Mmc(t);
    for (let i = 0; i < 20; i++) {
      const e = await cmd.testUnitReady(m);
      if (e === null) return { profile: await cmd.currentProfile(m), asc: 0 };
      // UNIT ATTENTION and "becoming ready" pass; anything else is the answer.
      if (e.senseKey !== 6 && !(e.asc === 0x04 && e.ascq === 0x01)) {
        return { profile: 0, asc: e.asc };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return { profile: 0, asc: -1 };
  } finally {
    t.close();
  }
}
const optical = (await platform.scsi!.list()).filter((d) => d.kind === "optical");
let DEV = "/dev/sr0";
let EMPTY = "/dev/sr1";
let SCSI_CD: string | undefined;
let DVD: string | undefined;
const seen: Record<string, unknown> = {};
for (const d of optical) {
  if (d.product === "QEMU CD-ROM") {
    SCSI_CD ??= d.path;
    continue;
  }
  const r = await readiness(d.path);
  seen[d.path] = r;
  if (r.profile === 0x10) DVD = d.path;
  else if (r.profile !== 0) DEV = d.path;
  else if (r.asc === 0x3a) EMPTY = d.path;
}
emit("devices", {
  ok: true,
  ide: DEV,
  empty: EMPTY,
  scsi: SCSI_CD ?? null,
  dvd: DVD ?? null,
  seen,
});

let transport: ScsiTransport | undefined;
await probe("open", () => {
  transport = openSgIo(DEV);
  return Promise.resolve({ maxTransferBytes: transport.maxTransferBytes });
});
const traced = await recordingTransport(transport!, platform.fs, `${out}/trace.jsonl`);
const mmc = new Mmc(traced);

await probe("inquiry", async () => {
  const i = await cmd.inquiry(mmc);
  return { ...i, raw: hex(i.raw) };
});
await probe("inquiry_sg", async () => {
  const sg = (await platform.scsi!.list()).find((d) => d.blockPath === DEV)?.genericPath;
  if (!sg) throw new Error(`no /dev/sgN for ${DEV}`);
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
  const t = openSgIo(EMPTY);
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
    // --hash none: hash workers are separate modules, which the bundled guest script lacks.
    const r = await cli(platform, ["image", "--hash", "none", DEV, "/tmp/out.iso"]);
    return {
      via: "cli",
      code: r.code,
      stderr: r.stderr.slice(-400),
      sha256: sha(await Deno.readFile("/tmp/out.iso")),
    };
  }
  const dev = openLinuxBlockDevice(DEV, { direct: false });
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
for (
  const args of [
    ["drives", "--json"],
    ["drive", "info", "--drive", DEV, "--json"],
    ["drive", "test", "--drive", DEV, "--json"],
  ]
) {
  if (!COMMANDS.find((c) => c.name === args[0])) continue;
  await probe(`cli_${args.slice(0, args[0] === "drive" ? 2 : 1).join("_")}`, async () => {
    const r = await cli(platform, args);
    return { code: r.code, stderr: r.stderr, json: r.code === 0 ? JSON.parse(r.stdout) : r.stdout };
  });
}
// Peer cross-check: sg3-utils (when the initramfs has it) must see the same bytes and values.
await probe("peer_sg3", async () => {
  try {
    await peer("sg_inq", ["--version"]);
  } catch {
    return { skipped: "sg3-utils is not in the guest" };
  }
  const field = (text: string, re: RegExp) => re.exec(text)?.[1]?.trim() ?? null;
  const inq = (await peer("sg_inq", [DEV])).stdout;
  const cap = (await peer("sg_readcap", [DEV])).stdout;
  const cfg = (await peer("sg_get_config", ["--current", DEV])).stdout;
  const ours = await cmd.inquiry(bulk);
  const ourCap = await cmd.readCapacity(bulk);
  const ourToc = await cmd.readTocRaw(bulk, 0, { trackOrSession: 1 });
  const peerToc = await sgRaw(DEV, readTocCdb(0, { trackOrSession: 1, allocation: 804 }), 804);
  const ourInq = await bulk.exec(inquiryCdb(96), "in", 96);
  const peerInq = await sgRaw(DEV, inquiryCdb(96), 96);
  const fields = READ_CD_PRESETS.raw;
  const ourRaw = await cmd.readCd(bulk, 16, 1, fields, "mode1");
  const peerRaw = await sgRaw(DEV, readCdCdb(16, 1, fields), 2352);
  const turEmpty = await peer("sg_turs", [EMPTY]);
  return {
    vendor: [field(inq, /Vendor identification:(.*)/), ours.vendor],
    product: [field(inq, /Product identification:(.*)/), ours.product],
    revision: [field(inq, /Product revision level:(.*)/), ours.revision],
    lastLba: [Number(field(cap, /Last LBA=(\d+)/)), ourCap.lastLba],
    blockLength: [Number(field(cap, /Logical block length=(\d+)/)), ourCap.blockLength],
    currentProfile: [
      field(cfg, /Current profile:(.*)/),
      await cmd.getConfiguration(bulk).then((c) => c.currentProfileName),
    ],
    inquiryBytesEqual: hex(peerInq) === hex(ourInq),
    tocBytesEqual: hex(peerToc.subarray(0, ourToc.length)) === hex(ourToc) &&
      peerToc.subarray(ourToc.length).every((b) => b === 0),
    readCdBytesEqual: hex(peerRaw) === hex(ourRaw),
    sgTursEmptyExit: turEmpty.code,
    sgTursEmptyText: turEmpty.stdout.trim().split("\n")[0],
  };
});

if (DVD) {
  await probe("dvd_info", async () => {
    const t = openSgIo(DVD!);
    try {
      const i = await gatherDriveInfo(new Mmc(t));
      return {
        profile: (i.configuration as { currentProfile?: string }).currentProfile,
        dvd: i.dvd,
        capacity: i.capacity,
      };
    } finally {
      t.close();
    }
  });
}

// The other emulation: virtio-scsi scsi-cd (hw/scsi/scsi-disk.c) answers differently.
if (SCSI_CD) {
  const st = openSgIo(SCSI_CD);
  const sm = new Mmc(st);
  await probe("scsi_inquiry", async () => {
    const i = await cmd.inquiry(sm);
    return { product: i.product, maxTransferBytes: st.maxTransferBytes };
  });
  await probe("scsi_read10_all", async () => {
    const n = (await cmd.readCapacity(sm)).blocks;
    const t = performance.now();
    const d = await cmd.read10(sm, 0, n);
    return {
      blocks: n,
      sha256: sha(d),
      mibPerS: d.length / 1048576 / ((performance.now() - t) / 1000),
    };
  });
  await probe("scsi_full_toc", async () => ({
    points: parseFullToc(await cmd.readTocRaw(sm, 2, { msf: true, trackOrSession: 1 })).entries.map(
      (e) => e.point,
    ),
  }));
  await probe("scsi_read_cd", async () => {
    await cmd.readCd(sm, 16, 1, READ_CD_PRESETS.raw, "mode1");
    return {};
  });
  await probe("scsi_atip", async () => ({ raw: hex(await cmd.readTocRaw(sm, 4)) }));
  await probe("scsi_read_subchannel", async () => {
    // READ SUB-CHANNEL (0x42): QEMU's SCSI layer parses it as a data-out command and the
    // request fails in the transport (host status DID_ERROR) with SCSI status GOOD.
    const o = await sm.tryExec(new Uint8Array([0x42, 2, 0x40, 1, 0, 0, 0, 0, 16, 0]), "in", 16);
    return {
      status: o.result.status,
      transportError: o.result.transportError,
      ...(o.error ? errorInfo(o.error) : {}),
    };
  });
  st.close();
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
