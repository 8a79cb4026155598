import { escapeHtml } from '../html/escapeHtml';
import { formatNumber } from '../html/formatNumber';
import { svgNumber as n } from './svgNumber';

/** One series of a line chart: `points` are [x, y]; `dots` draws markers instead of a line. */
export interface LineSeries {
  name: string;
  points: ReadonlyArray<readonly [number, number]>;
  style?: 'line' | 'dots';
}

/** What {@link lineChartSvg} draws, e.g. an optimisation history (trial → objective, best so far). */
export interface LineChartOptions {
  series: LineSeries[];
  title: string;
  xLabel?: string;
  yLabel?: string;
  width?: number;
  height?: number;
}

const margin = { left: 56, right: 12, top: 10, bottom: 36 };

function extent(values: number[]): [number, number] {
  if (values.length === 0) return [0, 1];
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  if (lo === Infinity) return [0, 1];
  return lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
}

/**
 * An inline SVG chart of several series on shared linear axes. Each series is one `<path>` (a dot is
 * a zero-length round-capped segment), so 10 000 points stay one element and a few hundred KB.
 * Series colours cycle through four classes `s0`…`s3`; non-finite points are left out.
 */
export function lineChartSvg(options: LineChartOptions): string {
  const width = options.width ?? 640;
  const height = options.height ?? 240;
  const all = options.series.flatMap((s) => s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)));
  const [x0, x1] = extent(all.map((p) => p[0]));
  const [y0, y1] = extent(all.map((p) => p[1]));
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const sx = (x: number) => n(margin.left + ((x - x0) / (x1 - x0)) * plotW);
  const sy = (y: number) => n(margin.top + plotH - ((y - y0) / (y1 - y0)) * plotH);
  const out = [`<svg class="line-chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(options.title)}">`];
  for (const [value, anchor] of [[y0, 'start'], [y1, 'end']] as const) {
    out.push(`<line class="grid" x1="${margin.left}" x2="${width - margin.right}" y1="${sy(value)}" y2="${sy(value)}"/><text x="${margin.left - 4}" y="${sy(value)}" dy="${anchor === 'start' ? 0 : 8}" text-anchor="end">${formatNumber(value)}</text>`);
  }
  options.series.forEach((series, i) => {
    const points = series.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    const d = series.style === 'dots' ? points.map(([x, y]) => `M${sx(x)} ${sy(y)}h0`).join('') : points.map(([x, y], j) => `${j === 0 ? 'M' : 'L'}${sx(x)} ${sy(y)}`).join('');
    out.push(`<path class="${series.style === 'dots' ? 'dots' : 'line'} s${i % 4}" d="${d}"><title>${escapeHtml(series.name)}</title></path>`);
  });
  const baseY = margin.top + plotH;
  out.push(`<line class="axis" x1="${margin.left}" x2="${width - margin.right}" y1="${baseY}" y2="${baseY}"/>`);
  out.push(`<text x="${margin.left}" y="${baseY + 14}" text-anchor="start">${formatNumber(x0)}</text><text x="${width - margin.right}" y="${baseY + 14}" text-anchor="end">${formatNumber(x1)}</text>`);
  if (options.xLabel) out.push(`<text x="${margin.left + plotW / 2}" y="${height - 4}" text-anchor="middle">${escapeHtml(options.xLabel)}</text>`);
  if (options.yLabel) out.push(`<text transform="translate(12,${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(options.yLabel)}</text>`);
  out.push('</svg>');
  return out.join('');
}
