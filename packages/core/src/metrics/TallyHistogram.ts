/** What TallyHistogram registers in: a prom-client `Registry` (core does not depend on prom-client). */
export interface MetricRegistry {
  registerMetric(metric: unknown): void;
}

/** One label set's counts: observing is a bucket search and three additions, nothing allocated. */
export class TallySeries {
  readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(
    readonly labels: Readonly<Record<string, string>>,
    private readonly bounds: readonly number[],
  ) {
    this.counts = new Float64Array(bounds.length);
  }

  observe(value: number): void {
    const b = this.bounds;
    let i = 0;
    while (i < b.length && value > b[i]!) i++;
    // Above the last bound: only in +Inf, which is `count`.
    if (i < b.length) this.counts[i]!++;
    this.sum += value;
    this.count++;
  }
}

/**
 * A Prometheus histogram for hot paths (the server's requests, the feature store's online reads).
 * prom-client's `observe` validates and hashes the labels and turns each bucket bound into a
 * property key on every call (about 1–3 µs, a few per cent of a one-row `/predict`); here a caller
 * keeps the series of its label set and observes into it. Exported exactly as prom-client exports a histogram (same families, samples, `le` labels and
 * `sum` aggregation across cluster workers), registered in a prom-client registry.
 */
export class TallyHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, TallySeries>();
  private readonly bounds: readonly number[];

  constructor(config: { name: string; help: string; buckets: readonly number[]; labelNames?: readonly string[]; registers: MetricRegistry[] }) {
    this.name = config.name;
    this.help = config.help;
    this.bounds = [...config.buckets].sort((a, b) => a - b);
    this.labelNames = config.labelNames ?? [];
    // As prom-client does: a histogram without labels exports its zero series before any observation.
    if (this.labelNames.length === 0) this.labels();
    // The registry takes any object with prom-client's metric surface (name, help, type, get, reset).
    for (const r of config.registers) r.registerMetric(this);
  }

  readonly name: string;
  readonly help: string;
  private readonly labelNames: readonly string[];

  /** The series of `labels` (created at its first use; keep it to observe without a lookup). */
  labels(labels: Readonly<Record<string, string>> = {}): TallySeries {
    let key = '';
    for (const n of this.labelNames) key += `${labels[n] ?? ''}\u0000`;
    let s = this.series.get(key);
    if (!s) {
      for (const k of Object.keys(labels)) if (!this.labelNames.includes(k)) throw new Error(`${this.name}: unknown label "${k}"`);
      s = new TallySeries({ ...labels }, this.bounds);
      this.series.set(key, s);
    }
    return s;
  }

  /** The series without labels, kept: `observe` runs per inference call (the server's batch sizes). */
  private unlabelled: TallySeries | undefined;

  observe(value: number): void {
    (this.unlabelled ??= this.labels()).observe(value);
  }

  /** Zeroes every series (callers may hold theirs; prom-client's reset would drop labelled series instead). */
  reset(): void {
    for (const s of this.series.values()) {
      s.counts.fill(0);
      s.sum = 0;
      s.count = 0;
    }
  }

  /** prom-client's metric object: cumulative `_bucket` samples with `le`, then `_sum` and `_count`, per series. */
  async get() {
    const values: { labels: Record<string, string | number>; value: number; metricName: string }[] = [];
    for (const s of this.series.values()) {
      let acc = 0;
      for (let i = 0; i < this.bounds.length; i++) {
        acc += s.counts[i]!;
        values.push({ labels: { le: this.bounds[i]!, ...s.labels }, value: acc, metricName: `${this.name}_bucket` });
      }
      values.push({ labels: { le: '+Inf', ...s.labels }, value: s.count, metricName: `${this.name}_bucket` });
      values.push({ labels: { ...s.labels }, value: s.sum, metricName: `${this.name}_sum` });
      values.push({ labels: { ...s.labels }, value: s.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }
}
