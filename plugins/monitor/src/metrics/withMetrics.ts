import type { CollectMetricsRequest, Logger, MetricFamily, MetricsSource } from '@mlops/core';
import type { WithFeedback } from '../feedback/withFeedback';
import type { MonitorService } from '../MonitorService';
import type { MonitorOptions } from '../options';
import type { WindowPerformanceOptions } from '../performance/windowPerformance';
import { refreshDrift } from './refreshDrift';

/**
 * Makes the monitor a metrics source (`isMetricsSource`), so the server in the same process adds
 * its metrics to `/metrics`: `collectMetrics` renders `service.metricsCache`, which `evaluate`
 * fills with drift, and every `windowPerformance` call (alert rules, reports, commands) fills with
 * the performance it computed. A scrape never waits for the database: when the cached drift is
 * older than `evaluateEveryMs` (or absent, as in `mlops serve`, where `mlops monitor` runs in
 * another process), it starts one background `refreshDrift` and answers with what it has.
 * With `mlops serve --workers N`, the primary's copy serves drift and performance and each
 * worker's copy its own prediction log's counts (`perProcess` families, summed by the server).
 * Extends the same object, like `withFeedback`.
 */
export function withMetrics<T extends WithFeedback<MonitorService>>(service: T, options: MonitorOptions, logger: Logger, now: () => number = Date.now): T & MetricsSource {
  const compute = service.windowPerformance.bind(service);
  let refreshing: Promise<void> | undefined;
  let refreshedAt = -Infinity;
  const refreshIfStale = (at: number) => {
    const last = Math.max(refreshedAt, service.metricsCache.lastEvaluatedAt ?? -Infinity);
    if (refreshing || at - last < options.evaluateEveryMs) return;
    refreshedAt = at;
    refreshing = refreshDrift(service, options, at)
      .catch((error: Error) => logger.warn(`monitor: refreshing drift for /metrics failed (retried in ${options.evaluateEveryMs} ms): ${error.message}`))
      .finally(() => (refreshing = undefined));
  };
  return Object.assign(service, {
    windowPerformance: async (o: WindowPerformanceOptions) => {
      const perf = await compute(o);
      service.metricsCache.recordPerformance(perf);
      return perf;
    },
    collectMetrics: (request?: CollectMetricsRequest): MetricFamily[] => {
      const at = now();
      // A cluster worker is asked for its own log's numbers only: drift is the primary's to refresh.
      if (request?.perProcessOnly) return service.metricsCache.logFamilies(service.stats(), service.oldestBufferedAt(), at);
      refreshIfStale(at);
      return service.metricsCache.families(service.stats(), service.oldestBufferedAt(), at);
    },
    /** The background drift refresh a scrape started, if one is running (tests wait for it). */
    metricsRefresh: (): Promise<void> | undefined => refreshing,
  });
}
