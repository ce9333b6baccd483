// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * CD sizes and positions (ECMA-130; redumper's dump-file conventions, see optical.md §2).
 *
 * @module
 */

/** Bytes of main channel per sector (98 frames × 24). */
export const CD_DATA_SIZE = 2352;
/** Bytes of C2 error pointers per sector (one bit per main-channel byte). */
export const CD_C2_SIZE = 294;
/** Bytes of raw interleaved P–W subchannel per sector. */
export const CD_SUBCODE_SIZE = 96;
/** Main + C2 + subchannel. */
export const CD_RAW_DATA_SIZE = CD_DATA_SIZE + CD_C2_SIZE + CD_SUBCODE_SIZE;
/** Bytes per stereo 16-bit sample. */
export const CD_SAMPLE_SIZE = 4;
/** Samples per sector. */
export const CD_SECTOR_SAMPLES = CD_DATA_SIZE / CD_SAMPLE_SIZE;
/** LBA of byte 0 of a `.scram` file / record 0 of `.subcode` (MSF 160:00:00). */
export const LBA_START = -45150;
/** LBA shift between MSF 00:02:00 and LBA 0. */
export const MSF_LBA_SHIFT = -150;
/** Sectors per second at 1×. */
export const CD_SECTORS_PER_SECOND = 75;
/** Mode 1 / Mode 2 form 1 user data bytes. */
export const FORM1_DATA_SIZE = 2048;
/** Mode 2 form 2 user data bytes. */
export const FORM2_DATA_SIZE = 2324;
/** Mode 0 / Mode 2 formless user data bytes. */
export const MODE0_DATA_SIZE = 2336;
/** The 12-byte sync pattern that opens every data sector. */
export const CD_SYNC: Uint8Array = new Uint8Array([
  0x00,
  0xff,
  0xff,
  0xff,
  0xff,
  0xff,
  0xff,
  0xff,
  0xff,
  0xff,
  0xff,
  0x00,
]);

/** Per-sample dump states of a `.state` file (higher is better; merges keep the maximum). */
export const SampleState = {
  /** Not read (or beyond the dumped range). */
  ErrorSkip: 0,
  /** Read, but C2 flagged the sample. */
  ErrorC2: 1,
  /** Read without C2 information. */
  SuccessC2Off: 2,
  /** Taken from the drive cache without SCSI status. */
  SuccessScsiOff: 3,
  /** Read and verified. */
  Success: 4,
} as const;
