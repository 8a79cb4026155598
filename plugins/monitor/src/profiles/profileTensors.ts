import type { TensorData, TensorValue } from '@mlops/core';
import type { ColumnSample, DatasetProfile } from '@mlops/drift';

/** Prefix of the profile columns that hold model outputs (inputs keep their feed names). */
export const outputPrefix = 'output.';

/**
 * The profile column of one value of a logged tensor: a one-wide input keeps its feed name
 * (`mean_radius`), a wide one gets an index (`features[3]`); outputs are prefixed
 * (`output.label`, `output.probabilities[1]`) so they never collide with an input.
 */
export function profileColumnName(role: 'input' | 'output', tensor: string, width: number, index: number): string {
  const base = role === 'output' ? `${outputPrefix}${tensor}` : tensor;
  return width === 1 ? base : `${base}[${index}]`;
}

/** True for a profile column that holds a model output. */
export function isOutputColumn(name: string): boolean {
  return name.startsWith(outputPrefix);
}

/**
 * Adds `rows` rows of served tensors to a profile, one column per value position: numbers (float,
 * int, int64, uint8) as numeric columns with NaN counted as null, strings as category counts. The
 * same mapping is used for the reference at registration and for every window, so their columns
 * line up. The caller adds `rows` to `profile.rowCount` once per batch.
 */
export function profileTensors(profile: DatasetProfile, role: 'input' | 'output', tensors: Readonly<Record<string, TensorValue>>, rows: number): void {
  if (rows === 0) return;
  for (const [name, tensor] of Object.entries(tensors)) {
    const width = Math.max(1, Math.floor(tensor.data.length / rows));
    for (let j = 0; j < width; j++) profile.addSample(profileColumnName(role, name, width, j), sampleOf(tensor.data, rows, width, j));
  }
}

/** Column `j` of a row-major `rows × width` tensor, as a profile sample. */
function sampleOf(data: TensorData, rows: number, width: number, j: number): ColumnSample {
  if (Array.isArray(data)) {
    const counts = new Map<string, number>();
    let nulls = 0;
    for (let i = 0; i < rows; i++) {
      const v = data[i * width + j];
      if (v === null || v === undefined) nulls++;
      else counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    return { type: 'counts', counts, present: rows - nulls, nulls };
  }
  const out = new Float64Array(rows);
  let n = 0;
  if (data instanceof BigInt64Array) for (let i = 0; i < rows; i++) out[n++] = Number(data[i * width + j]);
  else {
    const numbers = data as ArrayLike<number>;
    for (let i = 0; i < rows; i++) {
      const v = numbers[i * width + j]!;
      if (v === v) out[n++] = v;
    }
  }
  return { type: 'numeric', sorted: n === rows ? out : out.slice(0, n), nulls: rows - n };
}
