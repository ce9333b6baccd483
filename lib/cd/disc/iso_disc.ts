// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * An ISO image as a {@linkcode Disc}: one Mode 1 track (CD-sized images, up to 737,280,000 bytes,
 * as QEMU decides) or a DVD/BD of 2048-byte sectors. CD sectors are built with EDC/ECC and
 * scrambled like a pressed disc; the subchannel is generated.
 *
 * @module
 */
import type { FileStore } from "../../platform/file_store.ts";
import { CD_SECTOR_SAMPLES } from "../constants.ts";
import { scramble } from "../scrambler.ts";
import { buildDataSector } from "../sector.ts";
import {
  dataSectorByTracks,
  type Disc,
  type DiscSession,
  type DiscTrack,
  type MediumType,
} from "./disc.ts";
import { FileChunks } from "./file_chunks.ts";
import { physicalReader } from "./physical_stream.ts";
import { buildSubcode } from "./subcode_builder.ts";

/** Largest image treated as a CD (QEMU's rule: 737,280,000 bytes). */
export const CD_MAX_BYTES = 737_280_000;
/** Largest image treated as a DVD (dual layer). */
export const DVD_MAX_BYTES = 8_547_991_552;

/** The medium an image of `size` bytes stands for. */
export function mediumForSize(size: number): MediumType {
  return size <= CD_MAX_BYTES ? "cd" : size <= DVD_MAX_BYTES ? "dvd" : "bd";
}

/**
 * Loads an ISO image (2048-byte sectors; a trailing partial sector is ignored); `medium` forces
 * the medium instead of deciding it by size.
 */
export async function loadIso(path: string, fs: FileStore, medium?: MediumType): Promise<Disc> {
  const file = await FileChunks.open(fs, path);
  const n = Math.floor(file.size / 2048);
  medium ??= mediumForSize(file.size);
  const tracks: DiscTrack[] = [{
    number: 1,
    session: 1,
    type: "mode1",
    control: 4,
    pregapStart: -150,
    start: 0,
    indices: [],
    end: n,
  }];
  const sessions: DiscSession[] = [{
    number: 1,
    firstTrack: 1,
    lastTrack: 1,
    leadOut: n,
    leadInStart: -45150,
  }];
  const userData = (lba: number): Uint8Array | null => {
    if (lba < 0 || lba >= n) return null;
    const out = new Uint8Array(2048);
    file.read(lba * 2048, out);
    return out;
  };
  const lastLba = n + 150;
  const sector = (lba: number): Uint8Array => {
    const s = buildDataSector(lba, "mode1", userData(lba) ?? new Uint8Array(2048));
    scramble(s);
    return s;
  };
  const readMain = medium === "cd"
    ? physicalReader(sector, 0, -45150, lastLba)
    : (_pos: number, out: Uint8Array): void => {
      out.fill(0);
    };
  return {
    medium,
    sessions,
    tracks,
    writeOffset: 0,
    discType: 0,
    firstLba: -45150,
    lastLba,
    readMain,
    readSubcode: (lba) => buildSubcode({ sessions, tracks }, lba),
    readQuality(sample: number, out: Uint8Array): void {
      for (let i = 0; i < out.length; i++) {
        const lba = Math.floor((sample + i) / CD_SECTOR_SAMPLES);
        out[i] = lba >= -45150 && lba < lastLba ? 4 : 0;
      }
    },
    isDataSector: (lba) => dataSectorByTracks(tracks, sessions, lba),
    userData,
    prefetch: (lba, count) => file.ensure(lba * 2048, count * 2048),
  };
}
