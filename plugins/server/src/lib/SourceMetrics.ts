import { renderMetricFamilies, type Logger, type MetricFamily, type MetricsSource } from '@mlops/core';
import type { ServerMetrics } from './ServerMetrics';

/**
 * One plugin's metrics on `/metrics`, within a time budget: each scrape starts a collection (unless
 * one is still running, which it then waits for instead of piling up another), waits at most
 * `budgetMs`, and renders the newest values it has. A source that is slow or throws costs its own
 * freshness only: the server's metrics and the previous values are still served, and counted.
 */
export class SourceMetrics {
  private last: readonly MetricFamily[] = [];
  private running: Promise<void> | undefined;
  private failures = 0;
  private readonly reported = new Set<string>();

  constructor(
    private readonly name: string,
    private readonly source: MetricsSource,
    private readonly budgetMs: number,
    private readonly metrics: ServerMetrics,
    private readonly logger: Logger,
  ) {}

  /** The source's families as exposition text, leaving out any whose name is in `taken`. */
  async text(taken: ReadonlySet<string>): Promise<string> {
    this.running ??= this.collect().finally(() => (this.running = undefined));
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([this.running.then(() => true), new Promise<false>((ok) => (timer = setTimeout(() => ok(false), this.budgetMs)))]);
    clearTimeout(timer);
    if (!inTime) this.metrics.sourceTimeouts.inc({ source: this.name });
    const { text, rejected } = renderMetricFamilies(this.last, taken);
    if (rejected.length) this.metrics.sourceRejected.inc({ source: this.name }, rejected.length);
    for (const r of rejected) {
      // Once per family: the same bad family comes back on every scrape.
      if (this.reported.has(r.name)) continue;
      this.reported.add(r.name);
      this.logger.warn(`/metrics: left out metric ${JSON.stringify(r.name)} of ${this.name}: ${r.reason}`);
    }
    return text;
  }

  private async collect(): Promise<void> {
    try {
      const families = await this.source.collectMetrics();
      if (!Array.isArray(families)) throw new Error(`collectMetrics() returned ${typeof families}, expected an array of metric families`);
      this.last = families;
    } catch (error) {
      this.metrics.sourceErrors.inc({ source: this.name });
      const n = ++this.failures;
      if (Number.isInteger(Math.log10(n))) this.logger.warn(`/metrics: collecting ${this.name}'s metrics failed (${n} time${n === 1 ? '' : 's'} so far; serving its previous values): ${(error as Error).message}`);
    }
  }
}

/** Names the server's registry already renders, including a histogram's and summary's `_bucket`/`_sum`/`_count` series. */
export function exportedNames(names: readonly string[]): Set<string> {
  return new Set(names.flatMap((n) => [n, `${n}_bucket`, `${n}_sum`, `${n}_count`]));
}

/** The metric names declared in exposition text (its `# TYPE name type` lines). */
export function declaredNames(text: string): string[] {
  return Array.from(text.matchAll(/^# TYPE (\S+) /gm), (m) => m[1]!);
}
