import type { DriftReportData, FeatureDrift } from '../drift/DriftReportData';
import { histogramFromCounts } from '../drift/histogramFromCounts';
import { equalEdges, normalCounts } from './normalCounts';

const rows = 1_000_000;

// Every 4th feature is categorical with 1000 Zipf-distributed values (bounded to 50 bins by the
// report); the rest are numeric histograms with 200 fine bins (merged to 50). Counts sum to ~1M rows.
function feature(i: number): FeatureDrift {
  const drifted = i % 3 === 0;
  const verdict = { statistic: drifted ? 0.21 + i / 1000 : 0.004, pValue: drifted ? 1e-20 : 0.41, threshold: 0.05, drifted };
  if (i % 4 === 0) {
    const keys = Array.from({ length: 1000 }, (_, k) => `value_${i}_${k}`);
    const zipf = (k: number, s: number) => Math.round(rows / ((k + 1) ** s * 7.485));
    return { name: `category_${i}`, kind: 'categorical', test: 'chisquare', ...verdict, histogram: histogramFromCounts({ kind: 'counts', keys, reference: keys.map((_, k) => zipf(k, 1)), current: keys.map((_, k) => zipf(drifted ? 999 - k : k, 1)) }) };
  }
  const edges = equalEdges(-5, 7, 200);
  const counts = { kind: 'numeric' as const, edges, reference: normalCounts(edges, rows, 0, 1), current: normalCounts(edges, rows, drifted ? 1 : 0, 1) };
  return { name: `numeric_feature_${i}`, kind: 'numeric', test: 'ks', method: 'asymp', ...verdict, histogram: histogramFromCounts(counts) };
}

/** 100 features, each aggregated from 1M reference and 1M current rows. */
export function largeReport(): DriftReportData {
  const features = Array.from({ length: 100 }, (_, i) => feature(i));
  const share = features.filter((f) => f.drifted).length / features.length;
  return {
    summary: {
      model: { name: 'big', alias: 'staging', version: '12' },
      window: { start: '2026-12-01T00:00:00Z', end: '2026-12-02T00:00:00Z' },
      referenceRows: rows,
      currentRows: rows,
      datasetDrift: { drifted: share >= 0.5, share, threshold: 0.5 },
    },
    features,
  };
}
