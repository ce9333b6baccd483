// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import type { Command } from "../cli/command.ts";
import { parseInteger, parseOptions, parseSize } from "../cli/parse_options.ts";
import { formatBytes } from "../cli/progress.ts";
import { ExitCode, UsageError } from "../errors.ts";
import { DEFAULT_HASHES, parseHashList } from "../hash/hash_names.ts";
import type { Platform } from "../platform/mod.ts";
import { resolveDevicePath } from "../os/device_path.ts";
import { type ImageResult, runImageJob } from "./image_job.ts";

const HELP = `sectorkit image: copy a disk, partition or file into an image file, ddrescue-style

Usage: sectorkit image [options] SOURCE DEST

SOURCE is a device as your OS names it (Linux /dev/sdb, /dev/nvme0n1p2; macOS disk2, /dev/rdisk2;
Windows 1, PhysicalDrive1, \\\\.\\PhysicalDrive1, D:, a volume GUID path or mount folder) or a
regular file. DEST is an image file, or - for stdout. SOURCE is only ever opened read-only.

Reads large aligned blocks (unbuffered on devices) with several in flight and hashes on the fly.
Unreadable areas are handled like GNU ddrescue: copy skipping ahead, trim, scrape sector by sector,
then --retries passes; they are filled (--fill) and recorded in a GNU ddrescue mapfile.

Options:
  --map FILE           mapfile (default DEST.map; none for stdout unless given)
  --resume             continue an interrupted or partial job from its mapfile
  --overwrite          replace an existing DEST (and mapfile)
  --offset N           first byte of SOURCE to image (multiple of the sector size; 4k, 1M, 8s…)
  --size N             bytes to image (default: to the end)
  --block-size N       copy read size (default 1M; a multiple of the logical sector size)
  --hash LIST          md5,sha1,sha256,crc32 or none (default md5,sha1,crc32)
  --retries N          retry passes over bad sectors, alternating direction (default 0)
  -m, --domain-mapfile FILE
                       rescue only the blocks FILE marks finished (+), like ddrescue -m; bytes
                       outside stay untouched in an existing DEST (--overwrite) and non-tried (?)
  --domain-used        rescue only what the filesystems on SOURCE use (files, directories, their
                       metadata; partition tables, gaps and unknown partitions too): skips free space
  -N, --no-trim        skip trimming: failed blocks stay non-trimmed (*) in the mapfile
  -n, --no-scrape      skip scraping: trimmed blocks stay non-scraped (/) in the mapfile
  -R, --reverse        reverse the direction of every pass (copy, trim, scrape, retry)
  -D, --odirect        write DEST past the OS cache (O_DIRECT, Linux) where blocks are aligned
  --fill HEX           bytes written for unreadable sectors, repeated (default 00)
  --sparse             leave all-zero blocks as holes in DEST
  --verify             re-read SOURCE afterwards and compare hashes
  --queue-depth N      reads in flight (default 4)
  --map-interval SECS  seconds between mapfile saves (default 30)
  --buffered           read through the OS cache (default: unbuffered on devices)
  --quiet              no progress or summary on stderr
  --json               print one result object on stdout
  -h, --help           this help

Exit codes: 0 ok, 1 failure, 2 usage, 3 finished with unreadable sectors, 130 interrupted
(Ctrl-C saves the mapfile; rerun the same command with --resume).

Examples:
  sectorkit image /dev/sdb disk.img
  sectorkit image --retries 3 --hash sha256 --verify /dev/sdb disk.img
  sectorkit image --resume /dev/sdb disk.img
  sectorkit image --no-scrape /dev/sdb disk.img          (quick first pass; later: --resume)
  sectorkit image --overwrite --domain-mapfile used.map /dev/sdb disk.img
  sectorkit image --offset 1M --size 512M --hash none /dev/loop0 part.img
  sectorkit image --quiet /dev/sdb - | gzip > disk.img.gz
`;

/** Parses `--fill`: hex bytes (`00`, `0xDEADBEEF`, `de:ad`). */
export function parseFill(text: string): Uint8Array {
  const hex = text.trim().replace(/^0x/i, "").replace(/[:\s]/g, "");
  if (!/^([0-9a-f]{2})+$/i.test(hex) || hex.length > 8192) {
    throw new UsageError(`Cannot parse --fill "${text}": expected hex bytes like 00 or DEADBEEF`);
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function summary(r: ImageResult): string {
  const lines = [
    `${r.status === "finished" ? "Imaged" : "Interrupted after"} ${
      formatBytes(r.bytesRescued)
    } of ${formatBytes(r.domainBytes)}${
      r.domainBytes !== r.size ? ` (domain; range ${formatBytes(r.size)})` : ""
    } from ${r.source} to ${r.dest} in ${r.seconds.toFixed(1)}s (${
      formatBytes(r.bytesPerSecond)
    }/s)`,
    `Unreadable: ${r.badSectors} sectors in ${r.badAreas} areas (${
      formatBytes(r.bytesUnreadable)
    }), ${r.readErrors} read errors`,
  ];
  for (const [k, v] of Object.entries(r.hashes)) lines.push(`${k.padEnd(7)} ${v}`);
  if (r.verify) {
    lines.push(r.verify.match ? "Verify: SOURCE hashes match" : "Verify: SOURCE hashes DIFFER");
  }
  if (r.mapfile) lines.push(`Mapfile: ${r.mapfile}`);
  return lines.join("\n");
}

/** `sectorkit image SOURCE DEST`. */
export const imageCommand: Command = {
  name: "image",
  summary: "Copy a disk or file into an image (ddrescue-style, hashes, mapfile, resume)",
  help: HELP,
  async run(args: string[], platform: Platform): Promise<number> {
    // ddrescue's short forms of the two negated options
    const shorts: Record<string, string> = { "-N": "--no-trim", "-n": "--no-scrape" };
    const end = args.indexOf("--");
    // (also bundled as ddrescue users type them: -nN, -RnD)
    const mapped = args.flatMap((a, i) =>
      end >= 0 && i > end
        ? [a]
        : /^-[NnRDq]{2,}$/.test(a)
        ? [...a.slice(1)].map((c) => shorts[`-${c}`] ?? `-${c}`)
        : [shorts[a] ?? a]
    );
    const { values: v, positionals } = parseOptions(mapped, {
      map: { type: "string" },
      resume: { type: "boolean" },
      overwrite: { type: "boolean" },
      offset: { type: "string" },
      size: { type: "string" },
      "block-size": { type: "string" },
      hash: { type: "string" },
      retries: { type: "string" },
      "domain-mapfile": { type: "string", short: "m" },
      // --no-trim/--no-scrape are the negations of these (parseOptions allows --no-X)
      trim: { type: "boolean" },
      scrape: { type: "boolean" },
      reverse: { type: "boolean", short: "R" },
      odirect: { type: "boolean", short: "D" },
      "domain-used": { type: "boolean" },
      fill: { type: "string" },
      sparse: { type: "boolean" },
      verify: { type: "boolean" },
      "queue-depth": { type: "string" },
      "map-interval": { type: "string" },
      buffered: { type: "boolean" },
      quiet: { type: "boolean", short: "q" },
    });
    if (positionals.length !== 2) {
      throw new UsageError(
        `expected SOURCE and DEST (got ${positionals.length} arguments); see sectorkit image --help`,
      );
    }
    const [sourceArg, dest] = positionals;
    const json = v.json === true;
    if (json && dest === "-") throw new UsageError(`--json cannot be used with DEST - (stdout)`);
    const hashes = v.hash === undefined ? [...DEFAULT_HASHES] : parseHashList(String(v.hash));
    if (v.verify && hashes.length === 0) {
      throw new UsageError(`--verify compares hashes: choose at least one with --hash`);
    }
    if (v.sparse && dest === "-") throw new UsageError(`--sparse needs a DEST file`);
    if (v["domain-used"] && v["domain-mapfile"] !== undefined) {
      throw new UsageError(`--domain-used and --domain-mapfile exclude each other`);
    }
    if (v.verify && (v["domain-used"] || v["domain-mapfile"] !== undefined)) {
      throw new UsageError(
        `--verify compares SOURCE and DEST over the whole range: it cannot be used with a domain`,
      );
    }
    const noTrim = v.trim === false;
    const noScrape = v.scrape === false;
    if (
      dest === "-" &&
      (v["domain-mapfile"] !== undefined || v["domain-used"] || noTrim || noScrape || v.reverse ||
        v.odirect)
    ) {
      throw new UsageError(
        `--domain-mapfile, --no-trim, --no-scrape, --reverse and --odirect need a DEST file (stdout is written strictly in order)`,
      );
    }
    const queueDepth = v["queue-depth"] === undefined
      ? 4
      : parseInteger(String(v["queue-depth"]), "--queue-depth");
    if (queueDepth < 1 || queueDepth > 64) throw new UsageError(`--queue-depth must be 1-64`);
    const mapInterval = v["map-interval"] === undefined
      ? 30
      : parseInteger(String(v["map-interval"]), "--map-interval");
    const source = resolveDevicePath(sourceArg, platform.runtime.os);
    const result = await runImageJob(platform, {
      source,
      dest,
      map: typeof v.map === "string" ? v.map : dest === "-" ? null : `${dest}.map`,
      offset: v.offset === undefined ? 0 : parseSize(String(v.offset), "--offset"),
      size: v.size === undefined ? null : parseSize(String(v.size), "--size"),
      blockSize: v["block-size"] === undefined
        ? null
        : parseSize(String(v["block-size"]), "--block-size"),
      hashes,
      retries: v.retries === undefined ? 0 : parseInteger(String(v.retries), "--retries"),
      domainMapfile: typeof v["domain-mapfile"] === "string" ? v["domain-mapfile"] : null,
      noTrim,
      noScrape,
      reverse: v.reverse === true,
      odirect: v.odirect === true,
      domainUsed: v["domain-used"] === true,
      fill: v.fill === undefined ? new Uint8Array(1) : parseFill(String(v.fill)),
      sparse: v.sparse === true,
      verify: v.verify === true,
      resume: v.resume === true,
      overwrite: v.overwrite === true,
      queueDepth,
      mapInterval: mapInterval * 1000,
      direct: v.buffered ? false : undefined,
      quiet: v.quiet === true,
      commandLine: ["sectorkit", "image", ...args].join(" "),
    });
    const code = result.status === "interrupted" || result.verifyInterrupted
      ? ExitCode.Interrupted
      : result.verify && !result.verify.match
      ? ExitCode.Failure
      : result.bytesUnreadable > 0
      ? ExitCode.Unreadable
      : ExitCode.Ok;
    if (json) platform.console.out(JSON.stringify({ ...result, exitCode: code }) + "\n");
    if (v.quiet !== true) platform.console.err(summary(result) + "\n");
    if (result.status === "interrupted") {
      platform.console.err(
        `sectorkit image: interrupted${
          result.mapfile ? `; mapfile ${result.mapfile} is current: rerun with --resume` : ""
        }\n`,
      );
    } else if (result.verifyInterrupted) {
      platform.console.err(
        `sectorkit image: interrupted during --verify; ${result.dest} and its hashes are complete, SOURCE was not compared\n`,
      );
    } else if (result.verify && !result.verify.match) {
      platform.console.err(`sectorkit image: verify failed: SOURCE reads differently now\n`);
    }
    return code;
  },
};
