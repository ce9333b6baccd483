// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import type { ScsiTransport } from "./scsi_transport.ts";

/** One device found on the machine: an optical drive (SCSI/MMC) or a block device. */
export interface DriveListing {
  /** The path to open for SCSI commands (`/dev/sr0`, `/dev/sg1`, `D:`, `disk2`). */
  path: string;
  /** Optical drive (MMC, peripheral type 5) or another block device. */
  kind: "optical" | "disk";
  /** The SCSI generic node when there is one (`/dev/sg1`). */
  genericPath?: string;
  /** The block node when there is one (`/dev/sr0`, `/dev/sda`). */
  blockPath?: string;
  /** Vendor from the OS (INQUIRY-derived), trimmed. */
  vendor: string;
  /** Product / model, trimmed. */
  product: string;
  /** Firmware revision, trimmed. */
  revision: string;
  /** Size in bytes of the block device (0 when no medium or unknown). */
  sizeBytes: number;
  /** Removable medium. */
  removable: boolean;
}

/** Options for {@linkcode ScsiOpener.open}. */
export interface ScsiOpenOptions {
  /** Open for exclusive use where the OS supports it. */
  exclusive?: boolean;
}

/** Opens drives for SCSI pass-through and lists the machine's drives. */
export interface ScsiOpener {
  /** Opens a drive as the OS names it (`/dev/sr0`, `/dev/sg1`, `D:`, `disk2`). */
  open(path: string, options?: ScsiOpenOptions): Promise<ScsiTransport>;
  /** Optical drives and block devices, optical drives first. */
  list(): Promise<DriveListing[]>;
}
