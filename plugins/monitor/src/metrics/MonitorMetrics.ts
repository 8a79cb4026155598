import type { MetricFamily, MetricSample } from '@mlops/core';
import type { ColumnDriftResult } from '@mlops/drift';
import type { WindowDrift } from '../drift/windowDrift';
import type { PredictionLogStats } from '../PredictionLog';
import type { WindowPerformance } from '../performance/windowPerformance';

type Labels = Record<string, string>;

/** What one evaluation found for one model version, kept for /metrics. */
interface DriftSnapshot {
  labels: Labels;
  evaluatedAt: number;
  rows: number;
  drift: WindowDrift;
}

/**
 * The monitor's numbers for `/metrics`, cached where they are computed: drift when `evaluate` judges
 * a window, performance when `windowPerformance` runs, log counters as the log counts them. A scrape
 * only turns the cache into metric families; it never reads the database.
 */
export class MonitorMetrics {
  private readonly drift = new Map<string, DriftSnapshot>();
  private readonly performance = new Map<string, { labels: Labels; perf: WindowPerformance }>();
  private evaluatedAt: number | null = null;

  /** When the cached drift was computed (epoch ms); null before the first evaluation or refresh. */
  get lastEvaluatedAt(): number | null {
    return this.evaluatedAt;
  }

  /** Drift and performance families as last built; rebuilt only after a record, so a scrape reuses them (the server renders them as they are). */
  private built: MetricFamily[] | null = null;

  /** One model version's drift in the evaluation at `evaluatedAt`; versions judged by an older evaluation are dropped. */
  recordDrift(model: string, version: number, rows: number, drift: WindowDrift, evaluatedAt: number): void {
    if (this.evaluatedAt === null || evaluatedAt > this.evaluatedAt) {
      this.evaluatedAt = evaluatedAt;
      for (const [key, s] of this.drift) if (s.evaluatedAt < evaluatedAt) this.drift.delete(key);
    }
    this.drift.set(`${model}:${version}`, { labels: { model, version: String(version) }, evaluatedAt, rows, drift });
    this.built = null;
  }

  /** The newest performance computed for a model version (by an alert rule, a report or a command). */
  recordPerformance(perf: WindowPerformance): void {
    this.performance.set(`${perf.model}:${perf.version ?? ''}`, { labels: { model: perf.model, version: String(perf.version ?? '') }, perf });
    this.built = null;
  }

  /** Every family, from the cache; `now` (epoch ms) only dates the log's lag. */
  families(log: PredictionLogStats, oldestBufferedAt: number | null, now: number): MetricFamily[] {
    this.built ??= [...this.driftFamilies(), ...this.performanceFamilies()];
    return [...this.logFamilies(log, oldestBufferedAt, now), ...this.built];
  }

  /** The prediction log's families: this process's log, so `perProcess` (a cluster sums counts and buffers, takes the largest lag). */
  logFamilies(log: PredictionLogStats, oldestBufferedAt: number | null, now: number): MetricFamily[] {
    return logFamilies(log, oldestBufferedAt, now);
  }

  private driftFamilies(): MetricFamily[] {
    const f = families({
      mlops_monitor_last_evaluation_timestamp_seconds: 'When the last alert-rule evaluation ran (the drift metrics below are from it)',
      mlops_monitor_window_rows: 'Rows of the evaluated window, per model version',
      mlops_monitor_drift_share: 'Share of evaluated features that drifted in the last evaluation',
      mlops_monitor_dataset_drifted: '1 when the drift share reached the configured dataset threshold in the last evaluation',
      mlops_monitor_drift_statistic: 'Drift statistic of a column in the last evaluation (the test label names it: ks D, wasserstein, psi, chi-square, jensen-shannon, z)',
      mlops_monitor_drift_p_value: 'p-value of a column\'s drift test in the last evaluation (p-value tests only)',
      mlops_monitor_drifted: '1 when a column drifted in the last evaluation, else 0',
      mlops_monitor_feature_mean: 'Mean of a numeric column: the evaluated window (profile="window") next to the training baseline (profile="reference")',
      mlops_monitor_feature_std: 'Standard deviation (population) of a numeric column, window and reference',
      mlops_monitor_feature_null_rate: 'Share of null or NaN values of a column, window and reference',
    });
    if (this.evaluatedAt !== null) f.s.mlops_monitor_last_evaluation_timestamp_seconds.push({ value: this.evaluatedAt / 1000 });
    for (const { labels, rows, drift } of this.drift.values()) {
      f.s.mlops_monitor_window_rows.push({ labels, value: rows });
      f.s.mlops_monitor_drift_share.push({ labels, value: drift.features.share });
      f.s.mlops_monitor_dataset_drifted.push({ labels, value: drift.features.drifted ? 1 : 0 });
      const columns: [ColumnDriftResult, string][] = [...drift.features.columns.map((c) => [c, 'feature'] as [ColumnDriftResult, string]), ...drift.outputs.columns.map((c) => [c, 'output'] as [ColumnDriftResult, string])];
      for (const [c, role] of columns) {
        const col = { ...labels, column: c.column, role };
        if (c.statistic !== null) f.s.mlops_monitor_drift_statistic.push({ labels: { ...col, test: c.test }, value: c.statistic });
        if (c.pValue !== null) f.s.mlops_monitor_drift_p_value.push({ labels: { ...col, test: c.test }, value: c.pValue });
        f.s.mlops_monitor_drifted.push({ labels: col, value: c.drifted ? 1 : 0 });
        f.s.mlops_monitor_feature_null_rate.push({ labels: { ...col, profile: 'reference' }, value: rate(c.referenceNulls, c.referenceCount) });
        f.s.mlops_monitor_feature_null_rate.push({ labels: { ...col, profile: 'window' }, value: rate(c.currentNulls, c.currentCount) });
        const shift = drift.shifts[c.column];
        if (!shift) continue;
        f.s.mlops_monitor_feature_mean.push({ labels: { ...col, profile: 'reference' }, value: shift.referenceMean }, { labels: { ...col, profile: 'window' }, value: shift.currentMean });
        f.s.mlops_monitor_feature_std.push({ labels: { ...col, profile: 'reference' }, value: shift.referenceStd }, { labels: { ...col, profile: 'window' }, value: shift.currentStd });
      }
    }
    return gauges(f);
  }

  private performanceFamilies(): MetricFamily[] {
    const f = families({
      mlops_monitor_performance: 'Performance over the last computed window: kind="realized" on labelled rows, kind="estimated" by CBPE from confidences (an estimate, invalid under concept drift)',
      mlops_monitor_performance_estimate_valid: '1 when the CBPE estimate agreed with realized performance on the labelled rows, 0 when it did not (absent while unchecked)',
      mlops_monitor_performance_rows: 'Rows of the last computed performance window, and how many had labels (rows="labelled")',
    });
    for (const { labels, perf } of this.performance.values()) {
      f.s.mlops_monitor_performance_rows.push({ labels: { ...labels, rows: 'all' }, value: perf.rows }, { labels: { ...labels, rows: 'labelled' }, value: perf.labelled });
      for (const [kind, part] of [['realized', perf.realized], ['estimated', perf.estimated]] as const) {
        for (const [metric, value] of Object.entries(part?.metrics ?? {})) if (typeof value === 'number') f.s.mlops_monitor_performance.push({ labels: { ...labels, metric, kind }, value });
      }
      if (perf.validity.status !== 'unchecked') f.s.mlops_monitor_performance_estimate_valid.push({ labels, value: perf.validity.status === 'valid' ? 1 : 0 });
    }
    return gauges(f);
  }
}

function logFamilies(log: PredictionLogStats, oldestBufferedAt: number | null, now: number): MetricFamily[] {
  const counter = (name: string, help: string, value: number): MetricFamily => ({ name, help, type: 'counter', samples: [{ value }], perProcess: 'sum' });
  const gauge = (name: string, help: string, value: number, perProcess: 'sum' | 'max' = 'sum'): MetricFamily => ({ name, help, type: 'gauge', samples: [{ value }], perProcess });
  return [
    counter('mlops_monitor_log_rows_written_total', 'Prediction log rows committed to the database', log.written),
    counter('mlops_monitor_log_rows_dropped_total', 'Prediction log rows lost because the buffer was full (database slow or down) or unwritten at close', log.dropped),
    counter('mlops_monitor_log_rows_sampled_out_total', 'Prediction rows not logged because their request was not sampled (sampleRate < 1)', log.sampledOut),
    counter('mlops_monitor_log_write_errors_total', 'Prediction log flushes that failed (rows kept buffered and retried)', log.writeErrors),
    gauge('mlops_monitor_log_buffered_rows', 'Prediction log rows waiting in memory for a flush', log.buffered),
    gauge('mlops_monitor_log_lag_seconds', 'Age of the oldest prediction log row not yet written (0 when nothing waits)', oldestBufferedAt === null ? 0 : Math.max(0, now - oldestBufferedAt) / 1000, 'max'),
  ];
}

/** Empty sample lists for the named families, with their help texts. */
interface Families<K extends string> {
  help: Record<K, string>;
  s: Record<K, MetricSample[]>;
}

function families<K extends string>(help: Record<K, string>): Families<K> {
  return { help, s: Object.fromEntries(Object.keys(help).map((name) => [name, []])) as unknown as Record<K, MetricSample[]> };
}

/** Families with samples, in declaration order (a family without series would only add HELP/TYPE lines). */
function gauges<K extends string>(f: Families<K>): MetricFamily[] {
  return (Object.keys(f.help) as K[]).filter((name) => f.s[name].length > 0).map((name) => ({ name, help: f.help[name], type: 'gauge', samples: f.s[name] }));
}

function rate(nulls: number, present: number): number {
  return nulls + present === 0 ? 0 : nulls / (nulls + present);
}
