/**
 * Sum of `values` with Neumaier's compensation: as accurate as numpy's pairwise summation or
 * better, so a constant column's mean comes out as the constant (naive summation drifts by ulps).
 */
export function sum(values: Float64Array): number {
  let total = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const t = total + v;
    compensation += Math.abs(total) >= Math.abs(v) ? total - t + v : v - t + total;
    total = t;
  }
  return total + compensation;
}
