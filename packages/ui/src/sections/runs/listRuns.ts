import type { MetricSummary, Tracker, TrackedRun } from '@mlops/core';
import { badParam } from '../../errors';
import { intParam, listParam } from '../../http/queryParams';
import type { UiRequest } from '../../UiSection';
import { aggregateCurve, lowerIsBetter, parseMetricColumn, type MetricColumn } from './metricColumns';

/** One row of the runs table: the run's own fields and the requested metric columns. */
export interface RunRow {
  id: string;
  name: string | null;
  experiment: string;
  status: string;
  parentId: string | null;
  startedAt: number;
  endedAt: number | null;
  /** By column id (`key:aggregate`); null when the run lacks the metric. */
  columns: Record<string, number | null>;
}

const maxColumns = 12;

/**
 * `GET /api/runs?filter=&sort=&limit=&offset=&metrics=&experiment=&top=1`: one page of the tracker's
 * search (filter and sort are the tracker's languages, checked by it). Columns other than `last`
 * summarise the curves of the page's runs only, never of every match, so a page costs the same at
 * 10 runs or 100,000.
 */
export async function listRuns(tracker: Tracker, req: UiRequest): Promise<{ total: number; offset: number; limit: number; runs: RunRow[]; columns: string[]; metricKeys: string[] }> {
  const limit = intParam(req.query, 'limit', 50, 1, 500);
  const offset = intParam(req.query, 'offset', 0, 0, 1e9);
  const columns = listParam(req.query, 'metrics').map((c) => parseMetricColumn(c));
  if (columns.length > maxColumns) throw badParam('metrics', `at most ${maxColumns} metric columns`, `${columns.length}`);
  const top = req.query.get('top');
  if (top !== null && top !== '0' && top !== '1') throw badParam('top', '1 (top-level runs only) or 0', top);
  const { runs, total } = await tracker.searchRuns({
    filter: req.query.get('filter') || undefined,
    orderBy: req.query.get('sort') || undefined,
    experiment: req.query.get('experiment') || undefined,
    ...(top === '1' ? { parentId: null } : {}),
    limit,
    offset,
  });
  const curveKeys = [...new Set(columns.filter((c) => c.aggregate !== 'last').map((c) => c.key))];
  const summaries = curveKeys.length ? await summarise(tracker, runs, curveKeys) : {};
  const rows = runs.map((run) => toRow(run, columns, summaries[run.id] ?? {}));
  const metricKeys = [...new Set(runs.flatMap((r) => Object.keys(r.metrics)))].sort();
  return { total, offset, limit, runs: rows, columns: columns.map((c) => c.id), metricKeys };
}

/** Min and max of the page's curves: one query with `metricSummaries`, else one `metricHistory` per run and key. */
async function summarise(tracker: Tracker, runs: TrackedRun[], keys: string[]): Promise<Record<string, Record<string, MetricSummary>>> {
  if (tracker.metricSummaries) return tracker.metricSummaries(runs.map((r) => r.id), keys);
  const out: Record<string, Record<string, MetricSummary>> = {};
  for (const run of runs) {
    for (const key of keys.filter((k) => k in run.metrics)) {
      const points = await tracker.metricHistory(run.id, key);
      (out[run.id] ??= {})[key] = { min: aggregateCurve(points, 'min', key), max: aggregateCurve(points, 'max', key), points: points.length };
    }
  }
  return out;
}

function toRow(run: TrackedRun, columns: MetricColumn[], summaries: Record<string, MetricSummary>): RunRow {
  const values: Record<string, number | null> = {};
  for (const c of columns) {
    const latest = run.metrics[c.key];
    const summary = summaries[c.key];
    if (c.aggregate === 'last') values[c.id] = latest === undefined || Number.isNaN(latest) ? null : latest;
    else if (!summary) values[c.id] = null;
    else values[c.id] = c.aggregate === 'min' || (c.aggregate === 'best' && lowerIsBetter(c.key)) ? summary.min : summary.max;
  }
  return { id: run.id, name: run.name, experiment: run.experiment, status: run.status, parentId: run.parentId, startedAt: run.startedAt, endedAt: run.endedAt, columns: values };
}
