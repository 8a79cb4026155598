import { describe, expect, it } from '@jest/globals';
import { columnHistograms, DatasetProfile, profileDrift } from '@mlops/drift';
import { boolColumn, categoryColumn, float64Column, Frame } from '@mlops/frame';
import type { FeatureDrift } from './DriftReportData';
import { histogramFromCounts } from './histogramFromCounts';
import { renderDriftReport } from './renderDriftReport';

// The README's recipe, on profiles made by @mlops/drift: its results and histograms fit the report as they are.
const frame = (n: number, shift: number) =>
  Frame.fromColumns({
    income: float64Column(Float64Array.from({ length: n }, (_, i) => Math.sin(i * 1.7) * 3 + (i % 7) + shift)),
    stable: float64Column(Float64Array.from({ length: n }, (_, i) => Math.cos(i * 0.9) * 2 + (i % 5))),
    member: boolColumn(Uint8Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 1 : 0))),
    city: categoryColumn(Int32Array.from({ length: n }, (_, i) => (i % 13 === 0 ? -1 : (i + (shift > 0 ? i % 2 : 0)) % 3)), ['a', 'b', 'c']),
  });

describe('a drift report from @mlops/drift profiles', () => {
  const reference = DatasetProfile.create(frame(4000, 0));
  const window = DatasetProfile.create(frame(3000, 2));
  const drift = profileDrift(reference, window);
  const features: FeatureDrift[] = drift.columns.map((c) => ({
    name: c.column,
    kind: c.kind,
    test: c.test,
    statistic: c.statistic,
    pValue: c.pValue,
    threshold: c.threshold,
    drifted: c.drifted,
    ...(c.method ? { method: c.method } : {}),
    ...(c.skipped ? { skipped: c.skipped } : {}),
    histogram: histogramFromCounts(columnHistograms(reference.columns.get(c.column)!, window.columns.get(c.column)!, 30)),
  }));
  const html = renderDriftReport({
    summary: {
      model: { name: 'churn', version: 1 },
      window: { start: 'a', end: 'b' },
      referenceRows: 4000,
      currentRows: 3000,
      datasetDrift: { drifted: drift.drifted, share: drift.share, threshold: drift.driftShare },
    },
    features,
  });

  it('marks exactly the columns the library found drifted', () => {
    const drifted = drift.columns.filter((c) => c.drifted).map((c) => c.column);
    expect(drifted).toContain('income');
    expect(drifted).not.toContain('stable');
    const rows = [...html.matchAll(/<tr class="drifted"><td><a href="#feature-\d+">([^<]*)<\/a>/g)].map((m) => m[1]);
    expect(rows).toEqual(drifted);
  });

  it('draws the library histograms as shares on the same 30 bins', () => {
    const income = features.find((f) => f.name === 'income')!.histogram;
    if (income.kind !== 'numeric') throw new Error('expected numeric');
    expect(income.reference).toHaveLength(30);
    expect(income.reference.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    const section = html.slice(html.indexOf(`id="feature-${features.findIndex((f) => f.name === 'income')}"`));
    expect(section.slice(0, section.indexOf('</section>')).split('<rect class="cur"').length - 1).toBe(30);
  });
});
