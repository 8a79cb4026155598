import type { TensorValue } from '@mlops/core';
import { categoryColumn, float64Column, Frame, type Column } from '@mlops/frame';
import type { FittedTransformChain } from '@mlops/transforms';
import { TfjsRuntimeError, tfjsRuntimeErrorCodes } from '../errors';
import type { TfjsServingBundle } from '../bundleSchema';

function fail(message: string): never {
  throw new TfjsRuntimeError(tfjsRuntimeErrorCodes.run, message);
}

/** The batch size, checking every input is fed one value per row (`[n]` or `[n, 1]`). */
function rowCount(inputs: TfjsServingBundle['inputs'], feeds: Record<string, TensorValue>): number {
  let rows: number | undefined;
  for (const { name } of inputs) {
    const feed = feeds[name] ?? fail(`input "${name}" is not fed (fed: ${Object.keys(feeds).join(', ') || 'none'})`);
    const n = feed.dims[0] ?? 0;
    if (feed.data.length !== n) fail(`input "${name}": expected one value per row, dims [${feed.dims.join(', ')}] with ${feed.data.length} values`);
    if (rows !== undefined && n !== rows) fail(`input "${name}" has ${n} rows, the previous inputs ${rows}`);
    rows = n;
  }
  return rows ?? 0;
}

/** A string feed as a category column; `''` (how a missing category travels as a string) is null. */
function categoryFrom(values: readonly string[]): Column {
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(values.length);
  values.forEach((v, i) => {
    if (v === '') return void (codes[i] = -1);
    let code = index.get(v);
    if (code === undefined) index.set(v, (code = dictionary.push(v) - 1));
    codes[i] = code;
  });
  return categoryColumn(codes, dictionary);
}

/** A numeric feed as float64 (NaN = missing, as the serving ONNX's imputers read it). */
function numbersFrom(name: string, data: TensorValue['data']): Float64Array {
  if (Array.isArray(data)) fail(`input "${name}": expected a float tensor, found strings`);
  if (data instanceof BigInt64Array) return Float64Array.from(data, Number);
  return Float64Array.from(data);
}

/**
 * The model's features for a batch, row-major float32 `rows × featureNames.length`: the feeds as a
 * Frame, through the fitted chain when there is one. Missing values left after it stay NaN, as the
 * serving ONNX would propagate them.
 */
export function feedsToFeatures(feeds: Record<string, TensorValue>, bundle: TfjsServingBundle, chain: FittedTransformChain | undefined): { rows: number; x: Float32Array } {
  const rows = rowCount(bundle.inputs, feeds);
  const names = bundle.model.featureNames;
  const x = new Float32Array(rows * names.length);
  if (!chain) {
    names.forEach((name, c) => {
      const values = numbersFrom(name, feeds[name]!.data);
      for (let r = 0; r < rows; r++) x[r * names.length + c] = values[r]!;
    });
    return { rows, x };
  }
  const columns: Record<string, Column> = {};
  for (const { name, type } of bundle.inputs) {
    const data = feeds[name]!.data;
    if (type === 'string' && !Array.isArray(data)) fail(`input "${name}": expected a string tensor, found ${data.constructor.name}`);
    columns[name] = type === 'string' ? categoryFrom(data as string[]) : float64Column(numbersFrom(name, data));
  }
  const features = chain.features(Frame.fromColumns(columns));
  const at = names.map((n) => features.names.indexOf(n));
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < names.length; c++) x[r * names.length + c] = features.data[r * features.cols + at[c]!]!;
  }
  return { rows, x };
}
