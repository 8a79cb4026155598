import { escapeHtml } from '../html/escapeHtml';
import { formatPercent } from '../html/formatNumber';
import { svgNumber as n } from './svgNumber';

/** Two histograms on the same bins, drawn as overlaid translucent bars (reference blue, current orange). */
export interface HistogramSvgOptions {
  /** Shares (or any non-negative values) per bin, same length on both sides. */
  reference: readonly number[];
  current: readonly number[];
  /** One label per bin, shown in its tooltip (`[0, 1.5)`, a category). */
  binLabels: readonly string[];
  /**
   * Labels under the x axis: `edges` puts `values.length` = bins + 1 labels on the bin boundaries
   * (numeric), `bins` one under each bar (categories). Crowded labels are thinned out evenly.
   */
  axis: { kind: 'edges' | 'bins'; values: readonly string[] };
  /** Accessible name of the chart. */
  title: string;
  width?: number;
  height?: number;
}

const margin = { left: 46, right: 10, top: 8, bottom: 46 };

function shorten(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/** An inline SVG histogram: one `rect.ref` and one `rect.cur` per bin, a percentage y axis. */
export function histogramSvg(options: HistogramSvgOptions): string {
  const width = options.width ?? 640;
  const height = options.height ?? 200;
  const bins = options.reference.length;
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const top = Math.max(...options.reference, ...options.current, 1e-12);
  const binW = bins > 0 ? plotW / bins : plotW;
  const y = (v: number) => margin.top + plotH - (v / top) * plotH;
  const out: string[] = [`<svg class="hist" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(options.title)}">`];
  for (const frac of [0, 0.5, 1]) {
    const gy = n(y(top * frac));
    out.push(`<line class="grid" x1="${margin.left}" x2="${width - margin.right}" y1="${gy}" y2="${gy}"/><text x="${margin.left - 4}" y="${gy}" dy="4" text-anchor="end">${formatPercent(top * frac)}</text>`);
  }
  for (let i = 0; i < bins; i++) {
    const x = n(margin.left + i * binW + 0.5);
    const w = n(Math.max(binW - 1, 0.5));
    const ref = options.reference[i]!;
    const cur = options.current[i]!;
    const tip = `${options.binLabels[i] ?? ''}: reference ${formatPercent(ref)}, current ${formatPercent(cur)}`;
    out.push(
      `<g><title>${escapeHtml(tip)}</title><rect class="ref" x="${x}" y="${n(y(ref))}" width="${w}" height="${n((ref / top) * plotH)}"/><rect class="cur" x="${x}" y="${n(y(cur))}" width="${w}" height="${n((cur / top) * plotH)}"/></g>`,
    );
  }
  const baseY = margin.top + plotH;
  out.push(`<line class="axis" x1="${margin.left}" x2="${width - margin.right}" y1="${baseY}" y2="${baseY}"/>`);
  out.push(axisLabels(options.axis, binW, baseY));
  out.push('</svg>');
  return out.join('');
}

function axisLabels(axis: HistogramSvgOptions['axis'], binW: number, baseY: number): string {
  const count = axis.values.length;
  const maxLabels = axis.kind === 'edges' ? 7 : 12;
  const step = Math.max(1, Math.ceil(count / maxLabels));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i % step !== 0 && i !== count - 1) continue;
    const x = margin.left + (axis.kind === 'edges' ? i * binW : (i + 0.5) * binW);
    const text = escapeHtml(shorten(axis.values[i]!, axis.kind === 'edges' ? 10 : 14));
    out.push(
      axis.kind === 'edges'
        ? `<text x="${n(x)}" y="${baseY + 14}" text-anchor="middle">${text}</text>`
        : `<text transform="translate(${n(x)},${baseY + 10}) rotate(-30)" text-anchor="end">${text}</text>`,
    );
  }
  return out.join('');
}
