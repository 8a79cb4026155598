import type { CategoryFrequency, Histogram } from '@mlops/stats';
import { html, type SafeHtml } from './html';

const W = 320;
const H = 90;

const fmt = (v: number) => (Math.abs(v) >= 1e6 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : String(+v.toPrecision(4)));

/** An inline SVG bar chart of a numeric histogram; each bar's tooltip gives its range and count. */
export function histogramSvg(hist: Histogram): SafeHtml {
  if (hist.counts.length === 0) return html`<p class="muted">no finite values</p>`;
  const top = Math.max(1, ...hist.counts);
  const bw = W / hist.counts.length;
  const bars = hist.counts.map((c, i) => {
    const h = Math.round((c / top) * (H - 4));
    return html`<rect x="${(i * bw + 0.5).toFixed(1)}" y="${H - h}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${h}"><title>[${fmt(hist.edges[i])}, ${fmt(hist.edges[i + 1])}${i === hist.counts.length - 1 ? ']' : ')'}: ${c}</title></rect>`;
  });
  const last = hist.edges[hist.edges.length - 1];
  return html`<svg class="chart" viewBox="0 0 ${W} ${H + 16}" width="${W}" height="${H + 16}" role="img" aria-label="histogram">${bars}<text x="0" y="${H + 13}">${fmt(hist.edges[0])}</text><text x="${W}" y="${H + 13}" text-anchor="end">${fmt(last)}</text></svg>`;
}

/** Inline SVG horizontal bars of the most frequent values (labels escaped, long ones shortened). */
export function frequencySvg(frequencies: readonly CategoryFrequency[], otherCount = 0, max = 10): SafeHtml {
  const rows = frequencies.slice(0, max).map((f) => ({ label: f.value, count: f.count }));
  const rest = otherCount + frequencies.slice(max).reduce((n, f) => n + f.count, 0);
  if (rest > 0) rows.push({ label: '(other values)', count: rest });
  if (rows.length === 0) return html`<p class="muted">no values</p>`;
  const top = Math.max(1, ...rows.map((r) => r.count));
  const rh = 16;
  const labelW = 120;
  const bars = rows.map((r, i) => {
    const w = Math.max(1, Math.round((r.count / top) * (W - labelW - 50)));
    const label = r.label.length > 18 ? `${r.label.slice(0, 17)}…` : r.label;
    return html`<text x="${labelW - 4}" y="${i * rh + 12}" text-anchor="end">${label}<title>${r.label}</title></text><rect x="${labelW}" y="${i * rh + 2}" width="${w}" height="${rh - 4}"><title>${r.label}: ${r.count}</title></rect><text x="${labelW + w + 4}" y="${i * rh + 12}">${r.count}</text>`;
  });
  return html`<svg class="chart" viewBox="0 0 ${W} ${rows.length * rh + 4}" width="${W}" height="${rows.length * rh + 4}" role="img" aria-label="frequencies">${bars}</svg>`;
}
