// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * A self-contained SVG of an optical benchmark: the read-speed curve in X across the disc, and
 * the seek times.
 *
 * @module
 */
import type { OpticalReport } from "./optical_bench.ts";
import { niceMax, SVG_HEIGHT, SVG_WIDTH } from "./svg.ts";

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const r1 = (v: number): string => (Math.round(v * 10) / 10).toString();

/**
 * Renders the optical report as a standalone SVG document.
 *
 * @example Usage
 * ```ts
 * import { renderOpticalSvg } from "./svg_optical.ts";
 * const svg = renderOpticalSvg("virtual:demo", { media: "cd", profile: 8, sectors: 1000,
 *   requestedSpeed: null, zones: [{ index: 0, lba: 0, speedX: 20, mbps: 3.5 }],
 *   speed: { start: 20, end: 20, average: 20, max: 20 }, strategy: "CLV",
 *   seekMs: { random: 80, third: 70, full: 120 }, spinUpMs: null });
 * if (!svg.includes('class="speed-curve"')) throw new Error("unexpected");
 * ```
 */
export function renderOpticalSvg(target: string, r: OpticalReport): string {
  const left = 70, right = SVG_WIDTH - 20, top = 60, bottom = 380;
  const yMax = niceMax(Math.max(1, r.speed.max) * 1.1);
  const x = (lba: number): number => left + ((right - left) * lba) / Math.max(1, r.sectors);
  const y = (v: number): number => bottom - ((bottom - top) * v) / yMax;
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SVG_WIDTH}" height="${SVG_HEIGHT}" ` +
    `viewBox="0 0 ${SVG_WIDTH} ${SVG_HEIGHT}" font-family="sans-serif">`,
    `<title>${esc(`sectorkit bench ${target}`)}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${left}" y="24" font-size="16">${
      esc(`${target}: ${r.media.toUpperCase()} read speed (${r.strategy})`)
    }</text>`,
    `<line class="axis" x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="#333"/>`,
    `<line class="axis" x1="${left}" y1="${top}" x2="${left}" y2="${bottom}" stroke="#333"/>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const v = (yMax * i) / 4;
    out.push(
      `<line x1="${left}" y1="${r1(y(v))}" x2="${right}" y2="${r1(y(v))}" stroke="#ddd"/>`,
      `<text x="${left - 6}" y="${r1(y(v) + 4)}" text-anchor="end" font-size="11">${r1(v)}×</text>`,
      `<text x="${r1(left + ((right - left) * i) / 4)}" y="${bottom + 16}" font-size="11" ` +
        `text-anchor="middle">${Math.round((r.sectors * i) / 4)}</text>`,
    );
  }
  const pts = r.zones.map((z) => `${r1(x(z.lba))},${r1(y(z.speedX))}`).join(" ");
  out.push(
    `<polyline class="speed-curve" points="${pts}" fill="none" stroke="#1565c0" stroke-width="2"/>`,
    `<text x="${(left + right) / 2}" y="${
      bottom + 34
    }" font-size="12" text-anchor="middle">LBA</text>`,
  );
  const seeks: [string, number][] = [
    ["random", r.seekMs.random],
    ["1/3 stroke", r.seekMs.third],
    ["full stroke", r.seekMs.full],
  ];
  const sMax = niceMax(Math.max(1, ...seeks.map((s) => s[1])) * 1.1);
  const top2 = 460, bottom2 = 600, w = (right - left) / 3;
  out.push(
    `<text x="${left}" y="${top2 - 14}" font-size="14" font-weight="bold">Seek (ms)${
      r.spinUpMs !== null ? `; spin-up ${(r.spinUpMs / 1000).toFixed(2)} s` : ""
    }</text>`,
  );
  seeks.forEach(([label, ms], i) => {
    const h = ((bottom2 - top2) * ms) / sMax;
    out.push(
      `<rect class="seek-bar" data-label="${label}" x="${r1(left + i * w + 20)}" y="${
        r1(bottom2 - h)
      }" width="${r1(w - 40)}" height="${r1(h)}" fill="#43a047"/>`,
      `<text x="${r1(left + i * w + w / 2)}" y="${bottom2 + 16}" font-size="12" ` +
        `text-anchor="middle">${label}: ${ms.toFixed(1)} ms</text>`,
    );
  });
  out.push(`</svg>`);
  return out.join("\n") + "\n";
}
