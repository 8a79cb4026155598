import type { TensorData, TensorValue } from '@mlops/core';
import { ServingError } from '../ServingError';
import type { FeedColumn, FeedSource } from './FeedSource';
import type { FeedKind, FeedSpec } from './FeedSpec';
import { isNullToken } from './nullTokens';

/** The model's inputs, one `[n, 1]` tensor per signature input. */
export type Feeds = Record<string, TensorValue>;

/** A cell `toFeeds` cannot convert, or an input the source lacks; `row` is null for a missing column. */
export class FeedValueError extends ServingError {
  constructor(
    readonly column: string,
    readonly row: number | null,
    readonly value: unknown,
    /** What the input takes, in words; kept as `expectedValue` (the base's `expected` is a string or undefined). */
    readonly expectedValue: string,
  ) {
    super(row === null ? 'missing_feature' : 'wrong_type', row === null ? `expected a column "${column}" (a model input)` : `row ${row}: column "${column}": expected ${expectedValue}, found ${JSON.stringify(value)}`, column, {
      expected: expectedValue,
      received: row === null ? undefined : JSON.stringify(value),
    });
  }
}

/** Hooks of {@link toFeeds}. */
export interface ToFeedsOptions {
  /** Called for a missing value of an input that is not nullable (may throw, naming the entity). */
  onMissing?: (spec: FeedSpec, row: number) => void;
}

/**
 * The one conversion from input columns to the model's feeds, shared by `/predict` (request rows
 * and online lookups), batch inference and evaluation, so each sees identical tensors. Missing
 * values (null, undefined, a null mask bit or one of the shared null tokens) become NaN for
 * floats, 0 for integers and booleans, `''` for strings: the graph's imputer handles them.
 * Typed frame columns are copied with one loop per column and no per-row allocation.
 */
export function toFeeds(source: FeedSource, specs: readonly FeedSpec[], options: ToFeedsOptions = {}): Feeds {
  const n = source.rowCount;
  const feeds: Feeds = {};
  for (const spec of specs) {
    const column = source.column(spec.name);
    if (!column) throw new FeedValueError(spec.name, null, undefined, 'a column');
    feeds[spec.name] = { data: convert(column, spec, n, options), dims: [n, 1] };
  }
  return feeds;
}

function convert(column: FeedColumn, spec: FeedSpec, n: number, options: ToFeedsOptions): TensorData {
  const { kind } = spec;
  if (kind === 'string') return toStrings(column, spec, n, options);
  const data = allocate(kind, n) as Exclude<TensorData, string[]>;
  const { values, nulls } = column;
  const missing = kind === 'float32' || kind === 'float64' ? NaN : 0;
  // Fast path: a typed numeric column (a frame's) needs no per-cell type test.
  if (ArrayBuffer.isView(values) && !column.dictionary && !(values instanceof BigInt64Array)) {
    const typed = values as unknown as ArrayLike<number>;
    if (kind === 'int64') {
      const out = data as BigInt64Array;
      for (let i = 0; i < n; i++) {
        if (nulls?.[i]) missingAt(spec, i, options);
        out[i] = nulls?.[i] ? 0n : BigInt(Math.trunc(typed[i]!));
      }
    } else if (!nulls) {
      (data as Float32Array).set(typed);
    } else {
      const out = data as Float32Array;
      for (let i = 0; i < n; i++) {
        if (nulls?.[i]) {
          missingAt(spec, i, options);
          out[i] = missing;
        } else out[i] = typed[i]!;
      }
    }
    return data;
  }
  for (let i = 0; i < n; i++) {
    const x = numberOf(column, i, spec);
    if (x === null) {
      missingAt(spec, i, options);
      if (kind === 'int64') (data as BigInt64Array)[i] = 0n;
      else (data as Float32Array)[i] = missing;
    } else if (kind === 'int64') (data as BigInt64Array)[i] = BigInt(Math.trunc(x));
    else (data as Float32Array)[i] = x;
  }
  return data;
}

function allocate(kind: Exclude<FeedKind, 'string'>, n: number) {
  switch (kind) {
    case 'float32': return new Float32Array(n);
    case 'float64': return new Float64Array(n);
    case 'int64': return new BigInt64Array(n);
    case 'int32': return new Int32Array(n);
    case 'bool': return new Uint8Array(n);
  }
}

function missingAt(spec: FeedSpec, row: number, options: ToFeedsOptions): void {
  if (!spec.nullable) options.onMissing?.(spec, row);
}

/** The number in a cell, or null when it is missing; throws for text that is not a number. */
function numberOf(column: FeedColumn, i: number, spec: FeedSpec): number | null {
  if (column.nulls?.[i]) return null;
  const v = column.values[i];
  let x: number;
  if (typeof v === 'number') x = v;
  else if (v === null || v === undefined) return null;
  else if (typeof v === 'boolean') return v ? 1 : 0;
  else if (typeof v === 'bigint') x = Number(v);
  else if (v instanceof Date) x = v.getTime();
  else if (typeof v === 'string') {
    if (isNullToken(v)) return null;
    const text = v.trim();
    x = text === 'true' ? 1 : text === 'false' ? 0 : Number(text);
    if (Number.isNaN(x)) throw new FeedValueError(spec.name, i, v, 'a number');
  } else throw new FeedValueError(spec.name, i, v, 'a number');
  if (spec.kind !== 'float32' && spec.kind !== 'float64' && !Number.isInteger(x)) {
    throw new FeedValueError(spec.name, i, v, spec.kind === 'bool' ? 'true/false' : 'an integer');
  }
  return x;
}

function toStrings(column: FeedColumn, spec: FeedSpec, n: number, options: ToFeedsOptions): string[] {
  const out = new Array<string>(n);
  const { values, nulls, dictionary } = column;
  for (let i = 0; i < n; i++) {
    const v = nulls?.[i] ? null : dictionary ? dictionary[values[i] as number] : values[i];
    let text: string | null;
    if (v === null || v === undefined) text = null;
    else if (typeof v === 'string') text = isNullToken(v) ? null : v;
    else text = v instanceof Date ? v.toISOString() : String(v);
    if (text === null) missingAt(spec, i, options);
    out[i] = text ?? '';
  }
  return out;
}
