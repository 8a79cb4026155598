import type { ModelSignature, TensorInfo, TensorValue } from '@mlops/core';
import type { FeatureRow, FeatureValue } from './PredictRequest';

type FeedKind = 'float32' | 'float64' | 'int64' | 'int32' | 'bool' | 'string';

const kindOfRuntimeType: Record<string, FeedKind> = {
  float32: 'float32', float: 'float32', float64: 'float64', double: 'float64',
  int64: 'int64', int32: 'int32', bool: 'bool', string: 'string',
};
const kindOfSignatureType: Record<string, FeedKind> = { float: 'float32', double: 'float64', int: 'int64', bool: 'bool', string: 'string' };

/** One input of the model: its name and the tensor type it wants. */
export interface FeedSpec {
  name: string;
  kind: FeedKind;
}

/**
 * The tensor type of each signature input, preferring what the loaded graph declares (a serving
 * ONNX usually takes every raw numeric column as float32, whatever the signature's column type).
 */
export function feedSpecs(signature: ModelSignature, modelInputs?: readonly TensorInfo[]): FeedSpec[] {
  const declared = new Map(modelInputs?.map((i) => [i.name, i.type]));
  return signature.inputs.map((c) => ({ name: c.name, kind: kindOfRuntimeType[declared.get(c.name) ?? ''] ?? kindOfSignatureType[c.type] ?? 'float32' }));
}

/**
 * Validated rows → one `[n, 1]` tensor per input, column by column. Missing numeric values become
 * NaN (the graph's imputer replaces them), missing strings `''`, missing booleans false.
 */
export function rowsToFeeds(rows: readonly FeatureRow[], specs: readonly FeedSpec[]): Record<string, TensorValue> {
  const n = rows.length;
  const dims = [n, 1] as const;
  const feeds: Record<string, TensorValue> = {};
  for (const { name, kind } of specs) {
    if (kind === 'string') {
      const data = new Array<string>(n);
      for (let i = 0; i < n; i++) data[i] = toText(rows[i]![name]);
      feeds[name] = { data, dims };
    } else if (kind === 'int64') {
      const data = new BigInt64Array(n);
      for (let i = 0; i < n; i++) data[i] = BigInt(Math.trunc(toNumber(rows[i]![name], 0)));
      feeds[name] = { data, dims };
    } else {
      const data = kind === 'float64' ? new Float64Array(n) : kind === 'int32' ? new Int32Array(n) : kind === 'bool' ? new Uint8Array(n) : new Float32Array(n);
      const missing = kind === 'float32' || kind === 'float64' ? NaN : 0;
      for (let i = 0; i < n; i++) data[i] = toNumber(rows[i]![name], missing);
      feeds[name] = { data, dims };
    }
  }
  return feeds;
}

function toNumber(v: FeatureValue | undefined, missing: number): number {
  if (v === null || v === undefined) return missing;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return typeof v === 'number' ? v : Number(v);
}

function toText(v: FeatureValue | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}
