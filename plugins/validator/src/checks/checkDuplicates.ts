import type { Json } from '@mlops/core';
import type { Column, Frame } from '@mlops/frame';
import { duplicateMask } from '@mlops/stats';
import { cellJson } from '../lib/cellJson';
import { messages } from '../messages';
import type { Example } from '../report/ReportEntry';
import type { CheckContext } from './CheckContext';

/** Rows to drop (1 = drop) under a `keep_*` policy, or undefined when nothing is dropped. */
export interface DuplicatesResult {
  drop?: Uint8Array;
  dropped: number;
}

// Wide rows are shown by their first columns only: an example should fit on a line.
const MAX_EXAMPLE_COLUMNS = 10;

/**
 * Whole-row duplicates (`duplicateRows`) and duplicates by key (`duplicateKeys`, on
 * `duplicates.keys`, else the schema's `key`), with pandas `duplicated` semantics. Policy `fail`
 * reports them (error by default); `keep_first` / `keep_last` marks every other occurrence for
 * dropping (warn by default) and the output frame leaves those rows out.
 */
export function checkDuplicates(ctx: CheckContext, frame: Frame): DuplicatesResult {
  const { policy, severity: inline } = ctx.schema.duplicates;
  const keep = policy === 'keep_last' ? 'last' : 'first';
  const severity = (check: 'duplicateRows' | 'duplicateKeys') => ctx.severity(check, { inline, fallback: policy === 'fail' ? 'error' : 'warn' });
  const action = policy === 'fail' ? '' : ` (${policy}: dropped)`;

  const rows = duplicateMask(frame, undefined, keep);
  const rowCount = count(rows);
  ctx.add({ check: 'duplicateRows', severity: severity('duplicateRows'), badCount: rowCount, examples: examples(ctx, frame, rows, frame.names.slice(0, MAX_EXAMPLE_COLUMNS)), message: messages.duplicateRows(rowCount, action) });

  const keyList = ctx.schema.duplicates.keys ?? (ctx.schema.key === undefined ? undefined : [ctx.schema.key].flat());
  let byKey: Uint8Array | undefined;
  if (keyList && keyList.every((k) => frame.has(k))) {
    byKey = duplicateMask(frame, keyList, keep);
    const keyCount = count(byKey);
    ctx.add({
      check: 'duplicateKeys',
      column: keyList.join(', '),
      severity: severity('duplicateKeys'),
      badCount: keyCount,
      examples: examples(ctx, frame, byKey, keyList),
      message: messages.duplicateKeys(keyList, keyCount, keyCount - rowCount, action),
      details: { keys: keyList, exactDuplicates: rowCount, conflicting: keyCount - rowCount },
    });
  }
  if (policy === 'fail') return { dropped: 0 };
  // A row equal to another is also equal on any key, so the key mask already holds the whole-row duplicates.
  const drop = byKey ?? rows;
  return { drop, dropped: count(drop) };
}

function sameCell(column: Column, a: number, b: number): boolean {
  const na = column.nulls?.[a] === 1, nb = column.nulls?.[b] === 1;
  if (na || nb) return na && nb;
  const x = column.data[a], y = column.data[b];
  return x === y || (x !== x && y !== y);
}

function count(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i];
  return n;
}

function examples(ctx: CheckContext, frame: Frame, mask: Uint8Array, columns: readonly string[]): Example[] {
  const out: Example[] = [];
  const cols = columns.map((name) => frame.column(name));
  // Raw comparison (codes, numbers, null flags) so finding the partner row allocates nothing.
  const same = (a: number, b: number) => cols.every((c) => sameCell(c, a, b));
  for (let row = 0; row < mask.length && out.length < ctx.maxExamples; row++) {
    if (!mask[row]) continue;
    let other = -1;
    for (let j = 0; j < mask.length && other < 0; j++) if (j !== row && !mask[j] && same(row, j)) other = j;
    const value: Record<string, Json> = {};
    columns.forEach((name, c) => (value[name] = ctx.redactor.redact(name, cellJson(cols[c], row))));
    out.push(other >= 0 ? { row, value, note: `duplicate of row ${other}` } : { row, value });
  }
  return out;
}
