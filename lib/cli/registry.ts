// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import type { CommandEntry } from "./command.ts";

/**
 * Every subcommand, in the order `sectorkit --help` lists them: its name, its one-line summary and
 * a loader, so that a run parses only the modules of the command it runs (the summary must equal
 * the command's own; tests/cli/registry_test.ts checks). Add one entry per command; the command's
 * code lives in its domain folder.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "disc",
    summary:
      "Dump a CD, DVD or BD end to end: dump, refine, split, hash, info (the default command)",
    load: async () => (await import("../dump/disc_command.ts")).discCommand,
  },
  {
    name: "dump",
    summary:
      "Dump a CD raw (scrambled, subchannel, C2) or a DVD/BD (.iso) into a redumper-format set",
    load: async () => (await import("../dump/dump_command.ts")).dumpCommand,
  },
  {
    name: "refine",
    summary: "Re-read imperfect samples of a CD dump set (retries with cache flushes)",
    load: async () => (await import("../dump/dump_command.ts")).refineCommand,
  },
  {
    name: "split",
    summary: "Split a raw CD dump (.scram/.state/.subcode/.toc) into redump BIN/CUE",
    load: async () => (await import("../cd/split/split_command.ts")).splitCommand,
  },
  {
    name: "hash",
    summary: "Print redump DAT <rom/> lines for a split CD (NAME.cue) or NAME.iso, write NAME.dat",
    load: async () => (await import("../cd/hash/hash_command.ts")).hashCommand,
  },
  {
    name: "info",
    summary: "Report on a split CD: EDC/ECC/mode stats, ISO 9660, AccurateRip, LibCrypt/SecuROM",
    load: async () => (await import("../cd/info/info_command.ts")).infoCommand,
  },
  {
    name: "drives",
    summary: "List optical drives (medium, profile, read offset, known-good) and block devices",
    load: async () => (await import("../drive/drives_command.ts")).drivesCommand,
  },
  {
    name: "drive",
    summary: "Drive details (info), capability probe (test) and eject",
    load: async () => (await import("../drive/drive_command.ts")).driveCommand,
  },
  {
    name: "image",
    summary: "Copy a disk or file into an image (ddrescue-style, hashes, mapfile, resume)",
    load: async () => (await import("../image/image_command.ts")).imageCommand,
  },
  {
    name: "locate",
    summary: "Which disk sectors hold a file (live or in an image)",
    load: async () => (await import("../locate/locate_command.ts")).locateCommand,
  },
  {
    name: "owner",
    summary: "Which file or structure holds each LBA (images and devices)",
    load: async () => (await import("../locate/owner_command.ts")).ownerCommand,
  },
  {
    name: "ls",
    summary: "List files of an image with their extents (LBAs)",
    load: async () => (await import("../locate/ls_command.ts")).lsCommand,
  },
  {
    name: "bench",
    summary: "Benchmark a drive or file (CrystalDiskMark tests, surface scan)",
    load: async () => (await import("../bench/bench_command.ts")).benchCommand,
  },
];
