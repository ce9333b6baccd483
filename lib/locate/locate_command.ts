// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * `sectorkit locate FILE [OFFSET [LENGTH]]` (live) and `sectorkit locate --image IMG PATH`.
 *
 * @module
 */
import type { Command } from "../cli/command.ts";
import { parseInteger, parseOptions, parseSize } from "../cli/parse_options.ts";
import { NotFoundError, UsageError } from "../errors.ts";
import type { Platform } from "../platform/mod.ts";
import { findDeleted, tskAddress } from "./deleted_nodes.ts";
import { coveringExtents, findOnVolumes, toDiskExtents } from "./disk_extents.ts";
import { extentTable } from "./format_extents.ts";
import { locateLive } from "./live_locate.ts";
import { openImage } from "./open_image.ts";
import { verifyExtents } from "./verify_extents.ts";

const HELP = `Usage: sectorkit locate FILE [OFFSET [LENGTH]] [--verify] [--stop-at DEV]
       sectorkit locate --image IMG PATH [OFFSET [LENGTH]] [--partition N] [--verify]

Which disk sectors hold a file. Live (Linux): FIEMAP with sync, then down the block stack through
partitions (sysfs start), loop devices (backing file + offset, recursively), md RAID0/1 to the
whole disk; a layer that cannot be resolved is named with the reason. With --image: parse the
partition table and filesystem (ext2/3/4, …) of an image or device directly, read-only.
OFFSET/LENGTH (bytes, suffixes like 4k) limit the output to the runs covering that range.

Options:
  --image IMG         read PATH from the filesystem inside IMG instead of the live system
  --partition N       with --image: the partition to use (default: the first holding PATH)
  --deleted           with --image: PATH names a deleted entry, as \`ls --deleted\` prints it
  --inode N           with --image: the deleted entry with The Sleuth Kit metadata address N
                      (fls/istat numbering, as \`ls --deleted\` prints it); no PATH then
  --sector-size N     with --image: LBA size (default: the device's, 512 for image files)
  --stop-at DEV       live: stop descending at this device (e.g. /dev/loop3)
  --verify            read every extent from the raw device (unbuffered) and compare it with
                      the file; encoded/encrypted/unwritten extents are never "verified"
  --json              {path, size, sectorSize, extents: [{fileOffset, length, physicalOffset,
                      lba, device, flags}]} (+ "verify" per extent with --verify, + "layers" and
                      "stoppedAt" per extent when live)

Examples:
  sectorkit locate /mnt/data/video.mkv 1G 4k
  sudo sectorkit locate --verify --json /home/me/file.bin
  sectorkit locate --image disk.img /etc/fstab
  sectorkit locate --image card.img --inode 645
`;

/** The `locate` command. */
export const locateCommand: Command = {
  name: "locate",
  summary: "Which disk sectors hold a file (live or in an image)",
  help: HELP,
  async run(args: string[], platform: Platform): Promise<number> {
    const { values, positionals } = parseOptions(args, {
      image: { type: "string" },
      partition: { type: "string" },
      "sector-size": { type: "string" },
      "stop-at": { type: "string" },
      verify: { type: "boolean" },
      deleted: { type: "boolean" },
      inode: { type: "string" },
    });
    if (values.help) {
      platform.console.out(HELP);
      return 0;
    }
    const inode = values.inode === undefined
      ? undefined
      : parseInteger(String(values.inode), "--inode");
    if ((inode !== undefined || values.deleted) && !values.image) {
      throw new UsageError("locate: --deleted and --inode need --image");
    }
    if (inode !== undefined) positionals.unshift(`<${inode}>`);
    const [file, off, len] = positionals;
    if (!file) throw new UsageError("locate: missing FILE (see sectorkit locate --help)");
    if (positionals.length > 3) throw new UsageError("locate: too many arguments");
    const range = off === undefined ? null : {
      offset: parseSize(off, "OFFSET"),
      length: len === undefined ? 1 : parseSize(len, "LENGTH"),
    };
    let result;
    let extra: Record<string, unknown[]> = {};
    let reader: ((o: number, n: number) => Promise<Uint8Array>) | undefined;
    let close = () => {};
    let deletedInode: number | null = null;
    if (values.image) {
      const ss = values["sector-size"]
        ? parseInteger(String(values["sector-size"]), "--sector-size")
        : undefined;
      const part = values.partition !== undefined
        ? parseInteger(String(values.partition), "--partition")
        : undefined;
      const img = await openImage(platform, String(values.image), ss);
      close = () => img.device.close();
      const hit = inode !== undefined || values.deleted
        ? (await findDeleted(
          img.disk.volumes,
          (n) => inode !== undefined ? tskAddress(n) === inode : n.path === file,
          part,
        ))[0]
        : await findOnVolumes(img.disk.volumes, file, part);
      if (!hit) {
        close();
        const what = inode !== undefined
          ? `no deleted entry with address ${inode}`
          : values.deleted
          ? `no deleted entry ${file}`
          : `${file} not found`;
        throw new NotFoundError(`locate: ${what} in ${values.image}`);
      }
      let extents = toDiskExtents(
        await hit.fs.extents(hit.node),
        hit.volume.volume.offset,
        img.sectorSize,
        img.device.path,
      );
      if (range) extents = coveringExtents(extents, range.offset, range.length);
      result = {
        path: hit.node.path,
        size: hit.node.size,
        sectorSize: img.sectorSize,
        extents,
        ...(hit.node.deleted ? { deleted: true, inode: tskAddress(hit.node) } : {}),
      };
      if (hit.node.deleted) deletedInode = tskAddress(hit.node);
      reader = (o, n) => hit.fs.read(hit.node, o, n);
    } else {
      const live = await locateLive(
        platform,
        file,
        range,
        values["stop-at"] as string | undefined,
      );
      const { layers, stoppedAt, ...rest } = live;
      result = rest;
      extra = { layers, stoppedAt };
    }
    try {
      let verify: string[] | null = null;
      if (values.verify) {
        verify = await verifyExtents(platform, result.path, result.size, result.extents, reader);
      }
      if (values.json) {
        const extents = result.extents.map((e, i) => ({
          ...e,
          ...(verify ? { verify: verify[i] } : {}),
          ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, v[i]])),
        }));
        platform.console.out(JSON.stringify({ ...result, extents }) + "\n");
      } else {
        const dev = [...new Set(result.extents.map((e) => e.device).filter((d) => d))].join(", ");
        platform.console.out(
          `${result.path}${
            deletedInode === null ? "" : ` (deleted, inode ${deletedInode})`
          }: ${result.size} bytes, ${result.extents.length} extent(s) on ${
            dev || "-"
          } (LBA size ${result.sectorSize})\n`,
        );
        platform.console.out(extentTable(result.extents, verify ? (i) => verify![i] : undefined));
        const stops = [...new Set((extra.stoppedAt ?? []).filter((s) => s))];
        for (const s of stops) platform.console.out(`note: stopped at ${s}\n`);
      }
      return verify && verify.some((v) => v !== "verified" && !v.startsWith("not verifiable"))
        ? 1
        : 0;
    } finally {
      close();
    }
  },
};
