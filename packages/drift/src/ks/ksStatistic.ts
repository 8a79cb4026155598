/**
 * The two-sample KS statistic of two ascending samples as an exact integer: max over distinct values
 * v of |F1(v) − F2(v)|·n1·n2 = |i·n2 − j·n1|, with i, j the counts ≤ v. Evaluating only after a
 * whole run of equal values makes ties correct (SciPy's searchsorted(side='right') does the same).
 */
export function ksStatisticScaled(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let best = 0;
  while (i < n1 && j < n2) {
    const v = a[i] <= b[j] ? a[i] : b[j];
    while (i < n1 && a[i] === v) i++;
    while (j < n2 && b[j] === v) j++;
    const diff = Math.abs(i * n2 - j * n1);
    if (diff > best) best = diff;
  }
  // Once one side is exhausted its CDF is 1 and the other's only grows toward 1: |diff| shrinks.
  return best;
}
