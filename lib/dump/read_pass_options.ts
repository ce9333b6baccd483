// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * What every dump or refine pass takes, CD or DVD/BD: the drive, where the set goes, the LBA
 * range, and the callbacks.
 *
 * @module
 */
import type { ScsiTransport } from "../platform/scsi_transport.ts";
import type { LbaRange } from "./read_plan.ts";

/** Options shared by the CD and DVD/BD passes; `P` is the pass's progress report. */
export interface ReadPassOptions<P> {
  /** The opened drive. */
  transport: ScsiTransport;
  /** Output directory. */
  imagePath: string;
  /** Image name. */
  imageName: string;
  /** Read speed multiplier of 1× for the medium (undefined = drive optimum). */
  speed?: number;
  /** LBA ranges never read. */
  skip?: LbaRange[];
  /** First LBA (default: CD the drive's pregap start, DVD/BD 0). */
  lbaStart?: number;
  /** End LBA, exclusive (default: CD lead-out plus overread, DVD/BD the sector count). */
  lbaEnd?: number;
  /** Polled between batches; true stops cleanly. */
  interrupted?: () => boolean;
  /** Progress after each batch. */
  onProgress?: (p: P) => void;
  /** Log lines shown to the user (the `.log` gets them too). */
  onLog?: (line: string) => void;
  /** The command line, for the log. */
  argv?: string[];
}
