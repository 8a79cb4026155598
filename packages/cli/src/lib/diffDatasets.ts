import type { Frame } from '@mlops/frame';
import type { ColumnSummary } from '@mlops/stats';

/** One column compared across two dataset versions. */
export interface ColumnDiff {
  column: string;
  /** `added`/`removed`: in one version only; `retyped`: dtypes differ; else `same`/`changed` by the summaries. */
  status: 'same' | 'changed' | 'added' | 'removed' | 'retyped';
  dtype: { a: string | null; b: string | null };
  /** Statistic by statistic, for the figures that differ (all of them with `all`). */
  stats: { stat: string; a: number | string | null; b: number | string | null }[];
}

/** What `mlops data diff A B` reports. */
export interface DatasetDiff {
  a: string;
  b: string;
  sameContent: boolean;
  rows: { a: number; b: number };
  columns: ColumnDiff[];
}

/** The figures compared per kind of column (distribution summaries of @mlops/stats). */
function figures(s: ColumnSummary, rows: number): Record<string, number | string | null> {
  const base = { nullRate: round(s.nullRate) };
  switch (s.kind) {
    case 'numeric':
      return { ...base, mean: round(s.mean), std: round(s.std), min: s.min, p25: round(s.quantiles.p25), p50: round(s.quantiles.p50), p75: round(s.quantiles.p75), max: s.max };
    case 'categorical':
      return { ...base, distinct: s.distinct, top: s.frequencies.slice(0, 3).map((f) => `${f.value}:${rows ? round(f.count / rows) : 0}`).join(' ') };
    case 'bool':
      return { ...base, trueRate: s.count ? round(s.trueCount / s.count) : null };
    case 'timestamp':
      return { ...base, min: s.min === null ? null : new Date(s.min).toISOString(), max: s.max === null ? null : new Date(s.max).toISOString() };
  }
}

function round(x: number | null): number | null {
  return x === null ? null : Number(x.toPrecision(6));
}

/**
 * Compares two frames column by column: schema (added, removed, retyped columns), row counts, and
 * each shared column's distribution summary (null rate; mean, std, quantiles, range; distinct values
 * and top frequencies; true rate; time range), figures rounded to 6 significant digits.
 */
export async function diffDatasets(a: { ref: string; frame: Frame; digest: string }, b: { ref: string; frame: Frame; digest: string }): Promise<DatasetDiff> {
  const { summarize } = await import('@mlops/stats');
  const names = [...a.frame.names, ...b.frame.names.filter((n) => !a.frame.has(n))];
  const columns = names.map((column): ColumnDiff => {
    const ca = a.frame.has(column) ? a.frame.column(column) : undefined;
    const cb = b.frame.has(column) ? b.frame.column(column) : undefined;
    const dtype = { a: ca?.dtype ?? null, b: cb?.dtype ?? null };
    if (!ca || !cb) return { column, status: ca ? 'removed' : 'added', dtype, stats: [] };
    const fa = figures(summarize(ca), a.frame.rowCount);
    const fb = figures(summarize(cb), b.frame.rowCount);
    const stats = Object.keys({ ...fa, ...fb }).map((stat) => ({ stat, a: fa[stat] ?? null, b: fb[stat] ?? null }));
    const changed = stats.some((s) => s.a !== s.b);
    return { column, status: ca.dtype !== cb.dtype ? 'retyped' : changed ? 'changed' : 'same', dtype, stats };
  });
  return { a: a.ref, b: b.ref, sameContent: a.digest === b.digest, rows: { a: a.frame.rowCount, b: b.frame.rowCount }, columns };
}
