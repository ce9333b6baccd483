// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Everything `sectorkit drive info` shows: INQUIRY, database verdict, features, mode page 0x2A,
 * and for a loaded disc the TOC, full TOC, CD-TEXT, ATIP and disc information. A command the drive
 * rejects is reported as unsupported instead of failing the whole report.
 *
 * @module
 */
import { hex } from "../scsi/bytes.ts";
import type { Mmc } from "../scsi/mmc.ts";
import * as cmd from "../scsi/mmc_commands.ts";
import { ScsiError } from "../scsi/scsi_error.ts";
import { parseAtip, parseCdTextPacks, parseFullToc, parseSessionInfo } from "../scsi/toc.ts";
import { type CdTextBlock, cdTextBlockDisplay, parseCdText } from "../cd/toc/cdtext.ts";
import { cdTextLines } from "../cd/toc/cdtext_lines.ts";

/** CD-TEXT as `drive info` reports it: the pack count, the decoded text per language block, and
 * the raw response (hex). */
export interface DriveCdText {
  /** Number of 18-byte packs. */
  packs: number;
  /** Packs whose CRC-16 did not match (the last pack is not checked). */
  crcErrors: number;
  /** Text per block: `title[0]` is the album, `title[n]` track n; same for the others. Decoded
   * for reading: DBCS blocks (`dbcs`) from MS-JIS, others ISO 8859-1; `raw` has the bytes. */
  blocks: CdTextBlock[];
  /** The response, hex. */
  raw: string;
}
import { profileFamily } from "../scsi/configuration.ts";
import { type DvdPhysical, parseDvdPhysical, parseStructureList } from "../scsi/disc_structure.ts";
import { type DriveLookup, lookupDrive } from "./drive_database.ts";

/** A section that may be unsupported. */
export type Maybe<T> = T | { unsupported: string };

async function maybe<T>(fn: () => Promise<T>): Promise<Maybe<T>> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ScsiError) return { unsupported: e.message.replace(/^Cannot .*?: /, "") };
    throw e;
  }
}

/** The `drive info` report (the `--json` shape). */
export interface DriveInfo {
  /** Device path. */
  path: string;
  /** INQUIRY. */
  inquiry: {
    vendor: string;
    product: string;
    revision: string;
    vendorSpecific: string;
    deviceType: number;
    raw: string;
  };
  /** Database verdict. */
  database: Pick<DriveLookup, "status" | "offsetSource" | "notes"> & {
    config: DriveLookup["config"];
  };
  /** Ready state: null when ready, else the sense text. */
  notReady: string | null;
  /** Current profile name and the features. */
  configuration: Maybe<
    {
      currentProfile: string;
      profiles: { name: string; current: boolean }[];
      features: { code: string; name: string; current: boolean }[];
    }
  >;
  /** Mode page 0x2A. */
  capabilities: Maybe<Record<string, unknown> | null>;
  /** Disc information. */
  disc: Maybe<Record<string, unknown>> | null;
  /** TOC (format 0). */
  toc:
    | Maybe<
      {
        firstTrack: number;
        lastTrack: number;
        tracks: { track: number; control: number; lba: number; data: boolean }[];
      }
    >
    | null;
  /** Session info (format 1). */
  sessions: Maybe<Record<string, unknown>> | null;
  /** Full TOC (format 2). */
  fullToc: Maybe<{ entries: Record<string, unknown>[] }> | null;
  /** CD-TEXT packs (format 5). */
  cdText: Maybe<DriveCdText> | null;
  /** ATIP (format 4), null for pressed discs. */
  atip: Maybe<Record<string, unknown> | null> | null;
  /** Capacity. */
  capacity: Maybe<{ blocks: number; blockLength: number }> | null;
  /** DVD physical format information (layer 0) and the readable structures, for DVD media. */
  dvd: Maybe<DvdPhysical & { structures: number[] }> | null;
}

/** Gathers the report; `offsets` is the imported AccurateRip map. */
export async function gatherDriveInfo(mmc: Mmc, offsets?: Map<string, number>): Promise<DriveInfo> {
  const inq = await cmd.inquiry(mmc);
  const lookup = lookupDrive(inq, offsets);
  let notReady: string | null = null;
  for (let i = 0; i < 3; i++) {
    const e = await cmd.testUnitReady(mmc);
    notReady = e ? e.message.replace(/^Cannot .*?: /, "") : null;
    if (!e || e.senseKey !== 6) break;
  }
  let profile = 0;
  const configuration = await maybe(async () => {
    const c = await cmd.getConfiguration(mmc);
    profile = c.currentProfile;
    return {
      currentProfile: c.currentProfileName,
      profiles: c.profiles.map((p) => ({ name: p.name, current: p.current })),
      features: c.features.map((f) => ({
        code: `0x${f.code.toString(16).padStart(4, "0")}`,
        name: f.name,
        current: f.current,
      })),
    };
  });
  const capabilities = await maybe(async () => {
    const c = await cmd.capabilities(mmc);
    if (!c) return null;
    const { raw, ...rest } = c;
    return { ...rest, raw: hex(raw) };
  });
  const withDisc = notReady === null;
  const info: DriveInfo = {
    path: mmc.path,
    inquiry: {
      vendor: inq.vendor,
      product: inq.product,
      revision: inq.revision,
      vendorSpecific: inq.vendorSpecific,
      deviceType: inq.deviceType,
      raw: hex(inq.raw),
    },
    database: {
      status: lookup.status,
      offsetSource: lookup.offsetSource,
      notes: lookup.notes,
      config: lookup.config,
    },
    notReady,
    configuration,
    capabilities,
    disc: null,
    toc: null,
    sessions: null,
    fullToc: null,
    cdText: null,
    atip: null,
    capacity: null,
    dvd: null,
  };
  if (!withDisc) return info;
  if (profileFamily(profile) === "dvd") {
    info.dvd = await maybe(async () => {
      const list = parseStructureList(await cmd.readDiscStructure(mmc, 0xff));
      return {
        ...parseDvdPhysical(await cmd.readDiscStructure(mmc, 0x00)),
        structures: list.filter((e) => e.readable).map((e) => e.format),
      };
    });
  }
  info.capacity = await maybe(async () => {
    const c = await cmd.readCapacity(mmc);
    return { blocks: c.blocks, blockLength: c.blockLength };
  });
  info.disc = await maybe(async () => {
    const { raw: _raw, ...d } = await cmd.discInformation(mmc);
    return d as unknown as Record<string, unknown>;
  });
  info.toc = await maybe(async () => {
    const t = await cmd.readToc(mmc);
    return {
      firstTrack: t.firstTrack,
      lastTrack: t.lastTrack,
      tracks: t.tracks.map((x) => ({
        track: x.track,
        control: x.control,
        lba: x.lba,
        data: x.data,
      })),
    };
  });
  info.sessions = await maybe(async () => ({ ...parseSessionInfo(await cmd.readTocRaw(mmc, 1)) }));
  info.fullToc = await maybe(async () => ({
    entries: parseFullToc(await cmd.readTocRaw(mmc, 2, { msf: true, trackOrSession: 1 })).entries
      .map((e) => ({
        session: e.session,
        adr: e.adr,
        control: e.control,
        point: `0x${e.point.toString(16).padStart(2, "0")}`,
        pmsf: `${e.pmin}:${e.psec}:${e.pframe}`,
      })),
  }));
  // SFF-8020 drives (and QEMU's ATAPI drive) read the format from byte 9 only, which cannot hold
  // formats 3–5: they answer with the format-0 TOC, which must not be mistaken for ATIP/CD-TEXT.
  const toc0 = await cmd.readTocRaw(mmc, 0).catch(() => null);
  const ignored = { unsupported: "the drive ignored the READ TOC format and returned the TOC" };
  const isToc = (raw: Uint8Array) => toc0 !== null && raw.length > 4 && hex(raw) === hex(toc0);
  info.cdText = await maybe(async () => {
    const raw = await cmd.readTocRaw(mmc, 5);
    if (isToc(raw)) return ignored;
    const text = parseCdText(raw);
    return {
      packs: parseCdTextPacks(raw).length,
      crcErrors: text.crcErrors,
      blocks: text.blocks.map(cdTextBlockDisplay),
      raw: hex(raw),
    };
  });
  info.atip = await maybe(async () => {
    const raw = await cmd.readTocRaw(mmc, 4);
    if (isToc(raw)) return ignored;
    const a = parseAtip(raw);
    return a ? { ...a } : null;
  });
  return info;
}

function isUnsupported(x: unknown): x is { unsupported: string } {
  return typeof x === "object" && x !== null && "unsupported" in x;
}

/** Renders the report for people. */
export function formatDriveInfo(i: DriveInfo): string {
  const L: string[] = [];
  const q = i.inquiry;
  L.push(
    `Drive ${i.path}: ${q.vendor} ${q.product} ${q.revision}${
      q.vendorSpecific ? ` [${q.vendorSpecific}]` : ""
    }`,
  );
  const c = i.database.config;
  L.push(
    `  database: ${i.database.status}; type ${c.type}, read offset ${
      c.readOffset > 0 ? "+" : ""
    }${c.readOffset} (${i.database.offsetSource}), C2 shift ${c.c2Shift}, pregap start ${c.pregapStart}, ${c.readMethod}, ${c.sectorOrder}`,
  );
  for (const n of i.database.notes) L.push(`  note: ${n}`);
  L.push(`  medium: ${i.notReady ?? "ready"}`);
  const sec = (name: string, v: unknown, render: (v: never) => string[]) => {
    if (v === null || v === undefined) return;
    if (isUnsupported(v)) L.push(`  ${name}: unsupported (${v.unsupported})`);
    else L.push(...render(v as never));
  };
  sec(
    "configuration",
    i.configuration,
    (v: Exclude<DriveInfo["configuration"], { unsupported: string }>) => [
      `  current profile: ${v.currentProfile}`,
      `  profiles: ${v.profiles.map((p) => p.name + (p.current ? "*" : "")).join(", ") || "-"}`,
      `  features: ${v.features.map((f) => `${f.name}${f.current ? "*" : ""}`).join(", ")}`,
    ],
  );
  sec("capabilities", i.capabilities, (v: Record<string, unknown> | null) => {
    if (!v) return ["  mode page 0x2A: not returned"];
    const yes = [
      "cddaCommands",
      "cddaAccurate",
      "c2Pointers",
      "rwSupported",
      "rwCorrected",
      "isrc",
      "upc",
      "multiSession",
      "mode2Form1",
      "mode2Form2",
    ]
      .map((k) => `${k}=${v[k] ? "yes" : "no"}`);
    return [
      `  mode page 0x2A: ${
        yes.join(" ")
      }, loading ${v.loadingMechanism}, buffer ${v.bufferKiB} KiB`,
    ];
  });
  sec("capacity", i.capacity, (v: { blocks: number; blockLength: number }) => [
    `  capacity: ${v.blocks} blocks of ${v.blockLength} bytes`,
  ]);
  sec("disc information", i.disc, (v: Record<string, unknown>) => [
    `  disc: ${v.discStatus}, ${v.sessions} session(s), tracks ${v.firstTrack}-${v.lastTrackLastSession}, ${v.discType}${
      v.erasable ? ", erasable" : ""
    }`,
  ]);
  sec(
    "TOC",
    i.toc,
    (v: { tracks: { track: number; control: number; lba: number; data: boolean }[] }) => [
      "  TOC:",
      ...v.tracks.map((t) =>
        `    ${t.track === 0xaa ? "lead-out" : `track ${String(t.track).padStart(2)}`}  LBA ${
          String(t.lba).padStart(7)
        }  ${t.data ? "data" : "audio"}  control 0x${t.control.toString(16)}`
      ),
    ],
  );
  sec(
    "sessions",
    i.sessions,
    (v: Record<string, unknown>) => [`  sessions: ${v.firstSession}-${v.lastSession}`],
  );
  sec("full TOC", i.fullToc, (v: { entries: Record<string, unknown>[] }) => [
    `  full TOC: ${v.entries.map((e) => `${e.session}/${e.point}@${e.pmsf}`).join(" ")}`,
  ]);
  sec("DVD", i.dvd, (v: DvdPhysical & { structures: number[] }) => [
    `  DVD: book type ${v.bookType} v${v.partVersion}, ${v.layers} layer(s)${
      v.layers > 1 ? (v.oppositeTrackPath ? " OTP" : " PTP") : ""
    }, PSN 0x${v.startPsn.toString(16)}-0x${v.endPsn.toString(16)}${v.bca ? ", BCA" : ""}`,
  ]);
  sec("CD-TEXT", i.cdText, (v: DriveCdText) => [
    `  CD-TEXT: ${v.packs} pack(s)${v.crcErrors ? `, ${v.crcErrors} CRC error(s)` : ""}`,
    ...v.blocks.flatMap((b) => cdTextLines(b)),
  ]);
  sec("ATIP", i.atip, (v: Record<string, unknown> | null) => [
    v
      ? `  ATIP: ${v.rewritable ? "CD-RW" : "CD-R"}, lead-in ${v.leadInMsf}`
      : "  ATIP: none (pressed disc)",
  ]);
  return L.join("\n") + "\n";
}
