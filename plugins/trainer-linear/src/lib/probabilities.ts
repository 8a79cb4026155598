/**
 * Class probabilities, row-major `rows × classes`, from margins: one log-odds column (binary ⇒
 * `[1 − σ(z), σ(z)]`) or one column per class (softmax, max-shifted so exp never overflows).
 */
export function probabilities(m: Float64Array, rows: number): Float64Array {
  const K = rows ? m.length / rows : 1;
  if (K === 1) {
    const out = new Float64Array(rows * 2);
    for (let i = 0; i < rows; i++) {
      const p = 1 / (1 + Math.exp(-m[i]!));
      out[2 * i] = 1 - p;
      out[2 * i + 1] = p;
    }
    return out;
  }
  const out = new Float64Array(m.length);
  for (let i = 0; i < rows; i++) {
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, m[i * K + k]!);
    let sum = 0;
    for (let k = 0; k < K; k++) sum += out[i * K + k] = Math.exp(m[i * K + k]! - max);
    for (let k = 0; k < K; k++) out[i * K + k]! /= sum;
  }
  return out;
}

/** Mean log loss of class indices `y` under margins `m` (computed from margins, so it stays finite). */
export function meanLogloss(m: Float64Array, y: Float64Array): number {
  const rows = y.length;
  const K = rows ? m.length / rows : 1;
  let total = 0;
  for (let i = 0; i < rows; i++) {
    if (K === 1) {
      const z = m[i]!;
      // log(1 + e^z) − y·z, written so neither branch overflows.
      total += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i]! * z;
    } else {
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, m[i * K + k]!);
      let sum = 0;
      for (let k = 0; k < K; k++) sum += Math.exp(m[i * K + k]! - max);
      total += max + Math.log(sum) - m[i * K + y[i]!]!;
    }
  }
  return rows ? total / rows : 0;
}
