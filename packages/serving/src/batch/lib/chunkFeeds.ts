import type { TensorInfo, TensorValue } from '@mlops/core';
import { BatchInputError } from '../errors';
import type { RawValue, SourceChunk } from '../sources/ChunkSource';

/** Cells read as a missing value (the model's preprocessing imputes NaN), like `@mlops/frame`'s CSV reader. */
const nullTexts = new Set(['', 'NA', 'NaN', 'nan', 'null', 'NULL', 'N/A']);

/**
 * Turns a chunk into one tensor per model input, named like the input's column: the serving ONNX
 * takes each raw column as `[rows, 1]` (or `[rows]`). A column the model needs but the input lacks,
 * or a value that is not a number for a numeric input, fails naming the column and the row key.
 */
export function chunkFeeds(chunk: SourceChunk, inputs: readonly TensorInfo[], description: string, available: readonly string[]): Record<string, TensorValue> {
  const feeds: Record<string, TensorValue> = {};
  for (const input of inputs) {
    const values = chunk.column(input.name);
    if (values === undefined) {
      throw new BatchInputError(`${description}: expected a column "${input.name}" (a model input), found columns ${available.join(', ')}`);
    }
    if (input.dims.length > 2 || (input.dims.length === 2 && input.dims[1] !== 1 && input.dims[1] !== null)) {
      throw new BatchInputError(`model input "${input.name}": expected one value per row ([N] or [N, 1]), found shape [${input.dims.map((d) => d ?? 'N').join(', ')}]`);
    }
    const dims = input.dims.length === 2 ? [chunk.rowCount, 1] : [chunk.rowCount];
    feeds[input.name] = { data: tensorData(values, input, chunk, description), dims };
  }
  return feeds;
}

function tensorData(values: readonly RawValue[], input: TensorInfo, chunk: SourceChunk, description: string): TensorValue['data'] {
  const n = values.length;
  switch (input.type) {
    case 'float32':
    case 'float':
    case 'float64':
    case 'double': {
      const out = input.type === 'float32' || input.type === 'float' ? new Float32Array(n) : new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = toNumber(values[i], input.name, chunk.keys[i], description);
      return out;
    }
    case 'int32':
    case 'int64':
    case 'bool': {
      const out = input.type === 'int32' ? new Int32Array(n) : input.type === 'bool' ? new Uint8Array(n) : new BigInt64Array(n);
      for (let i = 0; i < n; i++) {
        const v = toNumber(values[i], input.name, chunk.keys[i], description);
        if (!Number.isInteger(v)) throw new BatchInputError(`${description}: row ${chunk.keys[i]}: column "${input.name}": expected ${input.type === 'bool' ? 'true/false' : 'an integer'}, found ${JSON.stringify(String(values[i]))}`);
        if (out instanceof BigInt64Array) out[i] = BigInt(v);
        else out[i] = v;
      }
      return out;
    }
    case 'string':
      return values.map((v) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v)));
    default:
      throw new BatchInputError(`model input "${input.name}": tensor type ${input.type} is not supported by batch inference (expected float, double, int32, int64, bool or string)`);
  }
}

function toNumber(value: RawValue, column: string, key: string | number, description: string): number {
  if (value === null || value === undefined) return NaN;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.getTime();
  const text = value.trim();
  if (nullTexts.has(text)) return NaN;
  if (text === 'true' || text === 'false') return text === 'true' ? 1 : 0;
  const n = Number(text);
  if (Number.isNaN(n)) throw new BatchInputError(`${description}: row ${key}: column "${column}": expected a number, found ${JSON.stringify(value)}`);
  return n;
}
