import type { MetricFamily, MetricsSource } from '@mlops/core';
import type { WithFeedback } from '../feedback/withFeedback';
import type { MonitorService } from '../MonitorService';
import type { WindowPerformanceOptions } from '../performance/windowPerformance';

/**
 * Makes the monitor a metrics source (`isMetricsSource`), so the server in the same process adds
 * its metrics to `/metrics`: `collectMetrics` renders `service.metricsCache`, which `evaluate`
 * fills with drift, and every `windowPerformance` call (alert rules, reports, commands) fills with
 * the performance it computed. Extends the same object, like `withFeedback`.
 */
export function withMetrics<T extends WithFeedback<MonitorService>>(service: T, now: () => number = Date.now): T & MetricsSource {
  const compute = service.windowPerformance.bind(service);
  return Object.assign(service, {
    windowPerformance: async (options: WindowPerformanceOptions) => {
      const perf = await compute(options);
      service.metricsCache.recordPerformance(perf);
      return perf;
    },
    collectMetrics: (): MetricFamily[] => service.metricsCache.families(service.stats(), service.oldestBufferedAt(), now()),
  });
}
