import { Frame, type CategoryColumn, type Column } from '@mlops/frame';
import { duplicateMask } from '@mlops/stats';
import { messages } from '../messages';
import type { Example } from '../report/ReportEntry';
import { toMs } from '../schema/datasetSchema';
import type { CheckContext } from './CheckContext';
import { missingMask } from './missingMask';

/**
 * The declarative constraints of one column: `range`, `allowed` and `unique` on the values as
 * given (nulls are not judged here), and `nullable` on the column after fills, so a filled null
 * is no longer a violation but one a fill could not reach is.
 */
export function checkConstraints(ctx: CheckContext, name: string, given: Column, repaired: Column): void {
  const spec = ctx.schema.columns[name];
  const givenMissing = missingMask(given).mask;
  if (spec.range) checkRange(ctx, name, given, givenMissing, spec.range);
  if (spec.allowed && given.dtype === 'category') checkAllowed(ctx, name, given, Array.isArray(spec.allowed) ? { values: spec.allowed } : spec.allowed);
  if (spec.unique) checkUnique(ctx, name, given, givenMissing, spec.unique === true ? undefined : spec.unique.severity);
  if (!spec.nullable) {
    const { mask, count } = missingMask(repaired);
    ctx.add({ check: 'nullable', column: name, severity: ctx.severity('nullable', { column: name }), badCount: count, examples: flagged(ctx, name, mask), message: messages.nullable(name, count) });
  }
}

function flagged(ctx: CheckContext, name: string, mask: Uint8Array, note?: (row: number) => string | undefined): Example[] {
  const out: Example[] = [];
  for (let i = 0; i < mask.length && out.length < ctx.maxExamples; i++) if (mask[i]) out.push(ctx.example(name, i, note?.(i)));
  return out;
}

function checkRange(ctx: CheckContext, name: string, column: Column, missing: Uint8Array, range: { min?: number | string; max?: number | string; severity?: 'error' | 'warn' }): void {
  const min = toMs(range.min) ?? -Infinity;
  const max = toMs(range.max) ?? Infinity;
  const bad = new Uint8Array(column.length);
  let count = 0;
  for (let i = 0; i < column.length; i++) {
    const v = column.data[i];
    if (missing[i] === 0 && (v < min || v > max)) {
      bad[i] = 1;
      count++;
    }
  }
  const severity = ctx.severity('range', { column: name, inline: range.severity });
  const details = { min: range.min ?? null, max: range.max ?? null };
  ctx.add({ check: 'range', column: name, severity, badCount: count, examples: flagged(ctx, name, bad), message: messages.range(name, count, range.min, range.max), details });
}

function checkAllowed(ctx: CheckContext, name: string, column: CategoryColumn, allowed: { values: string[]; severity?: 'error' | 'warn' }): void {
  const set = new Set(allowed.values);
  const ok = Uint8Array.from(column.dictionary, (v) => (set.has(v) ? 1 : 0));
  const bad = new Uint8Array(column.length);
  let count = 0;
  for (let i = 0; i < column.length; i++) {
    const code = column.data[i];
    if (code >= 0 && ok[code] === 0) {
      bad[i] = 1;
      count++;
    }
  }
  const severity = ctx.severity('allowed', { column: name, inline: allowed.severity });
  ctx.add({ check: 'allowed', column: name, severity, badCount: count, examples: flagged(ctx, name, bad), message: messages.allowed(name, count, allowed.values) });
}

function checkUnique(ctx: CheckContext, name: string, column: Column, missing: Uint8Array, inline?: 'error' | 'warn'): void {
  const repeats = duplicateMask(Frame.fromColumns({ [name]: column }), [name], 'first');
  let count = 0;
  for (let i = 0; i < repeats.length; i++) {
    if (missing[i]) repeats[i] = 0;
    count += repeats[i];
  }
  const firstOf = (row: number) => {
    for (let j = 0; j < row; j++) if (missing[j] === 0 && column.data[j] === column.data[row]) return `repeats row ${j}`;
    return undefined;
  };
  const severity = ctx.severity('unique', { column: name, inline });
  ctx.add({ check: 'unique', column: name, severity, badCount: count, examples: flagged(ctx, name, repeats, firstOf), message: messages.unique(name, count) });
}
