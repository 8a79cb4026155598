/**
 * Bandwidths of multivariate TPE's `multivariateBandwidth: 'neighbour'`, one dimension at a time:
 * each observation's distance to the nearest other observation in that dimension (transformed
 * space). Kernels are narrow where the observations crowd and wide where they are sparse, and the
 * widths shrink like range/n as the good set grows; Scott's rule gives every kernel one width,
 * 0.2·n^(−1/(d+4))·range, which stays near a fifth of the range for the few dozen good trials TPE fits.
 * (Measured against the joint form, the distance to the nearest observation in the unit cube: on
 * Hartmann-6 that radius is a third of the range or more and the search barely beat random.)
 *
 * With fewer than two observations there is no neighbour: undefined (the caller uses Scott's rule).
 */
export function nearestGaps(mus: Float64Array, n: number): Float64Array | undefined {
  if (n < 2) return undefined;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => mus[a]! - mus[b]!);
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const left = j > 0 ? mus[order[j]!]! - mus[order[j - 1]!]! : Infinity;
    const right = j < n - 1 ? mus[order[j + 1]!]! - mus[order[j]!]! : Infinity;
    out[order[j]!] = Math.min(left, right);
  }
  return out;
}
