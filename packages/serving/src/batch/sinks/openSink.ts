import type { BatchOutput } from '../BatchTypes';
import { FileSink } from './FileSink';
import type { ResultSink } from './ResultSink';
import { SqlSink } from './SqlSink';

/** Opens the writer for an output; `keyName` names the key column (the id column, or `row`). */
export function openSink(output: BatchOutput, keyName: string): ResultSink {
  return output.kind === 'sql' ? new SqlSink(output.url, output.table, keyName) : new FileSink(output.path, output.kind, keyName);
}
