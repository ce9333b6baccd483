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
import { csvField, extentTable } from "./format_extents.ts";
import { openImage } from "./open_image.ts";

const HELP = `Usage: sectorkit ls --image IMG [PATH] [options]

List PATH (default /) of the filesystem inside IMG (an image file or a device, read-only) with
each entry's extents as whole-disk byte offsets and LBAs.

Options:
  --image IMG         the disk image or device (required)
  --partition N       the partition to use (default: the first one holding PATH)
  --recursive, -r     list the whole tree below PATH
  --sector-size N     LBA size (default: the device's, 512 for image files)
  --json              JSON array: {path, kind, size, partition, filesystem, extents: [{fileOffset,
                      length, physicalOffset, lba, device, flags}]}
  --csv               one CSV row per extent: path,kind,size,fileOffset,length,physicalOffset,lba,flags

Example:
  sectorkit ls --image disk.img / -r --csv > extents.csv
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
      const hit = await findOnVolumes(img.disk.volumes, path, part);
      if (!hit) throw new NotFoundError(`ls: ${path} not found in ${values.image}`);
      const { fs, volume } = hit;
      const pnum = volume.volume.scheme === "none" || volume.volume.scheme === "iso"
        ? 0
        : volume.volume.number;
      const entry = async (n: FsNode): Promise<LsEntry> => ({
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
      if (hit.node.kind !== "directory") out.push(await entry(hit.node));
      else if (values.recursive) {
        const prefix = hit.node.path === "/" ? "/" : hit.node.path + "/";
        for await (const n of fs.walk()) if (n.path.startsWith(prefix)) out.push(await entry(n));
      } else for (const n of await fs.readDir(hit.node)) out.push(await entry(n));
      if (values.json) platform.console.out(JSON.stringify(out) + "\n");
      else if (values.csv) {
        const rows = ["path,kind,size,fileOffset,length,physicalOffset,lba,flags"];
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
            ].join(","));
          }
        }
        platform.console.out(rows.join("\n") + "\n");
      } else {
        for (const e of out) {
          platform.console.out(
            `${e.kind === "directory" ? "d" : "-"} ${String(e.size).padStart(12)} ${e.path}\n`,
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
