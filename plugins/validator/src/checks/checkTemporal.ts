import { messages } from '../messages';
import type { Example } from '../report/ReportEntry';
import type { CheckContext } from './CheckContext';
import type { TimeIndex } from './TimeIndex';

/**
 * Checks of the schema's `timestamp` column, per entity when `entity` is set:
 * - `temporalOrder`: a row earlier than the previous row of its entity (in row order);
 * - `temporalGap` (with `expectedFrequencyMs`): consecutive rows of an entity, in time order,
 *   further apart than expected; reports the count and the largest gap;
 * - `temporalDuplicate`: two rows of an entity with the same timestamp;
 * - `futureTimestamp`: a timestamp after `now`.
 * Missing timestamps are skipped (the missing-value checks count them).
 */
export function checkTemporal(ctx: CheckContext, index: TimeIndex): void {
  const name = ctx.schema.timestamp;
  const time = index.time;
  if (!name || !time) return;
  const scope = index.entity ? ` per ${ctx.schema.entity}` : '';
  checkOrder(ctx, name, time, index.entity, scope);
  if (ctx.schema.expectedFrequencyMs !== undefined) checkGaps(ctx, name, index, ctx.schema.expectedFrequencyMs, scope);
  checkDuplicates(ctx, name, index, scope);
  checkFuture(ctx, name, time);
}

function sameEntity(entity: Float64Array | undefined, a: number, b: number): boolean {
  return entity === undefined || entity[a] === entity[b];
}

function checkOrder(ctx: CheckContext, name: string, time: Float64Array, entity: Float64Array | undefined, scope: string): void {
  // Last row seen per entity; entity keys are codes or values, so the map holds one entry per entity.
  const last = new Map<number, number>();
  const examples: Example[] = [];
  let count = 0;
  for (let row = 0; row < time.length; row++) {
    const t = time[row];
    if (t !== t) continue;
    const key = entity ? entity[row] : 0;
    if (key !== key) continue;
    const previous = last.get(key);
    if (previous !== undefined && t < time[previous]) {
      count++;
      if (examples.length < ctx.maxExamples) examples.push(ctx.example(name, row, `earlier than row ${previous}`));
    }
    if (previous === undefined || t >= time[previous]) last.set(key, row);
  }
  ctx.add({ check: 'temporalOrder', column: name, severity: ctx.severity('temporalOrder'), badCount: count, examples, message: messages.temporalOrder(name, count, scope) });
}

function checkGaps(ctx: CheckContext, name: string, index: TimeIndex, expected: number, scope: string): void {
  const { order, entity } = index;
  const time = index.time as Float64Array;
  const examples: Example[] = [];
  let count = 0;
  let largest = 0;
  let largestAt = -1;
  for (let k = 1; k < order.length; k++) {
    const row = order[k], previous = order[k - 1];
    if (!sameEntity(entity, row, previous)) continue;
    const gap = time[row] - time[previous];
    if (!(gap > expected)) continue;
    count++;
    if (gap > largest) [largest, largestAt] = [gap, row];
    if (examples.length < ctx.maxExamples) examples.push(ctx.example(name, row, `${messages.duration(gap)} after row ${previous}`));
  }
  const details = { expectedFrequencyMs: expected, largestGapMs: count ? largest : null, largestGapRow: count ? largestAt : null };
  ctx.add({ check: 'temporalGap', column: name, severity: ctx.severity('temporalGap'), badCount: count, examples, message: messages.temporalGap(name, count, expected, largest, scope), details });
}

function checkDuplicates(ctx: CheckContext, name: string, index: TimeIndex, scope: string): void {
  const { order, entity } = index;
  const time = index.time as Float64Array;
  const examples: Example[] = [];
  let count = 0;
  for (let k = 1; k < order.length; k++) {
    const row = order[k], previous = order[k - 1];
    if (time[row] !== time[previous] || !sameEntity(entity, row, previous)) continue;
    count++;
    if (examples.length < ctx.maxExamples) examples.push(ctx.example(name, row, `same time as row ${previous}`));
  }
  ctx.add({ check: 'temporalDuplicate', column: name, severity: ctx.severity('temporalDuplicate'), badCount: count, examples, message: messages.temporalDuplicate(name, count, scope) });
}

function checkFuture(ctx: CheckContext, name: string, time: Float64Array): void {
  const examples: Example[] = [];
  let count = 0;
  for (let row = 0; row < time.length; row++) {
    if (!(time[row] > ctx.now)) continue;
    count++;
    if (examples.length < ctx.maxExamples) examples.push(ctx.example(name, row));
  }
  ctx.add({ check: 'futureTimestamp', column: name, severity: ctx.severity('futureTimestamp'), badCount: count, examples, message: messages.futureTimestamp(name, count, ctx.now), details: { now: new Date(ctx.now).toISOString() } });
}
