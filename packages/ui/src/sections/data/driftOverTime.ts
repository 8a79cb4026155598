import type { DriftReportData } from '@mlops/report';
import { badParam } from '../../errors';
import { intParam } from '../../http/queryParams';
import type { UiRequest, UiServices } from '../../UiSection';

/** One time bucket: the monitor's drift report of that window (features with both histograms, performance, alerts). */
export interface DriftBucket {
  since: number;
  until: number;
  report: DriftReportData;
}

/** Ranges the page offers; `since`/`until` (epoch ms) give any other. */
export const driftRanges: Record<string, number> = { '1h': 3_600_000, '6h': 6 * 3_600_000, '24h': 24 * 3_600_000, '7d': 7 * 24 * 3_600_000 };

/**
 * `GET /api/data/drift?model=REF&range=6h&buckets=12` (or `since`, `until`): the range cut into equal
 * windows, each judged by the monitor against the version's reference profile (core's
 * `Monitor.driftReport`, which merges the stored interval profiles), so the page can draw each
 * feature's drift statistic and the estimated and realized performance over time.
 */
export async function driftOverTime(services: UiServices, req: UiRequest, now = Date.now()): Promise<{ model: string; since: number; until: number; buckets: DriftBucket[] }> {
  const model = req.query.get('model');
  if (!model) throw badParam('model', 'a model name (NAME, NAME@ALIAS or NAME:VERSION)', model ?? undefined);
  const { since, until } = rangeOf(req.query, now);
  const count = intParam(req.query, 'buckets', 12, 1, 48);
  const width = (until - since) / count;
  const buckets: DriftBucket[] = [];
  // One after the other: each reads the log and may store interval profiles (SQLite has one writer).
  for (let i = 0; i < count; i++) {
    const window = { since: Math.round(since + i * width), until: i === count - 1 ? until : Math.round(since + (i + 1) * width) };
    buckets.push({ ...window, report: (await services.monitor!.driftReport(model, window)) as unknown as DriftReportData });
  }
  return { model, since, until, buckets };
}

function rangeOf(query: URLSearchParams, now: number): { since: number; until: number } {
  const time = (name: string) => {
    const raw = query.get(name);
    if (raw === null || raw === '') return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw badParam(name, 'epoch milliseconds', raw);
    return n;
  };
  const until = time('until') ?? now;
  let since = time('since');
  if (since === undefined) {
    const range = query.get('range') || '24h';
    const length = driftRanges[range];
    if (length === undefined) throw badParam('range', `one of ${Object.keys(driftRanges).join(', ')}`, range);
    since = until - length;
  }
  if (since >= until) throw badParam('since', `a time before until (${until})`, String(since));
  return { since, until };
}
