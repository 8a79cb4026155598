import { argsortAscending } from './argsort';
import { inputError } from './PerformanceError';

/**
 * An increasing isotonic fit as plain data: prediction interpolates linearly between the points and
 * clips outside them (scikit-learn's `IsotonicRegression(out_of_bounds='clip')`).
 */
export interface IsotonicFit {
  x: number[];
  y: number[];
}

/**
 * Pool-adjacent-violators on (x, y): equal x are first merged into their mean y (weighted by count,
 * as sklearn does), then neighbouring blocks that decrease are pooled until the fit never decreases.
 * O(n log n) for the sort, O(n) for the pooling.
 */
export function fitIsotonic(x: ArrayLike<number>, y: ArrayLike<number>): IsotonicFit {
  const n = x.length;
  if (n !== y.length) throw inputError(`fitIsotonic: x has ${n} values, y has ${y.length}`);
  if (n === 0) throw inputError('fitIsotonic: no points to fit');
  const order = argsortAscending(x);
  const ux = new Float64Array(n);
  const sum = new Float64Array(n);
  const weight = new Float64Array(n);
  let m = 0;
  for (let j = 0; j < n; j++) {
    const i = order[j]!;
    if (m > 0 && ux[m - 1] === x[i]) {
      sum[m - 1]! += y[i]!;
      weight[m - 1]!++;
    } else {
      ux[m] = x[i]!;
      sum[m] = y[i]!;
      weight[m++] = 1;
    }
  }
  // Blocks on a stack: each holds its total, its weight and how many unique x it spans.
  const bSum = new Float64Array(m);
  const bWeight = new Float64Array(m);
  const bSpan = new Int32Array(m);
  let top = 0;
  for (let j = 0; j < m; j++) {
    let s = sum[j]!;
    let w = weight[j]!;
    let span = 1;
    while (top > 0 && bSum[top - 1]! / bWeight[top - 1]! >= s / w) {
      top--;
      s += bSum[top]!;
      w += bWeight[top]!;
      span += bSpan[top]!;
    }
    bSum[top] = s;
    bWeight[top] = w;
    bSpan[top++] = span;
  }
  const fitted: number[] = [];
  for (let b = 0; b < top; b++) {
    const v = bSum[b]! / bWeight[b]!;
    for (let c = 0; c < bSpan[b]!; c++) fitted.push(v);
  }
  return { x: Array.from(ux.subarray(0, m)), y: fitted };
}

/** The fit at `v`: linear between neighbouring points, the end values outside them. */
export function predictIsotonic(fit: IsotonicFit, v: number): number {
  const { x, y } = fit;
  const last = x.length - 1;
  if (v <= x[0]!) return y[0]!;
  if (v >= x[last]!) return y[last]!;
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid]! <= v) lo = mid;
    else hi = mid;
  }
  const t = (v - x[lo]!) / (x[hi]! - x[lo]!);
  return y[lo]! + t * (y[hi]! - y[lo]!);
}
