import type { MonitorAlertRecord } from '@mlops/core';
import { histogramFromCounts, type DriftReportData, type FeatureDrift, type PerformancePanel } from '@mlops/report';
import type { VersionPerformance } from '../performance/versionPerformance';
import type { WindowReport, WindowReportColumn } from './buildWindowReport';

const iso = (ms: number) => new Date(ms).toISOString();

function feature(c: WindowReportColumn): FeatureDrift {
  const total = (s: WindowReportColumn['reference']) => s.count + s.nulls;
  return {
    name: c.column,
    kind: c.kind,
    test: c.test,
    statistic: c.statistic,
    pValue: c.pValue,
    threshold: c.threshold,
    drifted: c.drifted,
    ...(c.method ? { method: c.method } : {}),
    ...(c.skipped ? { skipped: c.skipped } : {}),
    ...(c.reference.nullRate !== null ? { referenceNullShare: c.reference.nullRate } : {}),
    ...(c.current.nullRate !== null ? { currentNullShare: c.current.nullRate } : {}),
    // Shares of all rows (nulls included), so a column with nulls does not look inflated.
    histogram: histogramFromCounts(c.histogram, { totals: { reference: total(c.reference), current: total(c.current) } }),
  };
}

// Realized metrics of a classifier next to CBPE's estimate; regressors have realized errors only.
const classifierMetrics = [
  ['accuracy', 'accuracy'],
  ['f1', 'f1'],
  ['rocAuc', 'roc_auc'],
] as const;

function panel(p: VersionPerformance): PerformancePanel {
  const w = p.performance;
  const invalid = w.flags.filter((f) => f.code === 'concept_drift');
  const other = w.flags.filter((f) => f.code !== 'concept_drift');
  let warning = invalid.length
    ? `Concept drift: the estimate is NOT valid for this window. ${invalid.map((f) => f.message).join(' ')}`
    : other.length
      ? other.map((f) => f.message).join(' ')
      : undefined;
  if (warning && warning.length > 1000) warning = `${warning.slice(0, 999)}…`;
  const num = (x: number | null | undefined) => (typeof x === 'number' && Number.isFinite(x) ? x : null);
  const realized = (w.realized?.metrics ?? {}) as unknown as Record<string, number | null>;
  if (w.task === 'regression') {
    return { labelledRows: w.labelled, ...(warning ? { warning } : {}), metrics: ['mae', 'rmse', 'r2'].map((m) => ({ name: m, reference: num(p.reference[m]), realized: num(realized[m]) })) };
  }
  const estimated = (w.estimated?.metrics ?? {}) as unknown as Record<string, number | null>;
  return {
    // Without a calibration there is no estimate: windowPerformance's no_estimate flag says so in the warning.
    ...(w.estimated ? { method: `CBPE from prediction confidences, calibrated on ${w.estimated.referenceRows} reference rows; ${w.labelled} of ${w.rows} window rows labelled so far` } : {}),
    labelledRows: w.labelled,
    ...(warning ? { warning } : {}),
    metrics: classifierMetrics.map(([key, name]) => {
      const check = w.validity.checks.find((c) => c.metric === key);
      const flags = [...(w.estimated ? ['estimate'] : []), ...(check && !check.ok ? ['estimate invalid'] : []), ...(check?.ok ? ['estimate checked'] : [])];
      return { name, reference: num(p.reference[key]), estimated: num(estimated[key]), realized: num(realized[key]), ...(flags.length ? { flags } : {}) };
    }),
  };
}

/**
 * `@mlops/report`'s drift report data from a window report: every feature with its test,
 * statistic, p-value, verdict and histograms (bounded by `histogramFromCounts`), the performance
 * panel when there is one, and the alerts that fired in the window. Aggregates only.
 */
export function toDriftReportData(report: WindowReport, options: { alias?: string; performance?: VersionPerformance; alerts?: readonly MonitorAlertRecord[] } = {}): DriftReportData {
  const s = report.summary;
  return {
    title: `Drift report: ${report.model}${options.alias ? `@${options.alias}` : ''} v${report.version}`,
    generatedAt: iso(report.generatedAt),
    summary: {
      model: { name: report.model, ...(options.alias ? { alias: options.alias } : {}), version: report.version },
      window: { start: iso(report.window.since), end: iso(report.window.until) },
      referenceRows: s.referenceRows,
      currentRows: s.windowRows,
      datasetDrift: { drifted: s.datasetDrift, share: s.driftShare, threshold: s.driftShareThreshold },
    },
    // The page's dataset verdict counts features only; outputs (the prediction distribution) have their own rows.
    features: report.features.map(feature),
    outputs: report.outputs.map(feature),
    ...(options.performance ? { performance: panel(options.performance) } : {}),
    alerts: (options.alerts ?? []).map((a) => ({ time: iso(a.firedAt), rule: a.rule, severity: a.severity, message: a.title, ...(a.column ? { feature: a.column } : {}) })),
  };
}
