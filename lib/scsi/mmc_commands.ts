// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Typed MMC commands on an {@linkcode Mmc} session: each builds its CDB, runs it (re-issuing
 * variable-length replies, splitting reads) and decodes the reply.
 *
 * @module
 */
import { be16 } from "./bytes.ts";
import {
  type ConfigurationRequest,
  getConfigurationCdb,
  getEventStatusCdb,
  modeSense10Cdb,
  readDiscInformationCdb,
  readDiscStructureCdb,
  readTocCdb,
  type ReadTocOptions,
  readTrackInformationCdb,
  setCdSpeedCdb,
  type TrackAddressType,
} from "./cdb_mmc.ts";
import {
  inquiryCdb,
  preventAllowCdb,
  read10Cdb,
  read12Cdb,
  readCapacityCdb,
  type ReadOptions,
  requestSenseCdb,
  type StartStopAction,
  startStopUnitCdb,
  testUnitReadyCdb,
} from "./cdb_spc.ts";
import { type Configuration, configurationLength, parseConfiguration } from "./configuration.ts";
import {
  type DiscInformation,
  type EventStatus,
  parseDiscInformation,
  parseEventStatus,
  parseTrackInformation,
  type TrackInformation,
} from "./disc_info.ts";
import { discStructureLength } from "./disc_structure.ts";
import { type Capacity, type Inquiry, parseCapacity, parseInquiry } from "./inquiry.ts";
import type { Mmc } from "./mmc.ts";
import {
  type CapabilitiesPage,
  findModePage,
  modeSenseLength,
  parseCapabilitiesPage,
} from "./mode_page.ts";
import {
  lbaToMsf,
  mediatekReadCacheCdb,
  plextorReadCddaCdb,
  plextorSectorSize,
  type PlextorSubcode,
  readCdCdb,
  type ReadCdFields,
  readCdMsfCdb,
  readCdSectorSize,
  type SectorKind,
} from "./read_cd.ts";
import type { ScsiError } from "./scsi_error.ts";
import { parseSense, type Sense } from "./sense.ts";
import { parseToc, type Toc } from "./toc.ts";

/** TEST UNIT READY: null when ready, else the error (NOT READY, no medium, unit attention…). */
export async function testUnitReady(mmc: Mmc): Promise<ScsiError | null> {
  const o = await mmc.tryExec(testUnitReadyCdb(), "none", 0);
  if (o.error && o.error.name === "ScsiTransportError") throw o.error;
  return o.error as ScsiError | null;
}

/** REQUEST SENSE: the drive's current sense (QEMU keeps the last error here). */
export async function requestSense(mmc: Mmc): Promise<Sense | null> {
  const data = await mmc.exec(requestSenseCdb(18), "in", 18);
  return parseSense(data);
}

/** INQUIRY standard data (96 bytes requested, enough for vendor-specific and OmniDrive bytes). */
export async function inquiry(mmc: Mmc): Promise<Inquiry & { raw: Uint8Array }> {
  const data = await mmc.exec(inquiryCdb(96), "in", 96);
  const i = parseInquiry(data);
  return { ...i, raw: data.slice(0, i.length) };
}

/** READ CAPACITY(10). */
export async function readCapacity(mmc: Mmc): Promise<Capacity> {
  return parseCapacity(await mmc.exec(readCapacityCdb(), "in", 8));
}

/** START STOP UNIT (eject/load/start/stop). */
export async function startStopUnit(mmc: Mmc, action: StartStopAction): Promise<void> {
  await mmc.exec(startStopUnitCdb(action), "none", 0, { timeoutMs: 60000 });
}

/** PREVENT ALLOW MEDIUM REMOVAL. */
export async function preventAllow(mmc: Mmc, prevent: boolean): Promise<void> {
  await mmc.exec(preventAllowCdb(prevent), "none", 0);
}

/** READ TOC/PMA/ATIP raw response (header included, trimmed to its length). */
export function readTocRaw(
  mmc: Mmc,
  format: number,
  options: Omit<ReadTocOptions, "allocation"> = {},
): Promise<Uint8Array> {
  return mmc.readVariable(
    (allocation) => readTocCdb(format, { ...options, allocation }),
    (d) => be16(d, 0) + 2,
  );
}

/** The format-0 TOC with LBA addresses. */
export async function readToc(mmc: Mmc): Promise<Toc & { raw: Uint8Array }> {
  const raw = await readTocRaw(mmc, 0, { trackOrSession: 1 });
  return { ...parseToc(raw), raw };
}

/** GET CONFIGURATION raw + decoded. */
export async function getConfiguration(
  mmc: Mmc,
  request: ConfigurationRequest = "all",
  startingFeature = 0,
): Promise<Configuration & { raw: Uint8Array }> {
  const raw = await mmc.readVariable(
    (allocation) => getConfigurationCdb(request, startingFeature, allocation),
    configurationLength,
    4096,
  );
  return { ...parseConfiguration(raw), raw };
}

/** The current profile only (0 = no medium), via GET CONFIGURATION RT=1 feature 0. */
export async function currentProfile(mmc: Mmc): Promise<number> {
  const data = await mmc.exec(getConfigurationCdb("current", 0, 8), "in", 8);
  return be16(data, 6);
}

/** MODE SENSE(10) raw response for one page. */
export function modeSense(mmc: Mmc, page: number): Promise<Uint8Array> {
  return mmc.readVariable((a) => modeSense10Cdb(page, a), modeSenseLength, 256);
}

/** Mode page 0x2A (capabilities), or null when the drive does not return it. */
export async function capabilities(
  mmc: Mmc,
): Promise<(CapabilitiesPage & { raw: Uint8Array }) | null> {
  const raw = await modeSense(mmc, 0x2a);
  const page = findModePage(raw, 0x2a);
  return page ? { ...parseCapabilitiesPage(page), raw: page } : null;
}

/** READ DISC INFORMATION. */
export async function discInformation(
  mmc: Mmc,
): Promise<DiscInformation & { raw: Uint8Array }> {
  const raw = await mmc.readVariable((a) => readDiscInformationCdb(a), (d) => be16(d, 0) + 2, 34);
  return { ...parseDiscInformation(raw), raw };
}

/** READ TRACK INFORMATION. */
export async function trackInformation(
  mmc: Mmc,
  address: number,
  type: TrackAddressType = "track",
): Promise<TrackInformation> {
  const raw = await mmc.readVariable(
    (a) => readTrackInformationCdb(address, type, a),
    (d) => be16(d, 0) + 2,
    48,
  );
  return parseTrackInformation(raw);
}

/** READ DISC STRUCTURE raw response (header included). */
export function readDiscStructure(
  mmc: Mmc,
  format: number,
  options: { mediaType?: number; layer?: number; address?: number; agid?: number } = {},
): Promise<Uint8Array> {
  return mmc.readVariable(
    (allocation) => readDiscStructureCdb(format, { ...options, allocation }),
    discStructureLength,
    4096,
  );
}

/** SET CD SPEED in kB/s (0xFFFF = maximum). */
export async function setCdSpeed(mmc: Mmc, readKBps = 0xffff): Promise<void> {
  await mmc.exec(setCdSpeedCdb(readKBps), "none", 0);
}

/** GET EVENT STATUS NOTIFICATION (media class, polled). */
export async function eventStatus(mmc: Mmc): Promise<EventStatus> {
  return parseEventStatus(await mmc.exec(getEventStatusCdb(), "in", 8));
}

/** READ(10) of `count` blocks of `blockSize` bytes, split to the transport's maximum. */
export function read10(
  mmc: Mmc,
  lba: number,
  count: number,
  blockSize = 2048,
  options: ReadOptions = {},
): Promise<Uint8Array> {
  return mmc.readSplit(lba, count, blockSize, (l, n) => read10Cdb(l, n, options), {
    maxUnits: 0xffff,
  });
}

/** READ(12) of `count` blocks, split to the transport's maximum. */
export function read12(
  mmc: Mmc,
  lba: number,
  count: number,
  blockSize = 2048,
  options: ReadOptions = {},
): Promise<Uint8Array> {
  return mmc.readSplit(lba, count, blockSize, (l, n) => read12Cdb(l, n, options));
}

/** Flushes the drive cache at `lba` the way dumpers do: READ(12) with FUA and length 0. */
export async function flushCache(mmc: Mmc, lba: number): Promise<void> {
  await mmc.exec(read12Cdb(lba, 0, { fua: true }), "none", 0);
}

/**
 * READ CD of `count` sectors; `kind` tells the sector layout the size depends on (CD-DA for
 * audio and scrambled reads; data kinds for cooked reads).
 */
export function readCd(
  mmc: Mmc,
  lba: number,
  count: number,
  fields: ReadCdFields,
  kind: SectorKind = "cdda",
): Promise<Uint8Array> {
  const size = readCdSectorSize(fields, kind);
  return mmc.readSplit(lba, count, size, (l, n) => readCdCdb(l, n, fields));
}

/** READ CD MSF of `count` sectors from `lba`. */
export function readCdMsf(
  mmc: Mmc,
  lba: number,
  count: number,
  fields: ReadCdFields,
  kind: SectorKind = "cdda",
): Promise<Uint8Array> {
  const size = readCdSectorSize(fields, kind);
  return mmc.readSplit(
    lba,
    count,
    size,
    (l, n) => readCdMsfCdb(lbaToMsf(l), lbaToMsf(l + n), fields),
  );
}

/** PLEXTOR READ CDDA (0xD8). */
export function plextorReadCdda(
  mmc: Mmc,
  lba: number,
  count: number,
  subcode: PlextorSubcode,
): Promise<Uint8Array> {
  return mmc.readSplit(
    lba,
    count,
    plextorSectorSize(subcode),
    (l, n) => plextorReadCddaCdb(l, n, subcode),
  );
}

/** MediaTek READ CACHE (0xF1): `size` bytes of drive cache from `offset`, in ≤ 64 KiB pieces. */
export function mediatekReadCache(mmc: Mmc, offset: number, size: number): Promise<Uint8Array> {
  const chunk = Math.min(0x10000, mmc.maxTransferBytes);
  return mmc.readSplit(
    0,
    Math.ceil(size / chunk),
    chunk,
    (i) => mediatekReadCacheCdb(offset + i * chunk, chunk),
    { maxUnits: 1 },
  ).then((d) => d.subarray(0, size));
}
