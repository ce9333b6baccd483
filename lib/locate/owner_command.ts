// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * `sectorkit owner DEVICE_OR_IMAGE LBA...`: which file, directory or structure holds each sector.
 *
 * @module
 */
import type { Command } from "../cli/command.ts";
import { parseInteger, parseOptions } from "../cli/parse_options.ts";
import { UsageError } from "../errors.ts";
import type { Platform } from "../platform/mod.ts";
import { parseLbaList } from "./lba_list.ts";
import { openImage } from "./open_image.ts";
import { buildOwnerIndex } from "./owner_index.ts";
import { parseMountInfo } from "./btrfs_live.ts";

const HELP = `Usage: sectorkit owner DEVICE_OR_IMAGE [LBA...] [--lbas-from FILE] [options]

For each LBA (in the disk's logical sector size), print the partition, filesystem and what
holds the sector: a file (path and byte offset in it), a directory, a filesystem structure
(superblock, inode table, journal, extent tree block, FAT, MFT, GPT header…) or free space.
All LBAs are answered from one index built by walking each filesystem once.

Options:
  --lbas-from FILE    read LBAs from FILE: a GNU ddrescue mapfile (its bad "-" blocks), dmesg
                      lines ("I/O error, dev sdb, sector N", 512-byte units) or a plain list
  --dmesg-device NAME with dmesg input, keep only lines for this device (e.g. sdb)
  --sector-size N     LBA size (default: the device's, 512 for image files)
  --deleted           also index deleted files and directories (FAT, exFAT, NTFS, ext2/3/4: the
                      runs TSK's istat gives them): a sector no allocated file, directory or
                      structure holds but a deleted entry claims is reported with that entry's
                      path and "deleted": true (text: "(deleted)"); allocated owners take
                      precedence; of several deleted claimants the lowest metadata address
                      wins (like ifind -d)
  --json              print a JSON array, one object per LBA:
                      {lba, partition, filesystem, kind, path, fileOffset}
  --quiet             no progress on stderr

Example:
  sectorkit owner disk.img 632968 2048
  sudo sectorkit owner /dev/sdb --lbas-from sdb.mapfile --json
  sectorkit owner card.img 2210 --deleted
`;

/** The `owner` command. */
export const ownerCommand: Command = {
  name: "owner",
  summary: "Which file or structure holds each LBA (images and devices)",
  help: HELP,
  async run(args: string[], platform: Platform): Promise<number> {
    const { values, positionals } = parseOptions(args, {
      "lbas-from": { type: "string" },
      "dmesg-device": { type: "string" },
      "sector-size": { type: "string" },
      quiet: { type: "boolean" },
      deleted: { type: "boolean" },
    });
    if (values.help) {
      platform.console.out(HELP);
      return 0;
    }
    const [image, ...rest] = positionals;
    if (!image) throw new UsageError("owner: missing DEVICE_OR_IMAGE (see sectorkit owner --help)");
    const ss = values["sector-size"]
      ? parseInteger(String(values["sector-size"]), "--sector-size")
      : undefined;
    const img = await openImage(platform, image, ss);
    try {
      const lbas = rest.map((t) => parseInteger(t, "LBA"));
      if (values["lbas-from"]) {
        const text = await platform.fs.readTextFile(String(values["lbas-from"]));
        const r = parseLbaList(text, {
          sectorSize: img.sectorSize,
          device: values["dmesg-device"] as string | undefined,
        });
        if (!values.quiet) {
          platform.console.err(
            `owner: ${r.lbas.length} LBAs from ${r.kind} ${values["lbas-from"]}\n`,
          );
        }
        lbas.push(...r.lbas);
      }
      if (lbas.length === 0) {
        throw new UsageError("owner: no LBAs given (list them or use --lbas-from)");
      }
      const max = Math.floor(img.device.size / img.sectorSize);
      const bad = lbas.find((l) => l >= max);
      if (bad !== undefined) {
        throw new UsageError(`owner: LBA ${bad} is beyond the end of ${image} (${max} sectors)`);
      }
      if (!values.quiet && img.device.kind === "block") {
        const mounts = parseMountInfo(
          await platform.fs.readTextFile("/proc/self/mountinfo").catch(() => ""),
        );
        const real = await platform.fs.realPath(image).catch(() => image);
        const m = mounts.filter((m) =>
          m.source === real || m.source.startsWith(real + "p") ||
          /^\/dev\/[a-z]+$/.test(real) && m.source.startsWith(real)
        );
        if (m.length) {
          platform.console.err(
            `owner: note: ${image} is mounted (${m.map((x) => x.mountPoint).join(", ")}); ` +
              `on-disk metadata may lag behind the page cache (sync first)\n`,
          );
        }
      }
      const t0 = platform.runtime.now();
      const ix = await buildOwnerIndex(img.disk, img.device.size, {
        deleted: values.deleted === true,
        onProgress: values.quiet
          ? undefined
          : (n) => platform.console.err(`owner: indexed ${n} nodes\r`),
      });
      if (!values.quiet) {
        platform.console.err(
          `owner: indexed ${ix.nodes} nodes in ${
            ((platform.runtime.now() - t0) / 1000).toFixed(2)
          } s\n`,
        );
      }
      const owners = lbas.map((l) => ix.owner(l));
      if (values.json) {
        platform.console.out(JSON.stringify(owners) + "\n");
      } else {
        for (const o of owners) {
          const where = o.partition === null ? "-" : `p${o.partition}`;
          const off = (o.fileOffset === null ? "" : ` @ ${o.fileOffset}`) +
            (o.deleted ? " (deleted)" : "");
          platform.console.out(
            `${o.lba}\t${where}\t${o.filesystem ?? "-"}\t${o.kind}\t${o.path ?? ""}${off}\n`,
          );
        }
      }
      return 0;
    } finally {
      img.device.close();
    }
  },
};
