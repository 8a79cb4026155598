import type { DuckDBConnection, DuckDBVector } from '@duckdb/node-api';
import type { DuckDbApi } from './loadDuckDb';

/** One column to append: INTEGER from an Int32Array, DOUBLE from a Float64Array, VARCHAR from strings; `nulls[i] === 1` is NULL. */
export type AppendColumn =
  | { kind: 'integer'; data: Int32Array; nulls?: Uint8Array }
  | { kind: 'double'; data: Float64Array; nulls?: Uint8Array }
  | { kind: 'varchar'; data: readonly string[]; nulls?: Uint8Array };

/** The typed buffer a numeric vector of @duckdb/node-api 1.5.x keeps before `flush` copies it into DuckDB. */
interface NumericVector {
  items?: Int32Array | Float64Array;
  validity: { setItemValid(i: number, valid: boolean): void };
  setItem(i: number, value: number | string | null): void;
  flush(): void;
}

/**
 * Appends `rowCount` rows to `table` one data chunk (2 048 rows) at a time. Numeric columns are
 * copied into the vector's typed buffer with one `set` per chunk, which is what makes loading a
 * million entity rows cheap; the per-value `setItem` is the fallback and is used for strings.
 */
export async function appendColumns(conn: DuckDBConnection, api: DuckDbApi, table: string, columns: readonly AppendColumn[], rowCount: number): Promise<void> {
  const appender = await conn.createAppender(table);
  const types = columns.map((c) => (c.kind === 'integer' ? api.INTEGER : c.kind === 'double' ? api.DOUBLE : api.VARCHAR));
  const size = 2048;
  try {
    for (let start = 0; start < rowCount; start += size) {
      const n = Math.min(size, rowCount - start);
      const chunk = api.DuckDBDataChunk.create(types, n);
      columns.forEach((column, c) => {
        const vector = chunk.getColumnVector(c) as DuckDBVector as unknown as NumericVector;
        const nulls = column.nulls;
        if (column.kind !== 'varchar' && vector.items && vector.items.length === n) {
          vector.items.set(column.data.subarray(start, start + n));
          if (nulls) for (let i = 0; i < n; i++) if (nulls[start + i] === 1) vector.validity.setItemValid(i, false);
        } else {
          for (let i = 0; i < n; i++) vector.setItem(i, nulls?.[start + i] === 1 ? null : column.data[start + i]!);
        }
        vector.flush();
      });
      appender.appendDataChunk(chunk);
    }
  } finally {
    appender.closeSync();
  }
}
