import type { DriftReportData, FeatureDrift } from '../drift/DriftReportData';
import { histogramFromCounts } from '../drift/histogramFromCounts';
import { equalEdges, normalCounts } from './normalCounts';

/** A feature name that would run as a script if a report did not escape it. */
export const hostileName = '<script>alert("x")</script>&\'';

const edges = equalEdges(-4, 6, 20);
const numeric = (name: string, shift: number, verdict: Pick<FeatureDrift, 'statistic' | 'pValue' | 'drifted'>): FeatureDrift => ({
  name,
  kind: 'numeric',
  test: 'ks',
  method: 'asymp',
  threshold: 0.05,
  ...verdict,
  histogram: histogramFromCounts({ kind: 'numeric', edges, reference: normalCounts(edges, 10_000, 0, 1), current: normalCounts(edges, 5_000, shift, 1) }),
});

const cities = Array.from({ length: 15 }, (_, i) => `city_${String(i).padStart(2, '0')}`);

/** A small report with every part: drifted and stable numeric features, bounded categories, a binary
 * feature, a skipped one, a hostile name, performance and alerts. */
export function sampleReport(): DriftReportData {
  return {
    generatedAt: '2026-12-03T10:00:00Z',
    summary: {
      model: { name: 'breast-cancer', alias: 'production', version: 3 },
      window: { start: '2026-12-02T00:00:00Z', end: '2026-12-03T00:00:00Z' },
      referenceRows: 10_000,
      currentRows: 5_000,
      datasetDrift: { drifted: true, share: 0.5, threshold: 0.5 },
    },
    features: [
      numeric('mean texture', 0.02, { statistic: 0.0081, pValue: 0.9731, drifted: false }),
      numeric('mean radius', 1.5, { statistic: 0.5513, pValue: 1.2e-300, drifted: true }),
      {
        name: 'city',
        kind: 'categorical',
        test: 'chisquare',
        statistic: 412.5,
        pValue: 3.4e-12,
        threshold: 0.05,
        drifted: true,
        histogram: histogramFromCounts({ kind: 'counts', keys: cities, reference: cities.map((_, i) => Math.round(3000 / (i + 1))), current: cities.map((_, i) => Math.round(1000 / (((i + 3) % 15) + 1))) }, { maxBins: 8 }),
      },
      { name: 'smoker', kind: 'binary', test: 'ztest', statistic: 0.4, pValue: 0.6892, threshold: 0.05, drifted: false, referenceNullShare: 0.01, currentNullShare: 0.02, histogram: histogramFromCounts({ kind: 'counts', keys: ['no', 'yes'], reference: [7000, 3000], current: [3450, 1550] }) },
      { ...numeric(hostileName, 0.9, { statistic: 0.3012, pValue: 4.5e-9, drifted: true }), test: 'psi', method: undefined, pValue: null, threshold: 0.1 },
      { name: 'empty feature', kind: 'numeric', test: 'ks', statistic: null, pValue: null, threshold: 0.05, drifted: false, skipped: 'no present values in the current window', histogram: { kind: 'numeric', edges: [], reference: [], current: [] } },
    ],
    performance: {
      method: 'CBPE, calibrated on the reference',
      labelledRows: 1_200,
      warning: 'Concept drift detected: the estimate assumes P(y | x) is unchanged and is not valid for this window.',
      metrics: [
        { name: 'accuracy', reference: 0.955, estimated: 0.9412, realized: 0.8833, flags: ['degraded', 'estimate invalid'] },
        { name: 'roc_auc', reference: 0.991, estimated: 0.9801, realized: null },
      ],
    },
    alerts: [{ time: '2026-12-02T13:00:00Z', rule: 'drift-share', severity: 'critical', message: 'dataset drift: 3 of 6 features drifted', feature: 'mean radius' }],
  };
}
