// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Per data track statistics as redumper's `info` prints them: sector modes, EDC/ECC, sync and
 * MSF errors, regenerated (0x55-filled) sectors.
 *
 * @module
 */
import { CD_DATA_SIZE } from "../constants.ts";
import { checkDataSector, hasSync, headerLba } from "../sector.ts";

/** Counters of one data track. */
export interface CdromStats {
  /** Sectors in the file. */
  sectors: number;
  /** Mode 0 sectors. */
  mode0: number;
  /** Mode 1 sectors. */
  mode1: number;
  /** Mode 2 sectors without XA subheader. */
  mode2: number;
  /** Mode 2 XA form 1. */
  mode2form1: number;
  /** Mode 2 XA form 2. */
  mode2form2: number;
  /** Some form 2 sector carries an EDC. */
  form2Edc: boolean;
  /** LBAs of sectors without sync. */
  syncErrors: number[];
  /** LBAs whose header MSF is not the expected one. */
  msfErrors: number[];
  /** LBAs of sectors with a bad mode byte. */
  modeErrors: number[];
  /** LBAs with ECC errors. */
  eccErrors: number[];
  /** LBAs with EDC errors. */
  edcErrors: number[];
  /** LBAs of regenerated sectors (sync + header + fill). */
  generated: number[];
  /** The fill byte of regenerated sectors. */
  fill: number;
  /** Sectors with any error (the REDUMP.INFO count). */
  redumpErrors: number;
}

/** Accumulates statistics sector by sector. */
export class CdromStatsCollector {
  /** The counters so far. */
  readonly stats: CdromStats = {
    sectors: 0,
    mode0: 0,
    mode1: 0,
    mode2: 0,
    mode2form1: 0,
    mode2form2: 0,
    form2Edc: false,
    syncErrors: [],
    msfErrors: [],
    modeErrors: [],
    eccErrors: [],
    edcErrors: [],
    generated: [],
    fill: 0x55,
    redumpErrors: 0,
  };
  #expected: number | null = null;

  /** Adds one 2352-byte sector (a view of exactly one sector). */
  add(s: Uint8Array): void {
    const st = this.stats;
    const index = st.sectors++;
    if (!hasSync(s)) {
      const lba = (this.#expected ?? 0) + index;
      st.syncErrors.push(lba);
      st.redumpErrors++;
      return;
    }
    const hl = headerLba(s);
    if (this.#expected === null && Number.isFinite(hl)) this.#expected = hl - index;
    const lba = (this.#expected ?? 0) + index;
    let bad = false;
    if (hl !== lba) {
      st.msfErrors.push(lba);
      bad = true;
    }
    if (isGenerated(s)) {
      st.generated.push(lba);
      st.fill = s[16];
    }
    const c = checkDataSector(s);
    switch (c.mode) {
      case "mode0":
        st.mode0++;
        break;
      case "mode1":
        st.mode1++;
        break;
      case "mode2":
        st.mode2++;
        break;
      case "mode2form1":
        st.mode2form1++;
        break;
      case "mode2form2":
        st.mode2form2++;
        if (s[2348] | s[2349] | s[2350] | s[2351]) st.form2Edc = true;
        break;
      default:
        st.modeErrors.push(lba);
        bad = true;
    }
    if (!c.eccOk) {
      st.eccErrors.push(lba);
      bad = true;
    }
    if (!c.edcOk) {
      st.edcErrors.push(lba);
      bad = true;
    }
    if (bad) st.redumpErrors++;
  }
}

function isGenerated(s: Uint8Array): boolean {
  const fill = s[16];
  if (fill === 0) return false;
  for (let i = 17; i < CD_DATA_SIZE; i++) if (s[i] !== fill) return false;
  return true;
}

function lbaList(l: number[]): string {
  const shown = l.slice(0, 32).join(", ");
  return l.length > 32 ? `${shown}, …` : shown;
}

/** The `CD-ROM [file]:` block. */
export function formatCdromStats(file: string, st: CdromStats): string[] {
  const out = [`CD-ROM [${file}]:`, `  sectors count: ${st.sectors}`];
  if (st.mode0) out.push(`  mode0 sectors: ${st.mode0}`);
  if (st.mode1) out.push(`  mode1 sectors: ${st.mode1}`);
  if (st.mode2) out.push(`  mode2 sectors: ${st.mode2}`);
  if (st.mode2form1) out.push(`  mode2 (form 1) sectors: ${st.mode2form1}`);
  if (st.mode2form2) out.push(`  mode2 (form 2) sectors: ${st.mode2form2}`);
  if (st.mode2form2) out.push(`  mode2 (form 2) EDC: ${st.form2Edc ? "yes" : "no"}`);
  const hex = `0x${st.fill.toString(16).padStart(2, "0").toUpperCase()}`;
  const list = (label: string, l: number[]): void => {
    if (l.length) out.push(`  ${label}: ${l.length} (LBA: ${lbaList(l)})`);
  };
  list(`generated sectors (${hex})`, st.generated);
  list("sync errors", st.syncErrors);
  list("MSF errors", st.msfErrors);
  list("invalid mode sectors", st.modeErrors);
  list("ECC errors", st.eccErrors);
  list("EDC errors", st.edcErrors);
  out.push("", `  REDUMP.INFO errors: ${st.redumpErrors}`);
  return out;
}
