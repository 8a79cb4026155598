import type { MetricFamily, MetricSample, MetricsSource } from '@mlops/core';

/** IPC message types: the primary asks a worker for its source's per-process families. */
export const sourceRequest = 'mlops-server:source-request';
export const sourceResponse = 'mlops-server:source-response';

/** A family as it crosses IPC (JSON): non-finite values as their names. */
export interface WireFamily extends Omit<MetricFamily, 'samples'> {
  samples: { labels?: Record<string, string>; value: number | string }[];
}

/**
 * In a cluster worker: answers the primary's requests with the source's per-process families (its
 * prediction log's counters and lag, say). Shared families are not sent: the primary has its own
 * copy of the source for them, so they appear once and are computed once.
 */
export function answerSourceRequests(source: MetricsSource): void {
  process.on('message', (msg: { type?: string; id?: number } | undefined) => {
    if (msg?.type !== sourceRequest) return;
    Promise.resolve()
      .then(() => source.collectMetrics({ perProcessOnly: true }))
      .then((families) => process.send!({ type: sourceResponse, id: msg.id, families: families.filter((f) => f.perProcess).map(toWire) }))
      .catch((err: Error) => process.send!({ type: sourceResponse, id: msg.id, error: err.message }));
  });
}

/**
 * In the cluster primary: its own source's families, with every per-process family combined over
 * the primary and the workers that answered (`workers`), series by series, by the family's rule.
 */
export function clusterSource(own: MetricsSource, workers: () => Promise<readonly WireFamily[][]>): MetricsSource {
  return {
    collectMetrics: async () => {
      const [mine, theirs] = await Promise.all([own.collectMetrics(), workers()]);
      return combineProcessFamilies(mine, theirs.map((families) => families.map(fromWire)));
    },
  };
}

/** `own`'s families in order; a `perProcess` family's series summed or maxed with the same series of `others`. */
export function combineProcessFamilies(own: readonly MetricFamily[], others: readonly (readonly MetricFamily[])[]): MetricFamily[] {
  const out: MetricFamily[] = [];
  const byName = new Map<string, Map<string, MetricSample>>();
  const add = (family: MetricFamily) => {
    let series = byName.get(family.name);
    if (!series) {
      series = new Map();
      byName.set(family.name, series);
      out.push({ ...family, samples: [] });
    }
    for (const sample of family.samples) {
      const key = seriesKey(sample.labels);
      const had = series.get(key);
      if (!had) series.set(key, sample);
      else series.set(key, { labels: sample.labels, value: family.perProcess === 'max' ? Math.max(had.value, sample.value) : had.value + sample.value });
    }
  };
  for (const family of own) {
    if (family.perProcess) add(family);
    else out.push(family);
  }
  for (const families of others) for (const family of families) if (family.perProcess && !out.some((f) => f.name === family.name && !f.perProcess)) add(family);
  return out.map((f) => (f.perProcess ? { ...f, samples: [...byName.get(f.name)!.values()] } : f));
}

function seriesKey(labels: Readonly<Record<string, string>> | undefined): string {
  return labels ? JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1))) : '';
}

function toWire(family: MetricFamily): WireFamily {
  return { ...family, samples: family.samples.map((s) => ({ labels: s.labels, value: Number.isFinite(s.value) ? s.value : String(s.value) })) };
}

function fromWire(family: WireFamily): MetricFamily {
  return { ...family, samples: family.samples.map((s) => ({ labels: s.labels, value: Number(s.value) })) };
}
