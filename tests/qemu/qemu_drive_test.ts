// Copyright 2026 the sectorkit authors. MIT license.
/**
 * A real drive nobody here wrote: QEMU's ATAPI `ide-cd` (software emulation, no /dev/kvm needed)
 * backed by an ISO made with xorriso, driven over SG_IO by the project's own code inside one
 * guest boot (scripts/qemu/guest_mmc.ts via scripts/qemu/run_guest.sh). The guest writes one
 * JSON result per probe; the assertions here run on the host. Root only (9p virtfs and the
 * packages in scripts/qemu-packages.txt).
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { randomBytes } from "../helpers/random.ts";
import { isLinuxRoot, sh } from "../helpers/loop.ts";
import { Mmc } from "../../lib/scsi/mmc.ts";
import * as cmd from "../../lib/scsi/mmc_commands.ts";
import { hex } from "../../lib/scsi/bytes.ts";
import { replayTransport } from "../../lib/scsi/trace.ts";
import { openVirtualDrive } from "../../lib/drive/virtual/open_virtual_drive.ts";
import { FormatError } from "../../lib/errors.ts";
import { READ_CD_PRESETS } from "../../lib/scsi/read_cd.ts";
import { ScsiError } from "../../lib/scsi/scsi_error.ts";
import { createPlatform } from "../../ffi/mod.ts";

const root = new URL("../../", import.meta.url).pathname;

function available(): boolean {
  if (!isLinuxRoot()) return false;
  const need = ["/usr/bin/qemu-system-x86_64", "/bin/busybox", "/usr/bin/cpio", "/usr/bin/xorriso"];
  try {
    for (const p of need) Deno.statSync(p);
    return [...Deno.readDirSync("/boot")].some((e) => e.name.startsWith("vmlinuz-"));
  } catch {
    return false;
  }
}

type Result = Record<string, unknown> & { name: string; ok: boolean };
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

Deno.test({
  name:
    "QEMU ide-cd + scsi-cd drives over SG_IO in one guest boot (root + qemu-system-x86/linux-image-amd64/busybox-static; TCG, no /dev/kvm)",
  ignore: !available(),
  async fn(t) {
    const dir = await Deno.makeTempDir({ prefix: "sectorkit-qemu-" });
    try {
      await Deno.mkdir(`${dir}/iso`);
      await Deno.mkdir(`${dir}/share`);
      await Deno.writeFile(`${dir}/iso/random.bin`, randomBytes(1_500_000, 3));
      await Deno.writeTextFile(`${dir}/iso/README.TXT`, "sectorkit QEMU drive test\n");
      await sh("xorriso", [
        "-as",
        "mkisofs",
        "-quiet",
        "-V",
        "SKTEST",
        "-o",
        `${dir}/disc.iso`,
        `${dir}/iso`,
      ]);
      const iso = await Deno.readFile(`${dir}/disc.iso`);
      // Sparse; QEMU presents media above 737,280,000 bytes as DVD-ROM.
      await Deno.writeFile(`${dir}/dvd.iso`, new Uint8Array());
      await Deno.truncate(`${dir}/dvd.iso`, 800 * 1024 * 1024);
      const blocks = iso.length / 2048;

      const p = new Deno.Command("bash", {
        args: [
          `${root}scripts/qemu/run_guest.sh`,
          `${dir}/disc.iso`,
          "scripts/qemu/guest_mmc.ts",
          `${dir}/share`,
          `${dir}/dvd.iso`,
        ],
        env: { TIMEOUT: "420" },
        stdout: "piped",
        stderr: "piped",
      });
      const o = await p.output();
      const log = new TextDecoder().decode(o.stdout) + new TextDecoder().decode(o.stderr);
      let text = "";
      try {
        text = await Deno.readTextFile(`${dir}/share/results.jsonl`);
      } catch {
        assert.fail(`guest wrote no results (exit ${o.code}):\n${log.slice(-3000)}`);
      }
      const results = new Map<string, Result>();
      for (const line of text.split("\n").filter(Boolean)) {
        const r = JSON.parse(line) as Result;
        results.set(r.name, r);
      }
      const get = (name: string): Result => {
        const r = results.get(name);
        assert.ok(r, `no result for ${name}:\n${log.slice(-2000)}`);
        return r;
      };
      const ok = (name: string): Result => {
        const r = get(name);
        assert.equal(r.ok, true, `${name} failed: ${r.error}`);
        return r;
      };

      await t.step("the guest finished and powered off", () => {
        assert.equal(o.code, 0, log.slice(-2000));
        ok("done");
        assert.equal(
          results.has("unhandled_rejection"),
          false,
          String(results.get("unhandled_rejection")?.error),
        );
      });
      const devices = ok("devices") as Result & {
        ide: string;
        empty: string;
        scsi: string | null;
        dvd: string | null;
      };
      const dev = devices.ide;
      await t.step("sysfs lists /dev/sr0 + /dev/sg0 as optical drives", () => {
        const drives = ok("drives").drives as {
          path: string;
          genericPath?: string;
          vendor: string;
          kind: string;
        }[];
        assert.match(dev, /^\/dev\/sr\d$/);
        assert.notEqual(devices.empty, dev);
        const sr0 = drives.find((d) => d.path === dev);
        assert.ok(sr0, JSON.stringify(drives));
        assert.equal(sr0.kind, "optical");
        assert.match(sr0.genericPath ?? "", /^\/dev\/sg\d+$/);
        assert.equal(sr0.vendor, "QEMU");
        assert.equal(ok("open").maxTransferBytes, 131072);
      });
      await t.step("INQUIRY on /dev/srN and /dev/sgN", () => {
        const i = ok("inquiry");
        assert.deepEqual([i.deviceType, i.removable, i.vendor, i.product, i.revision], [
          5,
          true,
          "QEMU",
          "QEMU DVD-ROM",
          "2.5+",
        ]);
        assert.equal(ok("inquiry_sg").product, "QEMU DVD-ROM");
      });
      await t.step("TEST UNIT READY: ready with a disc, 02/3A/00 on the empty drive", () => {
        assert.equal(ok("test_unit_ready").error, null);
        const e = ok("test_unit_ready_empty");
        assert.deepEqual([e.senseKey, e.asc, e.ascq, e.noMedium], [2, 0x3a, 0, true]);
        assert.equal(
          e.error,
          `Cannot TEST UNIT READY on ${devices.empty}: NOT READY, MEDIUM NOT PRESENT (02/3A/00)`,
          JSON.stringify(devices),
        );
      });
      await t.step("READ CAPACITY, READ TOC (formats 0, 1, 2), disc information", () => {
        const c = ok("read_capacity");
        assert.deepEqual([c.blocks, c.blockLength], [blocks, 2048]);
        const toc = ok("read_toc");
        const tracks = toc.tracks as { track: number; lba: number; data: boolean }[];
        assert.deepEqual(tracks.map((x) => [x.track, x.lba, x.data]), [[1, 0, true], [
          0xaa,
          blocks,
          true,
        ]]);
        assert.deepEqual(
          [ok("read_toc_session").firstSession, ok("read_toc_session").lastSession],
          [1, 1],
        );
        assert.deepEqual(ok("read_toc_full").points, [0xa0, 0xa1, 0xa2, 1]);
        const d = ok("disc_information");
        assert.deepEqual([d.discStatus, d.sessions, d.firstTrack], ["finalized", 1, 1]);
      });
      await t.step("GET CONFIGURATION, MODE SENSE page 0x2A, GET EVENT STATUS", () => {
        const c = ok("get_configuration");
        assert.equal(c.currentProfileName, "CD-ROM");
        assert.equal(c.current, 8);
        assert.deepEqual((c.profiles as { profile: number }[]).map((p) => p.profile), [0x10, 0x08]);
        const m = ok("mode_sense_2a");
        assert.equal((m.reads as { dvdrom: boolean }).dvdrom, true);
        assert.deepEqual([m.c2Pointers, m.cddaAccurate, m.eject, m.loadingMechanism], [
          false,
          false,
          true,
          "tray",
        ]);
        const e = ok("event_status");
        assert.deepEqual([e.notificationClass, e.mediaPresent], [4, true]);
        ok("set_cd_speed");
        assert.match(String(ok("disc_structure_list").raw), /^00 /);
      });
      await t.step("unsupported READ TRACK INFORMATION: ILLEGAL REQUEST 05/20/00", () => {
        const r = get("read_track_information");
        assert.deepEqual([r.ok, r.senseKey, r.asc], [false, 5, 0x20]);
      });
      await t.step(
        "READ(10) of the whole disc (split to 128 KiB) and READ(12) FUA equal the ISO",
        () => {
          assert.equal(ok("read10_all").sha256, sha(iso));
          assert.equal(ok("read12_fua").sha256, sha(iso.subarray(16 * 2048, 20 * 2048)));
        },
      );
      await t.step(
        "READ CD 2048 and 2352 (sync + binary-MSF header + mode 1) carry the ISO's bytes",
        () => {
          assert.equal(ok("read_cd_user").sha256, sha(iso.subarray(16 * 2048, 20 * 2048)));
          const raw = ok("read_cd_raw");
          assert.equal(raw.length, blocks * 2352);
          assert.equal(raw.sector16Head, "00 ff ff ff ff ff ff ff ff ff ff 00 00 02 10 01");
          assert.equal(raw.userSha256, sha(iso));
        },
      );
      await t.step("out-of-range READ(10): ILLEGAL REQUEST 05/21/00 naming the sector", () => {
        const r = get("read10_out_of_range");
        assert.deepEqual([r.ok, r.senseKey, r.asc, r.lba], [false, 5, 0x21, blocks]);
        assert.equal(
          r.error,
          `Cannot read sector ${blocks} of ${dev}: ILLEGAL REQUEST, LOGICAL BLOCK ADDRESS OUT OF RANGE (05/21/00)`,
        );
        const s = ok("request_sense_after_error");
        assert.deepEqual([s.key, s.asc], [5, 0x21]);
      });
      await t.step(
        "a transfer above max_hw_sectors_kb fails in the transport, not as SCSI status",
        () => {
          const r = ok("oversize_transfer");
          assert.equal(r.transportError, -5);
          assert.match(String(r.transportMessage), /EIO.*exceeds the device maximum 131072/);
        },
      );
      await t.step(
        "sectorkit image /dev/sr0 (or the BlockDevice) reproduces the ISO byte for byte",
        () => {
          const r = ok("block_device_image");
          if (r.via === "cli") assert.equal(r.code, 0, String(r.stderr));
          assert.equal(r.sha256, sha(iso));
        },
      );
      await t.step("a DVD-sized disc: DVD-ROM profile and physical format information", () => {
        assert.ok(devices.dvd, "no DVD drive found");
        const d = ok("dvd_info");
        assert.equal(d.profile, "DVD-ROM");
        assert.equal((d.capacity as { blocks: number }).blocks, 409600);
        const p = d.dvd as {
          layers: number;
          bookType: number;
          startPsn: number;
          endPsn: number;
          structures: number[];
        };
        // QEMU starts the data area at PSN 0 (a pressed DVD-ROM at 0x30000).
        assert.deepEqual(
          [p.layers, p.bookType, p.startPsn, p.endPsn],
          [1, 0, 0, 409599],
          JSON.stringify(p),
        );
        assert.ok(p.structures.includes(0));
      });
      const peerResult = get("peer_sg3");
      await t.step({
        name: "sg3-utils in the guest (sg_inq, sg_readcap, sg_get_config, sg_raw, sg_turs) agrees",
        ignore: typeof peerResult.skipped === "string",
        fn() {
          const p = ok("peer_sg3");
          for (
            const k of ["vendor", "product", "revision", "lastLba", "blockLength", "currentProfile"]
          ) {
            const [theirs, ours] = p[k] as [unknown, unknown];
            assert.equal(ours, theirs, `${k}: sg3-utils ${theirs}, sectorkit ${ours}`);
          }
          assert.equal(p.inquiryBytesEqual, true, "INQUIRY bytes");
          assert.equal(p.tocBytesEqual, true, "READ TOC bytes");
          assert.equal(p.readCdBytesEqual, true, "READ CD bytes");
          assert.equal(p.sgTursEmptyExit, 2, String(p.sgTursEmptyText)); // SG_LIB_CAT_NOT_READY
        },
      });
      await t.step(
        "virtio-scsi scsi-cd: larger transfers, no READ CD, READ SUB-CHANNEL fails in the transport",
        () => {
          assert.ok(devices.scsi, "no scsi-cd drive found");
          const i = ok("scsi_inquiry");
          assert.equal(i.product, "QEMU CD-ROM");
          assert.ok((i.maxTransferBytes as number) > 131072, String(i.maxTransferBytes));
          assert.equal(ok("scsi_read10_all").sha256, sha(iso));
          assert.deepEqual(ok("scsi_full_toc").points, [0xa0, 0xa1, 0xa2, 1]);
          const rcd = get("scsi_read_cd");
          assert.deepEqual([rcd.ok, rcd.senseKey, rcd.asc], [false, 5, 0x20]);
          const atip = get("scsi_atip");
          assert.deepEqual([atip.ok, atip.senseKey, atip.asc], [false, 5, 0x24]);
          const sub = ok("scsi_read_subchannel");
          assert.equal(sub.errorClass, "ScsiTransportError");
          assert.equal(sub.status, 0);
          assert.equal(
            String(sub.error),
            `Cannot READ SUB-CHANNEL on ${devices.scsi}: host status DID_ERROR (0x07)`,
          );
        },
      );
      await t.step(
        "eject is refused while locked, works after unlocking, load brings the disc back",
        () => {
          const locked = get("prevent_then_eject");
          assert.equal(locked.ok, false);
          assert.equal(locked.asc, 0x53);
          const e = ok("eject");
          assert.equal((e.afterEject as { asc: number }).asc, 0x3a);
          assert.equal(e.mediaPresent, false);
          assert.equal(ok("load").afterLoad, null);
        },
      );
      await t.step("sectorkit drives / drive info / drive test --json in the guest", () => {
        const drives = ok("cli_drives");
        assert.equal(drives.code, 0, String(drives.stderr));
        const list = (drives.json as { drives: Record<string, unknown>[] }).drives;
        const sr0 = list.find((d) => d.path === dev)!;
        assert.deepEqual([sr0.mediumPresent, sr0.currentProfile, sr0.database, sr0.type], [
          true,
          "CD-ROM",
          "unknown",
          "GENERIC",
        ]);
        const sr1 = list.find((d) => d.path === devices.empty)!;
        assert.equal(sr1.mediumPresent, false);
        assert.match(String(sr1.mediumState), /MEDIUM NOT PRESENT/);
        const info = ok("cli_drive_info");
        assert.equal(info.code, 0, String(info.stderr));
        const j = info.json as Record<string, Record<string, unknown>>;
        assert.equal(j.inquiry.product, "QEMU DVD-ROM");
        assert.equal(j.configuration.currentProfile, "CD-ROM");
        assert.equal((j.capacity as { blocks: number }).blocks, blocks);
        // ATAPI reads the READ TOC format from byte 9, which cannot say 4 or 5: QEMU answers
        // with the TOC, which drive info must not present as ATIP or CD-TEXT.
        assert.match(
          String((j.atip as { unsupported?: string }).unsupported),
          /ignored the READ TOC format/,
        );
        assert.match(
          String((j.cdText as { unsupported?: string }).unsupported),
          /ignored the READ TOC format/,
        );
        const test = ok("cli_drive_test");
        assert.equal(test.code, 0, String(test.stderr));
        const r = test.json as Record<string, unknown>;
        // QEMU ignores the C2/subchannel request and has no D8/F1: BE reads, no valid Q.
        assert.deepEqual([r.readMethod, r.sectorOrder, r.type], ["BE", null, "GENERIC"]);
        assert.equal((r.mediatekCache as { supported: boolean }).supported, false);
        assert.equal(r.plextorLeadIn, false);
      });
      // Fidelity: the in-process virtual drive must answer like QEMU for the same ISO where QEMU
      // implements the command (skipped until the virtual drive accepts .iso sources).
      let virtual = null;
      try {
        virtual = await openVirtualDrive(
          `${dir}/disc.iso`,
          { profile: "generic" },
          createPlatform().fs,
        );
      } catch (e) {
        if (!(e instanceof FormatError)) throw e;
      }
      await t.step({
        name:
          "the virtual drive answers like QEMU for the same ISO (capacity, TOC, READ(10), READ CD)",
        ignore: virtual === null,
        async fn() {
          const mmc = new Mmc(virtual!);
          try {
            const cap = await cmd.readCapacity(mmc);
            assert.deepEqual([cap.blocks, cap.blockLength], [blocks, 2048]);
            const toc = await cmd.readToc(mmc);
            assert.deepEqual(
              toc.tracks.map((x) => [x.track, x.lba, x.data]),
              (ok("read_toc").tracks as { track: number; lba: number; data: boolean }[]).map((
                x,
              ) => [
                x.track,
                x.lba,
                x.data,
              ]),
            );
            assert.equal(sha(await cmd.read10(mmc, 0, blocks)), ok("read10_all").sha256);
            assert.equal(
              sha(await cmd.readCd(mmc, 16, 4, READ_CD_PRESETS.user, "mode1")),
              ok("read_cd_user").sha256,
            );
            await assert.rejects(
              () => cmd.read10(mmc, blocks, 1),
              (e) => e instanceof ScsiError && e.asc === 0x21,
            );
          } finally {
            virtual!.close();
          }
        },
      });
      await t.step("the recorded trace replays: same answers without the drive", async () => {
        const trace = await Deno.readTextFile(`${dir}/share/trace.jsonl`);
        const mmc = new Mmc(replayTransport(trace));
        const i = await cmd.inquiry(mmc);
        assert.equal(hex(i.raw), ok("inquiry").raw);
        assert.equal(hex((await cmd.readToc(mmc)).raw), ok("read_toc").raw);
        if (Deno.env.get("SECTORKIT_SAVE_TRACE")) {
          await Deno.writeTextFile(Deno.env.get("SECTORKIT_SAVE_TRACE")!, trace);
        }
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
