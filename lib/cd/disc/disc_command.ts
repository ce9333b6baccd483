// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * `sectorkit disc`: look at a disc source (`demo`, a JSON disc spec, CUE/BIN, ISO, a dump set's
 * `.scram`) and write it as a redumper-format dump set — test fixtures for split, and the same
 * discs the virtual drive serves.
 *
 * @module
 */
import type { Command } from "../../cli/command.ts";
import { parseInteger, parseOptions } from "../../cli/parse_options.ts";
import { ExitCode, UsageError } from "../../errors.ts";
import type { Platform } from "../../platform/mod.ts";
import { formatMsf, lbaToMsf } from "../msf.ts";
import type { Disc } from "./disc.ts";
import { loadDisc } from "./load_disc.ts";
import { writeDumpSet } from "./write_dump_set.ts";
import { type CdText, cdTextBlockDisplay, parseCdText } from "../toc/cdtext.ts";
import { cdTextLines } from "../toc/cdtext_lines.ts";

const HELP = `Usage: sectorkit disc info SOURCE [--json]
       sectorkit disc write SOURCE --out DIR [--name NAME] [--lba-start N] [--lba-end N]
                            [--overwrite] [--json]

Shows a disc's sessions and tracks, or writes it as a redumper-format dump set
(NAME.scram, .state, .subcode, .toc, .fulltoc, .cdtext) that \`redumper split\` and
\`sectorkit split\` accept. The same sources work as \`--drive virtual:SOURCE\`.

SOURCE   demo (built-in mixed-mode disc), a JSON disc spec (docs/virtual-drive.md),
         a .cue (CUE/BIN, optional .sub), an .iso, or a dump set's .scram

Options:
  --out DIR        directory for the dump set (write)
  --name NAME      file name prefix (default: the source's base name, or "demo")
  --lba-start N    first LBA to include (default: −150, index 0 of track 1)
  --lba-end N      end LBA, exclusive (default: last lead-out + 100)
  --overwrite      replace existing files
  --json           print one JSON object on stdout

Examples:
  sectorkit disc info demo
  sectorkit disc write demo --out /tmp/dumps --name demo
  sectorkit disc write my_disc.json --out fixtures --lba-start 0
`;

/** The disc's CD-TEXT decoded (its packs behind a READ TOC format 5 header), or null. */
function cdTextOf(disc: Disc): CdText | null {
  if (!disc.cdText?.length) return null;
  const raw = new Uint8Array(4 + disc.cdText.length);
  const len = disc.cdText.length + 2;
  raw.set([len >> 8, len & 0xff, 0, 0]);
  raw.set(disc.cdText, 4);
  const tracks = {
    first: disc.tracks[0]?.number ?? 1,
    count: disc.tracks.length + disc.sessions.length,
  };
  return parseCdText(raw, tracks);
}

function describe(disc: Disc): Record<string, unknown> {
  return {
    medium: disc.medium,
    writeOffset: disc.writeOffset,
    mcn: disc.mcn ?? null,
    cdText: disc.cdText ? disc.cdText.length / 18 : 0,
    cdTextBlocks: cdTextOf(disc)?.blocks.map(cdTextBlockDisplay) ?? [],
    sessions: disc.sessions.map((s) => ({
      number: s.number,
      firstTrack: s.firstTrack,
      lastTrack: s.lastTrack,
      leadOut: s.leadOut,
    })),
    tracks: disc.tracks.map((t) => ({
      number: t.number,
      session: t.session,
      type: t.type,
      control: t.control,
      pregapStart: t.pregapStart,
      start: t.start,
      end: t.end,
      indices: t.indices,
      isrc: t.isrc ?? null,
    })),
  };
}

function infoText(source: string, disc: Disc): string {
  const lines = [
    `disc ${source}: ${disc.medium.toUpperCase()}, ${disc.sessions.length} session(s), ` +
    `${disc.tracks.length} track(s), write offset ${
      disc.writeOffset >= 0 ? "+" : ""
    }${disc.writeOffset}`,
  ];
  if (disc.mcn) lines.push(`MCN ${disc.mcn}`);
  for (const t of disc.tracks) {
    const pre = t.start - t.pregapStart;
    lines.push(
      `  session ${t.session} track ${String(t.number).padStart(2, "0")} ${t.type.padEnd(10)} ` +
        `LBA ${t.start}..${t.end - 1} (${formatMsf(lbaToMsf(t.start))}) pregap ${pre}` +
        (t.indices.length ? ` indices ${t.indices.join(",")}` : "") +
        (t.isrc ? ` ISRC ${t.isrc}` : ""),
    );
  }
  for (const s of disc.sessions) lines.push(`  session ${s.number} lead-out LBA ${s.leadOut}`);
  const text = cdTextOf(disc);
  if (text) {
    lines.push(
      `  CD-TEXT: ${disc.cdText!.length / 18} pack(s)${
        text.crcErrors ? `, ${text.crcErrors} CRC error(s)` : ""
      }`,
      ...text.blocks.flatMap((b) => cdTextLines(cdTextBlockDisplay(b))),
    );
  }
  return lines.join("\n") + "\n";
}

/** The `disc` command. */
export const discCommand: Command = {
  name: "disc",
  summary: "Show a disc source or write it as a redumper-format dump set",
  help: HELP,
  async run(args: string[], platform: Platform): Promise<number> {
    const { values, positionals } = parseOptions(args, {
      out: { type: "string" },
      name: { type: "string" },
      "lba-start": { type: "string" },
      "lba-end": { type: "string" },
      overwrite: { type: "boolean" },
    });
    if (values.help) {
      platform.console.out(HELP);
      return ExitCode.Ok;
    }
    const [sub, source] = positionals;
    if (sub !== "info" && sub !== "write") {
      throw new UsageError(`disc: expected "info" or "write", got "${sub ?? ""}" (see --help)`);
    }
    if (!source) throw new UsageError(`disc ${sub}: missing SOURCE (see --help)`);
    const disc = await loadDisc(source, platform.fs);
    if (sub === "info") {
      if (values.json) platform.console.out(JSON.stringify(describe(disc)) + "\n");
      else platform.console.out(infoText(source, disc));
      return ExitCode.Ok;
    }
    if (disc.medium !== "cd") throw new UsageError(`disc write: ${source} is not a CD`);
    const out = values.out as string | undefined;
    if (!out) throw new UsageError("disc write: --out DIR is required");
    const base = source.replace(/^virtual:/, "").replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
    const name = (values.name as string | undefined) ?? base;
    const files = await writeDumpSet(disc, out, name, {
      fs: platform.fs,
      overwrite: values.overwrite === true,
      lbaStart: values["lba-start"] !== undefined
        ? parseInteger(values["lba-start"] as string, "--lba-start", true)
        : undefined,
      lbaEnd: values["lba-end"] !== undefined
        ? parseInteger(values["lba-end"] as string, "--lba-end", true)
        : undefined,
    });
    if (values.json) platform.console.out(JSON.stringify({ files, disc: describe(disc) }) + "\n");
    else platform.console.out(`wrote ${Object.values(files).filter(Boolean).join(", ")}\n`);
    return ExitCode.Ok;
  },
};
