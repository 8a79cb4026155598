import { histogramSvg } from '../charts/histogramSvg';
import { formatNumber } from '../html/formatNumber';
import type { FeatureDrift } from './DriftReportData';

/** The overlaid reference/current histogram of one feature (numeric bins or categories). */
export function featureChart(feature: FeatureDrift): string {
  const h = feature.histogram;
  if (h.kind === 'numeric') {
    const edges = h.edges.map(formatNumber);
    const last = h.reference.length - 1;
    const binLabels = h.reference.map((_, i) => `[${edges[i]}, ${edges[i + 1]}${i === last ? ']' : ')'}`);
    return histogramSvg({ reference: h.reference, current: h.current, binLabels, axis: { kind: 'edges', values: edges }, title: `Histogram of ${feature.name}` });
  }
  const binLabels = h.categories.map((c, i) => (h.otherCategories && i === h.categories.length - 1 ? `${c}: merged categories` : c));
  return histogramSvg({ reference: h.reference, current: h.current, binLabels, axis: { kind: 'bins', values: h.categories }, title: `Histogram of ${feature.name}` });
}
