// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * `sectorkit ls --image IMG [PATH]`: a listing with every file's extents on the whole disk.
 *
 * @module
 */
import type { Command } from "../cli/command.ts";
import { parseInteger, parseOptions } from "../cli/parse_options.ts";
import { NotFoundError, UsageError } from "../errors.ts";
import type { FsNode } from "../fs/filesystem.ts";
import type { Platform } from "../platform/mod.ts";
import { findOnVolumes, type LocatedExtent, toDiskExtents } from "./disk_extents.ts";
import { findDeleted, isBelow, tskAddress } from "./deleted_nodes.ts";
import { csvField, extentTable } from "./format_extents.ts";
import { openImage } from "./open_image.ts";

const HELP = `Usage: sectorkit ls --image IMG [PATH] [options]

List PATH (default /) of the filesystem inside IMG (an image file or a device, read-only) with
each entry's extents as whole-disk byte offsets and LBAs.

Options:
  --image IMG         the disk image or device (required)
  --partition N       the partition to use (default: the first one holding PATH)
  --recursive, -r     list the whole tree below PATH
  --deleted, -d       list only deleted entries below PATH (like TSK's fls -d; FAT, exFAT, NTFS,
                      ext2/3/4), marked "*" with their TSK metadata address; --json adds
                      "deleted": true and "inode", --csv adds the columns deleted,inode. Their
                      extents are the runs TSK's istat reports (for FAT: reconstructed from the
                      first cluster over clusters that are free now)
  --sector-size N     LBA size (default: the device's, 512 for image files)
  --json              JSON array: {path, kind, size, partition, filesystem, extents: [{fileOffset,
                      length, physicalOffset, lba, device, flags}]}
  --csv               one CSV row per extent: path,kind,size,fileOffset,length,physicalOffset,lba,flags

Examples:
  sectorkit ls --image disk.img / -r --csv > extents.csv
  sectorkit ls --image card.img -r --deleted
`;

/** One listed node. */
export interface LsEntry {
  /** Path. */
  path: string;
  /** file, directory, symlink, other. */
  kind: string;
  /** Size in bytes. */
  size: number;
  /** Partition number (0 for a whole-disk filesystem). */
  partition: number;
  /** Filesystem type. */
  filesystem: string;
  /** Extents. */
  extents: LocatedExtent[];
  /** With --deleted: always true. */
  deleted?: boolean;
  /** With --deleted: The Sleuth Kit metadata address (fls/istat/ifind). */
  inode?: number;
}

/** The `ls` command. */
export const lsCommand: Command = {
  name: "ls",
  summary: "List files of an image with their extents (LBAs)",
  help: HELP,
  async run(args: string[], platform: Platform): Promise<number> {
    const { values, positionals } = parseOptions(args, {
      image: { type: "string" },
      partition: { type: "string" },
      recursive: { type: "boolean", short: "r" },
      deleted: { type: "boolean", short: "d" },
      "sector-size": { type: "string" },
      csv: { type: "boolean" },
    });
    if (values.help) {
      platform.console.out(HELP);
      return 0;
    }
    if (!values.image) throw new UsageError("ls: --image IMG is required");
    if (positionals.length > 1) throw new UsageError("ls: give at most one PATH");
    const path = positionals[0] ?? "/";
    const ss = values["sector-size"]
      ? parseInteger(String(values["sector-size"]), "--sector-size")
      : undefined;
    const part = values.partition !== undefined
      ? parseInteger(String(values.partition), "--partition")
      : undefined;
    const img = await openImage(platform, String(values.image), ss);
    try {
      const deleted = values.deleted === true;
      const hits = deleted
        ? await findDeleted(
          img.disk.volumes,
          (n) => isBelow(n.path, path, !!values.recursive),
          part,
        )
        : [];
      const hit = deleted
        ? hits[0] ?? await findOnVolumes(img.disk.volumes, path, part)
        : await findOnVolumes(img.disk.volumes, path, part);
      if (!hit) throw new NotFoundError(`ls: ${path} not found in ${values.image}`);
      const { fs, volume } = hit;
      const pnum = volume.volume.scheme === "none" || volume.volume.scheme === "iso"
        ? 0
        : volume.volume.number;
      const entry = async (n: FsNode): Promise<LsEntry> => ({
        ...(deleted ? { deleted: true, inode: tskAddress(n) } : {}),
        path: n.path,
        kind: n.kind,
        size: n.size,
        partition: pnum,
        filesystem: fs.type,
        extents: toDiskExtents(
          n.kind === "file" || n.kind === "directory" ? await fs.extents(n) : [],
          volume.volume.offset,
          img.sectorSize,
          img.device.path,
        ),
      });
      const out: LsEntry[] = [];
      if (deleted) {
        for (const h of hits) if (h.volume === volume) out.push(await entry(h.node));
      } else if (hit.node.kind !== "directory") out.push(await entry(hit.node));
      else if (values.recursive) {
        const prefix = hit.node.path === "/" ? "/" : hit.node.path + "/";
        for await (const n of fs.walk()) if (n.path.startsWith(prefix)) out.push(await entry(n));
      } else for (const n of await fs.readDir(hit.node)) out.push(await entry(n));
      if (values.json) platform.console.out(JSON.stringify(out) + "\n");
      else if (values.csv) {
        const rows = [
          "path,kind,size,fileOffset,length,physicalOffset,lba,flags" +
          (deleted ? ",deleted,inode" : ""),
        ];
        for (const e of out) {
          const exts = e.extents.length ? e.extents : [null];
          for (const x of exts) {
            rows.push([
              csvField(e.path),
              e.kind,
              e.size,
              x?.fileOffset ?? "",
              x?.length ?? "",
              x?.physicalOffset ?? "",
              x?.lba ?? "",
              csvField(x?.flags.join(" ") ?? ""),
              ...(deleted ? ["true", e.inode] : []),
            ].join(","));
          }
        }
        platform.console.out(rows.join("\n") + "\n");
      } else {
        for (const e of out) {
          const mark = deleted ? ` * ${e.inode}:` : "";
          platform.console.out(
            `${e.kind === "directory" ? "d" : "-"}${mark} ${
              String(e.size).padStart(12)
            } ${e.path}\n`,
          );
          if (e.extents.length) platform.console.out(extentTable(e.extents));
        }
      }
      return 0;
    } finally {
      img.device.close();
    }
  },
};
