import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { TallyHistogram } from '@mlops/core';

/** The store's Prometheus metrics, in their own registry (merge it into a server's with `Registry.merge`). */
export interface FeatureMetrics {
  registry: Registry;
  /** Newest materialized event time per view (epoch ms), read by the staleness gauge on scrape. */
  newestEventTs: Map<string, number>;
  onlineValues: Counter<'view' | 'status'>;
  /** Adds `n` values of `view` with `status` to `onlineValues` (tallied here, handed to the counter when it is read). */
  countOnlineValues(view: string, status: string, n: number): void;
  onlineReadSeconds: TallyHistogram;
  /** Streaming ingestion (`ingest`, `push`). */
  stream: {
    eventsIn: Counter<'view'>;
    written: Counter<'view'>;
    deadLettered: Counter<'view' | 'reason'>;
    lag: Gauge<'view'>;
    freshnessSeconds: Histogram<'view'>;
  };
}

/**
 * - `mlops_feature_view_staleness_seconds{view}`: age of the newest materialized value, at scrape time.
 * - `mlops_feature_online_values_total{view,status}`: values returned online by status
 *   (present, missing, expired); missing rate = missing / all.
 * - `mlops_feature_online_missing_ratio{view}`: the same rate since start, as a gauge.
 * - `mlops_feature_online_read_seconds{feature_service}`: latency of `getOnlineFeatures`.
 * - `mlops_feature_stream_events_total{view}`: stream or pushed events received;
 *   `mlops_feature_stream_written_total{view}`: written online and offline;
 *   `mlops_feature_stream_dead_lettered_total{view,reason}`: refused by validation (reason: a short code).
 * - `mlops_feature_stream_consumer_lag{view}`: messages in the stream not yet delivered to the consumer.
 * - `mlops_feature_stream_freshness_seconds{view}`: event time to readable online.
 */
export function createFeatureMetrics(now: () => number = Date.now): FeatureMetrics {
  const registry = new Registry();
  const newestEventTs = new Map<string, number>();
  new Gauge({
    name: 'mlops_feature_view_staleness_seconds',
    help: 'Age of the newest materialized value of a feature view',
    labelNames: ['view'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [view, ts] of newestEventTs) this.set({ view }, (now() - ts) / 1000);
    },
  });
  // Online reads tally their values here; the counter takes the tallies whenever it is read (scrape,
  // the ratio below): prom-client's inc hashes its labels on every call, a few per cent of a one-entity read.
  // By view, then status: two lookups of strings whose hashes V8 keeps, no key built per call.
  const pendingValues = new Map<string, Map<string, { labels: { view: string; status: string }; n: number }>>();
  const onlineValues = new Counter({
    name: 'mlops_feature_online_values_total',
    help: 'Values returned by online reads, by status',
    labelNames: ['view', 'status'],
    registers: [registry],
    collect() {
      for (const byStatus of pendingValues.values()) {
        for (const p of byStatus.values()) {
          if (p.n > 0) this.inc(p.labels, p.n);
          p.n = 0;
        }
      }
    },
  });
  const countOnlineValues = (view: string, status: string, n: number) => {
    let byStatus = pendingValues.get(view);
    if (!byStatus) pendingValues.set(view, (byStatus = new Map()));
    let p = byStatus.get(status);
    if (!p) byStatus.set(status, (p = { labels: { view, status }, n: 0 }));
    p.n += n;
  };
  new Gauge({
    name: 'mlops_feature_online_missing_ratio',
    help: 'Share of online values that were missing or expired since start',
    labelNames: ['view'],
    registers: [registry],
    async collect() {
      this.reset();
      const totals = new Map<string, { all: number; missing: number }>();
      for (const v of (await onlineValues.get()).values) {
        const view = String(v.labels.view);
        const t = totals.get(view) ?? { all: 0, missing: 0 };
        t.all += v.value;
        if (v.labels.status !== 'present') t.missing += v.value;
        totals.set(view, t);
      }
      for (const [view, t] of totals) this.set({ view }, t.all ? t.missing / t.all : 0);
    },
  });
  const onlineReadSeconds = new TallyHistogram({
    name: 'mlops_feature_online_read_seconds',
    help: 'Latency of getOnlineFeatures',
    labelNames: ['feature_service'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  });
  const stream = {
    eventsIn: new Counter({ name: 'mlops_feature_stream_events_total', help: 'Stream or pushed events received', labelNames: ['view'], registers: [registry] }),
    written: new Counter({ name: 'mlops_feature_stream_written_total', help: 'Stream events written online and appended offline', labelNames: ['view'], registers: [registry] }),
    deadLettered: new Counter({ name: 'mlops_feature_stream_dead_lettered_total', help: 'Stream events refused by validation, by reason', labelNames: ['view', 'reason'], registers: [registry] }),
    lag: new Gauge({ name: 'mlops_feature_stream_consumer_lag', help: 'Messages in the stream not yet delivered to the consumer', labelNames: ['view'], registers: [registry] }),
    freshnessSeconds: new Histogram({
      name: 'mlops_feature_stream_freshness_seconds',
      help: 'Time from an event time to its value being readable online',
      labelNames: ['view'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
  };
  return { registry, newestEventTs, onlineValues, countOnlineValues, onlineReadSeconds, stream };
}
