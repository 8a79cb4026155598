import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isMetricsSource, renderMetricFamilies, type MetricFamily, type MetricsSource } from '@mlops/core';
import { fitCbpe } from '../performance/cbpe';
import type { ClassificationMetrics } from '../performance/classificationMetrics';
import type { WindowReport, WindowReportColumn } from '../report/buildWindowReport';
import { model, normals, openMonitorProject, servedCall, signature, type MonitorProject } from '../__fixtures__/monitorScenario';
import type { WithFeedback } from '../feedback/withFeedback';
import type { MonitorService } from '../MonitorService';

const minute = 60_000;
const T = Math.floor(Date.now() / (10 * minute)) * 10 * minute - 60 * minute;
const options = { flushIntervalMs: 50, settleMs: 50, windowMs: 10 * minute, profileIntervalMs: minute, minRows: 100 };

/** Deterministic uniforms in [0, 1) (mulberry32). */
function uniforms(n: number, seed: number): Float64Array {
  let s = seed >>> 0;
  return Float64Array.from({ length: n }, () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  });
}

/** The value of the one sample of `name` whose labels include `labels`; throws when there is not exactly one. */
function valueOf(families: readonly MetricFamily[], name: string, labels: Record<string, string> = {}): number {
  const family = families.find((f) => f.name === name);
  const hits = (family?.samples ?? []).filter((s) => Object.entries(labels).every(([k, v]) => s.labels?.[k] === v));
  if (hits.length !== 1) throw new Error(`${hits.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return hits[0]!.value;
}

describe('the monitor as a /metrics source, on SQLite', () => {
  let dir: string;
  let p: MonitorProject;
  let monitor: WithFeedback<MonitorService>;
  const collect = () => (monitor as unknown as MetricsSource).collectMetrics();
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlops-monitor-metrics-'));
    p = await openMonitorProject({ use: '@mlops/storage-local', options: { path: join(dir, 'metadata.sqlite') } }, options);
    monitor = p.monitor as WithFeedback<MonitorService>;
    await p.registerChurn();
  });
  afterAll(async () => {
    await p?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('exports only the log counters before any evaluation', async () => {
    expect(isMetricsSource(monitor)).toBe(true);
    const families = await collect();
    expect(families.map((f) => f.name)).toEqual([
      'mlops_monitor_log_rows_written_total',
      'mlops_monitor_log_rows_dropped_total',
      'mlops_monitor_log_rows_sampled_out_total',
      'mlops_monitor_log_write_errors_total',
      'mlops_monitor_log_buffered_rows',
      'mlops_monitor_log_lag_seconds',
    ]);
    expect(families.map((f) => f.samples[0]!.value)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('after an evaluation of drifted traffic: per-column statistics, p-values, verdicts, mean/std/null rate next to the baseline, equal to the window report', async () => {
    // a shifted by 3σ, b's std ×4: both drift.
    for (let i = 0; i < 10; i++) p.runtime.hooks.announce('predictionsServed', await servedCall(normals(200, 3, 1, 10 + i), normals(200, 5, 8, 50 + i), T + i * minute + 1000, 1, `d-${i}`), 200);
    await p.runtime.hooks.flush();
    await monitor.flush();
    const now = T + 10 * minute;
    const evaluation = await monitor.evaluate({ now });
    expect(evaluation.models).toEqual([{ model: 'churn', version: 1, rows: 2000, driftedFeatures: ['a', 'b'], driftShare: 1 }]);
    const families = await collect();
    const report = (await monitor.windowReport('churn:1', evaluation.window)) as unknown as WindowReport;
    const mv = { model: 'churn', version: '1' };
    expect(valueOf(families, 'mlops_monitor_last_evaluation_timestamp_seconds')).toBe(now / 1000);
    expect(valueOf(families, 'mlops_monitor_window_rows', mv)).toBe(2000);
    expect(valueOf(families, 'mlops_monitor_drift_share', mv)).toBe(report.summary.driftShare);
    expect(valueOf(families, 'mlops_monitor_dataset_drifted', mv)).toBe(1);
    const columns: WindowReportColumn[] = [...report.features, ...report.outputs];
    expect(columns.map((c) => c.column)).toEqual(['a', 'b', 'output.label', 'output.probabilities[0]', 'output.probabilities[1]']);
    for (const c of columns) {
      const at = { ...mv, column: c.column, role: c.role };
      expect([c.column, valueOf(families, 'mlops_monitor_drift_statistic', { ...at, test: c.test })]).toEqual([c.column, c.statistic]);
      if (c.pValue !== null) expect(valueOf(families, 'mlops_monitor_drift_p_value', { ...at, test: c.test })).toBe(c.pValue);
      expect(valueOf(families, 'mlops_monitor_drifted', at)).toBe(c.drifted ? 1 : 0);
      expect(valueOf(families, 'mlops_monitor_feature_null_rate', { ...at, profile: 'window' })).toBe(c.current.nullRate);
      expect(valueOf(families, 'mlops_monitor_feature_null_rate', { ...at, profile: 'reference' })).toBe(c.reference.nullRate);
    }
    for (const column of ['a', 'b']) {
      const c = report.features.find((f) => f.column === column)!;
      const at = { ...mv, column, role: 'feature' };
      expect(valueOf(families, 'mlops_monitor_feature_mean', { ...at, profile: 'window' })).toBeCloseTo(c.current.mean!, 12);
      expect(valueOf(families, 'mlops_monitor_feature_mean', { ...at, profile: 'reference' })).toBeCloseTo(c.reference.mean!, 12);
      expect(valueOf(families, 'mlops_monitor_feature_std', { ...at, profile: 'window' })).toBeCloseTo(c.current.std!, 12);
      expect(valueOf(families, 'mlops_monitor_feature_std', { ...at, profile: 'reference' })).toBeCloseTo(c.reference.std!, 12);
    }
    // The drift is real: a's window mean is ~3 baseline standard deviations above the baseline's.
    expect(valueOf(families, 'mlops_monitor_feature_mean', { ...mv, column: 'a', role: 'feature', profile: 'window' })).toBeGreaterThan(2.8);
    expect(valueOf(families, 'mlops_monitor_drifted', { ...mv, column: 'a', role: 'feature' })).toBe(1);
    const stats = monitor.stats();
    expect(stats.written).toBe(2000);
    expect(valueOf(families, 'mlops_monitor_log_rows_written_total')).toBe(stats.written);
  });

  it('realized and CBPE-estimated performance as last computed, and the log lag of rows not yet flushed', async () => {
    // Labels for the first 100 rows of each call: the true class drawn from the model's own probability (a calibrated model).
    const draws = uniforms(2000, 77);
    const labels = [];
    for (let i = 0; i < 10; i++) {
      const call = await servedCall(normals(200, 3, 1, 10 + i), normals(200, 5, 8, 50 + i), 0, 1, `d-${i}`);
      const proba = call.outputs.probabilities!.data as Float32Array;
      for (let r = 0; r < 100; r++) labels.push({ requestId: `d-${i}-${r}`, row: 0, label: draws[i * 200 + r]! < proba[2 * r + 1]! ? 'yes' : 'no' });
    }
    await monitor.recordFeedback(labels);
    const a = normals(3000, 0, 1, 5);
    const b = normals(3000, 5, 2, 6);
    const out = await model.run({ a: { data: Float32Array.from(a), dims: [3000, 1] }, b: { data: b, dims: [3000, 1] } });
    const refProba = Float64Array.from(out.probabilities!.data as Float32Array);
    const refDraws = uniforms(3000, 78);
    const refLabels = Int32Array.from({ length: 3000 }, (_, i) => (refDraws[i]! < refProba[2 * i + 1]! ? 1 : 0));
    const perf = await monitor.windowPerformance({ model: 'churn', version: 1, signature, since: T, until: T + 10 * minute, calibration: fitCbpe(refProba, refLabels, ['no', 'yes']) });
    expect([perf.rows, perf.labelled]).toEqual([2000, 1000]);
    const families = await collect();
    const mv = { model: 'churn', version: '1' };
    for (const metric of ['accuracy', 'f1', 'rocAuc'] as const) {
      expect(valueOf(families, 'mlops_monitor_performance', { ...mv, metric, kind: 'realized' })).toBe((perf.realized!.metrics as ClassificationMetrics)[metric]);
      expect(valueOf(families, 'mlops_monitor_performance', { ...mv, metric, kind: 'estimated' })).toBe(perf.estimated!.metrics[metric]);
    }
    expect(valueOf(families, 'mlops_monitor_performance_rows', { ...mv, rows: 'labelled' })).toBe(1000);
    expect(valueOf(families, 'mlops_monitor_performance_estimate_valid', mv)).toBe(perf.validity.status === 'valid' ? 1 : 0);
    // A call served 5 s ago and not flushed yet: the lag is its age.
    p.runtime.hooks.announce('predictionsServed', await servedCall(normals(10, 0, 1, 1), normals(10, 5, 2, 2), Date.now() - 5000, 1, 'lag'), 10);
    await p.runtime.hooks.flush();
    const lagged = await collect();
    expect(valueOf(lagged, 'mlops_monitor_log_buffered_rows')).toBe(10);
    expect(valueOf(lagged, 'mlops_monitor_log_lag_seconds')).toBeGreaterThanOrEqual(5);
    expect(valueOf(lagged, 'mlops_monitor_log_lag_seconds')).toBeLessThan(30);
    await monitor.flush();
    expect(valueOf(await collect(), 'mlops_monitor_log_lag_seconds')).toBe(0);
  });

  const promtool = spawnSync('promtool', ['--version']).status === 0;
  (promtool ? it : it.skip)('all of it passes `promtool check metrics`', async () => {
    const { text, rejected } = renderMetricFamilies(await collect());
    expect(rejected).toEqual([]);
    const out = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect({ status: out.status, problems: `${out.stdout}${out.stderr}` }).toEqual({ status: 0, problems: '' });
  });
});
