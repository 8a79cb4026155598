import type { BatchOutput } from '../BatchTypes';
import { FileSink } from './FileSink';
import { ParquetSink } from './ParquetSink';
import type { ResultSink } from './ResultSink';
import { SqlSink } from './SqlSink';

/** Opens the writer for an output; `keyName` names the key column (the id column, or `row`). */
export function openSink(output: BatchOutput, keyName: string): ResultSink {
  if (output.kind === 'sql') return new SqlSink(output.url, output.table, keyName);
  if (output.kind === 'parquet') return new ParquetSink(output.path, keyName);
  return new FileSink(output.path, output.kind, keyName);
}
