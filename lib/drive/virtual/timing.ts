// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * A drive timing model: CLV (constant sector rate) or CAV (rate grows with the radius, the
 * maximum reached at the outer edge), seeks proportional to distance, slow sectors in session
 * gaps. Durations are computed always; the drive only waits when asked to simulate time.
 *
 * @module
 */

/** Program-area radius in mm at LBA 0 and at the outer edge (LBA 360000, 80 minutes). */
const R_IN = 25, R_OUT = 58, LBA_OUT = 360000;

/** Radius (mm) of an LBA on a CD (constant track pitch: area grows linearly with the LBA). */
export function radiusOf(lba: number): number {
  const k = (R_OUT * R_OUT - R_IN * R_IN) / LBA_OUT;
  return Math.sqrt(R_IN * R_IN + Math.max(0, lba) * k);
}

/** State of the model. */
export class TimingModel {
  /** Head position (next LBA under the head). */
  position = 0;
  /** Selected speed in × (≤ the drive's maximum). */
  speed: number;
  #max: number;
  #cav: boolean;

  /** Creates the model for a drive with `maxSpeed` × and a rotation mode. */
  constructor(maxSpeed: number, rotation: "CAV" | "CLV") {
    this.#max = maxSpeed;
    this.speed = maxSpeed;
    this.#cav = rotation === "CAV";
  }

  /** SET CD SPEED in kB/s (0xFFFF = maximum). */
  setSpeedKb(kb: number): void {
    this.speed = kb >= 0xffff || kb === 0
      ? this.#max
      : Math.min(this.#max, Math.max(1, kb / 176.4));
  }

  /** Current read speed in kB/s at the head (for mode page 0x2A). */
  currentKb(): number {
    return Math.round(this.#rate(this.position) / 75 * 176.4);
  }

  /** Sectors per second at `lba`. */
  #rate(lba: number): number {
    if (!this.#cav) return this.speed * 75;
    return this.speed * 75 * radiusOf(lba) / R_OUT;
  }

  /**
   * Milliseconds to read `count` sectors from `lba` (`slow` of them in a session gap, costing
   * `slowMs` each), and moves the head.
   */
  read(lba: number, count: number, slow = 0, slowMs = 0): number {
    let ms = 0.05;
    if (lba !== this.position) {
      ms += 1 + 80 * Math.min(1, Math.abs(lba - this.position) / LBA_OUT) +
        30000 / (this.#rate(lba) / 75 * 200); // rotational latency, shorter when spinning fast
    }
    ms += (count / this.#rate(lba + count / 2)) * 1000 + slow * slowMs;
    this.position = lba + count;
    return ms;
  }
}
