// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The virtual optical drive and the disc model it reads: synthesized discs from a JSON spec,
 * redumper dump sets, CUE/BIN and ISO images, and the writer of redumper-format dump sets.
 *
 * @module
 */
export {
  isVirtualDrive,
  loadProfile,
  openVirtualDrive,
  type OpenVirtualDriveOptions,
  VIRTUAL_DRIVE_PREFIX,
} from "./open_virtual_drive.ts";
export { VirtualDrive, type VirtualDriveOptions } from "./virtual_drive.ts";
export {
  BUILTIN_PROFILES,
  type CddaOnData,
  type DriveProfile,
  GENERIC,
  MEDIATEK,
  parseProfile,
  PLEXTOR,
  type ReadMethod,
  type SectorOrder,
} from "./profile.ts";
export type { DataDirection, ScsiResult, ScsiTransport } from "../../platform/scsi_transport.ts";
export type { Disc, DiscSession, DiscTrack, MediumType, TrackType } from "../../cd/disc/disc.ts";
export type {
  C2Damage,
  DiscLayout,
  DiscSpec,
  SessionSpec,
  SubcodeDesync,
  TrackSpec,
} from "../../cd/disc/disc_spec.ts";
export { type SynthesizedDisc, synthesizeDisc } from "../../cd/disc/synthesize.ts";
export { DEMO_DISC_SPEC } from "../../cd/disc/demo_disc.ts";
export { type AuthoredTrack, authoredTracks } from "../../cd/disc/authored_tracks.ts";
export { loadDisc } from "../../cd/disc/load_disc.ts";
export {
  type DumpSetFiles,
  writeDumpSet,
  type WriteDumpSetOptions,
} from "../../cd/disc/write_dump_set.ts";
