import type { ModelSignature, TensorInfo, TensorValue } from '@mlops/core';

/** One output column of a chunk: numbers, or text (class labels). */
export interface PredictionColumn {
  name: string;
  kind: 'number' | 'text';
  values: ArrayLike<number> | readonly string[];
}

/** Names of the output columns for a model, before any row is scored (they make the output header). */
export function predictionColumnNames(outputs: readonly TensorInfo[], signature: ModelSignature): string[] {
  return outputs.flatMap((o) => columnsOf(o.name, o.dims.length === 2 ? o.dims[1] : 1, signature));
}

/**
 * Output tensors → columns: `label` as the class name (`classes[index]` for an int64 index),
 * `probabilities` as one `probability_<class>` column per class, any other output (a regression's
 * value) as itself, or `<name>_<j>` when it has several values per row.
 */
export function predictionColumns(outputs: readonly TensorInfo[], results: Record<string, TensorValue>, rows: number, signature: ModelSignature): PredictionColumn[] {
  const columns: PredictionColumn[] = [];
  for (const info of outputs) {
    const tensor = results[info.name];
    if (tensor === undefined) throw new Error(`the runtime returned no output "${info.name}" (it returned ${Object.keys(results).join(', ')})`);
    const width = rows === 0 ? widthOf(info) : tensor.data.length / rows;
    const names = columnsOf(info.name, width, signature);
    for (let j = 0; j < names.length; j++) columns.push(column(names[j], tensor, j, width, rows, info.name === 'label' ? signature.classes : undefined));
  }
  return columns;
}

function widthOf(info: TensorInfo): number {
  return info.dims.length === 2 && typeof info.dims[1] === 'number' ? info.dims[1] : 1;
}

function columnsOf(name: string, width: number | null, signature: ModelSignature): string[] {
  const w = width ?? signature.classes?.length ?? 1;
  if (name === 'probabilities' && signature.classes && signature.classes.length === w) return signature.classes.map((c) => `probability_${c}`);
  if (w === 1) return [name];
  return Array.from({ length: w }, (_, j) => `${name}_${j}`);
}

function column(name: string, tensor: TensorValue, j: number, width: number, rows: number, classes: readonly string[] | undefined): PredictionColumn {
  const data = tensor.data;
  if (Array.isArray(data)) return { name, kind: 'text', values: Array.from({ length: rows }, (_, i) => data[i * width + j]) };
  if (data instanceof BigInt64Array) {
    const values = Array.from({ length: rows }, (_, i) => Number(data[i * width + j]));
    if (classes) return { name, kind: 'text', values: values.map((v) => classes[v] ?? String(v)) };
    return { name, kind: 'number', values };
  }
  const numbers = data as Float32Array | Float64Array | Int32Array | Uint8Array;
  if (width === 1) return { name, kind: 'number', values: numbers.subarray(0, rows) };
  const values = new Float64Array(rows);
  for (let i = 0; i < rows; i++) values[i] = numbers[i * width + j];
  return { name, kind: 'number', values };
}
