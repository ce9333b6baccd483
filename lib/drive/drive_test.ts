// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * `sectorkit drive test`: probes what a drive really does, as redumper's drive::test does — read
 * methods (READ CD all types, READ CD as CD-DA on data, READ CD MSF, PLEXTOR D8) with each sector
 * order, judged by the Q subchannel CRC at that order's position; the first readable pregap LBA;
 * lead-out overread; PLEXTOR negative-LBA lead-in; MediaTek READ CACHE — and derives a ready
 * `--drive-*` option line.
 *
 * @module
 */
import { deinterleave, qCrcValid, Subchannel } from "../cd/subchannel.ts";
import type { Mmc } from "../scsi/mmc.ts";
import * as cmd from "../scsi/mmc_commands.ts";
import type { ReadCdFields } from "../scsi/read_cd.ts";
import { ScsiError, ScsiTransportError } from "../scsi/scsi_error.ts";
import { driveOptionLine, type DriveRecord } from "./drive_database.ts";

/** A read method as `drive test` names it. */
export type ProbeMethod = "BE" | "BE_CDDA" | "B9" | "D8";
/** Sector orders (redumper's names). */
export type ProbeOrder = "DATA_C2_SUB" | "DATA_SUB_C2" | "DATA_SUB" | "DATA_C2";

/** One method × order probe. */
export interface MethodProbe {
  /** Read method. */
  method: ProbeMethod;
  /** Sector order tried. */
  order: ProbeOrder;
  /** The command succeeded. */
  ok: boolean;
  /** Q CRC valid at the order's subchannel position (null: the order has no subchannel). */
  qValid: boolean | null;
  /** Error text when the command failed. */
  error?: string;
}

/** The `drive test` result (the `--json` shape). */
export interface DriveTestResult {
  /** LBA the method probes read. */
  probeLba: number;
  /** Every method × order probe. */
  methods: MethodProbe[];
  /** Detected read method. */
  readMethod: "BE" | "D8";
  /** Detected sector order, or null when no order gave a valid Q. */
  sectorOrder: ProbeOrder | null;
  /** Lowest readable LBA of -135, -75, -1 (0 when none). */
  pregapStart: number;
  /** Sectors readable from the lead-out start (0–100). */
  leadOutOverread: number;
  /** PLEXTOR D8 lead-in (LBA -1150) readable; null when skipped. */
  plextorLeadIn: boolean | null;
  /** MediaTek READ CACHE: null when skipped, else support and the largest readable size (MiB). */
  mediatekCache: { supported: boolean; sizeMiB: number } | null;
  /** Derived drive type. */
  type: DriveRecord["type"];
  /** The options that reproduce the result. */
  optionLine: string;
  /** Notes for the user. */
  notes: string[];
}

/** Where each order puts the 96-byte subchannel in a 1-sector reply, and the reply size. */
const LAYOUT: Record<
  ProbeOrder,
  { size: number; sub: number | null; c2: boolean; subReq: boolean }
> = {
  DATA_C2_SUB: { size: 2742, sub: 2646, c2: true, subReq: true },
  DATA_SUB_C2: { size: 2742, sub: 2352, c2: true, subReq: true },
  DATA_SUB: { size: 2448, sub: 2352, c2: false, subReq: true },
  DATA_C2: { size: 2646, sub: null, c2: true, subReq: false },
};
const ORDERS: ProbeOrder[] = ["DATA_C2_SUB", "DATA_SUB_C2", "DATA_SUB", "DATA_C2"];

function fields(method: ProbeMethod, order: ProbeOrder): ReadCdFields {
  const l = LAYOUT[order];
  const base: ReadCdFields = method === "BE_CDDA"
    ? { sectorType: "cdda", userData: true }
    : { sync: true, header: "all", userData: true, edcEcc: true };
  return { ...base, c2: l.c2 ? "c2" : "none", subchannel: l.subReq ? "raw" : "none" };
}

async function readOne(
  mmc: Mmc,
  method: ProbeMethod,
  order: ProbeOrder,
  lba: number,
): Promise<Uint8Array> {
  switch (method) {
    case "D8":
      return await cmd.plextorReadCdda(mmc, lba, 1, order === "DATA_SUB" ? 2 : 8);
    case "B9":
      return await cmd.readCdMsf(mmc, lba, 1, fields(method, order));
    default:
      return await cmd.readCd(mmc, lba, 1, fields(method, order));
  }
}

function errText(e: unknown): string {
  if (e instanceof ScsiError || e instanceof ScsiTransportError) {
    return e.message.replace(/^Cannot .*?: /, "");
  }
  throw e;
}

async function readable(
  mmc: Mmc,
  method: ProbeMethod,
  order: ProbeOrder,
  lba: number,
): Promise<boolean> {
  try {
    await readOne(mmc, method, order, lba);
    return true;
  } catch (e) {
    errText(e);
    return false;
  }
}

/** Options for {@linkcode runDriveTest}. */
export interface DriveTestOptions {
  /** Skip the PLEXTOR lead-in probe. */
  skipPlextorLeadIn?: boolean;
  /** Skip the MediaTek cache probe. */
  skipCacheRead?: boolean;
  /** The database configuration (read offset and C2 shift cannot be probed). */
  known?: DriveRecord;
}

/** Runs the probes on a drive with a CD loaded. */
export async function runDriveTest(
  mmc: Mmc,
  options: DriveTestOptions = {},
): Promise<DriveTestResult> {
  const notes: string[] = [];
  const toc = await cmd.readToc(mmc);
  const tracks = toc.tracks.filter((t) => t.track !== 0xaa);
  const leadOut = toc.tracks.find((t) => t.track === 0xaa)?.lba ?? 0;
  const dataTrack = tracks.find((t) => t.data);
  const probeLba = Math.min((dataTrack ?? tracks[0])?.lba ?? 0, Math.max(0, leadOut - 1)) +
    (leadOut > 200 ? 100 : 0);

  const methods: MethodProbe[] = [];
  for (const method of ["BE", "BE_CDDA", "B9", "D8"] as ProbeMethod[]) {
    const orders = method === "D8" ? (["DATA_C2_SUB", "DATA_SUB"] as ProbeOrder[]) : ORDERS;
    for (const order of orders) {
      try {
        const d = await readOne(mmc, method, order, probeLba);
        const sub = LAYOUT[order].sub;
        methods.push({
          method,
          order,
          ok: true,
          qValid: sub === null ? null : qCrcValid(deinterleave(d, Subchannel.Q, sub)),
        });
      } catch (e) {
        methods.push({ method, order, ok: false, qValid: null, error: errText(e) });
      }
    }
  }
  const valid = (m: ProbeMethod, o: ProbeOrder) =>
    methods.some((p) => p.method === m && p.order === o && p.qValid);
  const works = (m: ProbeMethod, o: ProbeOrder) =>
    methods.some((p) => p.method === m && p.order === o && p.ok);
  const readMethod: "BE" | "D8" = valid("D8", "DATA_C2_SUB") || valid("D8", "DATA_SUB")
    ? "D8"
    : "BE";
  let sectorOrder: ProbeOrder | null = null;
  if (readMethod === "D8") sectorOrder = valid("D8", "DATA_C2_SUB") ? "DATA_C2_SUB" : "DATA_SUB";
  else {
    for (const m of ["BE_CDDA", "BE"] as ProbeMethod[]) {
      sectorOrder ??= ORDERS.find((o) => valid(m, o)) ?? null;
    }
    if (
      !sectorOrder && (works("BE", "DATA_C2") || works("BE_CDDA", "DATA_C2")) &&
      !works("BE", "DATA_SUB")
    ) {
      sectorOrder = "DATA_C2";
    }
  }
  if (!sectorOrder) {
    notes.push("no sector order returned a valid Q subchannel (no subchannel support?)");
  }

  const probeMethod: ProbeMethod = readMethod === "D8"
    ? "D8"
    : works("BE_CDDA", sectorOrder ?? "DATA_C2_SUB")
    ? "BE_CDDA"
    : "BE";
  const probeOrder: ProbeOrder = sectorOrder ?? "DATA_C2_SUB";
  let pregapStart = 0;
  for (const lba of [-135, -75, -1]) {
    if (await readable(mmc, probeMethod, probeOrder, lba)) {
      pregapStart = lba;
      break;
    }
  }
  let leadOutOverread = 0;
  while (
    leadOutOverread < 100 && await readable(mmc, probeMethod, probeOrder, leadOut + leadOutOverread)
  ) {
    leadOutOverread++;
  }
  const plextorLeadIn = options.skipPlextorLeadIn
    ? null
    : await readable(mmc, "D8", "DATA_SUB", -1150);

  let mediatekCache: DriveTestResult["mediatekCache"] = null;
  if (!options.skipCacheRead) {
    const at = async (offset: number) => {
      try {
        await cmd.mediatekReadCache(mmc, offset, 0x10000);
        return true;
      } catch (e) {
        errText(e);
        return false;
      }
    };
    const supported = await at(0);
    let sizeMiB = 0;
    if (supported) {
      for (const mib of [2, 3, 8]) if (await at(mib * 0x100000 - 0x10000)) sizeMiB = mib;
    }
    mediatekCache = { supported, sizeMiB };
  }
  const type: DriveRecord["type"] = readMethod === "D8" && plextorLeadIn
    ? "PLEXTOR"
    : mediatekCache?.supported
    ? (mediatekCache.sizeMiB >= 8 ? "MTK8A" : mediatekCache.sizeMiB === 3 ? "MTK3" : "MTK2")
    : "GENERIC";
  if (type === "MTK8A") {
    notes.push("an 8 MiB MediaTek cache may be MTK8A, MTK8B or MTK8C (entry counts differ)");
  }
  const known = options.known;
  if (!known || known.readOffset === 0) {
    notes.push(
      "read offset and C2 shift cannot be probed: taken from the database (0 when unknown)",
    );
  }
  const optionLine = driveOptionLine({
    type,
    readOffset: known?.readOffset ?? 0,
    c2Shift: known?.c2Shift ?? 0,
    pregapStart,
    readMethod,
    sectorOrder: sectorOrder ?? "DATA_C2_SUB",
  });
  return {
    probeLba,
    methods,
    readMethod,
    sectorOrder,
    pregapStart,
    leadOutOverread,
    plextorLeadIn,
    mediatekCache,
    type,
    optionLine,
    notes,
  };
}

/** Renders the result for people. */
export function formatDriveTest(r: DriveTestResult): string {
  const L = [`read methods at LBA ${r.probeLba}:`];
  for (const m of r.methods) {
    const verdict = !m.ok
      ? `no (${m.error})`
      : m.qValid === null
      ? "reads (no subchannel to check)"
      : m.qValid
      ? "yes, Q valid"
      : "reads, Q invalid";
    L.push(`  ${m.method.padEnd(8)} ${m.order.padEnd(12)} ${verdict}`);
  }
  L.push(`read method: ${r.readMethod}`);
  L.push(`sector order: ${r.sectorOrder ?? "unknown"}`);
  L.push(`pregap start: ${r.pregapStart}`);
  L.push(`lead-out overread: ${r.leadOutOverread} sector(s)`);
  if (r.plextorLeadIn !== null) {
    L.push(`PLEXTOR lead-in (D8, LBA -1150): ${r.plextorLeadIn ? "yes" : "no"}`);
  }
  if (r.mediatekCache) {
    L.push(
      `MediaTek cache (F1): ${
        r.mediatekCache.supported ? `yes, ${r.mediatekCache.sizeMiB} MiB readable` : "no"
      }`,
    );
  }
  for (const n of r.notes) L.push(`note: ${n}`);
  L.push("", r.optionLine);
  return L.join("\n") + "\n";
}
