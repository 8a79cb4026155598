import type { BatchInput } from '../BatchTypes';
import type { ChunkSource } from './ChunkSource';
import { CsvSource } from './CsvSource';
import { ParquetSource } from './ParquetSource';
import { SqlSource } from './SqlSource';

/** Opens the reader for an input. */
export function openSource(input: BatchInput, idColumn?: string): Promise<ChunkSource> {
  switch (input.kind) {
    case 'csv':
      return CsvSource.open(input.path, idColumn);
    case 'parquet':
      return ParquetSource.open(input.path, idColumn);
    case 'sql':
      return SqlSource.open(input.url, input.query, idColumn);
  }
}
