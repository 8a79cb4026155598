import type { Column } from '@mlops/frame';
import { messages } from '../messages';
import type { Example, FittedFill } from '../report/ReportEntry';
import type { CheckContext } from './CheckContext';
import { ffillColumn } from './ffillColumn';
import { fitFill } from './fitFill';
import { missingMask } from './missingMask';
import type { TimeIndex } from './TimeIndex';
import { withFilled } from './withFilled';

/** The column after its fill, and the fitted fill to reuse at serving time. */
export interface MissingResult {
  column: Column;
  fill?: FittedFill;
}

/**
 * Counts the missing values of a column and applies its `missing` strategy: `fail` reports them
 * (error by default); `mean`/`median`/`mode`/`constant` fit a value on the present rows and write
 * it (warn by default: the data was repaired); `ffill` fills from the previous row of the same
 * entity in time order. Without a strategy the count is reported; `nullable` decides whether
 * nulls are allowed (see `checkNullable`).
 */
export function checkMissing(ctx: CheckContext, name: string, column: Column, timeIndex: () => TimeIndex): MissingResult {
  const spec = ctx.schema.columns[name].missing;
  const { mask, count } = missingMask(column);
  const examples = missingExamples(ctx, name, mask);
  if (!spec) {
    if (count > 0) ctx.add({ check: 'missing', column: name, severity: ctx.severity('missing', { column: name, fallback: 'warn' }), status: 'pass', badCount: count, examples, message: messages.missingNoStrategy(name, count) });
    return { column };
  }
  const severity = (fallback: 'error' | 'warn') => ctx.severity('missing', { column: name, inline: spec.severity, fallback });
  if (count === 0 && spec.strategy !== 'ffill' && spec.strategy !== 'fail') {
    // Still fit the value: serving needs it even when training data had no gaps.
    const fit = fitFill(column, mask, spec.strategy, spec.value);
    ctx.add({ check: 'missing', column: name, severity: severity('warn'), badCount: 0, message: messages.missingNone(name), details: fit ? { fill: fit.fill } : undefined });
    return { column, fill: fit?.fill };
  }
  if (spec.strategy === 'fail') {
    ctx.add({ check: 'missing', column: name, severity: severity('error'), badCount: count, examples, message: count ? messages.missingFail(name, count) : messages.missingNone(name) });
    return { column };
  }
  if (spec.strategy === 'ffill') {
    const index = timeIndex();
    const result = ffillColumn(column, mask, index.order, index.entity);
    const remaining = count - result.filled;
    const fill: FittedFill = { strategy: 'ffill', dtype: column.dtype, value: null };
    ctx.add({ check: 'missing', column: name, severity: severity('warn'), badCount: count, examples, message: messages.missingFfilled(name, count, result.filled, remaining, index.by), details: { filled: result.filled, remaining, fill: fill } });
    return { column: result.column, fill };
  }
  const fit = fitFill(column, mask, spec.strategy, spec.value);
  if (!fit) {
    ctx.add({ check: 'missing', column: name, severity: severity('error'), status: 'fail', badCount: count, examples, message: messages.missingUnfittable(name, spec.strategy) });
    return { column };
  }
  const rows = rowsOf(mask, count);
  const filled = withFilled(fit.column, rows, undefined, fit.raw);
  ctx.add({ check: 'missing', column: name, severity: severity('warn'), badCount: count, examples, message: messages.missingFilled(name, count, fit.fill), details: { filled: count, remaining: 0, fill: fit.fill } });
  return { column: filled, fill: fit.fill };
}

function rowsOf(mask: Uint8Array, count: number): Int32Array {
  const rows = new Int32Array(count);
  for (let i = 0, j = 0; i < mask.length; i++) if (mask[i]) rows[j++] = i;
  return rows;
}

function missingExamples(ctx: CheckContext, name: string, mask: Uint8Array): Example[] {
  const out: Example[] = [];
  for (let i = 0; i < mask.length && out.length < ctx.maxExamples; i++) if (mask[i]) out.push(ctx.example(name, i));
  return out;
}
