import type { MetricPoint } from '@mlops/core';
import { badParam } from '../../errors';

/** How a metric column summarises a run's curve. */
export type MetricAggregate = 'last' | 'min' | 'max' | 'best';
const aggregates: readonly MetricAggregate[] = ['last', 'min', 'max', 'best'];

/** A metric column of the runs table: `train.rocAuc:last`, `train.valid_logloss:min`. */
export interface MetricColumn {
  key: string;
  aggregate: MetricAggregate;
  /** `key:aggregate`, the column's id in requests and responses. */
  id: string;
}

/**
 * Parses `KEY[:AGG]`. Metric keys may themselves contain `:`, so only a last segment that names an
 * aggregate is taken as one; otherwise the whole text is the key and the aggregate is `last`.
 */
export function parseMetricColumn(text: string, param = 'metrics'): MetricColumn {
  const cut = text.lastIndexOf(':');
  const tail = cut >= 0 ? text.slice(cut + 1) : '';
  const aggregate = (aggregates as readonly string[]).includes(tail) ? (tail as MetricAggregate) : 'last';
  const key = aggregate === 'last' && tail !== 'last' ? text : text.slice(0, cut);
  if (!/^[A-Za-z0-9_.\-/:]+$/.test(key)) throw badParam(param, 'metric keys of letters, digits and _ . - / : with an optional :last, :min, :max or :best', text);
  return { key, aggregate, id: `${key}:${aggregate}` };
}

/**
 * Whether lower is better for a metric, guessed from its name (losses and errors), which is what
 * `best` means: the minimum of a loss, the maximum of anything else.
 */
export function lowerIsBetter(key: string): boolean {
  return /(loss|error|err\b|rmse|mse|mae|mape|perplexity|brier)/i.test(key);
}

/** The column's value over a curve; `last` is the tracker's latest value, given separately. */
export function aggregateCurve(points: readonly MetricPoint[], aggregate: Exclude<MetricAggregate, 'last'>, key: string): number | null {
  let min = Infinity;
  let max = -Infinity;
  for (const p of points) {
    if (Number.isNaN(p.value)) continue;
    if (p.value < min) min = p.value;
    if (p.value > max) max = p.value;
  }
  if (min === Infinity) return null;
  const useMin = aggregate === 'min' || (aggregate === 'best' && lowerIsBetter(key));
  return useMin ? min : max;
}
