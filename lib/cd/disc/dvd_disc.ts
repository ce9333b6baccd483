// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * DVD/BD disc specs for the virtual drive: an ISO presented as a DVD-ROM or BD-ROM whatever its
 * size, with optional dual layer, BCA, copyright (CSS flag) and unreadable LBA ranges, so dump →
 * refine → split of DVDs can be tested with small images.
 *
 * ```json
 * { "medium": "dvd", "iso": "small.iso", "layers": 2, "otp": false, "bca": true, "cpst": 0,
 *   "damage": { "unreadable": [[100, 132]] } }
 * ```
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import type { FileStore } from "../../platform/file_store.ts";
import type { Disc } from "./disc.ts";
import { loadIso } from "./iso_disc.ts";

/** A DVD/BD spec (JSON). */
export interface DvdSpec {
  /** `dvd` or `bd`. */
  medium: "dvd" | "bd";
  /** ISO image with the user data (path relative to the spec). */
  iso: string;
  /** Layers (1 or 2; DVD dual layer is split in the middle). */
  layers?: number;
  /** DVD dual layer: opposite track path (one physical reply, layer 1 PSNs complemented). */
  otp?: boolean;
  /** Offer a BCA (READ DISC STRUCTURE format 0x03, 64 seeded bytes). */
  bca?: boolean;
  /** Copyright protection system type byte (0 none, 1 CSS/CPPM). */
  cpst?: number;
  /** LBA ranges `[start, end)` whose reads fail with MEDIUM ERROR on every attempt. */
  damage?: { unreadable?: [number, number][] };
}

/** The DVD/BD extras of a disc the virtual drive answers READ DISC STRUCTURE from. */
export interface DvdExtras {
  /** Layers (1 or 2). */
  layers: number;
  /** Opposite track path (dual layer). */
  otp: boolean;
  /** BCA body (without header), or null. */
  bca: Uint8Array | null;
  /** Copyright protection system type. */
  cpst: number;
}

/** Whether a parsed JSON disc spec is a DVD/BD spec (has `medium` dvd/bd and `iso`). */
export function isDvdSpec(json: unknown): json is DvdSpec {
  const o = json as Partial<DvdSpec> | null;
  return typeof o === "object" && o !== null && (o.medium === "dvd" || o.medium === "bd") &&
    typeof o.iso === "string";
}

/**
 * Loads a DVD/BD spec: the ISO with the medium forced and the damage applied.
 *
 * @example Usage
 * ```ts ignore
 * const disc = await loadDvdSpec({ medium: "dvd", iso: "x.iso" }, "/tmp/", fs);
 * ```
 */
export async function loadDvdSpec(spec: DvdSpec, dir: string, fs: FileStore): Promise<Disc> {
  const layers = spec.layers ?? 1;
  if (layers !== 1 && layers !== 2) throw new FormatError("DVD spec: layers must be 1 or 2");
  const ranges = spec.damage?.unreadable ?? [];
  for (const r of ranges) {
    if (!Array.isArray(r) || r.length !== 2 || !Number.isInteger(r[0]) || !(r[1] > r[0])) {
      throw new FormatError("DVD spec: damage.unreadable entries must be [start, end) LBA pairs");
    }
  }
  const path = spec.iso.startsWith("/") ? spec.iso : dir + spec.iso;
  const disc = await loadIso(path, fs, spec.medium);
  const user = disc.userData!;
  let bca: Uint8Array | null = null;
  if (spec.bca) {
    bca = new Uint8Array(64);
    for (let i = 0; i < 64; i++) bca[i] = (i * 37 + 11) & 0xff;
  }
  return {
    ...disc,
    dvd: { layers, otp: layers === 2 && spec.otp === true, bca, cpst: spec.cpst ?? 0 },
    userData: (lba) => ranges.some(([a, b]) => lba >= a && lba < b) ? null : user(lba),
  };
}
