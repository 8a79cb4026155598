import type { WithFeedback } from '../feedback/withFeedback';
import { windowDrift } from '../drift/windowDrift';
import type { MonitorService } from '../MonitorService';
import type { MonitorOptions } from '../options';

/**
 * Drift of the latest window for every served version, into `service.metricsCache`, without
 * running alert rules: what a scraped process (`mlops serve`, where `mlops monitor` does not run)
 * shows on /metrics. Same window, version filter, `minRows` and drift options as `evaluate`;
 * versions it cannot judge (no version, too few rows, no reference) are left out. The window's
 * performance is computed too (recorded by the metrics wrapper of the performance reader).
 */
export async function refreshDrift(service: WithFeedback<MonitorService>, options: MonitorOptions, now: number): Promise<void> {
  const window = { since: now - options.windowMs, until: now };
  for (const served of await service.windows.servedVersions(window)) {
    if (options.models && !options.models.includes(served.model)) continue;
    if (served.version === null || served.rows < options.minRows) continue;
    const reference = await service.references.load(served.model, served.version);
    if ('missing' in reference) continue;
    const current = await service.windows.window(served.model, served.version, window, now);
    const drift = windowDrift(reference.profile, current, options.drift);
    // Realized and CBPE-estimated performance of the same window: the reader records it for /metrics.
    // Drift is recorded after it, so a scrape shows a window's drift and performance together.
    try {
      await service.performances?.of(reference.version, window);
    } finally {
      service.metricsCache.recordDrift(served.model, served.version, served.rows, drift, now);
    }
  }
}
