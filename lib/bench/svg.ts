// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * A self-contained SVG chart of a benchmark: the transfer-rate curve across the surface with slow
 * and unreadable zones shaded and the latency histogram (MHDD buckets); without a surface scan,
 * the MB/s of each test and its latency percentiles.
 *
 * @module
 */
import type { BenchReport } from "./report.ts";

/** Chart size in pixels. */
export const SVG_WIDTH = 900;
/** Chart height in pixels. */
export const SVG_HEIGHT = 640;

const PANEL = { left: 80, right: SVG_WIDTH - 20, top1: 50, bottom1: 300, top2: 370, bottom2: 590 };

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(
    /"/g,
    "&quot;",
  );
}

function n(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}

/** A "nice" axis maximum (1, 2, 5 × 10^k) at or above `v`. */
export function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

/** Two significant digits: 1234 → "1200", 0.0456 → "0.046". */
function sig2(v: number): string {
  if (v === 0) return "0";
  return String(Number(v.toPrecision(2)));
}

/** Axes with 5 ticks; `log` axes (heights ∝ log10(v + 1)) get their ticks labelled in v. */
function axes(
  top: number,
  bottom: number,
  yMax: number,
  yLabel: string,
  out: string[],
  log = false,
): void {
  const { left, right } = PANEL;
  out.push(
    `<line class="axis" x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="#333"/>`,
    `<line class="axis" x1="${left}" y1="${top}" x2="${left}" y2="${bottom}" stroke="#333"/>`,
  );
  for (let i = 0; i <= 4; i++) {
    const y = bottom - ((bottom - top) * i) / 4;
    const v = log ? 10 ** ((Math.log10(yMax) * i) / 4) - 1 : (yMax * i) / 4;
    out.push(
      `<line x1="${left}" y1="${n(y)}" x2="${right}" y2="${n(y)}" stroke="#ddd"/>`,
      `<text x="${left - 6}" y="${n(y + 4)}" text-anchor="end" font-size="11">${
        esc(log ? sig2(v) : String(Math.round(v * 100) / 100))
      }</text>`,
    );
  }
  out.push(
    `<text x="14" y="${n((top + bottom) / 2)}" font-size="12" transform="rotate(-90 14 ${
      n((top + bottom) / 2)
    })" text-anchor="middle">${esc(yLabel)}</text>`,
  );
}

function surfacePanels(r: BenchReport, out: string[]): void {
  const zones = r.zones ?? [];
  const s = r.surface!;
  const { left, right, top1, bottom1, top2, bottom2 } = PANEL;
  const total = zones.length ? zones[zones.length - 1].end : 1;
  const yMax = niceMax(Math.max(...zones.map((z) => z.mbps), 1) * 1.1);
  const x = (b: number): number => left + ((right - left) * b) / total;
  const y = (v: number): number => bottom1 - ((bottom1 - top1) * Math.min(v, yMax)) / yMax;
  out.push(
    `<text x="${left}" y="${
      top1 - 10
    }" font-size="14" font-weight="bold">Transfer rate (${zones.length} zones; min ${
      n(s.rateMbps.min)
    }, median ${n(s.rateMbps.median)}, max ${n(s.rateMbps.max)} MB/s; access ${
      s.accessTimeMs.mean.toFixed(2)
    } ms, ⅓ stroke ${s.strokeMs.third.toFixed(2)} ms, full ${
      s.strokeMs.full.toFixed(2)
    } ms)</text>`,
  );
  for (const z of zones) {
    const cls = z.unreadableSectors > 0 ? "zone-unreadable" : z.slow ? "zone-slow" : "";
    if (!cls) continue;
    const fill = cls === "zone-unreadable" ? "#e53935" : "#ffb74d";
    out.push(
      `<rect class="${cls}" data-zone="${z.index}" x="${n(x(z.start))}" y="${top1}" width="${
        n(Math.max(1, x(z.end) - x(z.start)))
      }" height="${bottom1 - top1}" fill="${fill}" fill-opacity="0.45"/>`,
    );
  }
  axes(top1, bottom1, yMax, "MB/s", out);
  const pts = zones.map((z) => `${n(x((z.start + z.end) / 2))},${n(y(z.mbps))}`).join(" ");
  out.push(
    `<polyline class="transfer-curve" points="${pts}" fill="none" stroke="#1565c0" stroke-width="2"/>`,
    `<text x="${(left + right) / 2}" y="${bottom1 + 28}" font-size="12" text-anchor="middle">` +
      `position (GB of ${n(total / 1e9)} GB)</text>`,
  );
  for (let i = 0; i <= 4; i++) {
    out.push(
      `<text x="${n(left + ((right - left) * i) / 4)}" y="${bottom1 + 14}" font-size="11" ` +
        `text-anchor="middle">${n((total * i) / 4 / 1e9)}</text>`,
    );
  }
  // Histogram, log scale of counts.
  const hist = s.histogram;
  const maxLog = Math.max(1, ...hist.map((b) => Math.log10(b.count + 1)));
  out.push(
    `<text x="${left}" y="${top2 - 10}" font-size="14" font-weight="bold">Read latency per ${
      Math.round(s.blockSize / 1024)
    } KiB block (MHDD buckets, log scale)</text>`,
  );
  axes(top2, bottom2, 10 ** maxLog, "blocks", out, true);
  const w = (right - left) / hist.length;
  hist.forEach((b, i) => {
    const h = ((bottom2 - top2) * Math.log10(b.count + 1)) / maxLog;
    const color = b.label === "error" ? "#e53935" : i >= 4 ? "#fb8c00" : "#43a047";
    out.push(
      `<rect class="hist-bar" data-label="${esc(b.label)}" data-count="${b.count}" x="${
        n(left + i * w + 6)
      }" y="${n(bottom2 - h)}" width="${n(w - 12)}" height="${n(h)}" fill="${color}"/>`,
      `<text x="${n(left + i * w + w / 2)}" y="${bottom2 + 16}" font-size="12" ` +
        `text-anchor="middle">${esc(b.label)}</text>`,
      `<text x="${n(left + i * w + w / 2)}" y="${n(Math.max(top2 + 12, bottom2 - h - 4))}" ` +
        `font-size="11" text-anchor="middle">${b.count}</text>`,
    );
  });
}

function resultPanels(r: BenchReport, out: string[]): void {
  const { left, right, top1, bottom1, top2, bottom2 } = PANEL;
  const res = r.results;
  const yMax = niceMax(Math.max(1, ...res.map((t) => t.mbps)) * 1.1);
  out.push(`<text x="${left}" y="${top1 - 10}" font-size="14" font-weight="bold">MB/s</text>`);
  axes(top1, bottom1, yMax, "MB/s", out);
  const w = (right - left) / Math.max(1, res.length);
  res.forEach((t, i) => {
    const h = ((bottom1 - top1) * t.mbps) / yMax;
    out.push(
      `<rect class="result-bar" data-name="${esc(t.name)}" x="${n(left + i * w + 10)}" y="${
        n(bottom1 - h)
      }" width="${n(w - 20)}" height="${n(h)}" fill="${
        t.rw.includes("write") ? "#8e24aa" : "#1565c0"
      }"/>`,
      `<text x="${n(left + i * w + w / 2)}" y="${bottom1 + 16}" font-size="11" ` +
        `text-anchor="middle">${esc(`${t.name} ${t.rw}`)}</text>`,
      `<text x="${n(left + i * w + w / 2)}" y="${n(bottom1 - h - 4)}" font-size="11" ` +
        `text-anchor="middle">${n(t.mbps)}</text>`,
    );
  });
  const keys = ["p50", "p90", "p99", "p999"] as const;
  const maxLog = Math.max(
    1,
    ...res.flatMap((t) => keys.map((k) => Math.log10(t.latencyUs[k] + 1))),
  );
  out.push(
    `<text x="${left}" y="${top2 - 10}" font-size="14" font-weight="bold">` +
      `Latency p50 / p90 / p99 / p99.9 (µs, log scale)</text>`,
  );
  axes(top2, bottom2, 10 ** maxLog, "µs", out, true);
  const colors = ["#43a047", "#fdd835", "#fb8c00", "#e53935"];
  res.forEach((t, i) => {
    const bw = (w - 20) / keys.length;
    keys.forEach((k, j) => {
      const h = ((bottom2 - top2) * Math.log10(t.latencyUs[k] + 1)) / maxLog;
      out.push(
        `<rect class="latency-bar" data-name="${esc(t.name)}" data-percentile="${k}" x="${
          n(left + i * w + 10 + j * bw)
        }" y="${n(bottom2 - h)}" width="${n(bw - 2)}" height="${n(h)}" fill="${colors[j]}"/>`,
      );
    });
    out.push(
      `<text x="${n(left + i * w + w / 2)}" y="${bottom2 + 16}" font-size="11" ` +
        `text-anchor="middle">${esc(t.name)}</text>`,
    );
  });
}

/**
 * Renders the report as a standalone SVG document (no scripts, no external references).
 *
 * @example Usage
 * ```ts
 * import { renderSvg } from "./svg.ts";
 * const svg = renderSvg({ target: "/dev/sdb", engine: "io_uring", direct: true, sizeBytes: 0,
 *   results: [] });
 * if (!svg.startsWith("<?xml") || !svg.includes('width="900"')) throw new Error("unexpected");
 * ```
 */
export function renderSvg(report: BenchReport): string {
  const out: string[] = [];
  out.push(
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SVG_WIDTH}" height="${SVG_HEIGHT}" ` +
      `viewBox="0 0 ${SVG_WIDTH} ${SVG_HEIGHT}" font-family="sans-serif">`,
    `<title>${esc(`sectorkit bench ${report.target}`)}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${PANEL.left}" y="22" font-size="16">${
      esc(
        `sectorkit bench ${report.target} — ${report.engine}, ${
          report.direct ? "O_DIRECT" : "page cache"
        }`,
      )
    }</text>`,
  );
  if (report.zones && report.surface) surfacePanels(report, out);
  else resultPanels(report, out);
  out.push(`</svg>`);
  return out.join("\n") + "\n";
}
