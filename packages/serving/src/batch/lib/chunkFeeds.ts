import type { TensorValue } from '@mlops/core';
import type { FeedSpec } from '../../feeds/FeedSpec';
import { FeedValueError, toFeeds } from '../../feeds/toFeeds';
import { BatchInputError } from '../errors';
import type { SourceChunk } from '../sources/ChunkSource';

/**
 * Turns a chunk into the model's feeds through the shared `toFeeds`, so batch and online
 * predictions see identical tensors and the same null tokens. A column the model needs but the
 * input lacks, or a cell that is not a number for a numeric input, fails naming the column and the
 * row key.
 */
export function chunkFeeds(chunk: SourceChunk, specs: readonly FeedSpec[], description: string, available: readonly string[]): Record<string, TensorValue> {
  try {
    return toFeeds({ rowCount: chunk.rowCount, column: (name) => { const values = chunk.column(name); return values && { values }; } }, specs);
  } catch (error) {
    if (!(error instanceof FeedValueError)) throw error;
    if (error.row === null) throw new BatchInputError(`${description}: expected a column "${error.column}" (a model input), found columns ${available.join(', ')}`);
    throw new BatchInputError(`${description}: row ${chunk.keys[error.row]}: column "${error.column}": expected ${error.expectedValue}, found ${JSON.stringify(error.value)}`);
  }
}
