import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { TallyHistogram, type HookBus, type HookName, type ServedModelInfo } from '@mlops/core';

/** Every metric the server exports, in its own registry (never prom-client's global one). */
export class ServerMetrics {
  readonly registry = new Registry();
  // Observed on every request or inference call: tallies (see TallyHistogram), exported as prom-client's.
  readonly requestDuration = new TallyHistogram({
    name: 'mlops_http_request_duration_seconds',
    help: 'Time from request to response, by route and status code',
    labelNames: ['route', 'status'],
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  /** Requests being handled now: counted by the request handler, read whenever the gauge is collected. */
  requestsInFlight = 0;
  private readonly inFlight: Gauge = new Gauge({
    name: 'mlops_http_requests_in_flight',
    help: 'Requests being handled now',
    registers: [this.registry],
    collect: (): void => this.inFlight.set(this.requestsInFlight),
  });
  // Requests tally their predictions here; the counter takes the tallies whenever it is read (a
  // scrape, a cluster aggregation): prom-client's inc hashes its labels on every call.
  // By model, then class: two lookups of strings whose hashes V8 keeps, no key built per request.
  private readonly pendingPredictions = new Map<string, Map<string, { labels: { model: string; class: string }; n: number }>>();
  readonly predictions = new Counter({
    name: 'mlops_predictions_total',
    help: 'Predictions returned, by predicted class (regressors: class="")',
    labelNames: ['model', 'class'] as const,
    registers: [this.registry],
    collect: () => {
      for (const byClass of this.pendingPredictions.values()) {
        for (const p of byClass.values()) {
          if (p.n > 0) this.predictions.inc(p.labels, p.n);
          p.n = 0;
        }
      }
    },
  });

  /** Adds `n` predictions of `cls` by `model` to `mlops_predictions_total`. */
  countPredictions(model: string, cls: string, n: number): void {
    let byClass = this.pendingPredictions.get(model);
    if (!byClass) this.pendingPredictions.set(model, (byClass = new Map()));
    let p = byClass.get(cls);
    if (!p) byClass.set(cls, (p = { labels: { model, class: cls }, n: 0 }));
    p.n += n;
  }
  readonly errors = new Counter({ name: 'mlops_errors_total', help: 'Error responses, by error code', labelNames: ['code'] as const, registers: [this.registry] });
  readonly modelInfo = new Gauge({
    name: 'mlops_model_info',
    help: 'The served model version (1 for the current one)',
    labelNames: ['role', 'name', 'version', 'alias', 'digest'] as const,
    registers: [this.registry],
    aggregator: 'max',
  });
  readonly batchRows = new TallyHistogram({ name: 'mlops_inference_batch_rows', help: 'Rows per inference call (micro-batch size)', buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024], registers: [this.registry] });
  readonly batchRequests = new TallyHistogram({ name: 'mlops_inference_batch_requests', help: 'Requests coalesced into one inference call', buckets: [1, 2, 4, 8, 16, 32, 64], registers: [this.registry] });
  readonly reloads = new Counter({ name: 'mlops_model_reloads_total', help: 'Model switches and failed reload attempts', labelNames: ['role', 'result'] as const, registers: [this.registry] });
  readonly shadowAgreement = new Counter({ name: 'mlops_shadow_rows_total', help: 'Mirrored rows, by whether the candidate predicted the same label', labelNames: ['agreement'] as const, registers: [this.registry] });
  readonly shadowDiff = new Histogram({ name: 'mlops_shadow_max_abs_diff', help: 'Per request, the largest absolute difference between served and candidate probabilities (or values)', buckets: [0.0001, 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1], registers: [this.registry] });
  readonly shadowLatency = new Histogram({ name: 'mlops_shadow_inference_duration_seconds', help: 'Inference time of mirrored requests, served model vs candidate', labelNames: ['role'] as const, buckets: [0.0001, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5], registers: [this.registry] });
  readonly shadowDropped = new Counter({ name: 'mlops_shadow_dropped_total', help: 'Mirrored requests dropped because the candidate fell behind or failed', labelNames: ['reason'] as const, registers: [this.registry] });
  // Plugin metrics sources (`isMetricsSource`, e.g. the monitor): a slow, failing or invalid source is counted, never fatal to /metrics.
  readonly sourceTimeouts = new Counter({ name: 'mlops_metrics_source_timeouts_total', help: 'Scrapes that served a metrics source\'s previous values because it did not answer within metricsSourceBudgetMs', labelNames: ['source'] as const, registers: [this.registry] });
  readonly sourceErrors = new Counter({ name: 'mlops_metrics_source_errors_total', help: 'Collections of a metrics source that threw (its previous values were served)', labelNames: ['source'] as const, registers: [this.registry] });
  readonly sourceRejected = new Counter({ name: 'mlops_metrics_source_rejected_total', help: 'Metric families of a source left out of a scrape (invalid name or label, counter without _total, name already exported)', labelNames: ['source'] as const, registers: [this.registry] });

  /** Reads the hook bus's counters on every scrape: failing hook handlers and announced rows dropped. */
  watchHooks(hooks: HookBus): void {
    new Counter({
      name: 'mlops_hook_errors_total',
      help: 'Hook handlers that threw or rejected (logged, never breaking a request or a run), by hook',
      labelNames: ['hook'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [hook, n] of Object.entries(hooks.stats().errors) as [HookName, number][]) this.inc({ hook }, n);
      },
    });
    new Counter({
      name: 'mlops_hook_dropped_rows_total',
      help: 'Rows of predictionsServed announcements dropped because subscribers fell behind (queue full)',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(hooks.stats().dropped);
      },
    });
  }

  /**
   * `processMetrics: false` leaves out prom-client's process metrics (`mlops_server_*`): a cluster
   * primary's registry is never exported (workers' registries are aggregated), and collecting them
   * is not free when idle: the event-loop-lag sampler wakes the process every 10 ms (100 context
   * switches a second) and a GC observer runs after every collection.
   */
  constructor({ processMetrics = true }: { processMetrics?: boolean } = {}) {
    if (!processMetrics) return;
    collectDefaultMetrics({ register: this.registry, prefix: 'mlops_server_' });
    // prom-client names these gauges `*_total`, which `promtool check metrics` rejects (a `_total`
    // suffix promises a counter); the handle/request counts are in the `*_active_*` gauges without it.
    for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) this.registry.removeSingleMetric(`mlops_server_${name}`);
  }

  /** Marks `info` as the model serving `role` (`primary`/`shadow`), replacing the previous one. */
  setModel(role: 'primary' | 'shadow', info: ServedModelInfo): void {
    // Reset and re-set both roles, so the old version's series disappears instead of staying at 1.
    this.modelInfo.reset();
    this.current[role] = info;
    for (const [r, m] of Object.entries(this.current)) {
      if (m) this.modelInfo.set({ role: r, name: m.name, version: String(m.version ?? ''), alias: m.alias ?? '', digest: m.digest }, 1);
    }
  }

  private current: Partial<Record<'primary' | 'shadow', ServedModelInfo>> = {};
}
