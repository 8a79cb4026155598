import { reportLimits } from './limits';
import type { ReportHistogram } from './DriftReportData';

/**
 * Counts of the two sides on shared bins. Structurally the `ColumnHistograms` of `@mlops/drift`
 * (`columnHistograms(referenceProfile, currentProfile)`), so its result can be passed as it is.
 */
export type HistogramCounts =
  | { readonly kind: 'numeric'; readonly edges: readonly number[]; readonly reference: readonly number[]; readonly current: readonly number[] }
  | { readonly kind: 'counts'; readonly keys: readonly string[]; readonly reference: readonly number[]; readonly current: readonly number[] };

/** Options of {@link histogramFromCounts}. */
export interface HistogramFromCountsOptions {
  /** At most this many bins (numeric) or categories incl. the merged rest; default and maximum 50. */
  maxBins?: number;
  /** Rows per side incl. nulls, so shares are of all rows; default: the sum of the counts. */
  totals?: { reference: number; current: number };
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const toShares = (counts: readonly number[], total: number) => counts.map((c) => (total > 0 ? c / total : 0));

/**
 * Bounded shares for the report from counts: adjacent numeric bins are merged in equal groups until
 * at most `maxBins` remain; categories beyond the `maxBins - 1` most frequent (reference + current
 * share, ties by name) are merged into one last bin `(N others)`. Labels are cut to 200 characters.
 */
export function histogramFromCounts(counts: HistogramCounts, options: HistogramFromCountsOptions = {}): ReportHistogram {
  const maxBins = Math.max(2, Math.min(options.maxBins ?? reportLimits.maxBins, reportLimits.maxBins));
  const totalRef = options.totals?.reference ?? sum(counts.reference);
  const totalCur = options.totals?.current ?? sum(counts.current);
  if (counts.kind === 'numeric') {
    const bins = counts.reference.length;
    const group = Math.max(1, Math.ceil(bins / maxBins));
    const edges: number[] = [];
    const ref: number[] = [];
    const cur: number[] = [];
    for (let start = 0; start < bins; start += group) {
      const end = Math.min(start + group, bins);
      edges.push(counts.edges[start]!);
      ref.push(sum(counts.reference.slice(start, end)));
      cur.push(sum(counts.current.slice(start, end)));
    }
    if (bins > 0) edges.push(counts.edges[bins]!);
    return { kind: 'numeric', edges, reference: toShares(ref, totalRef), current: toShares(cur, totalCur) };
  }
  const refShares = toShares(counts.reference, totalRef);
  const curShares = toShares(counts.current, totalCur);
  const order = counts.keys.map((_, i) => i);
  order.sort((a, b) => refShares[b]! + curShares[b]! - (refShares[a]! + curShares[a]!) || (counts.keys[a]! < counts.keys[b]! ? -1 : counts.keys[a]! > counts.keys[b]! ? 1 : 0));
  const keep = order.length > maxBins ? order.slice(0, maxBins - 1) : order;
  const rest = order.slice(keep.length);
  const labels = uniqueLabels(keep.map((i) => counts.keys[i]!));
  const reference = keep.map((i) => refShares[i]!);
  const current = keep.map((i) => curShares[i]!);
  if (rest.length === 0) return { kind: 'categorical', categories: labels, reference, current };
  return {
    kind: 'categorical',
    categories: uniqueLabels([...labels, `(${rest.length} others)`]),
    reference: [...reference, sum(rest.map((i) => refShares[i]!))],
    current: [...current, sum(rest.map((i) => curShares[i]!))],
    otherCategories: rest.length,
  };
}

// Cut labels may collide (two long names with one prefix): later ones get ` #i` so bins stay distinct.
function uniqueLabels(keys: string[]): string[] {
  const max = reportLimits.maxLabelLength;
  const seen = new Set<string>();
  return keys.map((key, i) => {
    let label = key.length > max ? `${key.slice(0, max - 1)}…` : key;
    if (seen.has(label)) label = `${label.slice(0, max - 8)} #${i}`;
    seen.add(label);
    return label;
  });
}
