// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The public SCSI/MMC API: an {@linkcode Mmc} session over any transport, typed commands, CDB
 * builders, response parsers, sense decoding, errors, and trace record/replay; plus drive opening
 * and the drive database from lib/drive.
 *
 * @example Replay a recorded session
 * ```ts ignore
 * import { inquiry, Mmc, replayTransport } from "@sectorkit/sectorkit";
 * const trace = await readTraceText("session.jsonl"); // the JSON lines written by --trace
 * const mmc = new Mmc(replayTransport(trace));
 * console.log((await inquiry(mmc)).product);
 * ```
 *
 * @module
 */
export { Mmc } from "./mmc.ts";
export type { ExecOptions, ExecOutcome, MmcOptions } from "./mmc.ts";
export * from "./mmc_commands.ts";
export * from "./cdb_spc.ts";
export * from "./cdb_mmc.ts";
export {
  mediatekReadCacheCdb,
  plextorReadCddaCdb,
  plextorSectorSize,
  READ_CD_PRESETS,
  readCdCdb,
  readCdMsfCdb,
  readCdSectorSize,
} from "./read_cd.ts";
export type {
  C2Mode,
  HeaderCode,
  PlextorSubcode,
  ReadCdFields,
  SectorKind,
  SectorType,
  SubchannelMode,
} from "./read_cd.ts";
export * from "./sense.ts";
export { ascText, senseKeyName } from "./asc_table.ts";
export * from "./scsi_error.ts";
export * from "./inquiry.ts";
export * from "./toc.ts";
export * from "./configuration.ts";
export * from "./mode_page.ts";
export * from "./disc_info.ts";
export * from "./disc_structure.ts";
export { opcodeName } from "./opcodes.ts";
export { parseTrace, recordingTransport, replayTransport } from "./trace.ts";
export type { TraceHeader, TraceRecord } from "./trace.ts";
export { lookupDrive, normalizeDriveString } from "../drive/drive_database.ts";
export type { DriveLookup, DriveRecord, DriveStatus } from "../drive/drive_database.ts";
export { parseOffsetList } from "../drive/drive_offsets.ts";
export { openDrive } from "../drive/open_drive.ts";
export type { OpenDriveOptions } from "../drive/open_drive.ts";
