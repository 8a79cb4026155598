import type { DuckDBConnection, DuckDBVector } from '@duckdb/node-api';
import { boolColumn, categoryColumn, float64Column, int32Column, type Column } from '@mlops/frame';
import type { ViewRead } from '../definitions/serviceColumns';
import { timeValue } from '../lib/cells';
import { quote } from '../lib/SqlTarget';
import { appendColumns, type AppendColumn } from './appendColumns';
import type { DuckDbApi } from './loadDuckDb';
import { entityKeyCodes, type StagedView } from './StagedView';

/**
 * The point-in-time join of one view in DuckDB: entity rows whose key the source has are appended
 * as (row index, key code, time) into `entityTable`, then one ASOF JOIN picks per row the staged
 * row with the same code and the newest time `<= t` (the staged table has no ties left), and the
 * TTL bound `ts >= t - ttl` drops older ones, as in the SQL engine. Results are streamed chunk by
 * chunk into typed columns indexed by row; rows without a match stay null.
 */
export async function duckAsOfJoin(conn: DuckDBConnection, api: DuckDbApi, staged: StagedView, read: ViewRead, keyCols: readonly Column[], tsCol: Column, entityTable: string): Promise<Map<string, Column>> {
  const n = tsCol.length;
  await conn.run(`create or replace table ${quote(entityTable)} ("_i" integer, "k" integer, "_ts" double)`);
  try {
    // Only rows that can match go in: a known key and a time.
    const codes = entityKeyCodes(staged, keyCols, n);
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
    const entityColumns: AppendColumn[] = [
      { kind: 'integer', data: index },
      { kind: 'integer', data: keys },
      { kind: 'double', data: times },
    ];
    await appendColumns(conn, api, entityTable, entityColumns, m);
    const outputs = read.features.map((f) => new OutputColumn(f, read.view.features[f]!, n, staged.dictionaries.get(f)));
    const ttl = read.view.ttlMs === null ? '' : ` where s."_ts" >= e."_ts" - ${Number(read.view.ttlMs)}`;
    const columns = read.features.map((f) => `s.${quote(f)}`).join(', ');
    const result = await conn.stream(`select e."_i", ${columns} from ${quote(entityTable)} e asof join ${quote(staged.table)} s on e."k" = s."k" and e."_ts" >= s."_ts"${ttl}`);
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const index = chunk.getColumnVector(0) as DuckDBVector<number>;
      outputs.forEach((out, c) => out.take(index, chunk.getColumnVector(c + 1) as DuckDBVector<number>, chunk.rowCount));
    }
    return new Map(outputs.map((o) => [o.name, o.finish()]));
  } finally {
    await conn.run(`drop table if exists ${quote(entityTable)}`);
  }
}

/** One feature's output column, filled by row index from the join's chunks (all null until set). */
class OutputColumn {
  private readonly data: Float64Array | Int32Array | Uint8Array;
  private readonly nulls: Uint8Array;

  constructor(
    readonly name: string,
    private readonly type: 'float' | 'int' | 'string' | 'bool',
    n: number,
    private readonly dictionary: string[] | undefined,
  ) {
    this.data = type === 'float' ? new Float64Array(n) : type === 'bool' ? new Uint8Array(n) : new Int32Array(n);
    this.nulls = new Uint8Array(n).fill(1);
  }

  take(index: DuckDBVector<number>, values: DuckDBVector<number>, count: number): void {
    for (let r = 0; r < count; r++) {
      const v = values.getItem(r);
      if (v === null) continue;
      const i = index.getItem(r)!;
      this.data[i] = v;
      this.nulls[i] = 0;
    }
  }

  finish(): Column {
    switch (this.type) {
      case 'float':
        return float64Column(this.data as Float64Array, this.nulls);
      case 'int':
        return int32Column(this.data as Int32Array, this.nulls);
      case 'bool':
        return boolColumn(this.data as Uint8Array, this.nulls);
      case 'string': {
        const codes = this.data as Int32Array;
        for (let i = 0; i < codes.length; i++) if (this.nulls[i]) codes[i] = -1;
        return categoryColumn(codes, this.dictionary ?? [], this.nulls);
      }
    }
  }
}
