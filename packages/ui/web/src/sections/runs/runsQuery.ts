/** The runs table's state, kept in the page's URL so that links and the back button work. */
export interface RunsQuery {
  filter: string;
  sort: string;
  offset: number;
  limit: number;
  /** Metric columns, `key:aggregate`. */
  metrics: string[];
}

export const aggregates = ['last', 'min', 'max', 'best'] as const;

export function readRunsQuery(q: URLSearchParams): RunsQuery {
  return {
    filter: q.get('filter') ?? '',
    sort: q.get('sort') ?? '',
    offset: Math.max(0, Number(q.get('offset') ?? 0) || 0),
    limit: Number(q.get('limit') ?? 50) || 50,
    metrics: (q.get('metrics') ?? '').split(',').filter(Boolean),
  };
}

export function runsQueryParams(q: RunsQuery): Record<string, string | number | undefined> {
  return { filter: q.filter || undefined, sort: q.sort || undefined, offset: q.offset || undefined, limit: q.limit === 50 ? undefined : q.limit, metrics: q.metrics.join(',') || undefined };
}

/** The column's sort field and the next sort text when its header is clicked (desc first for metrics). */
export function nextSort(current: string, field: string, firstDirection: 'asc' | 'desc'): string {
  const m = /^(\S+)\s*(asc|desc)?$/i.exec(current.trim());
  if (m && m[1] === field) return `${field} ${(m[2] ?? 'asc').toLowerCase() === 'desc' ? 'asc' : 'desc'}`;
  return `${field} ${firstDirection}`;
}

/** `desc`, `asc` or undefined when the table is not sorted by `field`. */
export function sortDirection(current: string, field: string): 'asc' | 'desc' | undefined {
  const m = /^(\S+)\s*(asc|desc)?$/i.exec(current.trim());
  return m && m[1] === field ? ((m[2] ?? 'asc').toLowerCase() as 'asc' | 'desc') : undefined;
}

/** Splits `key:agg` the way the server does. */
export function splitColumn(id: string): { key: string; aggregate: string } {
  const cut = id.lastIndexOf(':');
  const tail = id.slice(cut + 1);
  return cut >= 0 && (aggregates as readonly string[]).includes(tail) ? { key: id.slice(0, cut), aggregate: tail } : { key: id, aggregate: 'last' };
}

/** Lower is better for losses and errors (the server's rule for `best`). */
export const lowerIsBetter = (key: string): boolean => /(loss|error|err\b|rmse|mse|mae|mape|perplexity|brier)/i.test(key);

/** The tracker's sort field of a metric column: the latest value, or `min(…)`/`max(…)` over the curve. */
export function columnSortField(key: string, aggregate: string): string {
  const fn = aggregate === 'best' ? (lowerIsBetter(key) ? 'min' : 'max') : aggregate;
  return fn === 'min' || fn === 'max' ? `${fn}(metrics.${key})` : `metrics.${key}`;
}
