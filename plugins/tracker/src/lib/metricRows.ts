import { TrackerError, trackerErrorCodes } from '../errors';
import { trackerMessages } from '../messages';
import { compare } from './paramRows';

/** A metric point as the caller logs it. */
export interface MetricInput {
  key: string;
  value: number;
  step?: number;
  timestamp?: number;
}

/** A point as stored: NaN becomes NULL (SQLite cannot store NaN; Postgres does the same for consistency). */
export interface MetricRow {
  run_id: string;
  key: string;
  value: number | null;
  step: number;
  timestamp: number;
}

/** Validates points and fills in `step` 0 and `timestamp` now. ±Infinity are kept as they are. */
export function metricRows(runId: string, points: readonly MetricInput[], now: number): MetricRow[] {
  if (!Array.isArray(points)) throw new TrackerError(trackerErrorCodes.input, trackerMessages.badField(`run ${runId}: metrics`, 'an array of { key, value, step?, timestamp? }', points));
  return points.map((p, i) => {
    const bad = (reason: string) => new TrackerError(trackerErrorCodes.input, trackerMessages.badMetric(runId, i, reason));
    if (typeof p !== 'object' || p === null) throw bad(`expected { key, value, step?, timestamp? }, received ${JSON.stringify(p)}`);
    if (typeof p.key !== 'string' || p.key === '') throw bad(`key: expected a non-empty string, received ${JSON.stringify(p.key)}`);
    if (typeof p.value !== 'number') throw bad(`"${p.key}" value: expected a number, received ${JSON.stringify(p.value)}`);
    const step = p.step ?? 0;
    const timestamp = p.timestamp ?? now;
    if (typeof step !== 'number' || !Number.isFinite(step)) throw bad(`"${p.key}" step: expected a finite number, received ${String(step)}`);
    if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) throw bad(`"${p.key}" timestamp: expected epoch milliseconds, received ${String(timestamp)}`);
    return { run_id: runId, key: p.key, value: Number.isNaN(p.value) ? null : p.value, step, timestamp };
  });
}

/** True when `a` supersedes `b` as the latest value: higher step, then later (or equal) timestamp. */
export function isLater(a: MetricRow, b: MetricRow): boolean {
  return a.step > b.step || (a.step === b.step && a.timestamp >= b.timestamp);
}

/**
 * The latest point of each key in one batch (the batch's last one wins a tie, as a re-log would),
 * sorted by key: every writer upserts in the same order, so Postgres row locks cannot deadlock.
 */
export function latestPerKey(rows: readonly MetricRow[]): MetricRow[] {
  const latest = new Map<string, MetricRow>();
  for (const row of rows) {
    const seen = latest.get(row.key);
    if (!seen || isLater(row, seen)) latest.set(row.key, row);
  }
  return [...latest.values()].sort((a, b) => compare(a.key, b.key));
}

/** Per key of one batch: its min and max (NaN points, stored as NULL, left out) and its point count. */
export function summariesPerKey(rows: readonly MetricRow[]): { run_id: string; key: string; min_value: number | null; max_value: number | null; points: number }[] {
  const byKey = new Map<string, { run_id: string; key: string; min_value: number | null; max_value: number | null; points: number }>();
  for (const r of rows) {
    let s = byKey.get(r.key);
    if (!s) byKey.set(r.key, (s = { run_id: r.run_id, key: r.key, min_value: null, max_value: null, points: 0 }));
    s.points++;
    if (r.value === null) continue;
    if (s.min_value === null || r.value < s.min_value) s.min_value = r.value;
    if (s.max_value === null || r.value > s.max_value) s.max_value = r.value;
  }
  return [...byKey.values()];
}
