/**
 * Per-kernel bandwidths for multivariate TPE's `multivariateBandwidth: 'neighbour'`: each observation's
 * distance to its nearest other observation, Euclidean in the unit cube (every numeric dimension
 * scaled by its transformed range). A kernel's σ in a dimension is this radius times that dimension's
 * range, so kernels are narrow where the observations are dense and wide where they are sparse, and
 * shrink like n^(−1/d) as a d-dimensional sample fills the space (Scott's rule gives every kernel the
 * same n^(−1/(d+4)) width, which stays wide in the good set of a few dozen trials).
 *
 * `unit[d][i]` is observation i's coordinate in dimension d, in [0, 1]. With fewer than two
 * observations there is no neighbour and the result is undefined (the caller falls back to Scott's rule).
 */
export function neighbourRadii(unit: readonly Float64Array[], n: number): Float64Array | undefined {
  if (n < 2) return undefined;
  const out = new Float64Array(n).fill(Infinity);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (const col of unit) s += (col[i]! - col[j]!) ** 2;
      const r = Math.sqrt(s);
      if (r < out[i]!) out[i] = r;
      if (r < out[j]!) out[j] = r;
    }
  }
  return out;
}
