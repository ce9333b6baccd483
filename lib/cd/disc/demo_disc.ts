// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
import type { DiscSpec } from "./disc_spec.ts";

/**
 * The built-in `demo` disc: a mixed-mode CD (Mode 1 data track with an ISO 9660 volume, then
 * three short audio tracks), MCN, ISRC, CD-TEXT and a write offset of +12 samples. 2,300
 * sectors, so a full dump takes a moment.
 */
export const DEMO_DISC_SPEC: DiscSpec = {
  seed: 2026,
  writeOffset: 12,
  mcn: "0123456789012",
  title: "sectorkit demo",
  performer: "The Virtual Drive",
  tracks: [
    { type: "mode1", length: 1000, postgap: 150, volumeId: "SECTORKIT_DEMO", title: "Data" },
    { type: "audio", length: 300, title: "Sine Wave Blues", isrc: "XXSKT2600001" },
    { type: "audio", length: 300, indices: [150], title: "Two Indices", copy: true },
    { type: "audio", length: 250, title: "Outro", performer: "Guest" },
  ],
};
