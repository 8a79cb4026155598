import type { TensorValue } from '@mlops/core';
import type { FeatureRow, FeatureValue } from '../../PredictRequest';
import { rowsToFeeds, type FeedSpec } from '../../rowsToFeeds';
import { BatchInputError } from '../errors';
import type { RawValue, SourceChunk } from '../sources/ChunkSource';

/** Cells read as a missing value (the model's preprocessing imputes NaN), like `@mlops/frame`'s CSV reader. */
const nullTexts = new Set(['', 'NA', 'NaN', 'nan', 'null', 'NULL', 'N/A']);

/**
 * Turns a chunk into the model's feeds through the server's own `rowsToFeeds`, so batch and online
 * predictions see identical tensors. Input values are checked first: a column the model needs but
 * the input lacks, or a cell that is not a number for a numeric input, fails naming the column and
 * the row key (the server's conversion trusts validated requests and would turn "abc" into NaN).
 */
export function chunkFeeds(chunk: SourceChunk, specs: readonly FeedSpec[], description: string, available: readonly string[]): Record<string, TensorValue> {
  const rows: FeatureRow[] = Array.from({ length: chunk.rowCount }, () => ({}));
  for (const { name, kind } of specs) {
    const values = chunk.column(name);
    if (values === undefined) throw new BatchInputError(`${description}: expected a column "${name}" (a model input), found columns ${available.join(', ')}`);
    for (let i = 0; i < rows.length; i++) {
      rows[i]![name] = kind === 'string' ? toText(values[i]) : toNumber(values[i], name, chunk.keys[i]!, description, kind);
    }
  }
  return rowsToFeeds(rows, specs);
}

function toText(value: RawValue): FeatureValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

function toNumber(value: RawValue, column: string, key: string | number, description: string, kind: FeedSpec['kind']): number | null {
  let n: number;
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'bigint') n = Number(value);
  else if (typeof value === 'boolean') n = value ? 1 : 0;
  else if (value instanceof Date) n = value.getTime();
  else {
    const text = value.trim();
    if (nullTexts.has(text)) return null;
    n = text === 'true' ? 1 : text === 'false' ? 0 : Number(text);
    if (Number.isNaN(n)) throw new BatchInputError(`${description}: row ${key}: column "${column}": expected a number, found ${JSON.stringify(value)}`);
  }
  if (kind !== 'float32' && kind !== 'float64' && !Number.isInteger(n)) {
    throw new BatchInputError(`${description}: row ${key}: column "${column}": expected ${kind === 'bool' ? 'true/false' : 'an integer'}, found ${JSON.stringify(String(value))}`);
  }
  return n;
}
