import type { DuckDBConnection } from '@duckdb/node-api';
import { quote } from '../lib/SqlTarget';
import type { LatestRow, WindowLatest } from '../materialize/WindowLatest';
import { joinKeysOf } from '../offline/stageTable';
import type { StagedView } from './StagedView';

/**
 * The DuckDB engine's {@link WindowLatest}: the latest row per entity in `[start, end)` is computed
 * once into `windowTable` (newest time, then the later source row, as in the SQL engine), then read
 * in key order (feature values from the staged columns by source row), `limit` entities at a time after the cursor. Keys compare as text, byte-wise (as
 * SQLite's default collation does).
 */
export async function duckWindowLatest(conn: DuckDBConnection, staged: StagedView, start: number, end: number, windowTable: string): Promise<WindowLatest> {
  const view = staged.view;
  const keys = joinKeysOf(view);
  const keyList = keys.map((k) => `w.${quote(k)}`).join(', ');
  const features = Object.keys(view.features);
  const latest = `select * from ${quote(staged.table)} where "_ts" >= ${finite(start)} and "_ts" < ${finite(end)} qualify row_number() over (partition by "k" order by "_ts" desc, "_row" desc) = 1`;
  const w = quote(windowTable);
  await conn.run(`create or replace table ${w} as select ${keys.map((k) => `k.${quote(k)}`).join(', ')}, l.* from (${latest}) l join ${quote(staged.keyTable)} k on k."k" = l."k"`);
  const decode = (row: Record<string, unknown>): LatestRow => ({
    keys: keys.map((k) => row[k] as string),
    eventTimestamp: row._ts as number,
    values: Object.fromEntries(features.map((f) => [f, staged.columns.value(f, row._row as number)])),
  });
  return {
    count: async (upTo) => {
      const where = upTo === null ? '' : ` where ${keyBound(keys, '<=', upTo.length)}`;
      const reader = await conn.runAndReadAll(`select count(*)::integer as n from ${w} w${where}`, upTo ? [...upTo] : undefined);
      return reader.getRowObjectsJS()[0]!.n as number;
    },
    next: async (after, limit) => {
      const where = after === null ? '' : ` where ${keyBound(keys, '>', after.length)}`;
      const reader = await conn.runAndReadAll(`select * from ${w} w${where} order by ${keyList} limit ${Math.trunc(limit)}`, after ? [...after] : undefined);
      return reader.getRowObjectsJS().map((row) => decode(row as Record<string, unknown>));
    },
    close: async () => void (await conn.run(`drop table if exists ${w}`)),
  };
}

/** `(k1, k2, …) <op> ($1, $2, …)` as a lexicographic condition on the window table's key columns. */
function keyBound(keys: readonly string[], op: '<=' | '>', count: number): string {
  if (count !== keys.length) throw new Error(`materialization cursor has ${count} keys, the view has ${keys.length}`);
  const col = (j: number) => `w.${quote(keys[j]!)}`;
  const strict = op === '>' ? '>' : '<';
  const terms = keys.map((_, j) => {
    const equal = keys.slice(0, j).map((__, m) => `${col(m)} = $${m + 1}`);
    const last = j === keys.length - 1 ? `${col(j)} ${op} $${j + 1}` : `${col(j)} ${strict} $${j + 1}`;
    return `(${[...equal, last].join(' and ')})`;
  });
  return `(${terms.join(' or ')})`;
}

/** A window bound as an SQL literal (an infinite bound would print as text DuckDB cannot parse). */
function finite(bound: number): string {
  if (!Number.isFinite(bound)) return bound > 0 ? "'infinity'::double" : "'-infinity'::double";
  return String(bound);
}
