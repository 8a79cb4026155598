import type { DuckDBConnection, DuckDBVector } from '@duckdb/node-api';
import { boolColumn, categoryColumn, float64Column, int32Column, type Column } from '@mlops/frame';
import type { ViewRead } from '../definitions/serviceColumns';
import { timeValue } from '../lib/cells';
import { quote } from '../lib/SqlTarget';
import { appendColumns } from './appendColumns';
import type { DuckDbApi } from './loadDuckDb';
import { entityKeyCodes, type StagedView } from './StagedView';

/**
 * The point-in-time join of one view in DuckDB. Entity rows whose key the source has are appended
 * as (row index, key code, time); one ASOF JOIN picks per row the staged row with the same code and
 * the newest time `<= t` (the staged table has no ties left) and the TTL bound `ts >= t - ttl`
 * drops older ones, as in the SQL engine. DuckDB returns only (row index, source row): the feature
 * values are then gathered from the staged typed columns (late materialization), so no feature
 * payload goes through DuckDB's sort and no value is boxed. Rows without a match stay null.
 */
export async function duckAsOfJoin(conn: DuckDBConnection, api: DuckDbApi, staged: StagedView, read: ViewRead, keyCols: readonly Column[], tsCol: Column, entityTable: string): Promise<Map<string, Column>> {
  const n = tsCol.length;
  const codes = entityKeyCodes(staged, keyCols, n);
  // Only rows that can match go in: a known key and a time.
  const index = new Int32Array(n);
  const keys = new Int32Array(n);
  const times = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (codes[i]! < 0) continue;
    const ts = timeValue(tsCol, i);
    if (ts === null) continue;
    index[m] = i;
    keys[m] = codes[i]!;
    times[m++] = ts;
  }
  const matchedRow = new Int32Array(n).fill(-1);
  await conn.run(`create or replace table ${quote(entityTable)} ("_i" integer, "k" integer, "_ts" double)`);
  try {
    const columns = [
      { kind: 'integer', data: index },
      { kind: 'integer', data: keys },
      { kind: 'double', data: times },
    ] as const;
    await appendColumns(conn, api, entityTable, columns, m);
    const ttl = read.view.ttlMs === null ? '' : ` where s."_ts" >= e."_ts" - ${Number(read.view.ttlMs)}`;
    const result = await conn.stream(`select e."_i", s."_row" from ${quote(entityTable)} e asof join ${quote(staged.table)} s on e."k" = s."k" and e."_ts" >= s."_ts"${ttl}`);
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const rows = intItems(chunk.getColumnVector(0), chunk.rowCount);
      const picked = intItems(chunk.getColumnVector(1), chunk.rowCount);
      for (let r = 0; r < chunk.rowCount; r++) matchedRow[rows[r]!] = picked[r]!;
    }
  } finally {
    await conn.run(`drop table if exists ${quote(entityTable)}`);
  }
  return new Map(read.features.map((f) => [f, gather(staged, f, matchedRow)]));
}

/** A non-null INTEGER result vector as an Int32Array (its typed buffer in @duckdb/node-api 1.5.x, else item by item). */
function intItems(vector: DuckDBVector, count: number): Int32Array {
  const items = (vector as unknown as { items?: unknown }).items;
  if (items instanceof Int32Array && items.length === count) return items;
  return Int32Array.from({ length: count }, (_, i) => Number(vector.getItem(i)));
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
