import { boolColumn, categoryColumn, float64Column, int32Column, type Column } from '@mlops/frame';
import type { ViewRead } from '../definitions/serviceColumns';
import { timeValue } from '../lib/cells';
import { asOfLookup } from './StagedIndex';
import { entityKeyCodes, type StagedView } from './StagedView';

/**
 * The point-in-time join of one view on its staged copy. Each entity row's key becomes the staged
 * key code; the staged (key, time) index gives per row the staged row with the same code and the
 * newest time `<= t` (the staged table has no ties left), and the TTL bound `ts >= t - ttl` drops
 * older ones, as in the SQL engine. The index search is DuckDB's ASOF JOIN without its per-call
 * sort of both sides: the staged side was sorted once by DuckDB at staging, and the entity side
 * needs no order for a binary search. Feature values are then gathered from the staged typed
 * columns (late materialization), so no value is boxed. Rows without a match stay null.
 */
export function duckAsOfJoin(staged: StagedView, read: ViewRead, keyCols: readonly Column[], tsCol: Column): Map<string, Column> {
  const n = tsCol.length;
  const codes = entityKeyCodes(staged, keyCols, n);
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) times[i] = codes[i]! < 0 ? NaN : (timeValue(tsCol, i) ?? NaN);
  const matchedRow = asOfLookup(staged.index, codes, times, read.view.ttlMs === null ? null : Number(read.view.ttlMs));
  return new Map(read.features.map((f) => [f, gather(staged, f, matchedRow)]));
}

/** Feature `name` of the picked source row of each entity row (-1: none, null). One loop per type keeps each monomorphic. */
function gather(staged: StagedView, name: string, picked: Int32Array): Column {
  const source = staged.columns.buffer(name);
  const n = picked.length;
  const nulls = new Uint8Array(n);
  const from = source.nulls;
  if (source.data instanceof Float64Array) {
    const values = source.data;
    const data = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const row = picked[i]!;
      if (row < 0 || from[row] === 1) nulls[i] = 1;
      else data[i] = values[row]!;
    }
    return float64Column(data, nulls);
  }
  const values = source.data;
  const data = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = picked[i]!;
    if (row < 0 || from[row] === 1) ((nulls[i] = 1), (data[i] = -1));
    else data[i] = values[row]!;
  }
  switch (source.type) {
    case 'int':
      return int32Column(data, nulls);
    case 'bool': {
      const bytes = new Uint8Array(n);
      for (let i = 0; i < n; i++) bytes[i] = nulls[i] ? 0 : data[i]!;
      return boolColumn(bytes, nulls);
    }
    default:
      return categoryColumn(data, source.dictionary, nulls);
  }
}
