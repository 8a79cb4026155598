/**
 * Prometheus metrics a plugin contributes to the server's `/metrics`. The server finds a source on
 * an optional service (today `tokens.monitor`) narrowed with {@link isMetricsSource}, so it never
 * depends on the plugin; it renders the families after its own with `renderMetricFamilies`.
 */

/** One series: its labels (names `[a-zA-Z_][a-zA-Z0-9_]*`; any text as values) and its value. */
export interface MetricSample {
  readonly labels?: Readonly<Record<string, string>>;
  /** NaN and ±Infinity are rendered as Prometheus writes them (`NaN`, `+Inf`, `-Inf`). */
  readonly value: number;
}

/**
 * One metric family. A counter's name ends in `_total` (what `promtool check metrics` asks for);
 * counters only ever grow while the process lives.
 */
export interface MetricFamily {
  readonly name: string;
  readonly help: string;
  readonly type: 'gauge' | 'counter';
  readonly samples: readonly MetricSample[];
  /**
   * For a family whose values belong to the process (a queue of this process, its counters): how a
   * server running worker processes (`--workers N`, each with its own copy of the source) combines
   * one series over them: `sum` (counters, rows waiting) or `max` (ages, lags). Absent: the value
   * does not depend on the process (computed from shared storage), and one process's copy is served.
   */
  readonly perProcess?: 'sum' | 'max';
}

/** What the server asks of a source on one collection. */
export interface CollectMetricsRequest {
  /**
   * Only the `perProcess` families are wanted: a cluster worker is asked this by the primary, which
   * serves the shared families from its own copy of the source, so a worker skips the work for them.
   */
  readonly perProcessOnly?: boolean;
}

/**
 * A service that exports metrics. `collectMetrics` runs on every scrape, so it must return values it
 * already holds (computed when its work happened), never scan a database. The server waits for it
 * only up to its time budget and serves the previous answer after that.
 */
export interface MetricsSource {
  collectMetrics(request?: CollectMetricsRequest): readonly MetricFamily[] | Promise<readonly MetricFamily[]>;
}

/** Whether a resolved service (usually `tokens.monitor`'s) contributes metrics. */
export function isMetricsSource(service: unknown): service is MetricsSource {
  return typeof service === 'object' && service !== null && typeof (service as Partial<MetricsSource>).collectMetrics === 'function';
}
