/**
 * Row-major `rows × K` margins `X·Wᵀ + b` for a row-major `rows × p` matrix X, weights `coef`
 * (K rows of p) and `intercept` (K).
 */
export function margins(x: Float64Array, rows: number, coef: readonly (readonly number[])[], intercept: readonly number[]): Float64Array {
  const K = coef.length;
  const p = rows ? x.length / rows : 0;
  const out = new Float64Array(rows * K);
  for (let i = 0; i < rows; i++) {
    const off = i * p;
    for (let k = 0; k < K; k++) {
      const w = coef[k]!;
      let z = intercept[k]!;
      for (let j = 0; j < p; j++) z += w[j]! * x[off + j]!;
      out[i * K + k] = z;
    }
  }
  return out;
}
