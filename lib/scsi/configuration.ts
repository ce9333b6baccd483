// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * GET CONFIGURATION responses: the current profile, profile list and feature descriptors.
 *
 * @module
 */
import { be16, be32 } from "./bytes.ts";

const PROFILES: Record<number, string> = {
  0x0000: "none",
  0x0001: "non-removable disk",
  0x0002: "removable disk",
  0x0008: "CD-ROM",
  0x0009: "CD-R",
  0x000a: "CD-RW",
  0x0010: "DVD-ROM",
  0x0011: "DVD-R",
  0x0012: "DVD-RAM",
  0x0013: "DVD-RW (restricted overwrite)",
  0x0014: "DVD-RW (sequential)",
  0x0015: "DVD-R DL (sequential)",
  0x0016: "DVD-R DL (layer jump)",
  0x001a: "DVD+RW",
  0x001b: "DVD+R",
  0x002a: "DVD+RW DL",
  0x002b: "DVD+R DL",
  0x0040: "BD-ROM",
  0x0041: "BD-R (SRM)",
  0x0042: "BD-R (RRM)",
  0x0043: "BD-RE",
  0x0050: "HD DVD-ROM",
  0x0051: "HD DVD-R",
  0x0052: "HD DVD-RAM",
};

/**
 * The name of an MMC profile: `CD-ROM`, `DVD-ROM`, `BD-R (SRM)`…
 *
 * @example Usage
 * ```ts
 * import { profileName } from "./configuration.ts";
 * if (profileName(0x08) !== "CD-ROM") throw new Error();
 * ```
 */
export function profileName(profile: number): string {
  return PROFILES[profile] ?? `profile 0x${profile.toString(16).padStart(4, "0")}`;
}

/** The disc family of a profile, as dumping cares about it. */
export type DiscFamily = "none" | "cd" | "dvd" | "bd" | "hddvd" | "other";

/** Maps a profile to its disc family. */
export function profileFamily(profile: number): DiscFamily {
  if (profile === 0) return "none";
  if (profile >= 0x08 && profile <= 0x0a) return "cd";
  if (profile >= 0x10 && profile <= 0x2b) return "dvd";
  if (profile >= 0x40 && profile <= 0x43) return "bd";
  if (profile >= 0x50 && profile <= 0x53) return "hddvd";
  return "other";
}

const FEATURES: Record<number, string> = {
  0x0000: "Profile List",
  0x0001: "Core",
  0x0002: "Morphing",
  0x0003: "Removable Medium",
  0x0004: "Write Protect",
  0x0010: "Random Readable",
  0x001d: "Multi-Read",
  0x001e: "CD Read",
  0x001f: "DVD Read",
  0x0020: "Random Writable",
  0x0021: "Incremental Streaming Writable",
  0x0023: "Formattable",
  0x0024: "Hardware Defect Management",
  0x0025: "Write Once",
  0x0026: "Restricted Overwrite",
  0x0027: "CD-RW CAV Write",
  0x0028: "MRW",
  0x002a: "DVD+RW",
  0x002b: "DVD+R",
  0x002d: "CD Track at Once",
  0x002e: "CD Mastering",
  0x002f: "DVD-R/-RW Write",
  0x0033: "Layer Jump Recording",
  0x003b: "DVD+R Dual Layer",
  0x0040: "BD Read",
  0x0041: "BD Write",
  0x0050: "HD DVD Read",
  0x0051: "HD DVD Write",
  0x0100: "Power Management",
  0x0103: "CD External Audio Play",
  0x0104: "Microcode Upgrade",
  0x0105: "Timeout",
  0x0106: "DVD CSS",
  0x0107: "Real Time Streaming",
  0x0108: "Drive Serial Number",
  0x010a: "Disc Control Blocks",
  0x010b: "DVD CPRM",
  0x010c: "Firmware Information",
  0x010d: "AACS",
  0x0110: "VCPS",
};

/** The name of a feature code. */
export function featureName(code: number): string {
  return FEATURES[code] ??
    (code >= 0xff00 ? "Vendor Specific" : `Feature 0x${code.toString(16).padStart(4, "0")}`);
}

/** One feature descriptor. */
export interface Feature {
  /** Feature code. */
  code: number;
  /** Human name. */
  name: string;
  /** Version (bits 5–2 of byte 2). */
  version: number;
  /** Persistent bit. */
  persistent: boolean;
  /** Current bit: active for the loaded medium. */
  current: boolean;
  /** Feature-dependent data after the 4-byte header. */
  data: Uint8Array;
}

/** A profile list entry. */
export interface ProfileEntry {
  /** Profile number. */
  profile: number;
  /** Human name. */
  name: string;
  /** Whether the profile is the current one. */
  current: boolean;
}

/** A decoded GET CONFIGURATION response. */
export interface Configuration {
  /** Total response length (data length field + 4). */
  length: number;
  /** Current profile (0 = no medium). */
  currentProfile: number;
  /** Its name. */
  currentProfileName: string;
  /** Feature descriptors in order. */
  features: Feature[];
  /** The Profile List feature's entries (empty when not returned). */
  profiles: ProfileEntry[];
}

/** Bytes in the whole response according to its header (for re-issuing with a larger allocation). */
export function configurationLength(b: Uint8Array): number {
  return be32(b, 0) + 4;
}

/**
 * Decodes a GET CONFIGURATION response.
 *
 * @example QEMU's ide-cd with a CD-sized image
 * ```ts
 * import { parseConfiguration } from "./configuration.ts";
 * const b = new Uint8Array([0, 0, 0, 16, 0, 0, 0, 8,  0, 0, 3, 8,  0, 0x10, 0, 0,  0, 8, 1, 0]);
 * const c = parseConfiguration(b);
 * if (c.currentProfileName !== "CD-ROM" || c.profiles.length !== 2 || !c.profiles[1].current) throw new Error();
 * ```
 */
export function parseConfiguration(b: Uint8Array): Configuration {
  if (b.length < 8) throw new RangeError(`GET CONFIGURATION data too short (${b.length} bytes)`);
  const length = configurationLength(b);
  const end = Math.min(b.length, length);
  const currentProfile = be16(b, 6);
  const features: Feature[] = [];
  const profiles: ProfileEntry[] = [];
  for (let o = 8; o + 4 <= end;) {
    const code = be16(b, o);
    const len = b[o + 3];
    const data = b.slice(o + 4, Math.min(end, o + 4 + len));
    features.push({
      code,
      name: featureName(code),
      version: (b[o + 2] >> 2) & 0x0f,
      persistent: (b[o + 2] & 0x02) !== 0,
      current: (b[o + 2] & 0x01) !== 0,
      data,
    });
    if (code === 0) {
      for (let p = 0; p + 4 <= data.length; p += 4) {
        const profile = be16(data, p);
        profiles.push({ profile, name: profileName(profile), current: (data[p + 2] & 1) !== 0 });
      }
    }
    o += 4 + len;
  }
  return {
    length,
    currentProfile,
    currentProfileName: profileName(currentProfile),
    features,
    profiles,
  };
}
