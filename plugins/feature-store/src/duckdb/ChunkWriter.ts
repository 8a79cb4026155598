import type { DuckDBAppender, DuckDBType, DuckDBVector } from '@duckdb/node-api';
import type { DuckDbApi } from './loadDuckDb';

/** Column kinds the engine's tables use: key codes, counters and dictionary codes are INTEGER. */
export type ColumnKind = 'integer' | 'double' | 'varchar';

/**
 * Buffers rows column by column and hands DuckDB's appender one full data chunk (2 048 rows) at a
 * time: values go into typed vectors, never through per-row SQL or boxed value objects.
 */
export class ChunkWriter {
  private readonly size: number;
  private readonly types: DuckDBType[];
  private readonly columns: (number | string | null)[][];
  private n = 0;

  constructor(
    private readonly api: DuckDbApi,
    private readonly appender: DuckDBAppender,
    kinds: readonly ColumnKind[],
  ) {
    this.size = 2048;
    this.types = kinds.map((k) => (k === 'integer' ? api.INTEGER : k === 'double' ? api.DOUBLE : api.VARCHAR));
    this.columns = kinds.map(() => new Array(this.size));
  }

  /** Sets column `c` of the current row (null: SQL NULL). */
  set(c: number, value: number | string | null): void {
    this.columns[c]![this.n] = value;
  }

  endRow(): void {
    if (++this.n === this.size) this.flush();
  }

  /** Appends what is buffered and closes the appender (the rows are then visible). */
  close(): void {
    this.flush();
    this.appender.closeSync();
  }

  private flush(): void {
    if (this.n === 0) return;
    const chunk = this.api.DuckDBDataChunk.create(this.types, this.n);
    this.columns.forEach((values, c) => {
      const vector = chunk.getColumnVector(c) as DuckDBVector<number | string>;
      for (let i = 0; i < this.n; i++) vector.setItem(i, values[i] ?? null);
      vector.flush();
    });
    this.appender.appendDataChunk(chunk);
    this.n = 0;
  }
}
